"""Records: a finished draft becomes the JSON contract's :class:`Commitment`.

Freezing picks the commitment's term among the durations attached to it (not a date
inside an exception, not one before publication, the headline's year when it names
one) and refines its action by that term, its audience, its measure and its object.
"""
from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Span

from finepr.commitments import MODIFIERS, Draft, is_question
from finepr.durations import normalize_duration
from finepr.model import Commitment, Duration, TextSpan
from finepr.ruleset.load import RuleSet


def _months_ahead(duration: Duration, published: date | None) -> int:
    """Months from publication to a deadline ('2027' counts as its December); 0 when unknown."""
    found = re.match(r"(\d{4})(?:-(\d{2}))?", duration.value or "") if duration.kind == "deadline" else None
    if not found or published is None:
        return 0
    return (int(found.group(1)) - published.year) * 12 + int(found.group(2) or 12) - published.month


def outermost(spans: list[Span], stated: set[int] | None = None) -> list[Span]:
    """The spans not inside another span of their category, in text order, once each; scope
    words inside an exception or a condition are that exception's, not the commitment's scope,
    and so are scope words that are an exception's subject in a sentence that does not state the
    commitment (``stated``: the starts of the sentences that do).

    Nested scope facets stay on the draft (the omission checks read them); a reader
    sees "to police departments in the United States" once, not also its parts.
    """
    ordered = sorted(set(spans), key=lambda s: (s.start, -(s.end - s.start)))
    kept: list[Span] = []
    exceptions = [s for s in ordered if s.label_ in ("carve_out", "condition")]
    for span in ordered:
        if any(k.label_ == span.label_ and k.start <= span.start and span.end <= k.end for k in kept):
            continue
        if span.label_ == "scope" and any(e.start <= span.start and span.end <= e.end for e in exceptions):
            continue  # "may continue to run searches to locate missing children": the exception's own words
        if span.label_ == "scope" and any(e.label_ == "condition" and span.start < e.start < span.end
                                          for e in exceptions):
            continue  # "applies to companies that earn more than 30% of …": a threshold is the condition's
        if span.label_ == "scope" and stated is not None and span.sent.start not in stated \
                and any(e.label_ == "carve_out" and _subject_of(span, e) for e in exceptions):
            continue  # "Our 38 stores in Scotland are not part of this change": who is left out
        kept.append(span)
    return kept


def _subject_of(scope: Span, exception: Span) -> bool:
    """'Our 38 stores in Scotland and Northern Ireland are not part of this change': the scope words
    run into the exception or lead straight up to it in one clause, so they say who is left out
    ("applies only to thermal coal: its metallurgical interests are kept" is two clauses)."""
    if scope.sent.start != exception.sent.start or scope.start >= exception.end:
        return False
    return scope.end > exception.start or not any(t.is_punct for t in scope.doc[scope.end:exception.start])


def to_text_span(span: Span) -> TextSpan:
    """The span's characters without surrounding whitespace."""
    text = span.doc.user_data.get("finepr_text")
    if text is None:  # not `.get(key, doc.text)`: Doc.text is rebuilt from every token on each access
        text = span.doc.text
    start, end = span.start_char, span.end_char
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return TextSpan.of(text, start, end)


def finish(draft: Draft, ruleset: RuleSet, published: date | None) -> Commitment:
    """Freeze a draft into the contract's Commitment record."""
    rules = ruleset.rules
    parts: dict[str, list[TextSpan]] = {k: [] for k in MODIFIERS}
    for span in outermost(draft.modifiers, draft.stated_in):
        parts[span.label_].append(to_text_span(span))
    modality = "firm"
    for span in draft.modifiers:
        mode = rules[span.id_].rule.modality
        if mode == "aspirational" or (mode == "hedged" and modality == "firm"):
            modality = mode
    duration = Duration()
    # a duration inside an exception ("index funds are excluded from the exit for the time being")
    # times the exception, not the commitment
    exceptions = [s for s in draft.modifiers if s.label_ in ("carve_out", "condition")]
    durations = [s for s in draft.modifiers if s.label_ == "duration"
                 and not any(e.start <= s.start and s.end <= e.end for e in exceptions)]
    # "for six months, until 2 April 2024": the date ends the fixed term, it is no deadline of its own
    durations = [s for s in durations if not (
        s.text.split()[0].lower() in ("until", "through") and any(
            rules[f.id_].rule.duration_kind == "fixed" and 0 <= s.start - f.end <= 1 for f in durations))]
    # "stopped in October 2019", said in 2020: when it happened, not a term of the commitment
    durations = [s for s in durations if not _past(normalize_duration(s.text, rules[s.id_].rule.duration_kind,
                                                                     published), published)]
    # "We will publish a short report on this change by 31 January": the report's date, not the term
    side = {w.lower() for w in ruleset.settings.side_promise_verbs or []}
    durations = [s for s in durations if s.sent.start == draft.sent.start or s.sent.start in draft.stated_in
                 or not any(t.lemma_.lower() in side for t in s.sent if t.i < s.start)]
    if durations:
        best = min(durations, key=lambda s: (s.sent.start != draft.sent.start, s.sent.start not in draft.stated_in,
                                             -rules[s.id_].rule.priority, abs(s.start - draft.trigger.start)))
        duration = normalize_duration(best.text, rules[best.id_].rule.duration_kind, published)
        duration.span = to_text_span(best)
    elif rules[draft.trigger.id_].rule.implies_duration:
        duration = Duration(kind=rules[draft.trigger.id_].rule.implies_duration)
    action = draft.action
    audience = (ruleset.settings.action_with_audience or {}).get(action)
    if audience and any(s.label_ == "scope" and rules[s.id_].rule.audience and s.sent.start == draft.sent.start
                        and s.start >= draft.trigger.start for s in draft.modifiers):
        action = audience  # "will stop selling it to government agencies": a refusal, not an exit
    action = rules[draft.trigger.id_].rule.action_with_duration.get(duration.kind, action)
    refine = (ruleset.settings.action_with_duration or {}).get(action, {})
    action = refine.get(duration.kind, action)  # a refusal to police "for 18 months": a moratorium
    stated, w = None, ruleset.settings.weights
    if (duration.kind == "deadline" and duration.span is not None and w is not None
            and duration.span.text.split()[0].lower() in {t.lower() for t in w.term_words}):
        # "will not run political ads through the November 5 election": a term that ends on a day
        stated, action = action, (ruleset.settings.action_with_end_date or {}).get(action, action)
    far = ruleset.settings.action_with_far_deadline
    named = far and {t.lower_ for t in draft.trigger} & {w.lower() for w in far.unless_trigger}
    ends = far and duration.span is not None and \
        duration.span.text.split()[0].lower() in {w.lower() for w in far.unless_duration}
    if far and action in far.actions and not named and not ends and _months_ahead(duration, published) >= far.months:
        action = far.actions[action]  # "will stop selling it by 2027", said in 2025: a phase-out
    measured = (ruleset.settings.action_with_measure or {}).get(action)
    if measured and duration.kind == "deadline" and states_level(draft.sent, ruleset.settings.measure_words or []):
        action = measured  # "we commit to 50% recycled plastic by 2030": a target
    practice = (ruleset.settings.action_with_practice or {}).get(action)
    words = {w.lower() for w in ruleset.settings.practice_objects or []}
    verbs = {w.lower() for w in ruleset.settings.practice_verbs or []}
    if practice and ((draft.object and words & set(re.findall(r"[a-z]+", draft.object.lower())))
                     or words & _words_after(draft.trigger, ruleset.settings.practice_reach,
                                             ruleset.settings.practice_reach_stops)
                     or any(t.lemma_.lower() in verbs for t in draft.trigger)):
        # "will no longer sell viewing data", "will stop running multibuy offers": a practice stopped
        # (a ban), not a business left
        action = practice
    consent = (ruleset.settings.action_with_consent or {}).get(action)
    if consent and follows(draft.trigger, ruleset.settings.consent_words or []):
        action = consent  # "will no longer keep recordings by default": a default changed, not a stop
    commitment = Commitment(
        id=draft.id, actor=draft.actor, action=action, object=draft.object,
        sentence=to_text_span(draft.sent), trigger=to_text_span(draft.trigger), modality=modality,
        scope=parts["scope"], conditions=parts["condition"], carve_outs=parts["carve_out"],
        hedges=parts["hedge"], duration=duration,
    )
    commitment.stated_action = stated if stated != action else None
    commitment.restated = [draft.sent.doc[start].sent.text for start in sorted(draft.stated_in)
                           if start != draft.sent.start]
    # Scope that widens the commitment, or that is only reported for the reader to check
    # (severity info), never counts against it.
    commitment.broad_scope = {(s.start_char, s.end_char) for s in draft.modifiers
                              if s.label_ == "scope" and (rules[s.id_].rule.broadens
                                                          or rules[s.id_].rule.severity == "info")}
    commitment.widening = {(s.start_char, s.end_char) for s in draft.modifiers
                           if s.label_ == "scope" and rules[s.id_].rule.broadens}
    commitment.completed = {(s.start_char, s.end_char): rules[s.id_].rule.completed_by for s in draft.modifiers
                            if s.label_ == "scope" and rules[s.id_].rule.completed_by}
    commitment.material = {(s.start_char, s.end_char) for s in draft.modifiers
                           if s.label_ in ("carve_out", "scope") and rules[s.id_].rule.material}
    commitment.unweighed = set(draft.ahead) | {(s.start_char, s.end_char) for s in draft.modifiers
                                               if not rules[s.id_].rule.weighed}
    commitment.facets = {(s.start_char, s.end_char): (s.id_ if s.label_ == "scope" else s.sent.start)
                         for s in draft.modifiers}
    return commitment


def headline_term(draft: Draft, commitment: Commitment, headline: str, ruleset: RuleSet,
                  published: date | None) -> None:
    """'Volkswagen to stop selling combustion cars in Europe by 2035': when the commitment's
    sentences give several dates, the one the headline names is the term it reports."""
    years = set(re.findall(r"\b(?:19|20)\d\d\b", headline))
    if not years or (commitment.duration.value or "")[:4] in years:
        return
    rules = ruleset.rules
    for span in draft.modifiers:
        if span.label_ != "duration":
            continue
        duration = normalize_duration(span.text, rules[span.id_].rule.duration_kind, published)
        if duration.kind == commitment.duration.kind == "deadline" and (duration.value or "")[:4] in years:
            duration.span = to_text_span(span)
            commitment.duration = duration
            return


def statement_term(commitment: Commitment | None, spans: list[Span], ruleset: RuleSet,
                   published: date | None, skip: list[tuple[int, int]]) -> None:
    """'… will not bring facial recognition back. This decision is permanent.': a sentence about
    the text's decision as a whole (a duration rule that attaches to the whole text) gives the term
    of the commitment the headline is about, where that commitment's own sentence gives none."""
    if commitment is None:
        return
    own = commitment.duration.span is not None and \
        commitment.sentence.start <= commitment.duration.span.start < commitment.sentence.end
    if own:
        return
    rules = ruleset.rules
    answers = _term_answers(spans, ruleset.settings.term_questions or [])
    for span in spans:
        rule = rules[span.id_].rule
        whole = rule.attach is not None and rule.attach.whole_text
        if whole and not rule.attach.replaces_term and commitment.duration.kind != "unspecified":
            continue  # "For now, …" gives a term only where the commitment has none
        if whole and any(o.label_ == "carve_out" and o.sent.start == span.sent.start for o in spans):
            continue  # "For now, voice typing still sends clips": the exception's term, not the commitment's
        if (span.label_ == "duration" and (whole or span.sent.start in answers)
                and span.start_char > commitment.sentence.start
                and not any(a <= span.start_char < b for a, b in skip)):
            duration = normalize_duration(span.text, rule.duration_kind, published)
            duration.span = to_text_span(span)
            commitment.duration = duration
            return


def restated_term(commitment: Commitment | None, spans: list[Span], ruleset: RuleSet,
                  published: date | None, skip: list[tuple[int, int]], others: set[int]) -> None:
    """'Acme will stop selling fur trim …' … 'Fur trim is gone from our shelves for good.': a
    sentence that names the commitment's thing again and says in so many words that it is permanent
    (docs/annotation.md §2.2: "permanently", "for good", "never") gives the term of the headline's
    commitment where it has none. So does an open-ended one ("for now", "until further notice") whose
    clause has the commitment as its subject ('The limit stays in force for now', see
    _names_as_subject); that term is flagged ``term_restated``. Not a question ('Is this permanent?'), not a sentence that
    keeps an exception, and not one in another voice (``others``: sentence starts; "critics said
    the ban should be permanent")."""
    if commitment is None or commitment.duration.kind != "unspecified" or commitment.duration.span is not None:
        return
    rules = ruleset.rules
    excepted = set().union(*[_stem(o.text) for o in spans if o.label_ == "carve_out"])
    for span in sorted(spans, key=lambda s: s.start):
        kind = rules[span.id_].rule.duration_kind
        if span.label_ != "duration" or kind not in ("permanent", "open_ended") \
                or any(a <= span.start_char < b for a, b in skip) \
                or span.sent.start in others or is_question(span.sent.text) \
                or any(o.label_ in ("carve_out", "condition") and o.sent.start == span.sent.start
                       for o in spans):
            continue
        if not (_names_as_subject(span, commitment, excepted, ruleset) if kind == "open_ended"
                else _about_it(span.sent, commitment, ruleset)):
            continue  # "Trade accounts keep their old terms for now": another thing's term
        # only a phrase that says so by itself ("for good", "permanently"), by the cue lists of
        # finepr.durations, not one a rule reads as permanent only in its own context
        duration = normalize_duration(span.text, None, published)
        if duration.kind == kind:
            duration.span = to_text_span(span)
            commitment.duration = duration
            commitment.term_restated = kind == "open_ended"
            return


def next_sentence_term(commitment: Commitment | None, spans: list[Span], ruleset: RuleSet,
                       published: date | None, skip: list[tuple[int, int]]) -> None:
    """'Acme will stop selling live lobsters. The tanks will be gone from its stores by 31 August.':
    the sentence right after the one stating the headline's commitment says when it is done. Its
    deadline is that commitment's term when the commitment has none of its own; a date in an
    exception, or of a side or added promise ('publish a report by …', 'also aims to … by 2030'), is not."""
    cues = [c.lower().split() for c in ruleset.settings.next_term_cues or []]
    if commitment is None or commitment.duration.kind != "unspecified" or not spans or not cues:
        return
    rules = ruleset.rules
    doc = spans[0].doc
    sents = [s for s in doc.sents if s.text.strip()]
    restated = set(commitment.restated)
    following = {sents[i + 1].start_char for i, s in enumerate(sents[:-1])
                 if s.start_char <= commitment.sentence.start < s.end_char or s.text in restated}
    side = {w.lower() for w in ruleset.settings.side_promise_verbs or []}
    added = {w.lower() for w in ruleset.settings.addition_cues or []}
    for span in sorted(spans, key=lambda s: s.start):
        if span.label_ != "duration" or span.sent.start_char not in following \
                or any(a <= span.start_char < b for a, b in skip):
            continue
        words = [t.lower_ for t in span]
        if not any(words[:len(c)] == c for c in cues):
            continue
        if any(o.label_ in ("carve_out", "condition") and o.sent.start == span.sent.start for o in spans):
            continue
        if any(t.lemma_.lower() in side or t.lower_ in added for t in span.sent if t.i < span.start):
            continue  # "The bank has separately committed to fund … by 2020": another promise's date
        if not _about_it(span.sent, commitment, ruleset):
            continue  # "By 1 March, all of our stores will be refurbished": a date for something else
        duration = normalize_duration(span.text, rules[span.id_].rule.duration_kind, published)
        if duration.kind != "deadline" or _past(duration, published):
            continue
        duration.span = to_text_span(span)
        commitment.duration = duration
        return


_CLAUSE_BREAKS = {",", ";", ":", "—", "–", "said", "says", "say", "that", "and", "but", "while", "because"}
_CLAUSE_OPENERS = {"so", "and", "but", "yet", "then"}
_VERB_WORDS = {"will", "would", "is", "are", "was", "were", "has", "have", "had", "can", "could", "may",
               "might", "must", "should", "shall", "does", "do", "did", "stays", "stay", "remains", "remain",
               "applies", "apply", "stands", "keeps", "keep", "'s", "’s"}


def _clause_subject(span: Span) -> tuple[list[str], bool]:
    """The first words of the clause an open-ended phrase belongs to, up to its verb (the model has
    no parser), and whether that clause is negated. A fronted 'For now, …' belongs to the clause after it."""
    sent = list(span.sent)
    at, end = span.start - span.sent.start, span.end - span.sent.start
    start = at
    while start > 0 and sent[start - 1].lower_ not in _CLAUSE_BREAKS:
        start -= 1
    lead = [t.lower_ for t in sent[start:at] if not t.is_punct]
    if all(w in _CLAUSE_OPENERS for w in lead):
        # "For now, the cap stands": the clause that follows
        start = end
        while start < len(sent) and (sent[start].is_punct or sent[start].lower_ in _CLAUSE_OPENERS):
            start += 1
        stop = start + 1
        while stop < len(sent) and sent[stop].lower_ not in _CLAUSE_BREAKS:
            stop += 1
        clause = sent[start:stop]
    else:
        clause = sent[start:at]
    subject: list[str] = []
    for token in clause:
        if token.lower_ in _VERB_WORDS or len(subject) == 4:
            break
        if not token.is_punct:
            subject.append(token.lower_)
    negated = any(t.lower_ in ("not", "n't", "never", "no") for t in clause)
    return subject, negated


def _names_as_subject(span: Span, commitment: Commitment, excepted: set[str], ruleset: RuleSet) -> bool:
    """'The limit stays in force for now', 'So, for now, we will not order bluefin': the clause
    the open-ended phrase belongs to has as its subject the commitment's thing, a noun naming the
    commitment itself, or the company refusing in so many words; not an exception's subject
    ('Trade accounts keep their old terms for now')."""
    subject, negated = _clause_subject(span)
    nouns = {w.lower() for w in ruleset.settings.term_subjects or []}
    if any(w in nouns for w in subject):
        return True  # "the restriction", "the cap": the commitment by its own name
    words = _stem(" ".join(subject))
    if not subject or words & excepted or not _about_it(span.sent, commitment, ruleset):
        return False
    thing = (_stem(commitment.object or "") | _stem(commitment.sentence.text)) - _stem(commitment.actor or "")
    thing -= {w.lower() for w in ruleset.settings.next_term_ignore or []}
    if words & thing:
        return True
    company = any(w in ("we", "our", "it", "its") for w in subject) or bool(words & _stem(commitment.actor or ""))
    return company and negated


def _stem(text: str) -> set[str]:
    return {re.sub(r"(?<=[a-z]{3}[^s])s$", "", w) for w in re.findall(r"[a-z]{4,}", text.lower())}


def _about_it(sent: Span, commitment: Commitment, ruleset: RuleSet) -> bool:
    """The sentence names the commitment's thing again (a word of its object or of its sentence, not
    the company's name), or says the thing ends ('the last bags leave …', 'will be gone')."""
    if not commitment.object:
        return True  # "## The new rule": nothing named to compare with
    mine = _stem(sent.text)
    theirs = (_stem(commitment.object or "") | _stem(commitment.sentence.text)) - _stem(commitment.actor or "")
    theirs -= {w.lower() for w in ruleset.settings.next_term_ignore or []}
    ending = {w.lower() for w in ruleset.settings.next_term_words or []}
    return bool(mine & theirs) or any(t.lower_ in ending for t in sent)


def _term_answers(spans: list[Span], questions: list[str]) -> set[int]:
    """Where the answers to an FAQ's question about the term start ("Is this permanent?" … "No.
    The pause will last until …"): the two sentences after such a question."""
    if not spans or not questions:
        return set()
    cues = [q.lower() for q in questions]
    sents = list(spans[0].doc.sents)
    starts: set[int] = set()
    for i, sent in enumerate(sents):
        text = sent.text.strip().lower()
        if text.endswith("?") and any(re.search(rf"\b{re.escape(c)}\b", text) for c in cues):
            starts.update(s.start for s in sents[i + 1:i + 3])
    return starts


def _past(duration: Duration, published: date | None) -> bool:
    """A deadline that ended before the text was published."""
    if published is None or duration.kind != "deadline":
        return False
    end = duration.ends or duration.value or ""
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", end)) and end < published.isoformat()


def follows(trigger: Span, words: list[str]) -> bool:
    """Does the trigger's sentence go on, after the trigger, with one of ``words``?"""
    after = " " + " ".join(t.lower_ for t in trigger.doc[trigger.end:trigger.sent.end]) + " "
    return any(f" {w.lower()} " in after for w in words)


def states_level(sent: Span, words: list[str]) -> bool:
    """'50% recycled', 'a 30 percent cut', 'halve', 'net zero': the sentence states a level."""
    for i, token in enumerate(sent):
        if token.like_num and i + 1 < len(sent) and sent[i + 1].lower_ in ("%", "percent", "per"):
            return True
        if token.text.endswith("%") and token.text[:-1].replace(".", "").isdigit():
            return True
    lower = " " + " ".join(t.lower_ for t in sent) + " "
    return any(f" {w.lower()} " in lower for w in words)


def _words_after(trigger: Span, reach: int, stops: list[str]) -> set[str]:
    """'will stop selling riders' trip data': the words just after the trigger, up to punctuation
    or a word that starts another clause, whatever the parser made the object."""
    doc, found, stops = trigger.doc, set(), {w.lower() for w in stops}
    for token in doc[trigger.end:min(trigger.end + reach, trigger.sent.end)]:
        if token.is_punct and token.text not in ("'", "’", "-") or token.lower_ in stops:
            break
        found.add(token.lower_)
    return found
