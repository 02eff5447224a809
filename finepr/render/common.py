"""Helpers shared by the text renderers: trimming, durations, ordering and span collection.

Pure functions of the ``Report`` data; nothing here knows about Rich or writes anywhere.
"""
from __future__ import annotations

import re
from typing import Iterable

from finepr.durations import humanize_period  # noqa: F401  (re-exported)
from finepr.model import Commitment, Duration, Finding, Report, TextSpan, line_col

SEVERITY_RANK = {"major": 0, "minor": 1, "info": 2}

HEADLINE_SOURCES = {
    "title": "from the title",
    "dateline-lead": "from the dateline lead",
    "first-sentence": "from the first sentence",
    "argument": "given with --headline",
}

# The order modifiers are listed in, for a commitment (label, attribute, category).
MODIFIERS = (
    ("scope", "scope", "scope"),
    ("condition", "conditions", "condition"),
    ("carve-out", "carve_outs", "carve_out"),
    ("hedge", "hedges", "hedge"),
)

_SPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    """Collapse runs of whitespace (newlines included) into single spaces."""
    return _SPACE.sub(" ", text).strip()


def trim(text: str, limit: int = 60) -> str:
    """One-line ``text`` of at most ``limit`` characters, cut at a word with an ellipsis."""
    text = squash(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-") + "…"


def describe_duration(d: Duration) -> str:
    """A short phrase for a duration: ``fixed 18 months (P18M), ends 2024-09-01``."""
    if d.kind == "unspecified":
        return "unspecified (no end or term stated)"
    text = d.kind.replace("_", "-")
    if d.value:
        human = humanize_period(d.value) if d.kind == "fixed" else None
        text += f" {human} ({d.value})" if human else f" {d.value}"
    if d.ends:
        text += f", ends {d.ends}"
    return text


def actors(report: Report) -> list[str]:
    """The distinct actors of a report's commitments, in order of first appearance."""
    seen: list[str] = []
    for c in report.commitments:
        if c.actor and c.actor not in seen:
            seen.append(c.actor)
    return seen


def packs_label(report: Report) -> str:
    """'climate, core, retail (v1)' when the versions agree, else 'climate v2, core v1'."""
    versions = {str(p.get("version", "")) for p in report.packs}
    if len(versions) == 1 and report.packs:
        version = versions.pop()
        return ", ".join(p.get("name", "?") for p in report.packs) + (f" (v{version})" if version else "")
    return ", ".join(f"{p.get('name', '?')} v{p.get('version', '')}".strip() for p in report.packs)


def headline_location(report: Report) -> tuple[int, int] | None:
    """1-based (line, column) of the headline when it is part of the text."""
    h = report.headline
    if h is None or h.start is None:
        return None
    return line_col(report.source.text, h.start)


def sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Findings by position in the text; those without a span last, worst first."""
    def key(f: Finding):
        pos = (f.span.start, f.span.end) if f.span else (float("inf"), 0)
        return (pos, SEVERITY_RANK.get(f.severity, 9), f.rule)
    return sorted(findings, key=key)


def commitment_spans(c: Commitment) -> list[tuple[TextSpan, str]]:
    """Every span of a commitment worth highlighting, with its category."""
    spans: list[tuple[TextSpan, str]] = [(c.trigger, "commitment")]
    for _label, attr, category in MODIFIERS:
        spans += [(s, category) for s in getattr(c, attr)]
    if c.duration.span is not None:
        spans.append((c.duration.span, "duration"))
    return spans


def category_spans(report: Report) -> list[tuple[int, int, str]]:
    """``(start, end, category)`` of every highlighted span, de-duplicated, in text order.

    Findings' spans and commitments' parts (trigger, scope, duration, conditions,
    carve-outs, hedges); spans outside the text are dropped.
    """
    n = len(report.source.text)
    out: dict[tuple[int, int, str], None] = {}
    for c in report.commitments:
        for span, category in commitment_spans(c):
            out[(span.start, span.end, category)] = None
    for f in report.findings:
        if f.span is not None:
            out[(f.span.start, f.span.end, f.category)] = None
    return sorted(k for k in out if 0 <= k[0] < k[1] <= n)


def merge_ranges(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Union of overlapping or touching ``[start, end)`` ranges, sorted."""
    merged: list[list[int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]
