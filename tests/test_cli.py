"""`finepr analyze` from the outside: streams, formats and exit codes."""
from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from conftest import SAMPLES
from finepr.cli import app

AMAZON = str(SAMPLES / "amazon-rekognition-moratorium-2020.txt")
ANSI = re.compile(r"\x1b\[")


@pytest.fixture
def cli():
    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(app, list(args), input=input)

    return invoke


def test_plain_is_the_default_off_a_terminal(cli):
    result = cli("analyze", AMAZON)
    assert result.exit_code == 0
    assert not ANSI.search(result.stdout)
    assert re.search(r"amazon-rekognition-moratorium-2020\.txt:\d+:\d+: major duration core\.duration\.fixed-term",
                     result.stdout)
    assert result.stderr == ""


def test_json_is_one_object_per_document(cli):
    result = cli("analyze", AMAZON, "--format", "json")
    data = json.loads(result.stdout)
    assert data["schema"] == 1 and data["gap"]["verdict"] == "major"
    result = cli("analyze", AMAZON, str(SAMPLES / "ibm-facial-recognition-exit-2020.txt"), "--format", "json")
    assert [r["commitments"][0]["actor"] for r in json.loads(result.stdout)] == ["Amazon", "IBM"]


def test_jsonl_and_stdin(cli):
    text = open(AMAZON, encoding="utf-8").read()
    result = cli("analyze", "-", "--format", "jsonl", input=text)
    lines = result.stdout.splitlines()
    assert result.exit_code == 0 and len(lines) == 1
    assert json.loads(lines[0])["source"]["path"] == "<stdin>"


@pytest.mark.parametrize("args, code", [
    ((), 0),
    (("--fail-on", "major"), 1),
    (("--fail-on", "minor"), 1),
])
def test_fail_on(cli, args, code):
    assert cli("analyze", AMAZON, *args).exit_code == code


def test_fail_on_passes_a_firm_text(cli, tmp_path):
    path = tmp_path / "firm.txt"
    path.write_text("Quarterly results\n\nAcme Corp. reported revenue of $4 billion.\n", encoding="utf-8")
    assert cli("analyze", str(path), "--fail-on", "major").exit_code == 0


def test_missing_file_is_one_line_and_the_others_still_run(cli, tmp_path):
    missing = str(tmp_path / "nope.txt")
    result = cli("analyze", missing, AMAZON, "--format", "plain")
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{missing}: no such file"
    assert "core.trigger.moratorium" in result.stdout  # the good file was analyzed


def test_undecodable_file_points_at_the_byte(cli, tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Title\n\nCaf\xe9 chain pauses sales.\n".encode("latin-1"))
    result = cli("analyze", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{path}:3:4: ")
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_errors_are_json_under_json(cli, tmp_path):
    result = cli("analyze", str(tmp_path / "nope.txt"), "--format", "json")
    assert result.exit_code == 2
    assert json.loads(result.stderr)["error"]["message"] == "no such file"


@pytest.mark.parametrize("args, message", [
    (("--model", "en_core_web_lg"), "is not installed; install it with"),
    (("--model", "klingon"), "unknown model 'klingon'"),
    (("--rules", "/nonexistent/packs"), "no such rules directory"),
    (("--published", "June 10"), "is not a date like 2020-06-10"),
])
def test_bad_options_exit_2_with_one_line(cli, args, message):
    result = cli("analyze", AMAZON, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_published_and_headline_options(cli):
    result = cli("analyze", AMAZON, "--format", "json", "--published", "2020-07-01",
                 "--headline", "Amazon bans police from using facial recognition")
    data = json.loads(result.stdout)
    assert data["published"] == "2020-07-01"
    assert data["commitments"][0]["duration"]["ends"] == "2021-07-01"
    assert data["headline"]["source"] == "argument"


def test_show_text_marks_spans_in_plain(cli):
    result = cli("analyze", AMAZON, "--show-text")
    assert "[[one-year]]" in result.stdout


def outsider_pack(tmp_path, filename: str, rules: str):
    """A pack folder 'mine' outside the project, always active, with one rule file."""
    pack = tmp_path / "mine"
    pack.mkdir()
    (pack / "pack.yaml").write_text("name: mine\nversion: '1'\ndescription: An outside pack.\n"
                                    "domain: {always: true}\n", encoding="utf-8")
    (pack / filename).write_text(rules, encoding="utf-8")
    return pack


def test_outsider_pack_adds_a_finding_without_python(cli, tmp_path):
    pack = outsider_pack(
        tmp_path, "hedges.yaml",
        "rules:\n"
        "  - id: hedge.in-the-meantime\n"
        "    category: hedge\n"
        "    severity: minor\n"
        "    modality: hedged\n"
        "    message: 'Stopgap language: the company signals this is temporary'\n"
        "    explanation: 'In the meantime means until something else happens.'\n"
        "    lemma_phrases: [in the meantime]\n"
        "    examples: {match: ['In the meantime we will pause sales.'], no_match: ['We will pause sales.']}\n")
    text = tmp_path / "release.txt"
    text.write_text("Acme pauses sales\n\nBOSTON, May 1, 2023 — In the meantime, Acme will pause sales of "
                    "its scanner to police departments.\n", encoding="utf-8")
    result = cli("analyze", str(text), "--rules", str(pack), "--format", "json")
    rules = [f["rule"] for f in json.loads(result.stdout)["findings"]]
    assert "mine.hedge.in-the-meantime" in rules
    without = json.loads(cli("analyze", str(text), "--format", "json").stdout)
    assert "mine.hedge.in-the-meantime" not in [f["rule"] for f in without["findings"]]


def test_a_pattern_reaching_into_the_previous_sentence_matches_nothing(cli, tmp_path):
    pack = outsider_pack(
        tmp_path, "conditions.yaml",
        "rules:\n"
        "  - id: condition.word-if\n"
        "    category: condition\n"
        "    severity: minor\n"
        "    message: 'An if clause'\n"
        "    explanation: 'A word, then if.'\n"
        "    patterns: [[{IS_ALPHA: true}, {LOWER: 'if'}]]\n"
        "    examples: {match: ['We stop if asked.'], no_match: ['We stop.']}\n")
    text = tmp_path / "release.txt"
    text.write_text("Acme pauses sales\n\nBOSTON, May 1, 2023 — Acme will pause sales of its scanner to police "
                    "departments. If regulators act, the pause ends.\n", encoding="utf-8")
    result = cli("analyze", str(text), "--rules", str(pack), "--format", "json")
    found = [f["span"]["text"] for f in json.loads(result.stdout)["findings"]
             if f["rule"] == "mine.condition.word-if"]
    assert found == []  # "departments. If" would straddle two sentences
