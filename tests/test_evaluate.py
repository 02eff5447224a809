"""`finepr eval`: span overlap scoring, normalization, omissions, and the CLI on a tiny corpus."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from finepr.cli import app
from finepr.evaluate import Counts, occurrences, same_duration, score_spans

TEXT = """Acme ends police use of FaceFind

BOSTON, May 1, 2023 — Acme is pausing sales of FaceFind, its face recognition service, to police
departments for 18 months.
Existing contracts will be honored through their current terms.
"""

GOLD = """id: acme-pause
domain: surveillance
headline_claim: Acme ends police use of FaceFind
actor: Acme
action: moratorium
object: FaceFind
scope: ["to police departments"]
duration: {phrase: "for 18 months", normalized: P18M}
conditions: []
carve_outs: ["Existing contracts will be honored through their current terms"]
hedges: []
omissions: [federal-agencies, "what happens when the pause ends"]
gap: major
"""


@pytest.mark.parametrize("gold, predicted, expected", [
    (["to police departments"], [(10, 20, "x")], (1, 0, 1, 0)),
    (["to police departments"], [(40, 45, "x")], (0, 1, 0, 1)),
    (["police departments"], [(0, 40, "y")], (1, 0, 1, 0)),
    ([], [(0, 5, "z")], (0, 0, 0, 1)),
])
def test_score_spans_by_overlap(gold, predicted, expected):
    text = "We sell to police departments in the US, and more."
    counts = score_spans(text, gold, predicted, "scope", [])
    assert (counts.tp_gold, counts.fn, counts.tp_pred, counts.fp) == expected


def test_counts_f1():
    c = Counts(tp_gold=3, fn=1, tp_pred=3, fp=3)
    assert c.recall == 0.75 and c.precision == 0.5 and round(c.f1, 3) == 0.6
    assert Counts().f1 is None


@pytest.mark.parametrize("gold, predicted, same", [
    ("P1Y", "P1Y", True),
    ("P12M", "P1Y", False),
    ("date:2030", "date:2030", True),
    ("date:2025", "date:2025-06", True),
    ("date:2027-12-31", "date:2027", True),
    ("date:2027-06-30", "date:2027", False),
    ("date:2027-12-31", "date:2028", False),
    ('conditional:"until a law passes"', "conditional:until Congress acts", True),
    ("open_ended", "open_ended", True),
    ("permanent", "unspecified", False),
])
def test_same_duration(gold, predicted, same):
    assert same_duration(gold, predicted) is same


def test_occurrences_ignore_line_wraps():
    assert occurrences("a moratorium on\npolice use", "on police use") == [(13, 26)]


@pytest.fixture
def corpus(tmp_path):
    split = tmp_path / "score"
    split.mkdir()
    (split / "acme.txt").write_text(TEXT, encoding="utf-8")
    (split / "acme.gold.yaml").write_text(GOLD, encoding="utf-8")
    return tmp_path


def test_eval_cli_scores_a_document(corpus):
    result = CliRunner().invoke(app, ["eval", str(corpus), "--format", "json", "--details"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    split = data["splits"][0]
    assert split["split"] == "score" and split["docs"] == 1
    assert split["fields"]["scope"]["recall"] == 1.0
    assert split["fields"]["duration"]["recall"] == 1.0
    assert split["fields"]["carve_outs"]["recall"] == 1.0
    assert split["action_accuracy"] == 1.0 and split["duration_accuracy"] == 1.0
    assert split["verdict_accuracy"] == 1.0
    assert split["omissions"]["recall"] == 1.0  # by id, and "when the pause ends" by its words


def test_eval_table_and_bad_gold(corpus):
    result = CliRunner().invoke(app, ["eval", str(corpus)])
    assert "split score: 1 documents" in result.stdout and "verdict accuracy 1.00" in result.stdout
    (corpus / "score" / "acme.gold.yaml").write_text(GOLD.replace("action: moratorium", "acton: moratorium"))
    result = CliRunner().invoke(app, ["eval", str(corpus)])
    assert result.exit_code == 2
    assert "acme.gold.yaml:5:1: E201 unknown key 'acton'" in result.stderr


def test_eval_without_gold_is_an_error(tmp_path):
    result = CliRunner().invoke(app, ["eval", str(tmp_path)])
    assert result.exit_code == 2 and "no NAME.gold.yaml files" in result.stderr


def _agreement():
    import importlib.util
    from pathlib import Path
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "agreement.py"
    spec = importlib.util.spec_from_file_location("agreement", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("first, second, expected", [
    # a tighter phrase of the same place agrees; a phrase elsewhere does not
    (["to police departments for 18 months"], ["police departments"], (1, 0, 1, 0)),
    (["to police departments"], ["Existing contracts"], (0, 1, 0, 1)),
    ([], ["for 18 months"], (0, 0, 0, 1)),
])
def test_two_annotations_agree_where_their_phrases_overlap(first, second, expected):
    c = _agreement().span_agreement(TEXT, first, second)
    assert (c.tp_gold, c.fn, c.tp_pred, c.fp) == expected


@pytest.mark.parametrize("first, second, expected", [
    (["federal-agencies"], ["federal-agencies"], (1, 0, 1, 0)),
    (["whether federal agencies are covered"], ["federal agencies"], (1, 0, 1, 0)),
    (["verification"], ["end-of-term"], (0, 1, 0, 1)),
])
def test_two_annotations_agree_on_omissions_by_id_or_words(first, second, expected):
    c = _agreement().omission_agreement(first, second)
    assert (c.tp_gold, c.fn, c.tp_pred, c.fp) == expected
