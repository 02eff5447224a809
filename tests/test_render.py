"""Renderers: rich, plain, json and jsonl output of a hand-built report."""
from __future__ import annotations

import dataclasses
import importlib.machinery
import io
import json
import re
import types
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console

from finepr.model import (
    Claim, Commitment, Duration, Finding, Gap, Headline, Omission, Report, Source, TextSpan,
)
from finepr.render import FORMATS, render, render_plain, render_rich, to_json, to_jsonl

ANSI = re.compile(r"\x1b\[")
PATH = "samples/acme-faceprint-2023.txt"
TEXT = (
    "Acme Vision stops selling Faceprint face recognition\n"
    "SPRINGFIELD, March 1, 2023 — Acme Vision today announced an 18-month moratorium on sales of"
    " Faceprint to state and local police departments.\n"
    "\"We intend to use this pause to work with lawmakers on clear rules [for everyone],\" said CEO"
    " Dana Reyes.\n"
    "The moratorium will end sooner if a federal standard takes effect.\n"
    "Existing contracts will be honored through their current terms, and Faceprint remains"
    " available to organizations fighting human trafficking.\n"
    "About Acme Vision: Acme Vision builds computer-vision tools for retail and public safety.\n"
)


def span(text: str, phrase: str, after: str = "") -> TextSpan:
    """The span of ``phrase`` in ``text``, searching from the end of ``after``."""
    base = text.index(after) + len(after) if after else 0
    start = text.index(phrase, base)
    return TextSpan.of(text, start, start + len(phrase))


def build_report(text: str = TEXT, path: str = PATH, headline_text: str | None = None) -> Report:
    """A realistic report over ``text`` (the Acme announcement or a variant of it)."""
    s = lambda phrase, after="": span(text, phrase, after)  # noqa: E731

    def between(first: str, last: str) -> TextSpan:
        start = text.index(first)
        return TextSpan.of(text, start, text.index(last, start) + len(last))
    title = headline_text or text.split("\n", 1)[0]
    c1 = Commitment(
        id="c1", actor="Acme Vision", action="moratorium", object="Faceprint",
        sentence=TextSpan.of(text, text.index("Acme Vision today"), text.index("departments.") + len("departments.")),
        trigger=s("moratorium"), modality="hedged",
        scope=[s("to state and local police departments")],
        conditions=[s("if a federal standard takes effect")],
        carve_outs=[s("Existing contracts will be honored through their current terms"),
                    between("Faceprint remains", "trafficking")],
        hedges=[s("We intend to")],
        duration=Duration("fixed", "P18M", "2024-09-01", s("18-month")),
        strength=0.25,
    )
    findings = [
        Finding("core.carve-out.existing-contracts", "carve_out", "major",
                "Existing customers keep using it: the pause covers new sales only.", commitment="c1",
                span=c1.carve_outs[0]),
        Finding("core.duration.fixed-term", "duration", "major",
                "A fixed term: the moratorium ends on 2024-09-01.", commitment="c1", span=c1.duration.span),
        Finding("core.scope.restricted", "scope", "minor",
                "Applies only to state and local police departments.", commitment="c1", span=c1.scope[0]),
        Finding("core.commitment.moratorium", "commitment", "info",
                "A moratorium on sales of Faceprint.", commitment="c1", span=c1.trigger),
        Finding("core.hedge.intend", "hedge", "minor", "'We intend to' states intent, not a promise.",
                commitment="c1", span=c1.hedges[0]),
        Finding("core.condition.sooner-if", "condition", "minor",
                "The moratorium may end early, on an outside event.", commitment="c1", span=c1.conditions[0]),
        Finding("core.carve-out.remains-available", "carve_out", "major",
                "Named organizations can still use Faceprint.", commitment="c1", span=c1.carve_outs[1]),
        Finding("core.contrast.headline-action", "contrast", "major",
                "The headline says 'stops selling'; the text commits to an 18-month moratorium.",
                commitment="c1", span=s("stops selling") if "stops selling" in text else None),
    ]
    omissions = [
        Omission("surveillance.federal-agencies", "federal-agencies", "Federal agencies (FBI, ICE, DHS, DoD)",
                 "major", "Scope names police but says nothing about federal agencies.", "c1",
                 evidence=s("police departments")),
        Omission("core.end-of-term", "end-of-term", "What happens when it expires", "minor",
                 "Nothing says what happens after 2024-09-01.", "c1"),
    ]
    return Report(
        source=Source(path=path, text=text, sha256="0" * 64),
        model="en_core_web_sm 3.8.0 | finepr-rules-only",
        packs=[{"name": "core", "version": "1"}, {"name": "surveillance", "version": "1"}],
        domains=["surveillance"],
        published="2023-03-01",
        headline=Headline(title, 0 if headline_text is None else None,
                          len(title) if headline_text is None else None,
                          "title" if headline_text is None else "argument",
                          Claim("ban", "Faceprint", "permanent", [])),
        commitments=[c1], findings=findings, omissions=omissions,
        gap=Gap("major", 0.72, 0.9, 0.25, [
            "headline implies a permanent ban; the text commits to 18 months (ends 2024-09-01)",
            "the text limits it to state and local police; the headline states no scope",
            "2 carve-outs: existing contracts, organizations fighting human trafficking",
        ]),
    )


@pytest.fixture
def report() -> Report:
    return build_report()


def rich_output(report: Report, *, force_terminal: bool = True, width: int = 100, show_text: bool = False) -> str:
    buf = io.StringIO()
    render_rich(report, Console(file=buf, width=width, force_terminal=force_terminal), show_text=show_text)
    return buf.getvalue()


def plain_output(report: Report, show_text: bool = False) -> str:
    buf = io.StringIO()
    render_plain(report, buf, show_text=show_text)
    return buf.getvalue()


def visible(s: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", s)


def test_fixture_spans_quote_the_text(report):
    for f in report.findings:
        assert f.span is None or TEXT[f.span.start:f.span.end] == f.span.text


def test_json_round_trips_with_every_contract_key(report):
    data = json.loads(to_json([report]))
    assert data == json.loads(json.dumps(report.to_dict()))
    for key in ("schema", "finepr_version", "source", "pipeline", "domains", "published", "headline",
                "commitments", "findings", "omissions", "gap", "errors"):
        assert key in data
    assert data["schema"] == 1
    assert set(data["commitments"][0]) >= {"id", "actor", "action", "object", "sentence", "trigger",
                                           "modality", "scope", "conditions", "carve_outs", "hedges", "duration"}
    assert set(data["gap"]) >= {"verdict", "score", "headline_strength", "commitment_strength", "reasons"}
    assert data["findings"][0]["span"] == report.findings[0].span.to_dict()


@pytest.mark.parametrize("count", [0, 2, 3])
def test_json_several_reports_are_a_list(report, count):
    data = json.loads(to_json([report] * count))
    assert isinstance(data, list) and len(data) == count


@pytest.mark.parametrize("count", [1, 3])
def test_jsonl_one_compact_line_per_report(report, count):
    text = to_jsonl([report] * count)
    lines = text.splitlines()
    assert len(lines) == count and text.endswith("\n")
    assert all(json.loads(line)["source"]["path"] == PATH for line in lines)


@pytest.mark.parametrize("serialize", [to_json, to_jsonl])
def test_json_keeps_non_ascii_and_brackets_verbatim(serialize):
    weird = build_report(TEXT.replace("human trafficking", "human™ [bold] trafficking"))
    out = serialize([weird])
    assert "human™ [bold] trafficking" in out and "\\u2122" not in out
    assert json.loads(out.splitlines()[0] if serialize is to_jsonl else out)["source"]["path"] == PATH


def test_plain_has_no_ansi_and_no_box_drawing(report):
    out = plain_output(report, show_text=True)
    assert not ANSI.search(out)
    assert not re.search("[\u2500-\u257f]", out)


def test_plain_finding_lines_point_at_their_quote(report):
    rules = {f.rule: f for f in report.findings}
    source_lines = TEXT.split("\n")
    found = re.findall(rf"^{re.escape(PATH)}:(\d+):(\d+): (\w+) (\w+) (\S+): ", plain_output(report), flags=re.M)
    assert sorted(rule for *_, rule in found) == sorted(rules)
    for line, column, severity, category, rule in found:
        f = rules[rule]
        assert (severity, category) == (f.severity, f.category)
        assert source_lines[int(line) - 1][int(column) - 1:].startswith(f.span.text)
    assert ("2", "61") in [(line, col) for line, col, *_ in found]  # "18-month"


def test_plain_findings_sorted_by_position(report):
    found = re.findall(rf"^{re.escape(PATH)}:(\d+):(\d+): ", plain_output(report), flags=re.M)
    positions = [(int(line), int(col)) for line, col in found]
    assert len(positions) == len(report.findings) and positions == sorted(positions)


def test_plain_blocks(report):
    out = plain_output(report)
    assert "headline: Acme Vision stops selling Faceprint face recognition (from the title, L1)" in out
    assert "claim: ban Faceprint; implied duration permanent; scope: no scope stated" in out
    assert "verdict: major (score 0.72" in out
    assert "  duration: fixed 18 months (P18M), ends 2024-09-01" in out
    assert f"{PATH}: major omission surveillance.federal-agencies: " in out
    assert f"{PATH}: minor omission core.end-of-term: Nothing says what happens after 2024-09-01.\n" in out


def test_plain_show_text_marks_spans(report):
    out = plain_output(report, show_text=True)
    assert "[[18-month]] [[moratorium]]" in out
    assert "\n5 | [[Existing contracts will be honored through their current terms]], and" in out
    assert "6 | About Acme Vision: Acme Vision builds" in out and "7 |" not in out


def test_rich_contains_verdict_headline_and_every_quote(report):
    out = visible(rich_output(report))
    assert "MAJOR GAP" in out
    assert "Headline says" in out and "Text commits to" in out
    assert in_order(report.headline.text, out)
    for f in report.findings:
        assert in_order(f.span.text, out, words=6), f.span.text


def in_order(phrase: str, out: str, words: int = 99) -> bool:
    """Whether the first ``words`` words of ``phrase`` appear in order in ``out``.

    Wrapped in a panel or a table cell, a phrase is cut across lines, with the other
    column's text between its pieces; its words still come in order.
    """
    tokens = iter(re.split(r"[\s│“”]+", out))
    return all(any(w == t for t in tokens) for w in re.split(r"[\s“”]+", phrase)[:words])


@pytest.mark.parametrize("width", [60, 80, 100, 140])
@pytest.mark.parametrize("show_text", [False, True])
def test_rich_never_wider_than_the_console(report, width, show_text):
    out = visible(rich_output(report, width=width, show_text=show_text))
    assert max(cell_len(line) for line in out.splitlines()) <= width


def test_rich_without_terminal_has_no_ansi(report):
    out = rich_output(report, force_terminal=False, show_text=True)
    assert not ANSI.search(out)
    assert "MAJOR GAP" in out


@pytest.mark.parametrize("verdict,label", [("major", "MAJOR GAP"), ("minor", "MINOR GAP"), ("none", "NO GAP")])
def test_rich_verdict_labels(report, verdict, label):
    report.gap = dataclasses.replace(report.gap, verdict=verdict)
    assert label in visible(rich_output(report))


@pytest.mark.parametrize("markup", ["[bold]", "[/]", "[link=http://x]", "[red on blue]boo[/red on blue]"])
def test_rich_text_with_markup_brackets_is_literal(markup):
    text = TEXT.replace("[for everyone]", markup).replace("human trafficking", f"human {markup} trafficking")
    report = build_report(text, path=f"odd{markup}.txt", headline_text=f"Acme {markup} bans Faceprint")
    out = visible(rich_output(report, show_text=True))
    assert in_order(f"Acme {markup} bans Faceprint", out)
    assert markup in out.split("Source text")[1]
    assert f"odd{markup}.txt" in out


def test_rich_show_text_highlights_spans_with_legend(report):
    out = rich_output(report, show_text=True)
    plain = visible(out)
    assert "legend:" in plain and " carve-out " in plain
    assert "About Acme Vision: Acme Vision builds" in plain
    # the duration span is drawn with its background colour (yellow: 43)
    assert re.search(r"\x1b\[[0-9;]*43m18-month", out)


def test_rich_many_commitments_are_compacted(report):
    extra = [dataclasses.replace(report.commitments[0], id=f"c{i}") for i in range(2, 8)]
    report.commitments += extra
    out = visible(rich_output(report))
    assert "+ 3 more:" in out and "c5 moratorium Faceprint L2" in out
    assert "c4 moratorium" in out


def test_rich_without_headline_or_commitments(report):
    report.headline = None
    report.commitments = []
    out = visible(rich_output(report))
    assert "No headline found" in out and "No commitment found" in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_render_dispatches_every_format_to_the_stream(report, fmt, capsys):
    buf = io.StringIO()
    render([report, build_report(path="b.txt")], fmt, buf, width=100, color=False)
    out = buf.getvalue()
    assert PATH in out and "b.txt" in out and not ANSI.search(out)
    assert capsys.readouterr().out == ""


def test_render_color_true_forces_ansi(report):
    buf = io.StringIO()
    render([report], "rich", buf, width=100, color=True)
    assert ANSI.search(buf.getvalue())


def test_render_rejects_unknown_format(report):
    with pytest.raises(ValueError, match="rich, plain, json, jsonl"):
        render([report], "yaml", io.StringIO())


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_render_honours_no_color_on_a_terminal(report, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    out = FakeTTY()
    render([report], "rich", out, width=100)
    assert not re.search(r"\x1b\[[0-9;]*(3[0-7]|4[0-7])m", out.getvalue())


def test_plain_headline_given_as_argument():
    out = plain_output(build_report(headline_text="Acme [bold] bans Faceprint for good"))
    assert "headline: Acme [bold] bans Faceprint for good (given with --headline)\n" in out


CHECK_CONTRACT = Path(__file__).resolve().parents[2] / "shared" / "tools" / "check-contract"


@pytest.mark.skipif(not CHECK_CONTRACT.exists(), reason="../shared/tools/check-contract not present")
def test_json_passes_the_contract_checker(report):
    loader = importlib.machinery.SourceFileLoader("check_contract", str(CHECK_CONTRACT))
    module = types.ModuleType(loader.name)
    loader.exec_module(module)
    assert module.check_report(json.loads(to_json([report])), TEXT) == []
