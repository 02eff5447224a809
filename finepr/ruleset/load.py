"""Find rule packs, load and validate their YAML, and merge them into one RuleSet.

A pack is a directory with ``pack.yaml`` (the manifest) and rule files
(``*.yaml`` with ``rules:`` and/or ``omissions:``). Rule ids are ``<pack>.<id>``.

Overrides: a rule (or omission item) whose ``id`` starts with the name of a pack
loaded *before* its own pack, plus ".", replaces that pack's rule of the same full
id: ``id: core.hedge.aspirational`` in pack ``mine`` replaces the built-in rule.
Packs load in order (the built-ins first, then each ``--rules``/PATH folder), so a
built-in id can never be captured by a user pack that happens to share a name
with an id's first segment. The replacement keeps the replaced rule's pack for
domain activation (``LoadedRule.pack``) and records where it came from
(``defined_in``, ``overrides``).
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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
    pack: str  # the pack whose namespace (and domain) the rule belongs to
    path: str
    line: int
    column: int = 1
    raw: Any = field(default=None, repr=False, compare=False)  # the rule's LineDict, for locations
    defined_in: str = ""  # the pack whose file defines it (differs from ``pack`` for an override)
    overrides: LoadedRule | None = field(default=None, repr=False, compare=False)


@dataclass
class LoadedOmission:
    check: OmissionCheck
    full_id: str
    pack: str
    path: str
    line: int
    column: int = 1
    raw: Any = field(default=None, repr=False, compare=False)
    defined_in: str = ""
    overrides: LoadedOmission | None = field(default=None, repr=False, compare=False)

    @property
    def rule(self) -> OmissionCheck:
        """The checklist item (named like LoadedRule.rule so callers can treat both alike)."""
        return self.check


@dataclass
class Pack:
    manifest: PackManifest
    path: Path
    rules: list[LoadedRule] = field(default_factory=list)
    omissions: list[LoadedOmission] = field(default_factory=list)
    manifest_raw: Any = field(default=None, repr=False, compare=False)

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

    def get(self, full_id: str) -> LoadedRule | LoadedOmission | None:
        """A rule or omission item by full id."""
        return self.rules.get(full_id) or self.omissions.get(full_id)

    def ids(self) -> list[str]:
        return list(self.rules) + list(self.omissions)


def suggestion(word: str, options: list[str]) -> str | None:
    """The closest option to a misspelt word, if one is close enough."""
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return close[0] if close else None


def suggest(word: str, options: list[str]) -> str:
    """' (did you mean 'x'?)' for the closest option, or ''."""
    close = suggestion(word, options)
    return f" (did you mean '{close}'?)" if close else ""


def dotted(loc: tuple) -> str:
    """``rules[0].examples.match[1]`` from ("rules", 0, "examples", "match", 1)."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


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
    """Turn pydantic errors into one precise RuleFileError each.

    A misspelt key is reported once, as unknown with a suggestion: the "missing
    required key" error for the key it was meant to be is dropped.
    """
    errors: list[RuleFileError] = []
    seen: set[tuple] = set()
    raw = exc.errors()
    suggested: set[tuple] = set()
    for err in raw:
        if err["type"] == "extra_forbidden":
            loc = _strip_members(tuple(err["loc"]))
            close = suggestion(str(loc[-1]), _model_fields(model, loc))
            if close:
                suggested.add(loc[:-1] + (close,))
    for err in raw:
        full = tuple(err["loc"])
        # A mapping given where a union allows text or a mapping: the mapping member's errors say more.
        if "str" in full and isinstance(err.get("input"), dict):
            continue
        loc = _strip_members(full)
        if loc in seen or (err["type"] == "missing" and loc in suggested):
            continue
        seen.add(loc)
        line, col = locate(data, loc) or (None, None)
        where = dotted(loc) or "file"
        if err["type"] == "extra_forbidden":
            key = str(loc[-1])
            hint = suggest(key, _model_fields(model, loc))
            errors.append(RuleFileError(f"unknown key '{key}'{hint}", path=str(path), line=line, column=col,
                                        code="E201"))
        elif err["type"] == "missing":
            errors.append(RuleFileError(f"missing required key '{loc[-1]}' in {dotted(loc[:-1]) or 'the file'}",
                                        path=str(path), line=line, column=col, code="E202"))
        elif err["type"] == "literal_error":
            allowed = re.findall(r"'([^']*)'", str(err.get("ctx", {}).get("expected", "")))
            hint = suggest(str(err["input"]), allowed)
            errors.append(RuleFileError(f"{where}: '{err['input']}' is not one of: {', '.join(allowed)}{hint}",
                                        path=str(path), line=line, column=col, code="E203"))
        else:
            errors.append(RuleFileError(f"{where}: {err['msg']}", path=str(path), line=line, column=col,
                                        code="E203"))
    return errors


def _strip_members(loc: tuple) -> tuple:
    """Drop the union-member tags pydantic puts in error locations."""
    return tuple(p for p in loc if not (isinstance(p, str) and p in ("str", "ExampleCase")))


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
    manifest, manifest_raw = _parse(manifest_path, PackManifest, errors)
    if manifest is None:
        return None
    pack = Pack(manifest=manifest, path=directory, manifest_raw=manifest_raw)
    for path in sorted(directory.glob("*.y*ml")):
        if path.name in NOT_RULE_FILES:
            continue
        rule_file, data = _parse(path, RuleFile, errors)
        if rule_file is None:
            continue
        for index, rule in enumerate(rule_file.rules):
            line, column = locate(data, ("rules", index, "id"))
            pack.rules.append(LoadedRule(rule, f"{manifest.name}.{rule.id}", manifest.name, str(path), line,
                                         column, raw=data["rules"][index], defined_in=manifest.name))
        for index, check in enumerate(rule_file.omissions):
            line, column = locate(data, ("omissions", index, "id"))
            pack.omissions.append(LoadedOmission(check, f"{manifest.name}.{check.id}", manifest.name,
                                                 str(path), line, column, raw=data["omissions"][index],
                                                 defined_in=manifest.name))
    return pack


def find_pack_dirs(root: Path) -> list[Path]:
    """``root`` itself if it is a pack, else its immediate pack subdirectories.

    A rule file inside a pack stands for its pack (``rules check rules/core/hedges.yaml``).
    """
    if root.is_file():
        return [root.parent] if (root.parent / MANIFEST).is_file() else []
    if (root / MANIFEST).is_file():
        return [root]
    return sorted(p for p in root.iterdir() if p.is_dir() and (p / MANIFEST).is_file())


def _merge_settings(base: Settings, extra: Settings | None) -> Settings:
    if extra is None:
        return base
    merged = base.model_dump()
    merged.update({k: v for k, v in extra.model_dump().items() if v is not None})
    return Settings.model_validate(merged)


def _load_packs(roots: list[Path], errors: list[RuleFileError]) -> list[Pack]:
    """Every pack under ``roots``, in order, each folder once; a repeated pack name is an error."""
    packs: list[Pack] = []
    seen_dirs: set[Path] = set()
    for root in roots:
        if not root.exists():
            errors.append(RuleFileError("no such rules directory", path=str(root), code="E010"))
            continue
        pack_dirs = find_pack_dirs(root)
        if not pack_dirs:
            errors.append(RuleFileError(f"no rule packs here (a pack is a folder with {MANIFEST})",
                                        path=str(root), code="E010"))
        for directory in pack_dirs:
            if directory.resolve() in seen_dirs:
                continue
            seen_dirs.add(directory.resolve())
            pack = load_pack(directory, errors)
            if pack is None:
                continue
            first = next((p for p in packs if p.name == pack.name), None)
            if first is not None:
                line, column = locate(pack.manifest_raw, ("name",)) or (1, 1)
                errors.append(RuleFileError(
                    f"pack name '{pack.name}' is already used by {first.path / MANIFEST}; rename this pack, "
                    f"or override single rules by id (or check it alone with --no-builtin)",
                    path=str(directory / MANIFEST), line=line, column=column, code="E012"))
                continue
            packs.append(pack)
    return packs


def _override_target(item_id: str, earlier: set[str]) -> str | None:
    """The earlier pack an id names as its first segment (an override), or None."""
    head, dot, _ = item_id.partition(".")
    return head if dot and head in earlier else None


def _merge_items(pack: Pack, kind: str, merged: dict, other: dict, earlier: set[str],
                 errors: list[RuleFileError]) -> None:
    """Add one pack's rules (or omission items) to ``merged``, resolving overrides and duplicates."""
    items = pack.rules if kind == "rule" else pack.omissions
    local: dict[str, Any] = {}
    for loaded in items:
        item_id = loaded.rule.id
        target = _override_target(item_id, earlier)
        if target is not None:
            loaded.full_id, loaded.pack = item_id, target
        if loaded.full_id in local:
            first = local[loaded.full_id]
            errors.append(RuleFileError(f"duplicate {kind} id '{item_id}' (first defined at "
                                        f"{first.path}:{first.line})", path=loaded.path, line=loaded.line,
                                        column=loaded.column, code="E301"))
            continue
        clash = other.get(loaded.full_id)
        if clash is not None and clash.defined_in == pack.name:
            other_kind = "an omission item" if kind == "rule" else "a rule"
            errors.append(RuleFileError(f"id '{item_id}' is already used by {other_kind} at {clash.path}:{clash.line}",
                                        path=loaded.path, line=loaded.line, column=loaded.column, code="E301"))
            continue
        if target is not None:
            replaced = merged.get(item_id)
            if replaced is None:
                candidates = [i for i in merged if i.startswith(target + ".")]
                errors.append(RuleFileError(
                    f"'{item_id}' overrides a {kind} of pack '{target}', which has no {kind} with that id"
                    f"{suggest(item_id, candidates)}", path=loaded.path, line=loaded.line,
                    column=loaded.column, code="E303"))
                continue
            loaded.overrides = replaced
        elif item_id.startswith(pack.name + "."):
            errors.append(RuleFileError(
                f"id '{item_id}' repeats the pack name; its full id is '{loaded.full_id}' (write "
                f"'{item_id[len(pack.name) + 1:]}')", path=loaded.path, line=loaded.line, column=loaded.column,
                code="W305"))
        local[loaded.full_id] = loaded
        merged[loaded.full_id] = loaded


def collect(dirs: list[Path], builtin: bool = True, select: list[str] | None = None
            ) -> tuple[RuleSet, list[RuleFileError]]:
    """Load every pack, check cross-file problems, and merge into a RuleSet.

    Args:
        dirs: pack folders, folders of packs, or rule files inside a pack, in load order.
        builtin: load the built-in packs first.
        select: keep only these packs (``core`` always stays).

    Returns:
        The merged RuleSet and every problem found (errors, and warnings with ``W`` codes).
    """
    errors: list[RuleFileError] = []
    roots = ([builtin_rules_dir()] if builtin else []) + list(dirs)
    packs = _load_packs(roots, errors)
    if select:
        unknown = [name for name in select if name not in {p.name for p in packs}]
        for name in unknown:
            errors.append(RuleFileError(f"no pack named '{name}'{suggest(name, [p.name for p in packs])}",
                                        code="E011"))
        packs = [p for p in packs if p.name in select or p.name == "core"]
    rules: dict[str, LoadedRule] = {}
    omissions: dict[str, LoadedOmission] = {}
    settings = Settings()
    cues: dict = {}
    earlier: set[str] = set()
    for pack in packs:
        settings = _merge_settings(settings, pack.manifest.settings)
        structure = pack.path / "structure.yaml"
        if structure.is_file():
            try:
                cues.update(load_yaml(structure) or {})
            except RuleFileError as exc:
                errors.append(exc)
        _merge_items(pack, "rule", rules, omissions, earlier, errors)
        _merge_items(pack, "omission", omissions, rules, earlier, errors)
        earlier.add(pack.name)
    return RuleSet(packs, rules, omissions, settings, cues), errors


def load_ruleset(dirs: list[Path] | None = None, builtin: bool = True, select: list[str] | None = None) -> RuleSet:
    """Load packs for analysis; the first problem is raised as a RuleFileError."""
    ruleset, errors = collect(list(dirs or []), builtin=builtin, select=select)
    errors = [e for e in errors if not is_warning(e)]
    if errors:
        raise errors[0]
    return ruleset


def is_warning(error: RuleFileError) -> bool:
    """Warnings (``W`` codes) are reported by ``rules check`` but do not stop a pack from loading."""
    return bool(error.code and error.code.startswith("W"))
