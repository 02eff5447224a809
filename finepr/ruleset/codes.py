"""The problem codes of `finepr rules check` (no imports: the CLI help reads them cheaply)."""

# Every code 'rules check' reports. E: the pack is wrong (exit 2). W: it loads, but is
# incomplete (exit 2 only with --strict).
CODES = {
    "E001": "rule file cannot be read",
    "E002": "rule file is not valid UTF-8",
    "E010": "path is not a pack or a folder of packs",
    "E011": "no pack of that name (--pack)",
    "E012": "two packs share a name",
    "E100": "YAML syntax error",
    "E101": "tab used for indentation",
    "E102": "duplicate key in a mapping",
    "E200": "top level is not a mapping",
    "E201": "unknown key (with 'did you mean')",
    "E202": "missing required key",
    "E203": "wrong type or value (with 'did you mean' for fixed vocabularies)",
    "E204": "rule without examples.match",
    "E205": "empty message or explanation",
    "E206": "an example contradicts itself (span not in text, empty text, misplaced keys)",
    "E301": "duplicate id (within or across the files of a pack)",
    "E302": "rule without phrases or patterns",
    "E303": "override of an id the earlier pack does not define",
    "E304": "a rule reference (when.rules_any, settings.place_scope_rules) names no loaded rule",
    "E306": "unknown key or value in a weight table",
    "E401": "invalid spaCy token pattern",
    "E402": "invalid or unsafe REGEX",
    "E403": "invalid DependencyMatcher pattern",
    "E404": "empty phrase",
    "W204": "missing no_match examples, or an omission item without examples",
    "W305": "id repeats its own pack name",
}
