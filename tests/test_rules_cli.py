"""`finepr rules test|list|explain|schema` through the real CLI."""
from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from finepr.cli import app

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "packs"
runner = CliRunner()


def invoke(*args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, list(args), env=env)


def write_pack(root: Path, rules: str, manifest: str = "") -> Path:
    pack = root / "mine"
    pack.mkdir()
    (pack / "pack.yaml").write_text(manifest or 'name: mine\nversion: "1"\ndescription: A test pack.\n')
    (pack / "rules.yaml").write_text(rules)
    return pack


# --- rules test ----------------------------------------------------------------------------------
@pytest.mark.parametrize("pack, strict, code, closing", [
    ("outsider", False, 0, "3 passed, 0 failed"),
    ("outsider", True, 0, "3 passed, 0 failed"),
    ("failing", False, 1, "1 passed, 1 failed, 1 skipped"),
    ("failing", True, 1, "1 passed, 2 failed"),
])
def test_rules_test_exit_code_and_closing_line(pack, strict, code, closing):
    result = invoke("rules", "test", str(FIXTURES / pack), *(["--strict"] if strict else []))
    assert result.exit_code == code, result.output
    assert result.stdout.splitlines()[-1] == closing


@pytest.mark.parametrize("line, text", [
    (10, "match example did not fire"),
    (11, 'no_match example fired: matched "soon"'),
])
def test_rules_test_failures_are_located(line, text):
    result = invoke("rules", "test", str(FIXTURES / "failing"))
    assert "FAIL  failing.hedge.soon" in result.stdout
    assert re.search(rf"failing/rules\.yaml:{line}:\d+: {re.escape(text)}", result.stdout), result.stdout


@pytest.mark.parametrize("row", [r"match\s+TP 2\s+FN 1", r"no_match\s+FP 1\s+TN 2"])
def test_rules_test_prints_confusion_matrix(row):
    result = invoke("rules", "test", str(FIXTURES / "failing"))
    assert re.search(row, result.stdout), result.stdout


@pytest.mark.parametrize("pack", ["outsider"])
def test_rules_test_reports_known_gaps_without_failing(pack):
    result = invoke("rules", "test", str(FIXTURES / pack))
    assert result.exit_code == 0
    assert re.search(r"rules\.yaml:14:\d+: known gap \(todo_match\)", result.stdout)
    assert "1 known gap(s)" in result.stdout


def test_rules_test_junit_parses():
    result = invoke("rules", "test", str(FIXTURES / "failing"), "--format", "junit")
    assert result.exit_code == 1
    root = ET.fromstring(result.stdout)
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("skipped")) == ("3", "1", "1")
    cases = {case.get("name"): case for case in root.iter("testcase")}
    assert cases["failing.hedge.soon"].find("failure") is not None
    assert cases["failing.hedge.someday"].find("skipped") is not None
    assert cases["failing.hedge.eventually"].find("failure") is None
    assert result.stderr.splitlines()[-1] == "1 passed, 1 failed, 1 skipped"


@pytest.mark.parametrize("line, message", [(10, "match example did not fire"), (11, "no_match example fired")])
def test_rules_test_github_annotations(line, message):
    result = invoke("rules", "test", str(FIXTURES / "failing"), "--format", "github")
    assert result.exit_code == 1
    errors = [row for row in result.stdout.splitlines() if row.startswith("::error ")]
    assert len(errors) == 2
    pattern = (rf"^::error file=[^,]*failing/rules\.yaml,line={line},col=\d+,"
               rf"title=finepr rules test%3A failing\.hedge\.soon::{message}")
    assert any(re.match(pattern, row) for row in errors), errors
    assert result.stdout.splitlines()[-1] == "1 passed, 1 failed, 1 skipped"


def test_rules_test_github_gap_is_a_notice():
    result = invoke("rules", "test", str(FIXTURES / "outsider"), "--format", "github")
    assert result.exit_code == 0
    assert [row for row in result.stdout.splitlines() if row.startswith("::notice ")]
    assert not [row for row in result.stdout.splitlines() if row.startswith("::error ")]


DURATION_RULE = """\
rules:
  - id: duration.term
    category: duration
    severity: minor
    duration_kind: fixed
    message: "Fixed term"
    explanation: "A fixed term ends on its own."
    phrases: [for one year, for two years]
    examples:
      match: [{case}]
      no_match: ["We pause sales."]
      todo_match: [{todo}]
  - id: trigger.pause
    category: commitment
    severity: info
    action: pause
    message: "Pause"
    explanation: "A pause can be lifted."
    phrases: [pause]
    examples:
      match: [{{text: "We pause sales.", action: pause}}]
      no_match: ["We stop sales."]
"""


@pytest.mark.parametrize("case, todo, code, fragment", [
    ('{text: "We pause sales for one year.", kind: fixed, duration: P1Y, span: "for one year"}', '"We pause."',
     0, "2 passed, 0 failed"),
    ('{text: "We pause sales for one year.", duration: P2Y}', '"We pause."',
     1, 'duration of "for one year" normalizes to P1Y, expected P2Y'),
    ('{text: "We pause sales for one year.", kind: deadline}', '"We pause."',
     1, 'duration kind of "for one year" is fixed, expected deadline'),
    ('{text: "We pause sales for two years.", span: "two years"}', '"We pause."',
     1, 'matched "for two years", expected span "two years"'),
    ('"We pause sales for one year."', '"We pause sales for two years."',
     0, "todo_match example now fires"),
], ids=["all-hold", "wrong-duration", "wrong-kind", "wrong-span", "todo-fixed"])
def test_rules_test_example_expectations(tmp_path, case, todo, code, fragment):
    pack = write_pack(tmp_path, DURATION_RULE.format(case=case, todo=todo))
    result = invoke("rules", "test", str(pack))
    assert result.exit_code == code, result.output
    assert fragment in result.stdout


OMISSION_PACK = """\
rules:
  - id: scope.homes
    category: scope
    severity: minor
    message: "Homes only"
    explanation: "Flights elsewhere continue."
    phrases: [over homes]
    examples:
      match: ["We will pause drone deliveries over homes."]
      no_match: ["We will pause drone deliveries."]
omissions:
  - id: noise
    dimension: noise
    label: Noise
    severity: minor
    message: "Nothing about noise"
    explanation: "Noise is what neighbours complain about."
    when: {{rules_any: [mine.scope.homes]}}
    addressed_by: [noise]
    examples:
      match: [{match}]
      no_match: [{no_match}]
"""
DRONE_MANIFEST = ('name: mine\nversion: "1"\ndescription: Drones.\n'
                  "domain: {terms: [drone, drones, airspace], min_hits: 2}\n")


@pytest.mark.parametrize("match, no_match, code, fragment", [
    ('"We will pause drone deliveries over homes. Drones keep flying to hospitals."',
     '"We will pause drone deliveries over homes and cap drone noise."', 0, "PASS  mine.noise"),
    ('"We will pause deliveries over homes."', '"We will pause drone deliveries over homes and cap drone noise."',
     1, "pack 'mine' is not active for this text"),
    ('"We will pause drone deliveries over homes and limit drone noise."', '"Drones are quiet."',
     1, 'the text addresses it ("noise" is in addressed_by)'),
    ('"We will pause drone deliveries over homes. Drones keep flying."',
     '"We will pause drone deliveries over homes. Drones keep flying to hospitals."',
     1, "no_match example fired: reported: Nothing about noise"),
], ids=["passes", "domain-inactive", "addressed", "reported-on-no-match"])
def test_rules_test_omission_examples_run_the_analysis(tmp_path, match, no_match, code, fragment):
    pack = write_pack(tmp_path, OMISSION_PACK.format(match=match, no_match=no_match), DRONE_MANIFEST)
    result = invoke("rules", "test", str(pack))
    assert result.exit_code == code, result.output
    assert fragment in result.stdout


@pytest.mark.parametrize("args, fragment", [
    (["--model", "no-such-model"], "unknown model 'no-such-model'"),
], ids=["unknown-model"])
def test_rules_test_usage_errors_exit_2(args, fragment):
    result = invoke("rules", "test", str(FIXTURES / "outsider"), *args)
    assert result.exit_code == 2
    assert fragment in result.stderr
    assert "Traceback" not in result.output


def test_rules_test_invalid_pack_exits_2_with_located_line(tmp_path):
    pack = write_pack(tmp_path, "rules:\n  - id: x\n    categry: hedge\n")
    result = invoke("rules", "test", str(pack))
    assert result.exit_code == 2
    assert f"{pack / 'rules.yaml'}:3:5: E201 unknown key 'categry' (did you mean 'category'?)" in result.stderr
    assert "Traceback" not in result.output


# --- rules list ----------------------------------------------------------------------------------
def test_rules_list_plain_is_tab_separated():
    result = invoke("rules", "list")
    assert result.exit_code == 0
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows[0] == ["id", "pack", "category", "severity", "examples"]
    row = next(r for r in rows if r[0] == "core.trigger.moratorium")
    assert row[1:4] == ["core", "commitment", "info"] and int(row[4]) >= 1
    assert all(len(r) == 5 for r in rows)


@pytest.mark.parametrize("row", [["core.hedge.aspirational", "outsider", "hedge", "major", "2"],
                                 ["outsider.scope.residential", "outsider", "scope", "minor", "3"],
                                 ["outsider.noise", "outsider", "omission", "minor", "2"]])
def test_rules_list_includes_user_packs_and_overrides(row):
    result = invoke("rules", "list", str(FIXTURES / "outsider"))
    assert "\t".join(row) in result.stdout.splitlines()


def test_rules_list_table_on_a_terminal():
    result = invoke("rules", "list", env={"FORCE_COLOR": "1", "TTY_COMPATIBLE": "1", "COLUMNS": "120"})
    assert result.exit_code == 0
    assert "\t" not in result.stdout
    assert "core.trigger.moratorium" in result.stdout and "━" in result.stdout


# --- rules explain -------------------------------------------------------------------------------
SECTIONS = ["## What it finds", "## Why it matters", "## Example that fires", "## Example that does not", "## Link"]


@pytest.mark.parametrize("rule_id", ["core.trigger.moratorium", "trigger.moratorium"], ids=["full", "short"])
def test_rules_explain_sections_in_order(rule_id):
    result = invoke("rules", "explain", rule_id)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("# core.trigger.moratorium\n")
    positions = [out.index(s) for s in SECTIONS]
    assert positions == sorted(positions)
    assert "moratorium" in out.split("## Example that fires")[1].split("##")[0].lower()


def test_rules_explain_knows_the_headline_qualifier_mechanism():
    result = invoke("rules", "explain", "core.scope.headline-qualifier")
    assert result.exit_code == 0, result.output
    assert [result.stdout.index(s) for s in SECTIONS] == sorted(result.stdout.index(s) for s in SECTIONS)
    assert "single-use" in result.stdout


@pytest.mark.parametrize("rule_id, hint", [("core.trigger.moratoruim", "core.trigger.moratorium"),
                                           ("core.hedge.aspirationl", "core.hedge.aspirational")])
def test_rules_explain_unknown_id_suggests(rule_id, hint):
    result = invoke("rules", "explain", rule_id)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and f"did you mean '{hint}'?" in lines[0]


def test_rules_explain_override_names_both_files():
    result = invoke("rules", "explain", "core.hedge.aspirational", "--rules", str(FIXTURES / "outsider"))
    assert result.exit_code == 0
    assert "pack outsider" in result.stdout and "overrides" in result.stdout
    assert "dream" in result.stdout


# --- rules schema --------------------------------------------------------------------------------
@pytest.mark.parametrize("kind, key, expected", [
    ("rules", "properties", {"rules", "omissions"}),
    ("pack", "required", {"name", "version", "description"}),
    ("any", "anyOf", None),
])
def test_rules_schema_prints_json_schema(kind, key, expected):
    result = invoke("rules", "schema", "--kind", kind)
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert key in schema
    if expected is not None:
        assert expected <= set(schema[key])
    model = "PackManifest" if kind == "pack" else "Rule"
    defs = schema["$defs"] | {"PackManifest": schema} if kind == "pack" else schema["$defs"]
    assert defs[model]["additionalProperties"] is False  # unknown keys are errors, as in 'rules check'


def _rule_files() -> list[Path]:
    return sorted(p for p in (ROOT / "rules").glob("*/*.yaml") if p.name != "structure.yaml")


@pytest.mark.parametrize("path", _rule_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_rules_schema_accepts_builtin_files(path):
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    schema = json.loads(invoke("rules", "schema", "--kind", "any").stdout)
    jsonschema.validate(yaml.safe_load(path.read_text()) or {}, schema)


@pytest.mark.parametrize("doc", [{"rules": [{"id": "x", "category": "hedge", "severity": "minor", "mesage": "m",
                                             "explanation": "e"}]}])
def test_rules_schema_rejects_a_misspelt_key(doc):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(invoke("rules", "schema").stdout)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, schema)


@pytest.mark.parametrize("command", ["check", "test", "list", "explain", "schema"])
def test_rules_commands_have_help(command):
    result = invoke("rules", command, "--help")
    assert result.exit_code == 0
    assert len(result.stdout) > 100


def test_rules_copy_of_outsider_pack_still_passes_outside_repo(tmp_path):
    shutil.copytree(FIXTURES / "outsider", tmp_path / "outsider")
    result = invoke("rules", "test", str(tmp_path / "outsider"), "--format", "github")
    assert result.exit_code == 0
    assert f"file={tmp_path}" in result.stdout  # an absolute path outside the working directory
