"""The command line: thin Typer commands over the core functions."""
from __future__ import annotations

import datetime as dt
import json
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from finepr.errors import FineprError
from finepr.rules_cli import rules_app

app = typer.Typer(no_args_is_help=True, add_completion=False, rich_markup_mode=None,
                  pretty_exceptions_enable=False,
                  help="finepr: what an announcement actually commits to, against what its headline claims.")
app.add_typer(rules_app, name="rules")


class Format(str, Enum):
    rich = "rich"
    plain = "plain"
    json = "json"
    jsonl = "jsonl"


class FailOn(str, Enum):
    never = "never"
    minor = "minor"
    major = "major"


RANK = {"info": 0, "none": 0, "minor": 1, "major": 2}


def _fail(error: FineprError | str, fmt: str | None = None) -> None:
    """Print one line for a user-facing error on stderr."""
    if fmt in ("json", "jsonl") and isinstance(error, FineprError):
        sys.stderr.write(json.dumps({"error": error.to_dict() | {"text": str(error)}}) + "\n")
    else:
        sys.stderr.write(f"finepr: {error}\n" if not isinstance(error, FineprError) or not error.path
                         else f"{error}\n")


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"'{value}' is not a date like 2020-06-10", param_hint="--published")


@app.command()
def analyze(
    paths: List[str] = typer.Argument(..., help="Announcements (.txt, .md, .html) or - for standard input."),
    fmt: Optional[Format] = typer.Option(None, "--format", "-f", envvar="FINEPR_FORMAT",
                                         help="rich (default on a terminal), plain (default otherwise), json, jsonl."),
    model: str = typer.Option("rules", "--model", "-m", envvar="FINEPR_MODEL",
                              help="'rules' (built in) or a trained pipeline: en_core_web_sm, sm, trained."),
    rules: List[Path] = typer.Option([], "--rules", help="Extra rule pack folder (repeatable)."),
    pack: List[str] = typer.Option([], "--pack", help="Use only these packs (core is always on)."),
    no_builtin: bool = typer.Option(False, "--no-builtin", help="Do not load the built-in packs."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date (YYYY-MM-DD)."),
    headline: Optional[str] = typer.Option(None, "--headline", help="Contrast this headline with the text."),
    show_text: bool = typer.Option(False, "--show-text", help="Show the source with spans highlighted."),
    fail_on: FailOn = typer.Option(FailOn.never, "--fail-on", help="Exit 1 on a finding or verdict at this level."),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for internal errors."),
) -> None:
    """Analyze announcements: the headline's claim against the actual commitment.

    Exit codes: 0 nothing at or above --fail-on; 1 a finding, omission or verdict at or above
    --fail-on; 2 unreadable input, a bad option, an invalid rule pack or an internal error (one
    line on stderr per problem; the other files are still analyzed).
    """
    from finepr.analyze import Analyzer
    from finepr.load import load_bytes, load_path
    from finepr.render import render

    chosen = (fmt.value if fmt else ("rich" if sys.stdout.isatty() else "plain"))
    date = _parse_date(published)
    try:
        analyzer = Analyzer(model=model, rules_dirs=rules, builtin=not no_builtin, packs=pack or None)
    except FineprError as exc:
        _fail(exc, chosen)
        raise typer.Exit(2)
    reports, failed = [], False
    for path in paths:
        try:
            source = load_bytes(sys.stdin.buffer.read(), "<stdin>") if path == "-" else load_path(path)
            reports.append(analyzer.analyze(source, published=date, headline=headline))
        except FineprError as exc:
            _fail(exc, chosen)
            failed = True
        except Exception as exc:  # an internal error on one file must not sink the others
            if debug:
                raise
            _fail(f"{path}: internal error: {type(exc).__name__}: {exc} (rerun with --debug)", chosen)
            failed = True
    if reports:
        render(reports, chosen, sys.stdout, show_text=show_text)
    if failed:
        raise typer.Exit(2)
    if fail_on != FailOn.never and any(_worst(r) >= RANK[fail_on.value] for r in reports):
        raise typer.Exit(1)


@app.command("eval")
def eval_cmd(
    dirs: List[Path] = typer.Argument(..., help="Folders of NAME.txt + NAME.gold.yaml pairs (subfolders are splits)."),
    model: str = typer.Option("rules", "--model", "-m", envvar="FINEPR_MODEL", help="Pipeline to evaluate."),
    fmt: str = typer.Option("table", "--format", "-f", help="table or json."),
    details: bool = typer.Option(False, "--details", help="List every miss and false alarm with its quote."),
    rules: List[Path] = typer.Option([], "--rules", help="Extra rule pack folder (repeatable)."),
) -> None:
    """Measure precision, recall and accuracy against gold annotations."""
    from finepr.analyze import Analyzer
    from finepr.evaluate import evaluate
    from finepr.render.evaluation import write

    if fmt not in ("table", "json"):
        raise typer.BadParameter("use 'table' or 'json'", param_hint="--format")
    try:
        analyzer = Analyzer(model=model, rules_dirs=rules)
        summaries, results = evaluate(dirs, analyzer)
    except FineprError as exc:
        _fail(exc, "json" if fmt == "json" else None)
        raise typer.Exit(2)
    if not results:
        _fail(f"no NAME.gold.yaml files under {', '.join(map(str, dirs))}")
        raise typer.Exit(2)
    write(summaries, results, analyzer.model, fmt, sys.stdout, details)


def _worst(report) -> int:
    levels = [RANK[f.severity] for f in report.findings] + [RANK[o.severity] for o in report.omissions]
    return max(levels + [RANK[report.gap.verdict]])


def main() -> None:
    """Entry point: an unexpected error is one line on stderr and exit 2 (FINEPR_DEBUG=1 for the traceback)."""
    import os

    try:
        app()
    except Exception as exc:  # the commands handle user errors; this is the last guard
        if os.environ.get("FINEPR_DEBUG"):
            raise
        sys.stderr.write(f"finepr: internal error: {type(exc).__name__}: {exc} (set FINEPR_DEBUG=1 for details)\n")
        sys.exit(2)
