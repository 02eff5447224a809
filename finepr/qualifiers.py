"""Qualifiers the headline drops: "Bans Plastic Straws" over a text that stops *single-use*
plastic straws.

The main commitment's object is compared, word by word, with the headline. When they share
a content word (they are about the same thing) and the object carries words the headline
leaves out ("single-use", "general purpose", "new … fields"), those words are a narrowing
the headline hides: they become a scope phrase of the commitment and a finding.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from finepr.model import Commitment, Finding, TextSpan
from finepr.ruleset.schema import HeadlineQualifier


def _words(span: Span | Doc, ignore: set[str]) -> set[str]:
    out = set()
    for t in span:
        if t.is_punct or t.is_space or t.lower_ in ignore:
            continue
        out.update({t.lower_, t.lemma_.lower(), _stem(t.lower_)})
    return out


def _stem(word: str) -> str:
    """'investments' and 'investing' are the same word to a reader: compare their first six letters."""
    return word[:6] + "…" if len(word) > 6 else word


def dropped_qualifier(doc: Doc, headline: Span | Doc, main: Commitment, actor: str | None,
                      settings: HeadlineQualifier) -> Span | None:
    """The run of object words the headline does not have, or None."""
    if not main.object:
        return None
    text = doc.user_data.get("finepr_text") or doc.text
    start = text.find(main.object, main.trigger.end, main.sentence.end)
    if start < 0:
        return None
    obj = doc.char_span(start, start + len(main.object), alignment_mode="expand")
    if obj is None:
        return None
    ignore = {w.lower() for w in settings.ignore} | {w.lower() for w in (actor or "").split()}
    said = _words(headline, ignore)
    def known(t) -> bool:
        return bool({t.lower_, t.lemma_.lower(), _stem(t.lower_)} & said)

    first = next((t for t in obj if not (t.is_punct or t.is_space or t.lower_ in ignore) and known(t)), None)
    if first is None:
        return None  # the headline is about something else, or names no object
    # The words right before the first word the headline shares are the object's qualifiers
    # ("single-use plastic straws", "general purpose facial recognition"); hyphens join them.
    i = first.i
    while i > obj.start:
        t = doc[i - 1]
        if t.text in ("-", "‑") or not (t.is_punct or t.is_space or t.lower_ in ignore or t.like_num or known(t)):
            i -= 1
            continue
        break
    while i < first.i and doc[i].text in ("-", "‑"):
        i += 1
    if i == first.i or first.i - i > settings.max_words:
        return None
    if doc[i - 1].lower_ in ("or", "and"):
        return None  # "no longer sells or licenses location data": a second verb, not a qualifier
    if all(t.text[:1].isupper() and not t.is_sent_start for t in doc[i:first.i] if t.is_alpha):
        return None  # "its Tonality Insight platform", "StoreSight Live": part of a name
    if doc[first.i - 1].text in ("-", "‑") or doc[first.i - 1].text.endswith(("-", "‑")):
        return None  # "battery-electric" under "all-electric": one word, spelled another way
    return doc[i:first.i]


def apply(doc: Doc, headline: Span | Doc, main: Commitment, actor: str | None,
          settings: HeadlineQualifier | None) -> Finding | None:
    """Add the dropped qualifier to ``main``'s scope and return its finding."""
    if settings is None:
        return None
    span = dropped_qualifier(doc, headline, main, actor, settings)
    if span is None:
        return None
    if any(s.start < span.end_char and span.start_char < s.end for s in main.scope):
        return None  # a scope rule already reports it
    text = doc.user_data.get("finepr_text") or doc.text
    quote = TextSpan.of(text, span.start_char, span.end_char)
    main.scope.append(quote)
    main.scope.sort(key=lambda s: s.start)  # in the order of the text
    main.facets[(quote.start, quote.end)] = settings.id
    message = settings.message.format(quote=quote.text)
    return Finding(settings.id, "scope", settings.severity, message, settings.explanation.strip(),
                   main.id, quote)
