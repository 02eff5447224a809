"""`finepr rules check`: every problem in a set of rule packs, each a located one-line error.

Loading (``load.collect``) finds YAML, schema, duplicate-id and override problems;
this module adds what needs the whole rule set or spaCy: pattern validation
(``compile.rule_problems``, on a blank vocab, so no trained model is loaded),
references between packs, and the documentation every rule owes its readers
(message, explanation, examples). Problems are reported only for the paths asked
about; the built-in packs still load alongside so a user pack can refer to, or
override, ``core.*`` ids.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from finepr.errors import RuleFileError
from finepr.model import ACTIONS, DURATION_KINDS, MODALITIES
from finepr.ruleset.codes import CODES  # noqa: F401 - re-exported for callers
from finepr.ruleset.load import LoadedOmission, LoadedRule, Pack, RuleSet, collect, is_warning, suggest
from finepr.ruleset.paths import builtin_rules_dir
from finepr.ruleset.schema import ExampleCase
from finepr.ruleset.yamlio import locate


@dataclass
class CheckResult:
    """What ``check_packs`` found: problems (errors and ``W`` warnings) and what it looked at."""

    problems: list[RuleFileError]
    packs: list[str] = field(default_factory=list)
    rules: int = 0
    omissions: int = 0
    files: int = 0
    seconds: float = 0.0

    @property
    def errors(self) -> list[RuleFileError]:
        return [p for p in self.problems if not is_warning(p)]

    @property
    def warnings(self) -> list[RuleFileError]:
        return [p for p in self.problems if is_warning(p)]


def targets_for(paths: list[Path]) -> list[Path]:
    """The resolved paths whose problems are reported (the built-in packs when none are given)."""
    return [p.resolve() for p in paths] if paths else [builtin_rules_dir().resolve()]


def is_under(path: str | Path | None, targets: list[Path]) -> bool:
    if path is None:
        return True
    resolved = Path(path).resolve()
    return any(resolved == t or t in resolved.parents for t in targets)


def check_packs(paths: list[Path], builtin: bool = True) -> CheckResult:
    """Validate the packs at ``paths`` (or the built-in packs) and return every problem.

    Args:
        paths: pack folders, folders of packs, or rule files inside a pack.
        builtin: load the built-in packs alongside ``paths`` (for references and overrides).

    Returns:
        A CheckResult; problems are sorted by file, line and column.
    """
    from spacy.vocab import Vocab

    from finepr.ruleset.compile import rule_problems

    started = time.perf_counter()
    targets = targets_for(paths)
    ruleset, problems = collect(list(paths), builtin=builtin or not paths)
    vocab = Vocab()
    checked = [p for p in ruleset.packs if is_under(p.path, targets) or _any_file_in(p, targets)]
    result = CheckResult(problems=[], packs=[p.name for p in checked])
    for pack in checked:
        result.files += sum(1 for f in pack.path.glob("*.y*ml") if is_under(f, targets))
        problems.extend(_settings_problems(pack))
        problems.extend(_settings_references(pack, ruleset))
        for loaded in pack.rules:
            if is_under(loaded.path, targets):
                result.rules += 1
                problems.extend(rule_problems(loaded, vocab))
                problems.extend(_doc_problems(loaded))
        for loaded in pack.omissions:
            if is_under(loaded.path, targets):
                result.omissions += 1
                problems.extend(_reference_problems(loaded, ruleset))
                problems.extend(_doc_problems(loaded))
    result.problems = sorted((p for p in problems if is_under(p.path, targets)),
                             key=lambda p: (p.path or "", p.line or 0, p.column or 0, p.code or ""))
    result.seconds = time.perf_counter() - started
    return result


def _any_file_in(pack: Pack, targets: list[Path]) -> bool:
    return any(t.parent == pack.path.resolve() for t in targets)


def _error(loaded: LoadedRule | LoadedOmission, loc: tuple, message: str, code: str) -> RuleFileError:
    line, column = locate(loaded.raw, loc) if loaded.raw is not None else (loaded.line, loaded.column)
    what = "rule" if isinstance(loaded, LoadedRule) else "omission"
    return RuleFileError(f"{what} '{loaded.rule.id}': {message}", path=loaded.path, line=line, column=column,
                         code=code)


def _doc_problems(loaded: LoadedRule | LoadedOmission) -> list[RuleFileError]:
    """Message, explanation and examples: what ``rules explain`` and ``rules test`` read."""
    item = loaded.rule
    is_rule = isinstance(loaded, LoadedRule)
    found: list[RuleFileError] = []
    for key in ("message", "explanation"):
        if not getattr(item, key).strip():
            found.append(_error(loaded, (key,), f"{key} is empty; say what it finds and why it matters", "E205"))
    examples = item.examples
    where = ("examples",) if "examples" in loaded.raw else ("id",)
    if is_rule and not examples.match:
        found.append(_error(loaded, where, "no examples.match: give at least one text the rule must fire on"
                                           + ("" if examples.no_match else ", and one it must not (no_match)"),
                            "E204"))
    elif is_rule and not examples.no_match:
        found.append(_error(loaded, where, "no examples.no_match: give a text the rule must stay silent on",
                            "W204"))
    elif not is_rule:
        missing = [k for k in ("match", "no_match") if not getattr(examples, k)]
        if missing:
            found.append(_error(loaded, where, f"no examples.{' or examples.'.join(missing)}: add a text where it "
                                               f"is reported (match) and one where it is not (no_match)", "W204"))
    for index, case in enumerate(examples.match):
        loc = ("examples", "match", index)
        text = case.text if isinstance(case, ExampleCase) else case
        if not text.strip():
            found.append(_error(loaded, loc, "an empty example tests nothing", "E206"))
        if not isinstance(case, ExampleCase):
            continue
        if case.span is not None and case.span not in case.text:
            found.append(_error(loaded, loc + ("span",), f"span {case.span!r} does not occur in the example text",
                                "E206"))
        if is_rule and case.action is not None and item.action is None:
            found.append(_error(loaded, loc + ("action",), "the rule declares no action to compare with", "E206"))
        if not is_rule:
            for key in ("kind", "duration", "action"):
                if getattr(case, key) is not None:
                    found.append(_error(loaded, loc + (key,), f"'{key}' applies to rules; an omission example "
                                                              f"takes 'text' and optionally 'span' (the evidence)",
                                        "E206"))
    for key in ("no_match", "todo_match"):
        for index, text in enumerate(getattr(examples, key)):
            if not text.strip():
                found.append(_error(loaded, ("examples", key, index), "an empty example tests nothing", "E206"))
    return found


def _reference_problems(loaded: LoadedOmission, ruleset: RuleSet) -> list[RuleFileError]:
    """``when.rules_any`` must name a loaded rule id, or an id prefix ending at a dot."""
    found: list[RuleFileError] = []
    for index, ref in enumerate(loaded.check.when.rules_any or []):
        if ref in ruleset.rules or any(rule_id.startswith(ref + ".") for rule_id in ruleset.rules):
            continue
        found.append(_error(loaded, ("when", "rules_any", index),
                            f"when.rules_any names '{ref}', which is no rule id (or id prefix) in any loaded pack"
                            f"{suggest(ref, list(ruleset.rules))}", "E304"))
    return found


_SETTING_KEYS: dict[tuple, tuple[str, ...]] = {
    ("weights", "action"): ACTIONS,
    ("weights", "implied_duration"): ACTIONS,
    ("weights", "duration"): DURATION_KINDS,
    ("weights", "modality"): MODALITIES,
    ("weights", "thresholds"): ("major", "minor"),
}


def _settings_references(pack: Pack, ruleset: RuleSet) -> list[RuleFileError]:
    """Rule ids named in the manifest's settings must be loaded rules, or the setting does nothing."""
    settings = pack.manifest.settings
    found: list[RuleFileError] = []
    for index, ref in enumerate((settings.place_scope_rules or []) if settings else []):
        if ref in ruleset.rules:
            continue
        line, column = locate(pack.manifest_raw, ("settings", "place_scope_rules", index)) or (None, None)
        found.append(RuleFileError(f"settings.place_scope_rules names '{ref}', which is no rule id in any loaded "
                                   f"pack{suggest(ref, list(ruleset.rules))}", path=str(pack.path / "pack.yaml"),
                                   line=line, column=column, code="E304"))
    return found


def _settings_problems(pack: Pack) -> list[RuleFileError]:
    """Keys of the manifest's weight tables must be vocabulary words, or they are silently ignored."""
    settings = pack.manifest.settings
    if settings is None or settings.weights is None:
        return []
    found: list[RuleFileError] = []
    manifest = str(pack.path / "pack.yaml")
    weights = settings.weights.model_dump()
    for (group, table), allowed in _SETTING_KEYS.items():
        values: dict[str, Any] = weights.get(table) or {}
        for key, value in values.items():
            loc = ("settings", group, table, key)
            if key not in allowed:
                line, column = locate(pack.manifest_raw, loc) or (None, None)
                hint = suggest(key, list(allowed))
                found.append(RuleFileError(f"settings.{group}.{table}: unknown key '{key}'{hint}",
                                           path=manifest, line=line, column=column, code="E306"))
            if table == "implied_duration" and value not in DURATION_KINDS:
                line, column = locate(pack.manifest_raw, loc) or (None, None)
                found.append(RuleFileError(f"settings.{group}.{table}.{key}: '{value}' is not a duration kind"
                                           f"{suggest(str(value), list(DURATION_KINDS))}", path=manifest,
                                           line=line, column=column, code="E306"))
    return found
