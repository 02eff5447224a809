"""Compile rules into spaCy's own matchers: PhraseMatcher, Matcher, DependencyMatcher.

Patterns are spaCy's formats unchanged; this module only feeds them to the
matchers (with validation) and turns spaCy's errors into file:line errors.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher import DependencyMatcher, Matcher, PhraseMatcher

from finepr.errors import RuleFileError
from finepr.ruleset.load import LoadedRule, RuleSet

# Nested quantifiers such as (a+)+ or (\w*)* can backtrack catastrophically.
_NESTED_QUANTIFIER = re.compile(r"\((?:[^()\\]|\\.)*[+*](?:[^()\\]|\\.)*\)\s*[+*{]")


@dataclass
class Compiled:
    """The matchers for one pipeline, keyed by full rule id."""

    lower: PhraseMatcher
    lemma: PhraseMatcher
    tokens: Matcher
    dependency: DependencyMatcher | None
    rules: dict[str, LoadedRule]
    skipped_dependency: list[str] = field(default_factory=list)


def _regexes(pattern: list[dict]) -> list[str]:
    found: list[str] = []
    for token in pattern:
        for value in token.values():
            if isinstance(value, dict):
                for op, arg in value.items():
                    if op == "REGEX" and isinstance(arg, str):
                        found.append(arg)
                    elif isinstance(arg, dict) and isinstance(arg.get("REGEX"), str):
                        found.append(arg["REGEX"])
    return found


def check_regex(regex: str) -> str | None:
    """A reason the regular expression is unsafe or invalid, or None."""
    try:
        re.compile(regex)
    except re.error as exc:
        return f"invalid regular expression {regex!r}: {exc}"
    if _NESTED_QUANTIFIER.search(regex):
        return f"regular expression {regex!r} nests quantifiers and can backtrack catastrophically"
    if len(regex) > 200:
        return f"regular expression is {len(regex)} characters long (limit 200)"
    return None


def _error(loaded: LoadedRule, message: str, code: str) -> RuleFileError:
    return RuleFileError(f"rule '{loaded.rule.id}': {message}", path=loaded.path, line=loaded.line,
                         column=1, code=code)


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
    lemma_pipes = [name for name in nlp.pipe_names if name in ("tagger", "attribute_ruler", "lemmatizer",
                                                                "finepr_lemma_case")]
    for full_id, loaded in ruleset.rules.items():
        rule = loaded.rule
        if not (rule.phrases or rule.lemma_phrases or rule.patterns or rule.dependency):
            collected.append(_error(loaded, "has no phrases, lemma_phrases, patterns or dependency", "E302"))
            continue
        if rule.phrases:
            compiled.lower.add(full_id, [nlp.make_doc(p) for p in rule.phrases])
        if rule.lemma_phrases:
            with nlp.select_pipes(enable=lemma_pipes):
                compiled.lemma.add(full_id, list(nlp.pipe(rule.lemma_phrases)))
        for index, pattern in enumerate(rule.patterns):
            bad = next((r for r in map(check_regex, _regexes(pattern)) if r), None)
            if bad:
                collected.append(_error(loaded, f"patterns[{index}]: {bad}", "E402"))
                continue
            try:
                compiled.tokens.add(full_id, [pattern], greedy="LONGEST")
            except Exception as exc:  # spaCy raises MatchPatternError / ValueError with its own text
                detail = " ".join(str(exc).split())
                collected.append(_error(loaded, f"patterns[{index}] is not a valid spaCy token pattern: "
                                                f"{detail[:300]}", "E401"))
        if rule.dependency:
            if compiled.dependency is None:
                compiled.skipped_dependency.append(full_id)
            else:
                for index, pattern in enumerate(rule.dependency):
                    try:
                        compiled.dependency.add(full_id, [pattern])
                    except Exception as exc:
                        detail = " ".join(str(exc).split())
                        collected.append(_error(loaded, f"dependency[{index}] is not a valid DependencyMatcher "
                                                        f"pattern: {detail[:300]}", "E403"))
    if errors is not None:
        errors.extend(collected)
    elif collected:
        raise collected[0]
    return compiled
