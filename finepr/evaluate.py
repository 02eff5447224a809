"""`finepr eval`: score the analysis against gold annotations (DESIGN.md's gold format).

Spans match when their character ranges overlap. Scope, conditions, carve-outs and hedges
pool the phrases of every commitment in a document; the duration phrase, action, duration
normalization and the verdict are judged on the main commitment (the one the headline is
about), as the gold format gives one duration. Omissions match by dimension id, or by the words of a free-text gold item.
"""
from __future__ import annotations

import re
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from finepr.errors import FineprError
from finepr.model import ACTIONS, Report

SPAN_FIELDS = ("scope", "duration", "conditions", "carve_outs", "hedges")
TEXT_SUFFIXES = (".txt", ".md", ".html", ".htm")
_STOP = {"the", "a", "an", "of", "and", "or", "to", "for", "in", "on", "such", "as", "what", "when", "it",
         "is", "are", "by", "with", "its", "their", "any", "that", "this", "happens", "whether"}


class GoldDuration(BaseModel):
    model_config = ConfigDict(extra="forbid")
    phrase: str | None = None
    normalized: str = "unspecified"


class Gold(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    domain: str
    headline_claim: str | None = None
    actor: str | None = None
    action: Literal[ACTIONS]  # type: ignore[valid-type]
    object: str | None = None
    scope: list[str] = Field(default_factory=list)
    duration: Union[GoldDuration, None] = None
    conditions: list[str] = Field(default_factory=list)
    carve_outs: list[str] = Field(default_factory=list)
    hedges: list[str] = Field(default_factory=list)
    omissions: list[str] = Field(default_factory=list)
    gap: Literal["none", "minor", "major"]


@dataclass
class Counts:
    """Gold phrases found (tp_gold) or missed, predicted spans right (tp_pred) or wrong."""

    tp_gold: int = 0
    fn: int = 0
    tp_pred: int = 0
    fp: int = 0

    def add(self, other: "Counts") -> None:
        self.tp_gold += other.tp_gold
        self.fn += other.fn
        self.tp_pred += other.tp_pred
        self.fp += other.fp

    @property
    def precision(self) -> float | None:
        n = self.tp_pred + self.fp
        return self.tp_pred / n if n else None

    @property
    def recall(self) -> float | None:
        n = self.tp_gold + self.fn
        return self.tp_gold / n if n else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1, "tp_gold": self.tp_gold,
                "fn": self.fn, "tp_pred": self.tp_pred, "fp": self.fp}


@dataclass
class DocResult:
    id: str
    path: str
    split: str
    fields: dict[str, Counts]
    action: tuple[str, str | None]  # (gold, predicted)
    duration: tuple[str, str]
    verdict: tuple[str, str]
    omissions: Counts
    misses: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0


def find_pairs(root: Path) -> list[tuple[Path, Path]]:
    """(announcement, gold) pairs under ``root``: NAME.gold.yaml beside NAME.txt/.md/.html."""
    pairs = []
    for gold in sorted(root.rglob("*.gold.yaml")):
        stem = gold.name[: -len(".gold.yaml")]
        text = next((gold.with_name(stem + s) for s in TEXT_SUFFIXES if gold.with_name(stem + s).exists()), None)
        if text is None:
            raise FineprError(f"gold file without its announcement ({stem}.txt/.md/.html)", path=str(gold))
        pairs.append((text, gold))
    return pairs


def load_gold(path: Path) -> Gold:
    from finepr.ruleset.load import validation_errors
    from finepr.ruleset.yamlio import load_yaml

    data = load_yaml(path)
    try:
        return Gold.model_validate(data)
    except ValidationError as exc:
        raise validation_errors(exc, data, path, Gold)[0] from None


def occurrences(text: str, phrase: str) -> list[tuple[int, int]]:
    """Every place a gold phrase occurs (whitespace-insensitive; case-sensitive first)."""
    pattern = r"\s+".join(re.escape(w) for w in phrase.split())
    found = [(m.start(), m.end()) for m in re.finditer(pattern, text)]
    return found or [(m.start(), m.end()) for m in re.finditer(pattern, text, re.IGNORECASE)]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_spans(text: str, gold: list[str], predicted: list[tuple[int, int, str]],
                name: str, misses: list[dict[str, Any]]) -> Counts:
    counts = Counts()
    gold_ranges = [(g, occurrences(text, g)) for g in gold]
    for phrase, ranges in gold_ranges:
        if not ranges:
            misses.append({"field": name, "kind": "gold-not-in-text", "quote": phrase})
            counts.fn += 1
        elif any(_overlaps(r, (s, e)) for r in ranges for s, e, _ in predicted):
            counts.tp_gold += 1
        else:
            counts.fn += 1
            misses.append({"field": name, "kind": "miss", "quote": phrase})
    for s, e, quote in predicted:
        if any(_overlaps(r, (s, e)) for _, ranges in gold_ranges for r in ranges):
            counts.tp_pred += 1
        else:
            counts.fp += 1
            misses.append({"field": name, "kind": "false-alarm", "quote": quote})
    return counts


def predicted_spans(report: Report) -> dict[str, list[tuple[int, int, str]]]:
    """Scope, conditions, carve-outs and hedges of every commitment; the duration of the main
    one only, as the gold format has one duration (docs/annotation.md §2.2)."""
    out: dict[str, dict[tuple[int, int], str]] = {f: {} for f in SPAN_FIELDS}
    for c in report.commitments:
        for name in ("scope", "conditions", "carve_outs", "hedges"):
            for s in getattr(c, name):
                out[name][(s.start, s.end)] = s.text
    main = main_of(report)
    if main is not None and main.duration.span is not None:
        out["duration"][(main.duration.span.start, main.duration.span.end)] = main.duration.span.text
    return {name: [(s, e, t) for (s, e), t in spans.items()] for name, spans in out.items()}


def normalized(report: Report) -> str:
    """The main commitment's duration in the gold notation."""
    main = main_of(report)
    if main is None:
        return "unspecified"
    d = main.duration
    if d.kind == "fixed":
        return d.value or "fixed"
    if d.kind == "deadline":
        return d.value if d.value and d.value.startswith("vague:") else f"date:{d.value}"
    if d.kind == "conditional":
        return f"conditional:{d.value or ''}"
    return d.kind


def same_duration(gold: str, predicted: str) -> bool:
    gold = gold.strip().strip('"')
    if gold.startswith("conditional") or predicted.startswith("conditional"):
        return gold.startswith("conditional") and predicted.startswith("conditional")
    if gold.startswith("date:") and predicted.startswith("date:"):
        if gold[9:] == "-12-31" and predicted[5:] == gold[5:9]:
            return True  # "by the end of 2027" and "by 2027" both end on 2027-12-31
        return predicted[5:].startswith(gold[5:9]) and (len(gold) <= 9 or predicted[5:].startswith(gold[5:]))
    if gold.startswith("vague:") and predicted.startswith("vague:"):
        return True
    return gold == predicted


def main_of(report: Report):
    main_id = getattr(report.gap, "commitment", None)
    return next((c for c in report.commitments if c.id == main_id), report.commitments[0] if report.commitments else None)


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP and len(w) > 2}


def score_omissions(gold: list[str], report: Report, misses: list[dict[str, Any]]) -> Counts:
    """Gold items by dimension id or, for free text, by shared words with a predicted omission."""
    predicted = [o for o in report.omissions if o.severity != "info"]
    counts = Counts()

    def matches(item: str, o) -> bool:
        if item.strip().lower() == o.dimension:
            return True
        words = _words(item)
        return bool(words) and len(words & _words(f"{o.dimension} {o.label} {o.message}")) * 2 >= len(words)

    for item in gold:
        if any(matches(item, o) for o in predicted):
            counts.tp_gold += 1
        else:
            counts.fn += 1
            misses.append({"field": "omissions", "kind": "miss", "quote": item})
    for o in predicted:
        if any(matches(item, o) for item in gold):
            counts.tp_pred += 1
        else:
            counts.fp += 1
            misses.append({"field": "omissions", "kind": "false-alarm", "quote": f"{o.dimension}: {o.label}"})
    return counts


def score_document(report: Report, gold: Gold, text: str, split: str) -> DocResult:
    misses: list[dict[str, Any]] = []
    predicted = predicted_spans(report)
    gold_spans = {"scope": gold.scope, "conditions": gold.conditions, "carve_outs": gold.carve_outs,
                  "hedges": gold.hedges,
                  "duration": [gold.duration.phrase] if gold.duration and gold.duration.phrase else []}
    fields = {name: score_spans(text, gold_spans[name], predicted[name], name, misses) for name in SPAN_FIELDS}
    main = main_of(report)
    action = (gold.action, main.action if main else None)
    duration = (gold.duration.normalized if gold.duration else "unspecified", normalized(report))
    verdict = (gold.gap, report.gap.verdict)
    for name, (g, p) in (("action", action), ("verdict", verdict)):
        if g != p:
            misses.append({"field": name, "kind": "wrong", "quote": f"gold {g}, predicted {p}"})
    if not same_duration(*duration):
        misses.append({"field": "duration-normalized", "kind": "wrong",
                       "quote": f"gold {duration[0]}, predicted {duration[1]}"})
    omissions = score_omissions(gold.omissions, report, misses)
    return DocResult(gold.id, report.source.path, split, fields, action, duration, verdict, omissions, misses)


@dataclass
class Summary:
    split: str
    docs: int
    fields: dict[str, Counts]
    action_accuracy: float
    duration_accuracy: float
    verdict_accuracy: float
    omissions: Counts
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return {"split": self.split, "docs": self.docs, "fields": {k: v.to_dict() for k, v in self.fields.items()},
                "action_accuracy": self.action_accuracy, "duration_accuracy": self.duration_accuracy,
                "verdict_accuracy": self.verdict_accuracy, "omissions": self.omissions.to_dict(),
                "seconds": round(self.seconds, 3)}


def summarize(split: str, results: list[DocResult]) -> Summary:
    fields = {name: Counts() for name in SPAN_FIELDS}
    omissions = Counts()
    for r in results:
        for name in SPAN_FIELDS:
            fields[name].add(r.fields[name])
        omissions.add(r.omissions)
    n = len(results) or 1
    return Summary(
        split, len(results), fields,
        sum(g == p for g, p in (r.action for r in results)) / n,
        sum(same_duration(*r.duration) for r in results) / n,
        sum(g == p for g, p in (r.verdict for r in results)) / n,
        omissions, sum(r.seconds for r in results))


def evaluate(roots: list[Path], analyzer) -> tuple[list[Summary], list[DocResult]]:
    """Analyze every gold-annotated announcement under ``roots``; one summary per split."""
    from finepr.load import load_path

    results: list[DocResult] = []
    for root in roots:
        for text_path, gold_path in find_pairs(root):
            gold = load_gold(gold_path)
            rel = text_path.relative_to(root)
            split = rel.parts[0] if len(rel.parts) > 1 else root.name
            start = time.perf_counter()
            source = load_path(str(text_path))
            report = analyzer.analyze(source)
            result = score_document(report, gold, source.text, split)
            result.seconds = time.perf_counter() - start
            results.append(result)
    groups: dict[str, list[DocResult]] = defaultdict(list)
    for r in results:
        groups[r.split].append(r)
    summaries = [summarize(split, rs) for split, rs in groups.items()]
    if len(groups) > 1:
        summaries.append(summarize("all", results))
    return summaries, results
