"""Find rule packs, load and validate their YAML, and merge them into one RuleSet.

A pack is a directory with ``pack.yaml`` (the manifest) and rule files
(``*.yaml`` with ``rules:`` and/or ``omissions:``). Rule ids are ``<pack>.<id>``;
a later pack can replace a rule of an earlier one by repeating its full id.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from finepr.errors import RuleFileError
from finepr.ruleset.paths import builtin_rules_dir
from finepr.ruleset.schema import OmissionCheck, PackManifest, Rule, RuleFile, Settings, Strict
from finepr.ruleset.yamlio import LineDict, load_yaml, locate

MANIFEST = "pack.yaml"
NOT_RULE_FILES = {MANIFEST, "structure.yaml"}


@dataclass
class LoadedRule:
    rule: Rule
    full_id: str
    pack: str
    path: str
    line: int


@dataclass
class LoadedOmission:
    check: OmissionCheck
    full_id: str
    pack: str
    path: str
    line: int


@dataclass
class Pack:
    manifest: PackManifest
    path: Path
    rules: list[LoadedRule] = field(default_factory=list)
    omissions: list[LoadedOmission] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.manifest.name


@dataclass
class RuleSet:
    packs: list[Pack]
    rules: dict[str, LoadedRule]
    omissions: dict[str, LoadedOmission]
    settings: Settings
    structure_cues: dict

    def pack_info(self) -> list[dict[str, str]]:
        return [{"name": p.name, "version": p.manifest.version} for p in self.packs]


def _suggest(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _model_fields(model: type[Strict], loc: tuple) -> list[str]:
    """The allowed keys at the model level that ``loc`` points into."""
    current: type | None = model
    for part in loc[:-1]:
        if current is None or isinstance(part, int):
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            return []
        current = _inner_model(info.annotation)
    return list(getattr(current, "model_fields", {}).keys()) if current else []


def _inner_model(annotation) -> type | None:
    if isinstance(annotation, type) and issubclass(annotation, Strict):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found:
            return found
    return None


def validation_errors(exc: ValidationError, data, path: Path, model: type[Strict]) -> list[RuleFileError]:
    """Turn pydantic errors into one precise RuleFileError each."""
    errors: list[RuleFileError] = []
    seen: set[tuple] = set()
    for err in exc.errors():
        loc = tuple(err["loc"])
        # Union members produce one error per member; report the first per location.
        loc = tuple(p for p in loc if not (isinstance(p, str) and p in ("str", "ExampleCase")))
        if loc in seen:
            continue
        seen.add(loc)
        line, col = locate(data, loc) or (None, None)
        where = ".".join(str(p) for p in loc) or "file"
        if err["type"] == "extra_forbidden":
            key = str(loc[-1])
            hint = _suggest(key, _model_fields(model, loc))
            errors.append(RuleFileError(f"unknown key '{key}'{hint}", path=str(path), line=line, column=col,
                                        code="E201"))
        elif err["type"] == "missing":
            errors.append(RuleFileError(f"missing required key '{loc[-1]}' in {'.'.join(map(str, loc[:-1])) or 'file'}",
                                        path=str(path), line=line, column=col, code="E202"))
        else:
            errors.append(RuleFileError(f"{where}: {err['msg']}", path=str(path), line=line, column=col,
                                        code="E203"))
    return errors


def _parse(path: Path, model: type[Strict], errors: list[RuleFileError]):
    try:
        data = load_yaml(path)
    except RuleFileError as exc:
        errors.append(exc)
        return None, None
    if data is None:
        data = LineDict()
        data.marks, data.mark = {}, (1, 1)
    if not isinstance(data, dict):
        errors.append(RuleFileError("a rule file must be a mapping at the top level", path=str(path),
                                    line=1, column=1, code="E200"))
        return None, None
    try:
        return model.model_validate(data), data
    except ValidationError as exc:
        errors.extend(validation_errors(exc, data, path, model))
        return None, data


def load_pack(directory: Path, errors: list[RuleFileError]) -> Pack | None:
    """Load one pack directory; problems are appended to ``errors``."""
    manifest_path = directory / MANIFEST
    if not manifest_path.is_file():
        errors.append(RuleFileError(f"not a rule pack: no {MANIFEST}", path=str(directory), code="E010"))
        return None
    manifest, _ = _parse(manifest_path, PackManifest, errors)
    if manifest is None:
        return None
    pack = Pack(manifest=manifest, path=directory)
    for path in sorted(directory.glob("*.y*ml")):
        if path.name in NOT_RULE_FILES:
            continue
        rule_file, data = _parse(path, RuleFile, errors)
        if rule_file is None:
            continue
        for index, rule in enumerate(rule_file.rules):
            line = locate(data, ("rules", index))[0]
            pack.rules.append(LoadedRule(rule, f"{manifest.name}.{rule.id}", manifest.name, str(path), line))
        for index, check in enumerate(rule_file.omissions):
            line = locate(data, ("omissions", index))[0]
            pack.omissions.append(LoadedOmission(check, f"{manifest.name}.{check.id}", manifest.name,
                                                 str(path), line))
    return pack


def find_pack_dirs(root: Path) -> list[Path]:
    """``root`` itself if it is a pack, else its immediate pack subdirectories."""
    if (root / MANIFEST).is_file():
        return [root]
    return sorted(p for p in root.iterdir() if p.is_dir() and (p / MANIFEST).is_file())


def _merge_settings(base: Settings, extra: Settings | None) -> Settings:
    if extra is None:
        return base
    merged = base.model_dump()
    merged.update({k: v for k, v in extra.model_dump().items() if v is not None})
    return Settings.model_validate(merged)


def collect(dirs: list[Path], builtin: bool = True, select: list[str] | None = None
            ) -> tuple[RuleSet, list[RuleFileError]]:
    """Load every pack, check cross-file problems, and merge into a RuleSet."""
    errors: list[RuleFileError] = []
    roots = ([builtin_rules_dir()] if builtin else []) + list(dirs)
    packs: list[Pack] = []
    for root in roots:
        if not root.exists():
            errors.append(RuleFileError("no such rules directory", path=str(root), code="E010"))
            continue
        pack_dirs = find_pack_dirs(root) if root.is_dir() else []
        if not pack_dirs:
            errors.append(RuleFileError(f"no rule packs here (a pack is a folder with {MANIFEST})",
                                        path=str(root), code="E010"))
        for directory in pack_dirs:
            pack = load_pack(directory, errors)
            if pack:
                packs.append(pack)
    if select:
        unknown = [name for name in select if name not in {p.name for p in packs}]
        for name in unknown:
            errors.append(RuleFileError(f"no pack named '{name}'{_suggest(name, [p.name for p in packs])}",
                                        code="E011"))
        packs = [p for p in packs if p.name in select or p.name == "core"]
    rules: dict[str, LoadedRule] = {}
    omissions: dict[str, LoadedOmission] = {}
    settings = Settings()
    cues: dict = {}
    for pack in packs:
        settings = _merge_settings(settings, pack.manifest.settings)
        structure = pack.path / "structure.yaml"
        if structure.is_file():
            try:
                cues.update(load_yaml(structure) or {})
            except RuleFileError as exc:
                errors.append(exc)
        local: dict[str, LoadedRule] = {}
        for loaded in pack.rules:
            if loaded.full_id in local:
                first = local[loaded.full_id]
                errors.append(RuleFileError(f"duplicate rule id '{loaded.rule.id}' (first defined at "
                                            f"{first.path}:{first.line})", path=loaded.path, line=loaded.line,
                                            column=1, code="E301"))
                continue
            local[loaded.full_id] = loaded
            rules[loaded.full_id] = loaded  # a later pack may override an earlier one's rule
        for loaded in pack.omissions:
            omissions[loaded.full_id] = loaded
    return RuleSet(packs, rules, omissions, settings, cues), errors


def load_ruleset(dirs: list[Path] | None = None, builtin: bool = True, select: list[str] | None = None) -> RuleSet:
    """Load packs for analysis; the first problem is raised as a RuleFileError."""
    ruleset, errors = collect(list(dirs or []), builtin=builtin, select=select)
    if errors:
        raise errors[0]
    return ruleset
