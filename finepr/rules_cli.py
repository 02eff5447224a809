"""`finepr rules …`: commands for rule authors (check, test, list, explain, schema).

Each command parses its options, calls one core function in ``finepr.ruleset``
and maps the result to output and an exit code: 0 fine, 1 failing rule tests,
2 invalid rule files, usage or internal errors. Problems are one line each on
stderr, ``path:line:column: CODE message``. spaCy is imported inside the commands
that need it, so ``--help`` stays fast.
"""
from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Iterator, List, Optional

import typer

from finepr.errors import FineprError

rules_app = typer.Typer(no_args_is_help=True, help="Validate, test, list and explain rule packs.")

PATHS_HELP = "Pack folders, folders of packs, or rule files in a pack (default: the built-in packs)."
NO_BUILTIN_HELP = "Do not load the built-in packs alongside PATH (ids like core.* then do not resolve)."


class TestFormat(str, Enum):
    text = "text"
    junit = "junit"
    github = "github"


class SchemaKind(str, Enum):
    rules = "rules"
    pack = "pack"
    any = "any"


def _emit_problems(problems) -> None:
    from finepr.ruleset.reports import display_path

    for problem in problems:
        problem.path = display_path(problem.path) if problem.path else problem.path
        sys.stderr.write(f"{problem}\n")


@contextmanager
def _guard(debug: bool) -> Iterator[None]:
    """User errors as one line and exit 2; internal errors too, unless --debug asks for the traceback."""
    try:
        yield
    except FineprError as exc:
        _emit_problems([exc])
        raise typer.Exit(2) from None
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except Exception as exc:
        if debug:
            raise
        sys.stderr.write(f"finepr: internal error: {type(exc).__name__}: {exc} (rerun with --debug)\n")
        raise typer.Exit(2) from None


def _load(paths: list[Path], no_builtin: bool):
    """The merged rule set, or exit 2 after printing every error."""
    from finepr.ruleset.load import collect, is_warning

    ruleset, problems = collect(paths, builtin=not no_builtin or not paths)
    errors = [p for p in problems if not is_warning(p)]
    if errors:
        _emit_problems(errors)
        raise typer.Exit(2)
    return ruleset


def _codes_epilog() -> str:
    from finepr.ruleset.codes import CODES

    return "Codes: " + "; ".join(f"{code} {text}" for code, text in CODES.items()) + "."


@rules_app.command("check", epilog=_codes_epilog())
def check_cli(
    paths: Optional[List[Path]] = typer.Argument(None, help=PATHS_HELP, show_default=False),
    no_builtin: bool = typer.Option(False, "--no-builtin", help=NO_BUILTIN_HELP),
    strict: bool = typer.Option(False, "--strict", help="Warnings (W codes) fail the check too."),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for internal errors."),
) -> None:
    """Validate rule packs: YAML, keys, types, ids, overrides, references, patterns, docs.

    Every problem is one line on stderr (path:line:column: CODE message); the
    summary goes to stdout. Exit 2 if there is any error (or warning, with --strict).
    """
    with _guard(debug):
        from finepr.ruleset.check import check_packs

        result = check_packs(list(paths or []), builtin=not no_builtin)
    _emit_problems(result.problems)
    sys.stdout.write(
        f"{len(result.packs)} pack(s) checked ({', '.join(result.packs) or 'none'}): {result.rules} rule(s), "
        f"{result.omissions} omission item(s) in {result.files} file(s); {len(result.errors)} error(s), "
        f"{len(result.warnings)} warning(s)\n")
    if result.errors or (strict and result.warnings):
        raise typer.Exit(2)


@rules_app.command("test")
def test_cli(
    paths: Optional[List[Path]] = typer.Argument(None, help=PATHS_HELP, show_default=False),
    strict: bool = typer.Option(False, "--strict", help="A rule lacking match or no_match examples fails."),
    fmt: TestFormat = typer.Option(TestFormat.text, "--format", "-f",
                                   help="text (per-rule lines), junit (XML on stdout), github (annotations)."),
    model: str = typer.Option("rules", "--model", "-m", envvar="FINEPR_MODEL",
                              help="'rules' (built in) or a trained pipeline: en_core_web_sm, sm, trained."),
    no_builtin: bool = typer.Option(False, "--no-builtin", help=NO_BUILTIN_HELP),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for internal errors."),
) -> None:
    """Run every rule's examples through the pipeline; exit 1 if any fails.

    A match example must fire the rule (with the expected span, duration and
    action when given), a no_match example must not; todo_match examples are
    known gaps, reported but never failed. Omission items' examples run through
    the whole analysis. Ends with 'N passed, N failed[, N skipped]'.
    """
    with _guard(debug):
        from finepr.ruleset.examples import run_examples
        from finepr.ruleset.reports import RENDERERS

        run = run_examples(list(paths or []), builtin=not no_builtin, model=model, strict=strict)
        if run.problems:
            _emit_problems(run.problems)
            sys.stderr.write("rule packs are invalid; 'finepr rules check' lists every problem\n")
            raise typer.Exit(2)
        sys.stdout.write(RENDERERS[fmt.value](run))
    if fmt == TestFormat.junit:
        sys.stderr.write(run.closing_line() + "\n")
    if not run.ok:
        raise typer.Exit(1)


@rules_app.command("list")
def list_cli(
    paths: Optional[List[Path]] = typer.Argument(None, help="Extra pack folders to list with the built-ins.",
                                                 show_default=False),
    no_builtin: bool = typer.Option(False, "--no-builtin", help=NO_BUILTIN_HELP),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for internal errors."),
) -> None:
    """List rules and omission items: id, pack, category, severity, examples.

    A table on a terminal; tab-separated values with a header line otherwise.
    """
    from rich.console import Console

    with _guard(debug):
        from finepr.ruleset.docs import list_rows

        rows = list_rows(_load(list(paths or []), no_builtin))
    columns = ("id", "pack", "category", "severity", "examples")
    console = Console()
    if console.is_terminal:
        from rich.table import Table

        table = Table(*columns, title=f"{len(rows)} rules")
        for row in rows:
            table.add_row(*(str(row[c]) for c in columns))
        console.print(table)
        return
    sys.stdout.write("\t".join(columns) + "\n")
    for row in rows:
        sys.stdout.write("\t".join(str(row[c]) for c in columns) + "\n")


@rules_app.command("explain")
def explain_cli(
    rule_id: str = typer.Argument(..., metavar="ID", help="A rule or omission id, e.g. core.trigger.moratorium."),
    rules: List[Path] = typer.Option([], "--rules", help="Extra rule pack folder (repeatable)."),
    no_builtin: bool = typer.Option(False, "--no-builtin", help=NO_BUILTIN_HELP),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for internal errors."),
) -> None:
    """Explain a rule: what it finds, why it matters, examples, link."""
    with _guard(debug):
        from finepr.ruleset.docs import UnknownRule, explain, render_explain
        from finepr.ruleset.reports import display_path

        ruleset = _load(list(rules), no_builtin)
        try:
            loaded_doc = explain(ruleset, rule_id)
        except UnknownRule as exc:
            sys.stderr.write(f"finepr: {exc}\n")
            raise typer.Exit(2) from None
        found = ruleset.get(loaded_doc.id)
        if found is not None:  # a rule or omission item (not a mechanism set in pack.yaml)
            loaded_doc.summary = loaded_doc.summary.replace(found.path, display_path(found.path), 1)
        sys.stdout.write(render_explain(loaded_doc))


@rules_app.command("schema")
def schema_cli(
    kind: SchemaKind = typer.Option(SchemaKind.rules, "--kind", "-k",
                                    help="rules (a rule file), pack (pack.yaml) or any (either)."),
) -> None:
    """Print the JSON Schema of rule files (or pack manifests) for YAML language servers.

    Save it and point your editor at it, e.g. a first line
    '# yaml-language-server: $schema=finepr-rules.schema.json'.
    """
    from finepr.ruleset.docs import json_schema

    sys.stdout.write(json.dumps(json_schema(kind.value), indent=2) + "\n")
