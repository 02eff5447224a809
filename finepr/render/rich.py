"""Terminal output with Rich: headline against fine print, side by side, then the evidence.

Report text only ever enters Rich as ``Text`` objects (never as markup strings), so brackets
in an announcement cannot break rendering. Colour is decided by the console (TTY, NO_COLOR).
"""
from __future__ import annotations

from collections import Counter

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from finepr.model import CATEGORIES, Commitment, Report, TextSpan
from finepr.render.common import (
    HEADLINE_SOURCES, MODIFIERS, actors, category_spans, describe_duration, headline_location,
    packs_label, sorted_findings, squash, trim,
)

SEVERITY_STYLE = {"major": "bold red", "minor": "yellow", "info": "cyan"}
VERDICT_STYLE = {"major": "red", "minor": "yellow", "none": "green"}
VERDICT_LABEL = {"major": "MAJOR GAP", "minor": "MINOR GAP", "none": "NO GAP"}
MODALITY_STYLE = {"firm": "green", "hedged": "yellow", "aspirational": "red"}
# One background per category: the source view, its legend and the findings table share them.
CATEGORY_STYLE = {
    "commitment": "black on green",
    "scope": "black on cyan",
    "duration": "black on yellow",
    "condition": "black on magenta",
    "carve_out": "white on red",
    "hedge": "black on bright_blue",
    "omission": "black on white",
    "contrast": "white on purple",
}
HEADLINE_COLOR, FINE_PRINT_COLOR = "bright_blue", "yellow"
MAX_FULL_COMMITMENTS = 4  # the rest are listed one line each
QUOTE_IN_PANEL = 90  # characters of a quote shown in the side-by-side panels
SIDE_BY_SIDE_MIN_WIDTH = 72  # narrower consoles stack the two panels


def render_rich(report: Report, console: Console, show_text: bool = False) -> None:
    """Print one report to ``console``.

    Args:
        report: the report to render.
        console: where to print; it decides width and whether colour is emitted.
        show_text: also print the source text with the reported spans highlighted.
    """
    console.print(_header(report))
    console.print(_headline_vs_commitments(report, console))
    console.print(_verdict(report))
    if report.findings:
        console.print(_findings(report))
    if report.omissions:
        console.print(_omissions(report))
    if show_text:
        console.print(_source(report))


def _t(text: str, style: str = "") -> Text:
    return Text(text, style=style)


def _label_grid() -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="dim", no_wrap=True, min_width=9)  # len("carve-out"): labels align
    grid.add_column(overflow="fold")
    return grid


def _fields(pairs: list[tuple[str, str]], strong: bool) -> Text:
    line = Text()
    for i, (key, value) in enumerate(pairs):
        if i:
            line.append("  ·  ", style="dim")
        line.append(f"{key} ", style="dim")
        line.append(value, style="bold" if strong else "")
    return line


def _header(report: Report) -> RenderableType:
    parts: list[RenderableType] = [
        _fields([("actor", ", ".join(actors(report)) or "unknown"),
                 ("published", report.published or "unknown"),
                 ("domains", ", ".join(report.domains) or "none")], strong=True),
        _fields([("model", report.model), ("packs", packs_label(report) or "none")], strong=False),
    ]
    for e in report.errors:
        parts.append(Text.assemble(("error ", "bold red"), squash(e)))
    title = Text.assemble(("finepr ", "bold"), (report.source.path, "bold underline"))
    return Panel(Group(*parts), title=title, title_align="left", box=box.HORIZONTALS, padding=(0, 1))


def _headline_body(report: Report) -> RenderableType:
    h = report.headline
    if h is None:
        return _t("No headline found in the text; pass one with --headline.", "dim italic")
    where = headline_location(report)
    origin = HEADLINE_SOURCES.get(h.source, h.source) + (f" · L{where[0]}" if where else "")
    claim = h.claim
    grid = _label_grid()
    grid.add_row("action", _t(claim.action or "unknown", "bold"))
    if claim.object:
        grid.add_row("object", _t(claim.object))
    grid.add_row("duration", Text.assemble((claim.implied_duration.replace("_", "-"), "bold"), (" (implied)", "dim")))
    if claim.scope:
        grid.add_row("scope", _t("; ".join(claim.scope)))
    else:
        grid.add_row("scope", _t("no scope stated", "italic"))
    quote = Text.assemble(("“", "dim"), (squash(h.text), f"bold {HEADLINE_COLOR}"), ("”", "dim"))
    return Group(quote, _t(origin, "dim italic"), _t(""), _t("The claim", "bold underline"), grid)


def _quote(span: TextSpan, style: str = "") -> Text:
    return Text.assemble(("“", "dim"), (trim(span.text, QUOTE_IN_PANEL), style), ("” ", "dim"), (f"L{span.line}", "dim"))


def _commitment_full(c: Commitment, show_actor: bool) -> RenderableType:
    head = Text.assemble((c.id, "dim"), " ", (c.action, "bold"))
    if c.object:
        head.append(" · ")
        head.append(c.object, style="bold")
    head.append(f"  {c.modality}", style=MODALITY_STYLE.get(c.modality, ""))
    head.append(f"  L{c.trigger.line}", style="dim")
    if show_actor and c.actor:
        head.append(f"  {c.actor}", style="dim italic")
    grid = _label_grid()
    if c.scope:
        for span in c.scope:
            grid.add_row("scope", _quote(span))
    else:
        grid.add_row("scope", _t("none stated", "italic yellow"))
    d = c.duration
    duration = _t(describe_duration(d), "bold" if d.kind != "unspecified" else "italic yellow")
    if d.span is not None:
        duration.append("  ")
        duration.append_text(_quote(d.span))
    grid.add_row("duration", duration)
    for label, attr, category in MODIFIERS[1:]:
        for span in getattr(c, attr):
            grid.add_row(label, _quote(span, "red" if category == "carve_out" else ""))
    return Group(head, grid)


def _commitments_body(report: Report) -> RenderableType:
    if not report.commitments:
        return _t("No commitment found in the text.", "bold red")
    parts: list[RenderableType] = []
    for i, c in enumerate(report.commitments[:MAX_FULL_COMMITMENTS]):
        if i:
            parts.append(_t(""))
        parts.append(_commitment_full(c, show_actor=len(actors(report)) > 1))
    rest = report.commitments[MAX_FULL_COMMITMENTS:]
    if rest:
        more = Text(f"\n+ {len(rest)} more: ", style="bold")
        for i, c in enumerate(rest):
            if i:
                more.append(" · ", style="dim")
            more.append(f"{c.id} {c.action}" + (f" {c.object}" if c.object else ""))
            more.append(f" L{c.trigger.line}", style="dim")
        parts.append(more)
    return Group(*parts)


def _headline_vs_commitments(report: Report, console: Console) -> RenderableType:
    width = console.width
    left = Panel(_headline_body(report), title=_t("Headline says", f"bold {HEADLINE_COLOR}"),
                 title_align="left", border_style=HEADLINE_COLOR, padding=(0, 1))
    n = len(report.commitments)
    right_title = Text.assemble(("Text commits to", f"bold {FINE_PRINT_COLOR}"),
                                (f" ({n} commitment{'' if n == 1 else 's'})" if n else "", FINE_PRINT_COLOR))
    right = Panel(_commitments_body(report), title=right_title, title_align="left",
                  border_style=FINE_PRINT_COLOR, padding=(0, 1))
    if width < SIDE_BY_SIDE_MIN_WIDTH:
        return Group(left, right)
    left_w = (width - 1) * 2 // 5
    right_w = width - 1 - left_w
    heights = [
        len(console.render_lines(panel, console.options.update(width=w, height=None)))
        for panel, w in ((left, left_w), (right, right_w))
    ]
    left.height = right.height = max(heights)  # both panels end on the same row
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(width=left_w)
    grid.add_column(width=right_w)
    grid.add_row(left, right)
    return grid


def _verdict(report: Report) -> RenderableType:
    g = report.gap
    color = VERDICT_STYLE.get(g.verdict, "white")
    line = Text.assemble(
        (f" {VERDICT_LABEL.get(g.verdict, g.verdict.upper())} ", f"bold reverse {color}"),
        ("  score ", "dim"), (f"{g.score:.2f}", f"bold {color}"),
        ("   headline strength ", "dim"), (f"{g.headline_strength:.2f}", HEADLINE_COLOR),
        ("  vs  text ", "dim"), (f"{g.commitment_strength:.2f}", FINE_PRINT_COLOR),
    )
    reasons = Table.grid(padding=(0, 1))
    reasons.add_column(no_wrap=True)
    reasons.add_column()
    for r in g.reasons:
        reasons.add_row(_t("•", color), _t(squash(r)))
    body = Group(line, reasons) if g.reasons else line
    return Panel(body, title=_t("Verdict", f"bold {color}"), title_align="left", border_style=color, padding=(0, 1))


def _findings(report: Report) -> RenderableType:
    counts = Counter(f.severity for f in report.findings)
    title = Text.assemble((f"Findings ({len(report.findings)}", "bold"))
    for severity in ("major", "minor", "info"):
        if counts[severity]:
            title.append(f" · {counts[severity]} {severity}", style=SEVERITY_STYLE[severity])
    title.append(")", style="bold")
    table = Table(title=title, title_justify="left",
                  box=box.SIMPLE_HEAD, expand=True, padding=(0, 1), header_style="bold dim")
    table.add_column(_t("at"), no_wrap=True, justify="right")
    table.add_column(_t("severity"), no_wrap=True)
    table.add_column(_t("category"), no_wrap=True)
    table.add_column(_t("quote"), ratio=3, overflow="fold")
    table.add_column(_t("message"), ratio=4, overflow="fold")
    for f in sorted_findings(report.findings):
        at = f"{f.span.line}:{f.span.column}" if f.span else "–"
        quote = Text.assemble(("“", "dim"), trim(f.span.text), ("”", "dim")) if f.span else _t("")
        table.add_row(
            _t(at, "dim"),
            _t(f.severity, SEVERITY_STYLE.get(f.severity, "")),
            _t(f.category.replace("_", "-"), CATEGORY_STYLE.get(f.category, "")),
            quote,
            _t(squash(f.message)),
        )
    return table


def _omissions(report: Report) -> RenderableType:
    """Major and minor omissions in a table; info-level ones as one line under it."""
    shown = sorted((o for o in report.omissions if o.severity != "info"), key=lambda o: o.severity != "major")
    notes = [o for o in report.omissions if o.severity == "info"]
    if not shown:
        return _t("Also not addressed (info): " + ", ".join(o.label for o in notes), "dim")
    count = len(report.omissions)
    table = Table(title=_t(f"Not addressed ({count} omission{'' if count == 1 else 's'})", "bold"),
                  title_justify="left", box=box.SIMPLE_HEAD, expand=True, padding=(0, 1),
                  header_style="bold dim",
                  caption=_t("also not addressed (info): " + ", ".join(o.label for o in notes), "dim")
                  if notes else None, caption_justify="left")
    table.add_column(_t("what"), ratio=2, overflow="fold")
    table.add_column(_t("severity"), no_wrap=True)
    table.add_column(_t("message"), ratio=4, overflow="fold")
    table.add_column(_t("because of"), ratio=2, overflow="fold")
    for o in shown:
        evidence = _quote(o.evidence) if o.evidence else _t("")
        table.add_row(
            _t(o.label, "bold"),
            _t(o.severity, SEVERITY_STYLE.get(o.severity, "")),
            _t(squash(o.message)),
            evidence,
        )
    return table


def _source(report: Report) -> RenderableType:
    text = Text(report.source.text)
    spans = category_spans(report)
    # Longest first, so a short span inside a longer one keeps its own colour.
    for start, end, category in sorted(spans, key=lambda s: s[0] - s[1]):
        text.stylize(CATEGORY_STYLE.get(category, "reverse"), start, end)
    h = report.headline
    if h is not None and h.start is not None and h.end is not None:
        text.stylize("bold underline", h.start, h.end)
    legend = Text("legend: ", style="dim")
    present = {c for _s, _e, c in spans}
    for category in sorted(present, key=lambda c: CATEGORIES.index(c) if c in CATEGORIES else 99):
        legend.append(f" {category.replace('_', '-')} ", style=CATEGORY_STYLE.get(category, "reverse"))
        legend.append(" ")
    if h is not None and h.start is not None:
        legend.append("headline", style="bold underline")
    lines = text.split("\n", allow_blank=False)
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", style="dim", no_wrap=True)
    grid.add_column(overflow="fold")
    for number, line in enumerate(lines, 1):
        line.rstrip()
        grid.add_row(_t(str(number)), line)
    return Panel(Group(legend, _t(""), grid), title=_t("Source text", "bold"), title_align="left",
                 border_style="dim", padding=(0, 1))
