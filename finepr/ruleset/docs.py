"""What rules say about themselves: the ``rules list`` rows, ``rules explain`` sections, JSON Schema.

``explain`` follows ruff's fixed section order, so every rule reads the same way:
What it finds / Why it matters / Example that fires / Example that does not / Link.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from finepr.ruleset.load import LoadedOmission, LoadedRule, RuleSet
from finepr.ruleset.schema import ExampleCase, PackManifest, RuleFile

SECTIONS = ("What it finds", "Why it matters", "Example that fires", "Example that does not", "Link")
SCHEMA_KINDS = ("rules", "pack", "any")


class UnknownRule(LookupError):
    """No rule or omission item has this id; ``suggestion`` is the closest one, if any."""

    def __init__(self, rule_id: str, suggestion: str | None) -> None:
        hint = f" (did you mean '{suggestion}'?)" if suggestion else ""
        super().__init__(f"unknown rule '{rule_id}'{hint}; 'finepr rules list' shows every id")
        self.rule_id = rule_id
        self.suggestion = suggestion


@dataclass
class Explanation:
    id: str
    summary: str  # "commitment · info · pack core · rules/core/triggers.yaml:4"
    sections: list[tuple[str, str]] = field(default_factory=list)


def list_rows(ruleset: RuleSet) -> list[dict[str, Any]]:
    """One row per rule and omission item: id, pack, category, severity, examples (match + no_match)."""
    rows = []
    for loaded in [*ruleset.rules.values(), *ruleset.omissions.values()]:
        item = loaded.rule
        rows.append({
            "id": loaded.full_id,
            "pack": loaded.defined_in or loaded.pack,
            "category": item.category if isinstance(loaded, LoadedRule) else "omission",
            "severity": item.severity,
            "examples": len(item.examples.match) + len(item.examples.no_match),
        })
    return rows


def find(ruleset: RuleSet, rule_id: str) -> LoadedRule | LoadedOmission:
    """The rule or omission item with this full id, or with this id inside exactly one pack."""
    found = ruleset.get(rule_id)
    if found is not None:
        return found
    ids = ruleset.ids()
    short = [i for i in ids if i.split(".", 1)[-1] == rule_id]
    if len(short) == 1:
        return ruleset.get(short[0])  # type: ignore[return-value]
    close = difflib.get_close_matches(rule_id, ids, n=1, cutoff=0.6)
    if not close:
        close = difflib.get_close_matches(rule_id, [i.split(".", 1)[-1] for i in ids], n=1, cutoff=0.6)
        close = [next(i for i in ids if i.split(".", 1)[-1] == close[0])] if close else []
    raise UnknownRule(rule_id, close[0] if close else None)


def explain(ruleset: RuleSet, rule_id: str, where: str | None = None) -> Explanation:
    """A rule's documentation in fixed sections; raises UnknownRule with a suggestion."""
    mechanism = ruleset.settings.headline_qualifier
    if mechanism is not None and rule_id == mechanism.id:
        return Explanation(mechanism.id, f"scope · severity {mechanism.severity} · "
                                         "settings.headline_qualifier of the packs' pack.yaml", [
            ("What it finds", mechanism.message.replace("{quote}", "…") + "\nWords right before the first word "
             "the main commitment's object shares with the headline, which the headline leaves out."),
            ("Why it matters", " ".join(mechanism.explanation.split())),
            ("Example that fires", "Headline “Acme Bans Plastic Straws”, text “Acme will stop handing out "
                                   "single-use plastic straws.”"),
            ("Example that does not", "Headline “Acme Bans Single-Use Plastic Straws”, same text."),
            ("Link", "(none)"),
        ])
    loaded = find(ruleset, rule_id)
    item = loaded.rule
    is_rule = isinstance(loaded, LoadedRule)
    category = item.category if is_rule else f"omission ({item.dimension})"
    origin = f" · overrides {loaded.overrides.path}:{loaded.overrides.line}" if loaded.overrides else ""
    summary = (f"{category} · severity {item.severity} · pack {loaded.defined_in or loaded.pack} · "
               f"{where or loaded.path}:{loaded.line}{origin}")
    finds = [item.message]
    if is_rule:
        finds.extend(_rule_cues(item))
    else:
        finds.append(f"Dimension: {item.label}.")
        when = {k: v for k, v in item.when.model_dump().items() if v is not None}
        if when:
            finds.append("Relevant when: " + "; ".join(f"{k} {_join(v)}" for k, v in when.items()) + ".")
        if item.addressed_by:
            finds.append(f"Addressed by: {_join(item.addressed_by)}.")
        if item.reported_by:
            finds.append(f"Also when the text reports a question left open that uses: {_join(item.reported_by)}.")
        if item.reported_fallback:
            finds.append("Any question the text reports left open that no other item takes.")
    examples = item.examples
    fires = [c.text if isinstance(c, ExampleCase) else c for c in examples.match]
    sections = [
        ("What it finds", "\n".join(finds)),
        ("Why it matters", " ".join(item.explanation.split())),
        ("Example that fires", "\n".join(fires) or "(none yet)"),
        ("Example that does not", "\n".join(examples.no_match) or "(none yet)"),
        ("Link", getattr(item, "link", None) or "(none)"),
    ]
    return Explanation(loaded.full_id, summary, sections)


def _rule_cues(rule) -> list[str]:
    cues = []
    if rule.phrases or rule.lemma_phrases:
        cues.append(f"Phrases: {_join([*rule.phrases, *rule.lemma_phrases])}.")
    if rule.patterns:
        cues.append(f"Token patterns: {len(rule.patterns)}.")
    if rule.dependency:
        cues.append(f"Dependency patterns: {len(rule.dependency)} (with a trained pipeline).")
    facts = [f"{k.replace('_', ' ')} {v}" for k, v in (("action", rule.action), ("duration_kind", rule.duration_kind),
                                                       ("modality", rule.modality)) if v]
    if facts:
        cues.append("Sets " + ", ".join(facts) + ".")
    return cues


def _join(values: Any, limit: int = 12) -> str:
    if not isinstance(values, (list, tuple)):
        return str(values)
    shown = ", ".join(f'"{v}"' if isinstance(v, str) else str(v) for v in values[:limit])
    return shown + (f", … ({len(values) - limit} more)" if len(values) > limit else "")


def render_explain(explanation: Explanation) -> str:
    """Markdown, as ``ruff rule`` prints it: the id, a summary line, then the fixed sections."""
    out = [f"# {explanation.id}", "", explanation.summary]
    for heading, body in explanation.sections:
        out += ["", f"## {heading}", body]
    return "\n".join(out) + "\n"


def json_schema(kind: str = "rules") -> dict[str, Any]:
    """The JSON Schema of a rule file (``rules``), a pack manifest (``pack``), or either (``any``).

    Generated from the pydantic models, so it never drifts from what ``rules check`` enforces.
    """
    from pydantic.json_schema import models_json_schema

    if kind not in SCHEMA_KINDS:
        raise ValueError(f"unknown schema kind {kind!r}; expected one of {', '.join(SCHEMA_KINDS)}")
    def titled(title: str, schema: dict[str, Any]) -> dict[str, Any]:
        rest = {k: v for k, v in schema.items() if k != "title"}
        return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **rest}

    if kind == "rules":
        return titled("finepr rule file", RuleFile.model_json_schema())
    if kind == "pack":
        return titled("finepr pack manifest (pack.yaml)", PackManifest.model_json_schema())
    refs, defs = models_json_schema([(RuleFile, "validation"), (PackManifest, "validation")])
    either = [refs[(RuleFile, "validation")], refs[(PackManifest, "validation")]]
    return titled("finepr rule file or pack manifest", {"anyOf": either, **defs})
