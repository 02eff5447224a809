"""The Report: plain data that every stage produces and every renderer reads.

No spaCy objects live here. ``Report.to_dict()`` is the JSON contract of
``../shared/DESIGN.md`` (schema 1); fields may be added, never renamed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCHEMA = 1

CATEGORIES = ("commitment", "scope", "duration", "condition", "carve_out", "hedge", "omission", "contrast")
ACTIONS = ("ban", "pause", "moratorium", "exit", "phase_out", "limit", "pledge", "target", "policy_change", "other")
DURATION_KINDS = ("fixed", "deadline", "conditional", "open_ended", "permanent", "unspecified")
SEVERITIES = ("info", "minor", "major")
VERDICTS = ("none", "minor", "major")
MODALITIES = ("firm", "hedged", "aspirational")


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of a character offset, as an editor shows it."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


@dataclass(frozen=True)
class TextSpan:
    """A quoted piece of the analyzed text; ``end`` is exclusive."""

    text: str
    start: int
    end: int
    line: int
    column: int

    @classmethod
    def of(cls, doc_text: str, start: int, end: int) -> "TextSpan":
        line, column = line_col(doc_text, start)
        return cls(doc_text[start:end], start, end, line, column)

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "line": self.line, "column": self.column}


@dataclass
class Duration:
    kind: str = "unspecified"  # one of DURATION_KINDS
    value: str | None = None  # "P1Y", "2030", "2025-12-31", "until a national law is in place"
    ends: str | None = None  # ISO date when a fixed term meets a publication date
    span: TextSpan | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "value": self.value,
            "ends": self.ends,
            "span": self.span.to_dict() if self.span else None,
        }


@dataclass
class Commitment:
    id: str
    actor: str | None
    action: str
    object: str | None
    sentence: TextSpan
    trigger: TextSpan
    modality: str = "firm"
    scope: list[TextSpan] = field(default_factory=list)
    conditions: list[TextSpan] = field(default_factory=list)
    carve_outs: list[TextSpan] = field(default_factory=list)
    hedges: list[TextSpan] = field(default_factory=list)
    duration: Duration = field(default_factory=Duration)
    strength: float | None = None
    broad_scope: set = field(default_factory=set, repr=False)  # (start, end) of scope phrases that never narrow
    widening: set = field(default_factory=set, repr=False)  # (start, end) of scope that says it covers all
    # (start, end) of a modifier → what makes it distinct: its rule for scope, its sentence for
    # carve-outs and conditions. The verdict counts each narrowing once, however often it is restated.
    facets: dict = field(default_factory=dict, repr=False)
    completed: dict = field(default_factory=dict, repr=False)  # (start, end) → words that complete its coverage
    material: set = field(default_factory=set, repr=False)  # (start, end) of carve-outs naming who keeps access
    unweighed: set = field(default_factory=set, repr=False)  # (start, end) of conditions reported, not weighed
    stated_action: str | None = field(default=None, repr=False)  # before a term refined it: "will not … until May" bans
    restated: list = field(default_factory=list, repr=False)  # texts of the other sentences that state it again
    term_restated: bool = field(default=False, repr=False)  # its open-ended term told only by a later restatement

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "actor": self.actor,
            "action": self.action,
            "object": self.object,
            "sentence": self.sentence.to_dict(),
            "trigger": self.trigger.to_dict(),
            "modality": self.modality,
            "scope": [s.to_dict() for s in self.scope],
            "conditions": [s.to_dict() for s in self.conditions],
            "carve_outs": [s.to_dict() for s in self.carve_outs],
            "hedges": [s.to_dict() for s in self.hedges],
            "duration": self.duration.to_dict(),
            "strength": self.strength,
        }


@dataclass
class Finding:
    rule: str
    category: str
    severity: str
    message: str
    explanation: str = ""
    commitment: str | None = None
    span: TextSpan | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "explanation": self.explanation,
            "commitment": self.commitment,
            "span": self.span.to_dict() if self.span else None,
        }


@dataclass
class Omission:
    rule: str
    dimension: str
    label: str
    severity: str
    message: str
    commitment: str | None = None
    evidence: TextSpan | None = None  # the span that made the omission relevant

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "dimension": self.dimension,
            "label": self.label,
            "severity": self.severity,
            "message": self.message,
            "commitment": self.commitment,
            "evidence": self.evidence.to_dict() if self.evidence else None,
        }


@dataclass
class Claim:
    """What a headline states or implies."""

    action: str | None = None
    object: str | None = None
    implied_duration: str = "unspecified"
    scope: list[str] = field(default_factory=list)
    duration_stated: bool = False  # the headline names its own term or date (not in the JSON contract)
    scope_rules: set = field(default_factory=set)  # rules of its scope phrases: "Cut Carbon Intensity" (not in JSON)
    retreat: bool = False  # news of a walked-back promise ("Drops Its Reuse Goal"), claims none (not in JSON)
    words: frozenset = frozenset()  # the headline's own words, lower case (not in JSON)

    def to_dict(self) -> dict[str, Any]:
        return {
            "action": self.action,
            "object": self.object,
            "implied_duration": self.implied_duration,
            "scope": list(self.scope),
        }


@dataclass
class Headline:
    text: str
    start: int | None  # None when the headline came from --headline (not in the text)
    end: int | None
    source: str  # title | dateline-lead | first-sentence | argument
    claim: Claim = field(default_factory=Claim)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "source": self.source,
            "claim": self.claim.to_dict(),
        }


@dataclass
class Gap:
    verdict: str = "none"
    score: float = 0.0
    headline_strength: float = 0.0
    commitment_strength: float = 0.0
    reasons: list[str] = field(default_factory=list)
    contrasts: list[str] = field(default_factory=list)  # the reasons about the headline's own words
    commitment: str | None = None  # the commitment the headline is compared with

    def to_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "commitment": self.commitment,
            "score": round(self.score, 3),
            "headline_strength": round(self.headline_strength, 3),
            "commitment_strength": round(self.commitment_strength, 3),
            "reasons": list(self.reasons),
        }


@dataclass
class Source:
    """The analyzed text and where it came from."""

    path: str
    text: str
    sha256: str
    kind: str = "txt"  # txt | md | html | stdin
    title: tuple[int, int] | None = None  # a title the loader knows (HTML <h1>/<title>)

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "sha256": self.sha256, "chars": len(self.text), "kind": self.kind}


@dataclass
class Report:
    source: Source
    model: str
    packs: list[dict[str, str]]
    domains: list[str]
    published: str | None
    headline: Headline | None
    commitments: list[Commitment]
    findings: list[Finding]
    omissions: list[Omission]
    gap: Gap
    boilerplate: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    version: str = "0.1.0"

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "finepr_version": self.version,
            "source": self.source.to_dict(),
            "pipeline": {"model": self.model, "packs": self.packs},
            "domains": self.domains,
            "published": self.published,
            "headline": self.headline.to_dict() if self.headline else None,
            "commitments": [c.to_dict() for c in self.commitments],
            "findings": [f.to_dict() for f in self.findings],
            "omissions": [o.to_dict() for o in self.omissions],
            "gap": self.gap.to_dict(),
            "boilerplate": self.boilerplate,
            "errors": self.errors,
        }
