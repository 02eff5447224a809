"""Renderers: a list of ``Report`` objects to rich, plain, JSON or JSON Lines text.

``render()`` is the only entry point the CLI needs; each format also has its own function
(``render_rich``, ``render_plain``, ``to_json``, ``to_jsonl``) for callers that want one.
"""
from __future__ import annotations

from typing import Sequence, TextIO

from finepr.model import Report
from finepr.render.json import to_json, to_jsonl
from finepr.render.plain import render_plain
from finepr.render.rich import render_rich

FORMATS = ("rich", "plain", "json", "jsonl")

__all__ = ["FORMATS", "make_console", "render", "render_plain", "render_rich", "to_json", "to_jsonl"]


def make_console(out: TextIO, *, width: int | None = None, color: bool | None = None):
    """A Rich console writing to ``out``.

    Args:
        out: the stream written to.
        width: columns to lay out for; ``None`` asks the terminal (80 when not a terminal).
        color: ``True`` forces ANSI styles, ``False`` forbids them, ``None`` lets Rich decide
            (styles only on a terminal; honours NO_COLOR, FORCE_COLOR and TERM=dumb).
    """
    from rich.console import Console

    options: dict = {}
    if color is not None:
        options["force_terminal"] = color
        options["no_color"] = not color
    return Console(file=out, width=width, highlight=False, emoji=False, markup=False, **options)


def render(reports: Sequence[Report], fmt: str, out: TextIO, *, show_text: bool = False,
           width: int | None = None, color: bool | None = None) -> None:
    """Write ``reports`` to ``out`` in format ``fmt``.

    Args:
        reports: the reports, in the order to show them.
        fmt: one of ``FORMATS``.
        out: the stream written to (stdout for the CLI); nothing else is written.
        show_text: rich and plain also show the source text with the reported spans marked.
        width: rich only: columns to lay out for (``None``: the terminal's width).
        color: rich only: force (``True``) or forbid (``False``) colour; ``None`` detects.
    Raises:
        ValueError: ``fmt`` is not one of ``FORMATS``.
    """
    if fmt == "json":
        out.write(to_json(reports) + "\n")
    elif fmt == "jsonl":
        out.write(to_jsonl(reports))
    elif fmt == "plain":
        for i, report in enumerate(reports):
            if i:
                out.write("\n")
            render_plain(report, out, show_text=show_text)
    elif fmt == "rich":
        console = make_console(out, width=width, color=color)
        for i, report in enumerate(reports):
            if i:
                console.print()
                console.rule(style="bold")
                console.print()
            render_rich(report, console, show_text=show_text)
    else:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
