"""Plain-text output: no colour, no box drawing, one fact per line, stable for grep and diff.

Findings are ``path:line:column: severity category rule: message — "quote"`` and omissions
``path: severity omission rule: message``, as compilers and linters print them.
"""
from __future__ import annotations

from typing import TextIO

from finepr.model import Commitment, Report, TextSpan
from finepr.render.common import (
    HEADLINE_SOURCES, MODIFIERS, actors, category_spans, describe_duration, headline_location,
    merge_ranges, packs_label, sorted_findings, squash, trim,
)

OPEN, CLOSE = "[[", "]]"


def render_plain(report: Report, out: TextIO, show_text: bool = False) -> None:
    """Write one report as plain text to ``out``.

    Args:
        report: the report to render.
        out: the stream written to.
        show_text: also write the numbered source lines with the reported spans in ``[[…]]``.
    """
    lines: list[str] = []
    lines += _header(report)
    lines += _headline(report)
    for c in report.commitments:
        lines += _commitment(c)
    if not report.commitments:
        lines.append("commitments: none found")
    lines += _verdict(report)
    path = report.source.path
    for f in sorted_findings(report.findings):
        where = f"{path}:{f.span.line}:{f.span.column}" if f.span else path
        quote = f' — "{trim(f.span.text)}"' if f.span else ""
        lines.append(f"{where}: {f.severity} {f.category} {f.rule}: {squash(f.message)}{quote}")
    for o in report.omissions:
        evidence = f' — evidence L{o.evidence.line}: "{trim(o.evidence.text)}"' if o.evidence else ""
        lines.append(f"{path}: {o.severity} omission {o.rule}: {squash(o.message)}{evidence}")
    for e in report.errors:
        lines.append(f"{path}: error: {squash(e)}")
    if show_text:
        lines.append("text:")
        lines += marked_lines(report.source.text, [(s, e) for s, e, _ in category_spans(report)])
    out.write("\n".join(lines) + "\n")


def _header(report: Report) -> list[str]:
    return [
        f"file: {report.source.path}",
        f"actor: {', '.join(actors(report)) or 'unknown'}",
        f"published: {report.published or 'unknown'}",
        f"model: {report.model}",
        f"packs: {packs_label(report) or 'none'}",
        f"domains: {', '.join(report.domains) or 'none'}",
    ]


def _headline(report: Report) -> list[str]:
    h = report.headline
    if h is None:
        return ["headline: none found"]
    where = headline_location(report)
    origin = HEADLINE_SOURCES.get(h.source, h.source)
    at = f", L{where[0]}" if where else ""
    claim = h.claim
    scope = "; ".join(claim.scope) if claim.scope else "no scope stated"
    what = " ".join(x for x in (claim.action or "unknown action", claim.object or "") if x)
    return [
        f"headline: {squash(h.text)} ({origin}{at})",
        f"claim: {what}; implied duration {claim.implied_duration}; scope: {scope}",
    ]


def _span_ref(span: TextSpan) -> str:
    return f'L{span.line}:{span.column} "{trim(span.text, 100)}"'


def _commitment(c: Commitment) -> list[str]:
    what = " ".join(x for x in (c.action, c.object or "") if x)
    lines = [f"commitment {c.id}: {what} ({c.modality}) L{c.trigger.line}:{c.trigger.column}"]
    if c.actor:
        lines.append(f"  actor: {c.actor}")
    d = c.duration
    lines.append(f"  duration: {describe_duration(d)}" + (f" {_span_ref(d.span)}" if d.span else ""))
    for label, attr, _category in MODIFIERS:
        for span in getattr(c, attr):
            lines.append(f"  {label}: {_span_ref(span)}")
    if not c.scope:
        lines.append("  scope: none stated")
    return lines


def _verdict(report: Report) -> list[str]:
    g = report.gap
    lines = [
        f"verdict: {g.verdict} (score {g.score:.2f}; headline strength {g.headline_strength:.2f},"
        f" commitment strength {g.commitment_strength:.2f})"
    ]
    lines += [f"  - {squash(r)}" for r in g.reasons]
    return lines


def marked_lines(text: str, ranges: list[tuple[int, int]]) -> list[str]:
    """The numbered lines of ``text`` with each (merged) range wrapped in ``[[…]]``.

    A range that spans lines is closed at the end of each line and reopened on the next,
    so every output line stands on its own.
    """
    merged = merge_ranges(ranges)
    raw_lines = text.split("\n")
    if len(raw_lines) > 1 and raw_lines[-1] == "":
        raw_lines.pop()  # a final newline ends the last line; it does not start another
    width = len(str(len(raw_lines)))
    out: list[str] = []
    offset = 0
    for number, line in enumerate(raw_lines, 1):
        start, end = offset, offset + len(line)
        pieces, cursor = [], start
        for s, e in merged:
            s, e = max(s, start), min(e, end)
            if s >= e:
                continue
            pieces += [text[cursor:s], OPEN, text[s:e], CLOSE]
            cursor = e
        pieces.append(text[cursor:end])
        out.append(f"{number:>{width}} | {''.join(pieces)}".rstrip())
        offset = end + 1
    return out
