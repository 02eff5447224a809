"""`finepr rules check`: each kind of broken rule file gives one located line on stderr and exit 2."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from finepr.cli import app
from finepr.ruleset.check import CODES, check_packs

FIXTURES = Path(__file__).parent / "fixtures" / "packs"
runner = CliRunner()

MANIFEST = 'name: mine\nversion: "1"\ndescription: A user pack written for a test.\n'

# Line numbers below refer to this rule file: 1 rules:, 2 - id, 3 category, 4 severity,
# 5 message, 6 explanation, 7 phrases, 8 examples, 9 match, 10 no_match.
GOOD = """\
rules:
  - id: hedge.soon
    category: hedge
    severity: minor
    message: "Vague timing: soon"
    explanation: "'Soon' sets no date anyone can hold the company to."
    phrases: [soon]
    examples:
      match: ["We will stop soon."]
      no_match: ["We will stop in May."]
"""

OMISSION = """\
omissions:
  - id: noise
    dimension: noise
    label: Noise
    severity: minor
    message: "Nothing is said about noise"
    explanation: "Noise is what neighbours complain about."
    when:
      rules_any: [core.scope.law-enforcment]
    addressed_by: [noise]
    examples:
      match: ["We will pause drone flights to police departments."]
      no_match: ["We will pause drone flights and cap their noise."]
"""


def _swap(old: str, new: str, text: str = GOOD) -> str:
    assert old in text
    return text.replace(old, new, 1)


BROKEN = [
    # id, files, (file, line, code, fragment)
    ("misspelt-key", {"rules.yaml": _swap("    message:", "    mesage:")},
     ("rules.yaml", 5, "E201", "unknown key 'mesage' (did you mean 'message'?)")),
    ("bad-token-pattern", {"rules.yaml": _swap("    phrases: [soon]\n",
                                               "    patterns:\n      - [{LOWER: stop}, {LOWR: soon}]\n")},
     ("rules.yaml", 8, "E401", "unknown token attribute 'LOWR' (did you mean 'LOWER'?)")),
    ("bad-token-operator", {"rules.yaml": _swap("    phrases: [soon]\n",
                                                "    patterns:\n      - [{LOWER: {IN: soon}}]\n")},
     ("rules.yaml", 8, "E401", "patterns[0][0].LOWER.IN")),
    ("unsafe-regex", {"rules.yaml": _swap("    phrases: [soon]\n",
                                          '    patterns:\n      - [{TEXT: {REGEX: "^(s+o*)+n$"}}]\n')},
     ("rules.yaml", 8, "E402", "nests quantifiers")),
    ("invalid-regex", {"rules.yaml": _swap("    phrases: [soon]\n",
                                           '    patterns:\n      - [{TEXT: {REGEX: "(soon"}}]\n')},
     ("rules.yaml", 8, "E402", "invalid regular expression")),
    ("bad-dependency-key", {"rules.yaml": _swap("    phrases: [soon]\n",
                                                "    dependency:\n"
                                                "      - [{RIGHT_ID: verb, RIGHT_ATRS: {LEMMA: stop}}]\n")},
     ("rules.yaml", 8, "E403", "unknown DependencyMatcher key 'RIGHT_ATRS' (did you mean 'RIGHT_ATTRS'?)")),
    ("bad-dependency-order", {"rules.yaml": _swap("    phrases: [soon]\n",
                                                  "    dependency:\n"
                                                  "      - - {RIGHT_ID: verb, RIGHT_ATTRS: {LEMMA: stop}}\n"
                                                  "        - {LEFT_ID: nope, REL_OP: '>', RIGHT_ID: adv,"
                                                  " RIGHT_ATTRS: {LOWER: soon}}\n")},
     ("rules.yaml", 9, "E403", "LEFT_ID 'nope' is not the RIGHT_ID of an earlier node")),
    ("bad-dependency-operator", {"rules.yaml": _swap("    phrases: [soon]\n",
                                                     "    dependency:\n"
                                                     "      - - {RIGHT_ID: verb, RIGHT_ATTRS: {LEMMA: stop}}\n"
                                                     "        - {LEFT_ID: verb, REL_OP: '>>>', RIGHT_ID: adv,"
                                                     " RIGHT_ATTRS: {LOWER: soon}}\n")},
     ("rules.yaml", 8, "E403", "Unsupported DependencyMatcher operator '>>>'")),
    ("duplicate-id", {"rules.yaml": GOOD + GOOD.split("\n", 1)[1]},
     ("rules.yaml", 11, "E301", "duplicate rule id 'hedge.soon' (first defined at {dir}/rules.yaml:2)")),
    ("duplicate-id-across-files", {"a.yaml": GOOD, "b.yaml": GOOD},
     ("b.yaml", 2, "E301", "first defined at {dir}/a.yaml:2")),
    ("yaml-syntax", {"rules.yaml": _swap('    message: "Vague timing: soon"', "    message: Vague timing: soon")},
     ("rules.yaml", 5, "E100", "YAML syntax error")),
    ("tab-indent", {"rules.yaml": _swap("    explanation:", "\texplanation:")},
     ("rules.yaml", 6, "E101", "tab used for indentation")),
    ("not-utf8", {"rules.yaml": _swap("Vague timing", "Vague \xe9timing").encode("latin-1")},
     ("rules.yaml", 5, "E002", "not valid UTF-8")),
    ("unknown-category", {"rules.yaml": _swap("category: hedge", "category: hedges")},
     ("rules.yaml", 3, "E203", "'hedges' is not one of: commitment, scope")),
    ("wrong-type", {"rules.yaml": _swap("phrases: [soon]", "phrases: soon")},
     ("rules.yaml", 7, "E203", "rules[0].phrases: Input should be a valid list")),
    ("missing-explanation", {"rules.yaml": _swap("    explanation: \"'Soon' sets no date anyone can hold the "
                                                 "company to.\"\n", "")},
     ("rules.yaml", 2, "E202", "missing required key 'explanation' in rules[0]")),
    ("empty-message", {"rules.yaml": _swap('message: "Vague timing: soon"', 'message: "  "')},
     ("rules.yaml", 5, "E205", "message is empty")),
    ("no-patterns", {"rules.yaml": _swap("    phrases: [soon]\n", "")},
     ("rules.yaml", 2, "E302", "has no phrases, lemma_phrases, patterns or dependency")),
    ("no-match-examples", {"rules.yaml": _swap('      match: ["We will stop soon."]\n', "")},
     ("rules.yaml", 8, "E204", "no examples.match")),
    ("span-not-in-text", {"rules.yaml": _swap('match: ["We will stop soon."]',
                                              'match: [{text: "We will stop soon.", span: "shortly"}]')},
     ("rules.yaml", 9, "E206", "span 'shortly' does not occur")),
    ("unknown-reference", {"omissions.yaml": OMISSION},
     ("omissions.yaml", 9, "E304", "did you mean 'core.scope.law-enforcement'?")),
    ("override-missing-target", {"rules.yaml": _swap("id: hedge.soon", "id: core.hedge.aspirationl")},
     ("rules.yaml", 2, "E303", "did you mean 'core.hedge.aspirational'?")),
    ("manifest-typo", {"pack.yaml": MANIFEST.replace("description:", "descripton:"), "rules.yaml": GOOD},
     ("pack.yaml", 3, "E201", "unknown key 'descripton' (did you mean 'description'?)")),
    ("weight-table-typo", {"pack.yaml": MANIFEST + "settings:\n  weights:\n    action: {bann: 1.0}\n",
                           "rules.yaml": GOOD},
     ("pack.yaml", 6, "E306", "unknown key 'bann' (did you mean 'ban'?)")),
    ("setting-names-no-rule", {"pack.yaml": MANIFEST + "settings:\n  place_scope_rules: [core.scope.geograpy]\n",
                               "rules.yaml": GOOD},
     ("pack.yaml", 5, "E304", "did you mean 'core.scope.geography'?")),
    ("duplicate-pack-name", {"pack.yaml": MANIFEST.replace("name: mine", "name: core"), "rules.yaml": GOOD},
     ("pack.yaml", 1, "E012", "pack name 'core' is already used")),
    ("top-level-list", {"rules.yaml": "- id: hedge.soon\n"},
     ("rules.yaml", 1, "E200", "must be a mapping")),
    ("duplicate-key", {"rules.yaml": _swap("    severity: minor\n", "    severity: minor\n    severity: major\n")},
     ("rules.yaml", 5, "E102", "duplicate key 'severity'")),
]


def write_pack(root: Path, files: dict[str, str | bytes]) -> Path:
    pack = root / "mine"
    pack.mkdir()
    files = {"pack.yaml": MANIFEST, **files}
    for name, content in files.items():
        target = pack / name
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return pack


@pytest.mark.parametrize("files, expected", [pytest.param(f, e, id=i) for i, f, e in BROKEN])
def test_ruleset_check_broken_pack_one_located_line(tmp_path, files, expected):
    pack = write_pack(tmp_path, files)
    name, line, code, fragment = expected
    result = runner.invoke(app, ["rules", "check", str(pack)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    match = re.match(rf"^{re.escape(str(pack / name))}:(\d+):(\d+): ({code}) (.*)$", lines[0])
    assert match, lines[0]
    assert int(match.group(1)) == line, lines[0]
    assert fragment.format(dir=pack) in match.group(4)
    assert "error(s)" in result.stdout


def test_ruleset_check_bad_token_pattern_points_at_the_key(tmp_path):
    pack = write_pack(tmp_path, {"rules.yaml": _swap("    phrases: [soon]\n",
                                                     "    patterns:\n      - [{LOWER: stop}, {LOWR: soon}]\n")})
    result = runner.invoke(app, ["rules", "check", str(pack)])
    column = "      - [{LOWER: stop}, {LOWR: soon}]".index("LOWR") + 1
    assert f"rules.yaml:8:{column}: E401" in result.stderr


@pytest.mark.parametrize("layout", ["pack", "folder-of-packs"])
def test_ruleset_check_valid_outsider_pack_passes(tmp_path, layout):
    shutil.copytree(FIXTURES / "outsider", tmp_path / "packs" / "outsider")
    target = tmp_path / "packs" / "outsider" if layout == "pack" else tmp_path / "packs"
    result = runner.invoke(app, ["rules", "check", str(target)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout == ("1 pack(s) checked (outsider): 2 rule(s), 1 omission item(s) in 2 file(s); "
                             "0 error(s), 0 warning(s)\n")


@pytest.mark.parametrize("args", [[], ["rules"]], ids=["default", "explicit"])
def test_ruleset_check_builtin_packs_have_no_errors(args):
    root = Path(__file__).resolve().parents[1]
    result = runner.invoke(app, ["rules", "check", *[str(root / a) for a in args]])
    assert result.exit_code == 0, result.stderr
    assert "0 error(s)" in result.stdout
    assert all(" W" in line for line in result.stderr.splitlines())  # warnings only


@pytest.mark.parametrize("strict, code", [(False, 0), (True, 2)], ids=["lenient", "strict"])
def test_ruleset_check_warnings_fail_only_when_strict(tmp_path, strict, code):
    pack = write_pack(tmp_path, {"rules.yaml": _swap('      no_match: ["We will stop in May."]\n', "")})
    result = runner.invoke(app, ["rules", "check", str(pack), *(["--strict"] if strict else [])])
    assert result.exit_code == code
    assert re.search(r"rules.yaml:8:\d+: W204 .*no examples.no_match", result.stderr)


@pytest.mark.parametrize("name", ["rules.yaml"])
def test_ruleset_check_a_single_file_reports_only_that_file(tmp_path, name):
    pack = write_pack(tmp_path, {name: GOOD, "other.yaml": _swap("category: hedge", "category: hedges")})
    result = runner.invoke(app, ["rules", "check", str(pack / name)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""


@pytest.mark.parametrize("id_", ["mine.hedge.soon"])
def test_ruleset_check_id_repeating_pack_name_warns(tmp_path, id_):
    pack = write_pack(tmp_path, {"rules.yaml": _swap("id: hedge.soon", f"id: {id_}")})
    result = runner.invoke(app, ["rules", "check", str(pack)])
    assert result.exit_code == 0
    assert f"W305 id '{id_}' repeats the pack name" in result.stderr


@pytest.mark.parametrize("code", sorted(CODES))
def test_ruleset_check_every_code_is_documented_in_help(code):
    result = runner.invoke(app, ["rules", "check", "--help"], env={"COLUMNS": "200"})
    assert code in result.stdout


@pytest.mark.parametrize("limit", [1.0])
def test_ruleset_check_is_fast_on_builtin_packs(limit):
    check_packs([])  # warm up: imports and spaCy's first vocab
    result = check_packs([])
    assert len(result.packs) >= 2
    assert result.seconds < limit * len(result.packs)
