"""`finepr rules …`: commands for rule authors (check, test, list, explain, schema)."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import List

import typer

rules_app = typer.Typer(no_args_is_help=True, help="Validate, test and explain rule packs.")


@rules_app.command("check")
def check(paths: List[Path] = typer.Argument(None, help="Pack folders (default: the built-in packs).")) -> None:
    """Validate rule packs: keys, types, ids, patterns. One line per problem; exit 2 if any."""
    from finepr.pipeline import build_nlp
    from finepr.ruleset.compile import compile_rules
    from finepr.ruleset.load import collect

    ruleset, errors = collect(list(paths or []), builtin=not paths)
    compile_rules(build_nlp("rules"), ruleset, errors)
    for error in errors:
        sys.stderr.write(f"{error}\n")
    count = len(ruleset.rules)
    sys.stdout.write(f"{len(ruleset.packs)} pack(s), {count} rule(s), {len(errors)} problem(s)\n")
    if errors:
        raise typer.Exit(2)
