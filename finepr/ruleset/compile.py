"""Compile rules into spaCy's own matchers: PhraseMatcher, Matcher, DependencyMatcher.

Patterns are spaCy's formats unchanged; this module only feeds them to the
matchers (with validation) and turns spaCy's errors into file:line errors.
"""
from __future__ import annotations

import difflib
import functools
import itertools
import re
import warnings
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.matcher import DependencyMatcher, Matcher, PhraseMatcher
from spacy.vocab import Vocab

from finepr.errors import RuleFileError
from finepr.ruleset.load import LoadedRule, RuleSet, dotted
from finepr.ruleset.yamlio import locate

# Nested quantifiers such as (a+)+ or (\w*)* can backtrack catastrophically (character classes
# are blanked first, so "[+*]" inside a group is not mistaken for a quantifier).
_NESTED_QUANTIFIER = re.compile(r"\((?:[^()\\]|\\.)*[+*](?:[^()\\]|\\.)*\)\s*[+*{]")
_CHAR_CLASS = re.compile(r"\[(?:[^\]\\]|\\.)*\]")
MAX_REGEX = 200
# Parts of a spaCy validation location that name a union member, not a key the author wrote.
_TYPE_PART = re.compile(r"^(?:str|int|float|bool|constrained-\w+|\w+\[.*\]|\w+-enum\[.*\]|TokenPattern\w*)$")
_SPACY_ERROR = re.compile(r"^\[(?P<loc>.*?)\]\s(?P<msg>.*)$", re.S)
DEPENDENCY_KEYS = ("RIGHT_ID", "RIGHT_ATTRS", "LEFT_ID", "REL_OP")
# What lemma phrases run through. A trained tagger listens to tok2vec (or a transformer):
# without it every phrase token is tagged NN and lemmatized to itself, so "grandfathered"
# would never meet the in-text lemma "grandfathere".
LEMMA_PIPES = ("tok2vec", "transformer", "tagger", "morphologizer", "attribute_ruler", "lemmatizer",
               "finepr_lemma_case")


@dataclass
class Compiled:
    """The matchers for one pipeline, keyed by full rule id."""

    lower: PhraseMatcher
    lemma: PhraseMatcher
    tokens: Matcher
    dependency: DependencyMatcher | None
    rules: dict[str, LoadedRule]
    skipped_dependency: list[str] = field(default_factory=list)


def _regexes(value: Any, loc: tuple = ()) -> list[tuple[tuple, str]]:
    """Every REGEX operand in a token pattern (or RIGHT_ATTRS), with its location path."""
    found: list[tuple[tuple, str]] = []
    if isinstance(value, dict):
        for key, arg in value.items():
            if str(key).upper() == "REGEX" and isinstance(arg, str):
                found.append((loc + (key,), arg))
            else:
                found.extend(_regexes(arg, loc + (key,)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_regexes(item, loc + (index,)))
    return found


def check_regex(regex: str) -> str | None:
    """A reason the regular expression is unsafe or invalid, or None."""
    try:
        re.compile(regex)
    except re.error as exc:
        return f"invalid regular expression {regex!r}: {exc}"
    if _NESTED_QUANTIFIER.search(_CHAR_CLASS.sub("x", regex)):
        return f"regular expression {regex!r} nests quantifiers and can backtrack catastrophically"
    if len(regex) > MAX_REGEX:
        return f"regular expression is {len(regex)} characters long (limit {MAX_REGEX})"
    return None


def _names(model) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


def _suggest(word: str, options: list[str]) -> str:
    upper = {o.upper(): o for o in options}
    close = difflib.get_close_matches(str(word).upper(), list(upper), n=1, cutoff=0.6)
    return f" (did you mean '{upper[close[0]]}'?)" if close else ""


class _Problems:
    """Collects one rule's pattern problems at the YAML position of the offending key."""

    def __init__(self, loaded: LoadedRule) -> None:
        self.loaded = loaded
        self.found: list[RuleFileError] = []

    def add(self, loc: tuple, message: str, code: str) -> None:
        line, column = self.loaded.line, self.loaded.column
        if self.loaded.raw is not None:
            line, column = locate(self.loaded.raw, loc) or (line, column)
        where = f"{dotted(loc)}: " if loc != ("id",) else ""
        self.found.append(RuleFileError(f"rule '{self.loaded.rule.id}': {where}{message}",
                                        path=self.loaded.path, line=line, column=column, code=code))


def _token_errors(pattern: list, loc: tuple, problems: _Problems, code: str) -> bool:
    """spaCy's own token-pattern validation, one located error per offending key; True if clean."""
    from spacy.schemas import TokenPattern, TokenPatternNumber, TokenPatternString, validate_token_pattern

    best: dict[tuple, tuple[int, tuple, str]] = {}
    for text in validate_token_pattern(pattern):
        m = _SPACY_ERROR.match(text)
        if not m:
            best.setdefault((), (0, (), text))
            continue
        parts = [p for p in m.group("loc").split(" -> ")[1:] if not _TYPE_PART.match(p)]
        path = tuple(int(p) if p.isdigit() and i == 0 else p for i, p in enumerate(parts))
        msg = m.group("msg").strip()
        extra = msg.startswith("Extra inputs")
        if extra and path:
            level = _names(TokenPattern) if len(path) == 2 else sorted(set(_names(TokenPatternString))
                                                                        | set(_names(TokenPatternNumber)))
            if len(path) > 2 and path[1] == "_" and len(path) == 3:
                level = []  # an extension attribute name: anything goes, nothing to suggest
            what = "token attribute" if len(path) == 2 else "operator"
            msg = f"unknown {what} '{path[-1]}'{_suggest(path[-1], level)}"
        key = path[:2]
        rank = (2 if extra else 1) * 100 + len(path)
        if key not in best or rank > best[key][0]:
            best[key] = (rank, path, msg)
    for _, path, msg in best.values():
        problems.add(loc + path, msg if path else f"not a valid spaCy token pattern: {msg}", code)
    return not best


def _regex_errors(value: Any, loc: tuple, problems: _Problems) -> bool:
    clean = True
    for where, regex in _regexes(value):
        reason = check_regex(regex)
        if reason:
            problems.add(loc + where, reason, "E402")
            clean = False
    return clean


def _dependency_errors(pattern: list, loc: tuple, vocab, problems: _Problems) -> None:
    clean = True
    for index, node in enumerate(pattern):
        if not isinstance(node, dict):
            problems.add(loc + (index,), "a DependencyMatcher node is a mapping", "E403")
            clean = False
            continue
        for key in node:
            if key not in DEPENDENCY_KEYS:
                problems.add(loc + (index, key), f"unknown DependencyMatcher key '{key}'"
                                                 f"{_suggest(key, list(DEPENDENCY_KEYS))}", "E403")
                clean = False
        attrs = node.get("RIGHT_ATTRS")
        if isinstance(attrs, dict):
            clean &= _regex_errors(attrs, loc + (index, "RIGHT_ATTRS"), problems)
            if clean:
                clean &= _token_errors([attrs], loc + (index, "RIGHT_ATTRS"), problems, "E403")
    if not clean or not _dependency_order(pattern, loc, problems):
        return
    matcher = DependencyMatcher(vocab, validate=True)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            matcher.add("check", [pattern])
    except Exception as exc:  # spaCy raises ValueError/MatchPatternError (or a warning) with its own text
        problems.add(loc, f"not a valid DependencyMatcher pattern: {_one_line(exc)}", "E403")


def _dependency_order(pattern: list, loc: tuple, problems: _Problems) -> bool:
    """The node graph spaCy expects: an anchor, then nodes hanging off ids declared before them."""
    declared: set[str] = set()
    for index, node in enumerate(pattern):
        missing = [k for k in (("RIGHT_ID", "RIGHT_ATTRS") if index == 0 else DEPENDENCY_KEYS) if k not in node]
        if missing:
            what = "the anchor node (the first)" if index == 0 else "a node after the anchor"
            problems.add(loc + (index,), f"{what} needs {', '.join(missing)}", "E403")
            return False
        if index and node["LEFT_ID"] not in declared:
            problems.add(loc + (index, "LEFT_ID"), f"LEFT_ID '{node['LEFT_ID']}' is not the RIGHT_ID of an earlier "
                                                   f"node (declared: {', '.join(sorted(declared))})", "E403")
            return False
        if node["RIGHT_ID"] in declared:
            problems.add(loc + (index, "RIGHT_ID"), f"RIGHT_ID '{node['RIGHT_ID']}' is already declared", "E403")
            return False
        declared.add(str(node["RIGHT_ID"]))
    return True


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300]


def rule_problems(loaded: LoadedRule, vocab: Vocab) -> list[RuleFileError]:
    """Everything wrong with one rule's patterns, each at its file:line:column.

    Token patterns go through spaCy's own schema and ``Matcher(validate=True)``;
    dependency patterns through ``DependencyMatcher(validate=True)`` on ``vocab``,
    which needs no parser, so a rules-only check still validates them.
    """
    rule = loaded.rule
    problems = _Problems(loaded)
    if not (rule.phrases or rule.lemma_phrases or rule.patterns or rule.dependency):
        problems.add(("id",), "has no phrases, lemma_phrases, patterns or dependency, so it can never match",
                     "E302")
    for field_name in ("phrases", "lemma_phrases"):
        for index, phrase in enumerate(getattr(rule, field_name)):
            if not phrase.strip():
                problems.add((field_name, index), "an empty phrase matches nothing", "E404")
    for index, pattern in enumerate(rule.patterns):
        loc = ("patterns", index)
        if not _regex_errors(pattern, loc, problems) or not _token_errors(pattern, loc, problems, "E401"):
            continue
        try:
            Matcher(vocab, validate=True).add("check", [pattern])
        except Exception as exc:
            problems.add(loc, f"not a valid spaCy token pattern: {_one_line(exc)}", "E401")
    for index, pattern in enumerate(rule.dependency):
        _dependency_errors(pattern, ("dependency", index), vocab, problems)
    return problems.found


MAX_EXPANSION = 3000  # phrases one token pattern may expand to before the Matcher is cheaper


@functools.lru_cache(maxsize=1)
def lemma_forms() -> dict[str, set[str]]:
    """lemma -> the lowercase forms spaCy's English lookup table maps to it."""
    import spacy_lookups_data
    import srsly

    table = srsly.read_gzip_json(spacy_lookups_data.get_file("en_lemma_lookup.json.gz"))
    forms: dict[str, set[str]] = {}
    for form, lemma in table.items():
        forms.setdefault(lemma.lower(), set()).add(form.lower())
    return forms


def as_phrases(pattern: list[dict]) -> list[list[str]] | None:
    """The word sequences a token pattern matches, when it only constrains LOWER or LEMMA.

    ``[{LOWER: {IN: [will, would]}}, {LOWER: not}, {LOWER: sell, OP: "?"}]`` is the same as
    the phrases "will not", "would not", "will not sell", "would not sell"; a PhraseMatcher
    finds them far faster than the Matcher, and the shorter matches inside a longer one are
    dropped later exactly as greedy="LONGEST" would. Anything else returns None.
    """
    choices: list[list[str | None]] = []
    for token in pattern:
        keys = set(token) - {"OP"}
        if len(keys) != 1 or not keys <= {"LOWER", "LEMMA"} or token.get("OP") not in (None, "?"):
            return None
        attr = keys.pop()
        value = token[attr]
        if isinstance(value, str):
            words = [value]
        elif isinstance(value, dict) and set(value) == {"IN"} and all(isinstance(w, str) for w in value["IN"]):
            words = list(value["IN"])
        else:
            return None
        if any(w != w.lower() or not w or " " in w for w in words):
            return None
        if attr == "LEMMA":  # a lemma is the words whose lemma it is ("sell": sells, selling, sold)
            forms = lemma_forms()
            words = sorted({f for w in words for f in forms.get(w, {w}) | {w}})
        choices.append(words + ([None] if token.get("OP") == "?" else []))
    size = 1
    for c in choices:
        size *= len(c)
    if size > MAX_EXPANSION:
        return None
    out = [[w for w in combo if w is not None] for combo in itertools.product(*choices)]
    return [words for words in out if words]


# quote marks that may open a sentence ('"If the pilot goes well, …," she said.')
QUOTE_OPENERS = ('"', "\u201c", "'", "\u2018")


def _after_opening_quote(pattern: list[dict]) -> list[list[dict]]:
    """A pattern anchored at a sentence start, again for a sentence that opens with a quote mark:
    the mark takes the anchor and the pattern's first token follows it."""
    if not pattern or pattern[0].get("IS_SENT_START") is not True or pattern[0].get("OP"):
        return []
    first = {k: v for k, v in pattern[0].items() if k != "IS_SENT_START"}
    return [[{"IS_SENT_START": True, "ORTH": {"IN": list(QUOTE_OPENERS)}}, first] + pattern[1:]]


def compile_rules(nlp: Language, ruleset: RuleSet, errors: list[RuleFileError] | None = None) -> Compiled:
    """Build the matchers for ``nlp``; invalid patterns are collected in ``errors`` (or raised)."""
    collected: list[RuleFileError] = []
    has_parser = "parser" in nlp.pipe_names
    compiled = Compiled(
        lower=PhraseMatcher(nlp.vocab, attr="LOWER"),
        lemma=PhraseMatcher(nlp.vocab, attr="LEMMA"),
        tokens=Matcher(nlp.vocab, validate=True),
        dependency=DependencyMatcher(nlp.vocab, validate=True) if has_parser else None,
        rules=ruleset.rules,
    )
    lemma_pipes = [name for name in nlp.pipe_names if name in LEMMA_PIPES]
    for full_id, loaded in ruleset.rules.items():
        rule = loaded.rule
        problems = rule_problems(loaded, nlp.vocab)
        if problems:
            collected.extend(problems)
            continue
        if rule.phrases:
            compiled.lower.add(full_id, [nlp.make_doc(p) for p in rule.phrases])
        if rule.lemma_phrases:
            # The written form always counts too: a trained tagger can lemmatize a phrase's word
            # differently in context ("steelmaking" as a verb), and the surface form is never wrong.
            compiled.lower.add(full_id, [nlp.make_doc(p) for p in rule.lemma_phrases])
            with nlp.select_pipes(enable=lemma_pipes):
                compiled.lemma.add(full_id, list(nlp.pipe(rule.lemma_phrases)))
        for pattern in rule.patterns:
            phrases = as_phrases(pattern)
            if phrases is not None:  # same matches, at PhraseMatcher speed
                compiled.lower.add(full_id, [Doc(nlp.vocab, words=words) for words in phrases])
            else:
                compiled.tokens.add(full_id, [pattern] + _after_opening_quote(pattern), greedy="LONGEST")
        if rule.dependency:
            if compiled.dependency is None:
                compiled.skipped_dependency.append(full_id)
            else:
                for pattern in rule.dependency:
                    compiled.dependency.add(full_id, [pattern])
    if errors is not None:
        errors.extend(collected)
    elif collected:
        raise collected[0]
    return compiled
