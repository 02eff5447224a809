"""finepr.ruleset.load: merging packs, and overriding a rule of an earlier pack by its id."""
from __future__ import annotations

from pathlib import Path

import pytest

from finepr.match import SPAN_KEY, attach_matcher
from finepr.pipeline import build_nlp
from finepr.ruleset.load import collect, load_ruleset

FIXTURES = Path(__file__).parent / "fixtures" / "packs"
OUTSIDER = FIXTURES / "outsider"


@pytest.fixture(scope="module")
def outsider_nlp():
    ruleset = load_ruleset([OUTSIDER])
    nlp = build_nlp("rules")
    attach_matcher(nlp, ruleset)
    return nlp


def test_ruleset_load_override_replaces_builtin_rule():
    builtin, _ = collect([])
    ruleset, errors = collect([OUTSIDER])
    assert errors == []
    loaded = ruleset.rules["core.hedge.aspirational"]
    assert loaded.defined_in == "outsider"
    assert loaded.pack == "core"  # activates with its pack's domain, like the rule it replaces
    assert loaded.path.endswith("outsider/rules.yaml")
    assert loaded.overrides is not None and loaded.overrides.path.endswith("core/hedges.yaml")
    assert "outsider.core.hedge.aspirational" not in ruleset.rules
    assert len(ruleset.rules) == len(builtin.rules) + 1  # the override adds nothing; scope.residential does


@pytest.mark.parametrize("text, fires", [
    ("We dream of quiet skies.", True),  # only the override's phrases
    ("We aim to reach net zero by 2040.", False),  # only the replaced built-in's phrases
])
def test_ruleset_load_override_changes_what_matches(outsider_nlp, text, fires):
    doc = outsider_nlp(text)
    assert any(s.id_ == "core.hedge.aspirational" for s in doc.spans[SPAN_KEY]) is fires


def _pack(root: Path, name: str, body: str) -> Path:
    pack = root / name
    pack.mkdir()
    (pack / "pack.yaml").write_text(f'name: {name}\nversion: "1"\ndescription: test\n')
    (pack / "rules.yaml").write_text(body)
    return pack


RULE = """\
rules:
  - id: {id}
    category: hedge
    severity: minor
    message: m
    explanation: e
    phrases: [{phrase}]
    examples: {{match: ["{phrase}"], no_match: ["nothing"]}}
"""

OMISSION = """\
omissions:
  - id: surveillance.military
    dimension: military
    label: Military (narrower)
    severity: info
    message: m
    explanation: e
"""


@pytest.mark.parametrize("pack_name, rule_id, full_id", [
    ("hedge", "aspirational", "hedge.aspirational"),  # a pack named like an id's first segment...
    ("mine", "hedge.soon", "mine.hedge.soon"),
])
def test_ruleset_load_user_pack_cannot_capture_builtin_ids(tmp_path, pack_name, rule_id, full_id):
    ruleset, errors = collect([_pack(tmp_path, pack_name, RULE.format(id=rule_id, phrase="soon"))])
    assert errors == []
    assert full_id in ruleset.rules
    assert ruleset.rules["core.hedge.aspirational"].defined_in == "core"  # ...does not capture core's


def test_ruleset_load_override_omission_item(tmp_path):
    ruleset, errors = collect([_pack(tmp_path, "mine", OMISSION)])
    assert errors == []
    item = ruleset.omissions["surveillance.military"]
    assert (item.defined_in, item.pack, item.check.label) == ("mine", "surveillance", "Military (narrower)")


@pytest.mark.parametrize("order, winner", [(("a", "b"), "b"), (("b", "a"), "a")])
def test_ruleset_load_later_pack_wins_when_two_override(tmp_path, order, winner):
    packs = {name: _pack(tmp_path, name, RULE.format(id="core.hedge.intent", phrase=f"phrase {name}"))
             for name in ("a", "b")}
    ruleset, errors = collect([packs[name] for name in order])
    assert errors == []
    assert ruleset.rules["core.hedge.intent"].defined_in == winner


@pytest.mark.parametrize("code", ["W305"])
def test_ruleset_load_warnings_do_not_stop_loading(tmp_path, code):
    pack = _pack(tmp_path, "mine", RULE.format(id="mine.soon", phrase="soon"))
    _, problems = collect([pack])
    assert [p.code for p in problems] == [code]
    assert "mine.mine.soon" in load_ruleset([pack]).rules


def test_ruleset_load_same_pack_folder_loads_once():
    builtin_dir = Path(__file__).resolve().parents[1] / "rules"
    ruleset, errors = collect([builtin_dir])  # the built-ins, given again as a path
    assert errors == []
    assert len({p.name for p in ruleset.packs}) == len(ruleset.packs)
