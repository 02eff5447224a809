"""The matching component: compiled rule packs → ``doc.spans["finepr"]``.

Each span's ``label_`` is its category and ``id_`` the full rule id. A rule with
``extend`` grows its cue into the phrase the cue governs (ConText-style: a
direction, a maximum reach, terminator words; punctuation and the sentence end
stop it too).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from finepr.ruleset.compile import QUOTE_OPENERS, Compiled, compile_rules
from finepr.ruleset.load import RuleSet

SPAN_KEY = "finepr"
# Punctuation that ends a governed phrase; hyphens and apostrophes do not.
# Words a grown phrase must not end on ("on all flights and", "for every user of the").
DANGLING = {"and", "or", "of", "the", "a", "an", "to", "for", "in", "on", "with", "at", "by", "its", "our",
            "their", "as"}
CLAUSE_PUNCT = {",", ";", ":", ".", "!", "?", "—", "–", "(", ")", '"', "“", "”", "--"}


class FineprMatcher:
    """Runs every rule of a RuleSet on a Doc."""

    def __init__(self, nlp: Language, name: str = "finepr_matcher") -> None:
        self.nlp = nlp
        self.name = name
        self.compiled: Compiled | None = None

    def add_rules(self, ruleset: RuleSet) -> None:
        self.compiled = compile_rules(self.nlp, ruleset)

    def __call__(self, doc: Doc) -> Doc:
        if self.compiled is None:
            raise ValueError("finepr_matcher has no rules: call add_rules(ruleset) first")
        doc.spans[SPAN_KEY] = find_spans(doc, self.compiled)
        return doc


@Language.factory("finepr_matcher")
def make_matcher(nlp: Language, name: str) -> FineprMatcher:
    return FineprMatcher(nlp, name)


def _raw_matches(doc: Doc, compiled: Compiled) -> list[tuple[str, int, int]]:
    strings = doc.vocab.strings
    found = [(strings[m], s, e) for m, s, e in compiled.lower(doc)]
    found += [(strings[m], s, e) for m, s, e in compiled.lemma(doc)]
    # a pattern's sentence start may sit after the quote mark that opens the sentence (compile.py
    # matches the mark too): the span itself starts at the word
    found += [(strings[m], s + 1 if doc[s].text in QUOTE_OPENERS and e - s > 1 else s, e)
              for m, s, e in compiled.tokens(doc)]
    if compiled.dependency is not None and len(compiled.dependency) and doc.has_annotation("DEP"):
        for m, token_ids in compiled.dependency(doc):
            found.append((strings[m], min(token_ids), max(token_ids) + 1))
    return found


def _next_sentence(doc: Doc, start: int, end: int, extend) -> tuple[int, int]:
    """'There is one exception.' … 'Trade counters will keep selling it.': a cue whose sentence only
    announces points at the sentence after it, which is the phrase (its first ``max_tokens`` tokens).
    A sentence that goes on to say it ('There is one exception: …', '… exception is the …') is no
    announcement: no phrase."""
    sent = doc[start].sent
    if any(t.text == ":" or t.lower_ in ("is", "are") for t in doc[end:sent.end]):
        return start, start
    i = sent.end
    while i < len(doc) and (doc[i].is_space or doc[i].is_punct):
        i += 1  # past blank lines and a list bullet
    if i >= len(doc):
        return start, start
    sent_end = doc[i].sent.end
    j = i
    while j < sent_end and j - i < extend.max_tokens and not (doc[j].is_space and doc[j].text.count("\n") >= 2):
        j += 1
    while j > i and (doc[j - 1].is_space or doc[j - 1].is_punct or doc[j - 1].lower_ in DANGLING):
        j -= 1
    return i, j


def _extend(doc: Doc, start: int, end: int, extend) -> tuple[int, int]:
    stops = set(extend.terminators)
    if extend.direction == "next":
        return _next_sentence(doc, start, end, extend)
    if extend.direction == "forward":
        sent_end = doc[end - 1].sent.end if end > 0 else len(doc)
        if extend.drop_cue:  # a label runs to the end of its line, whatever a parser makes of "Where:**"
            sent_end = next((t.i for t in doc[end:] if "\n" in t.text), len(doc))
        while extend.drop_cue and end < sent_end and doc[end].text in ("*", "**", "_", "__"):
            end += 1  # "**Where:** All stores": past the label's closing emphasis
        i = end
        while i < sent_end and i - end < extend.max_tokens:
            token = doc[i]
            if token.lower_ in stops or (extend.stop_at_punct and token.text in CLAUSE_PUNCT):
                break
            if token.is_space and token.text.count("\n") >= 2:
                break
            i += 1
        if extend.needs_terminator and not (i < sent_end and doc[i].lower_ in stops):
            return start, start  # the clause never reached its terminator: no phrase
        while i > end and (doc[i - 1].is_space or doc[i - 1].is_punct and doc[i - 1].text not in (")", "%")
                           or doc[i - 1].lower_ in DANGLING):
            i -= 1
        if extend.drop_cue and i > end:
            return end, i  # "Exceptions: soft berries": the label names the category, the rest is the phrase
        while start < i - 1 and doc[start].text in (",", ";"):
            start += 1  # ", whether you bought it from us …": the comma anchors the cue, it is not the phrase
        return start, i
    sent_start = doc[start].sent.start
    i = start
    while i > sent_start and start - i < extend.max_tokens:
        token = doc[i - 1]
        if token.lower_ in stops or (extend.stop_at_punct and token.text in CLAUSE_PUNCT):
            break
        if token.is_space and token.text.count("\n") >= 2:
            break
        i -= 1
    while i < start and (doc[i].is_space or doc[i].is_punct):
        i += 1
    return i, end


def _negated(doc: Doc, start: int, words: list[str], window: int) -> bool:
    """'No contract … is exempt', 'not exempt': the cue is denied, not asserted."""
    sent_start = doc[start].sent.start
    first = next((t for t in doc[sent_start:start + 1] if not (t.is_punct or t.is_space)), None)  # past a bullet
    if first is not None and first.lower_ in words:
        return True
    # "…, and no contract, existing or new, is exempt": the clause the cue stands in opens with it
    opener = next((i for i in range(start - 1, sent_start, -1)
                   if doc[i].text in (";", ":") or (doc[i].lower_ in ("and", "but") and doc[i - 1].text == ",")), None)
    if opener is not None and opener + 1 < start and doc[opener + 1].lower_ in words:
        return True
    before = doc[max(sent_start, start - window):start]
    if any(t.lower_ in words for t in before):
        return True
    pairs = {f"{a.lower_} {b.lower_}" for a, b in zip(before, before[1:])}  # "the last two years"
    return bool(pairs & set(words))


def _then(doc: Doc, end: int, phrases: list[str], reach: int = 6) -> bool:
    """Whether the clause after the first comma past ``end`` opens with one of ``phrases``
    (within ``reach`` tokens): "If the auditor finds a gap, we will fix it and say so"."""
    sent_end = doc[end - 1].sent.end
    comma = next((i for i in range(end, sent_end) if doc[i].text == ","), None)
    if comma is None:
        return False
    clause = " ".join(t.lower_ for t in doc[comma + 1:min(sent_end, comma + 1 + reach)] if not t.is_space)
    return any(f" {p} " in f" {clause} " for p in phrases)


def _unfinished(sent) -> bool:
    """A sentence that ends without a full stop, a question or closing quote: a heading line."""
    last = next((t for t in reversed(sent) if not t.is_space), None)
    return last is not None and last.text not in (".", "!", "?", '"', "”", ")")


def _heading(doc: Doc, start: int, end: int) -> bool:
    """'Where it applies', 'If our company changes': a clause that is a whole line without a
    full stop is a heading over what follows, not a condition of anything."""
    sent = doc[start].sent
    words = [t for t in sent if not (t.is_space or t.is_punct)]
    return bool(words) and words[0].i >= start and words[-1].i < end and _unfinished(sent)


def _caps_heading(doc: Doc, start: int) -> bool:
    """'WHAT IS NOT INCLUDED', 'WHAT STAYS ON THE SHELVES': a fact sheet's capitalised section
    heading names the kind of exception listed under it; it is no exception itself."""
    sent = doc[start].sent
    words = [t for t in sent if t.is_alpha]
    return len(words) >= 2 and all(t.is_upper for t in words) and _unfinished(sent)


# categories whose cue in a capitalised heading only labels the list below it
HEADING_LABELS = ("carve_out", "condition")


def find_spans(doc: Doc, compiled: Compiled) -> list[Span]:
    """All rule matches as spans, extended and de-duplicated."""
    spans: dict[tuple[str, int, int], Span] = {}
    for rule_id, start, end in _raw_matches(doc, compiled):
        loaded = compiled.rules.get(rule_id)
        if loaded is None:
            continue
        rule = loaded.rule
        if rule.negated_by and _negated(doc, start, rule.negated_by, rule.negation_window):
            continue
        if rule.not_before and end < len(doc) and doc[end].lower_ in rule.not_before:
            continue
        if rule.then_none and _then(doc, end, rule.then_none):
            continue
        if rule.sentence_any and not any(t.lower_ in rule.sentence_any for t in doc[start].sent):
            continue
        start = min(start + rule.skip_lead, end)  # "It applies across …": the subject is context
        if rule.extend is not None:
            start, end = _extend(doc, start, end, rule.extend)
            if rule.extend.direction != "next" and _heading(doc, start, end):
                continue
        if rule.category in HEADING_LABELS and _caps_heading(doc, start):
            continue
        if rule.span_none and any(t.lower_ in rule.span_none for t in doc[start:end]):
            continue
        if end <= start or doc[start].sent.start != doc[end - 1].sent.start:
            continue  # a pattern whose context token sits in the previous sentence matches nothing
        spans[(rule_id, start, end)] = Span(doc, start, end, label=rule.category, span_id=rule_id)
    # Headline vocabulary never competes with body rules: it is read for a different purpose.
    prio = priorities(compiled.rules)
    headline = [s for s in spans.values() if compiled.rules[s.id_].rule.headline_only]
    body = [s for s in spans.values() if not compiled.rules[s.id_].rule.headline_only]
    return dedupe(body, prio, within_pack=True) + dedupe(headline, prio, within_pack=True)


def priorities(rules) -> dict[str, int]:
    return {rid: loaded.rule.priority for rid, loaded in rules.items()}


# Scope phrases are facets (who, where, which product) that may nest: "to police
# departments in the United States" is both a law-enforcement and a geography scope.
NESTING = {"scope"}


def dedupe(spans: list[Span], priority: dict[str, int], within_pack: bool = False) -> list[Span]:
    """Drop a span inside another span of its category, unless the category nests and the
    rules differ, and a span that starts inside another of its own rule; among equal extents the
    higher-priority rule wins.

    The matcher dedupes only ``within_pack``: which domain packs apply is decided later,
    and a span of an inactive pack must not hide a core one. The analysis dedupes
    again across the packs that apply.
    """
    spans = sorted(spans, key=lambda s: (s.start, -(s.end - s.start), -priority.get(s.id_, 0)))
    kept: list[Span] = []
    for span in spans:
        if any(k.label_ == span.label_ and k.start <= span.start and span.end <= k.end
               and not (span.label_ in NESTING and k.id_ != span.id_)
               and not (within_pack and _pack(k) != _pack(span)) for k in kept):
            continue
        # "one exception is the …" and "exception is the …", each grown to its own end: one finding
        if any(k.id_ == span.id_ and k.start <= span.start < k.end for k in kept):
            continue
        kept.append(span)
    return kept


def _pack(span: Span) -> str:
    return span.id_.split(".", 1)[0]


def attach_matcher(nlp: Language, ruleset: RuleSet) -> FineprMatcher:
    """Add the finepr_matcher component to ``nlp`` and load ``ruleset`` into it."""
    matcher = nlp.add_pipe("finepr_matcher", last=True)
    matcher.add_rules(ruleset)
    return matcher
