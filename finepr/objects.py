"""What a commitment is about: the noun phrase after its trigger ("will stop selling FaceFind
software to police" → "FaceFind software"), or the subject of "All … will be …"."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

PRONOUNS = {"it", "they", "them", "this", "these", "those", "we", "he", "she"}
_MODALS = {"will", "would", "shall", "must", "to"}
_OBJECT_SKIP = {"a", "an", "the", "its", "our", "their", "of", "on", "to", "for", "any", "all", "use",
                "sale", "sales", "selling", "offering", "providing"}
_OBJECT_STOP = {"to", "until", "unless", "in", "for", "by", "from", "with", "that", "which", "who", "and",
                "while", "because", "as", "so", "at", "but", "after", "before", "when", "if", "starting",
                "effective", "beginning", "across", "through", "over", "under", "since", "on", "where",
                "wherever", "whenever", "once", "such", "during", "including", "like"}
# a verb right after a noun trigger ("the suspension will remain", "the moratorium runs")
_SUBJECT_VERBS = {"is", "are", "was", "were", "has", "have", "had", "remains", "lasts", "runs", "ends", "begins",
                  "applies", "covers", "takes", "would", "could", "may", "might", "should", "can"}


def find_object(trigger: Span, sentence_spans: list[Span]) -> tuple[str | None, bool]:
    """What the commitment is about: the noun phrase after the trigger, past its modifiers."""
    doc = trigger.doc
    if doc.has_annotation("DEP"):
        head = trigger.root
        for child in head.children:
            if child.dep_ in ("dobj", "obj"):
                of = [p for p in child.children if p.dep_ == "prep" and p.lower_ == "of"]
                if child.lower_ in _OBJECT_SKIP and of and any(c.dep_ == "pobj" for c in of[0].children):
                    child = next(c for c in of[0].children if c.dep_ == "pobj")  # "sales of X": X
                return _phrase(doc, child.left_edge.i, child.i + 1)
    if len(trigger) > 2 and trigger[-1].lower_ in ("off", "out", "down"):
        # "turned open chat off", "switched the cameras off": the object sits inside the trigger
        inner = [t for t in trigger[1:-1] if t.lower_ not in _OBJECT_SKIP]
        if inner and not any(t.lower_.endswith("ing") for t in inner):  # not "stop handing out"
            return _phrase(doc, inner[0].i, inner[-1].i + 1)
    inner = _taken_out(trigger)
    if inner is not None:
        return inner
    subject = _subject_object(trigger)
    if subject is not None:
        return subject
    covered = {i for s in sentence_spans if s.label_ != "commitment" for i in range(s.start, s.end)}
    i, end = trigger.end, trigger.sent.end
    tokens: list[int] = []
    relative = False  # inside "the moratorium it placed last year on …": skip to "of"/"on"
    if i < end and doc[i].text == ",":
        # "no longer sells, rents or licenses member data": past the other verbs of the list
        j = next((k for k in range(i + 1, min(end, i + 5)) if doc[k].lower_ in ("or", "and")), None)
        if j is not None and all(doc[k].is_alpha and doc[k].is_lower for k in range(i + 1, j)):
            i = j + 1 + (1 if j + 1 < end and doc[j + 1].lower_ == "otherwise" else 0) + 1
    while i < end:
        token = doc[i]
        if not tokens and token.lower_ in PRONOUNS | {"which", "that", "who"}:
            after = doc[i + 1] if i + 1 < end else None
            if token.lower_ in PRONOUNS and (after is None or after.is_punct or after.lower_ in _OBJECT_STOP):
                return token.text, False  # "sell it to police": the object is a pronoun, resolved later
            relative = True
        if relative:
            relative = token.lower_ not in ("of", "on")
            i += 1
            continue
        if not tokens and (token.lower_ in _MODALS or token.lower_ in _SUBJECT_VERBS):
            return None, False  # "the pause would last …": the trigger is the subject, the thing is elsewhere
        if i in covered or (not tokens and (token.lower_ in _OBJECT_SKIP or _is_level(token))):
            i += 1
            if tokens:
                break
            continue
        glued = bool(tokens) and doc[i - 1].text in ("-", "‑") and not doc[i - 1].whitespace_
        if token.is_punct and token.text not in ("-", "&") or token.is_space \
                or token.lower_ in _OBJECT_STOP and not glued:  # "best-before dates": one word
            break
        if token.lower_ == "of" and tokens:  # "use of X": the thing is X
            tokens = []
            i += 1
            continue
        tokens.append(i)
        i += 1
        if len(tokens) >= 7:
            break
    if not tokens:
        return None, False
    return _phrase(doc, tokens[0], tokens[-1] + 1)


def _subject_object(trigger: Span) -> tuple[str | None, bool] | None:
    """'All compost containing peat will be off our shelves', 'All eggs we sell will be cage-free':
    the thing is the sentence's subject, before 'will be' (or inside an 'All … will be' trigger)."""
    doc = trigger.doc
    if trigger[0].lower_ in ("all", "every"):
        start, end = trigger.start + 1, trigger.start + 1
        while end < trigger.end and doc[end].lower_ != "will":
            end += 1
    elif trigger[0].lemma_ == "be" and trigger.start >= 2 and doc[trigger.start - 1].lower_ in _MODALS:
        end = trigger.start - 1
        start = end
        while start > trigger.sent.start and not doc[start - 1].is_punct and end - start < 8:
            start -= 1
        if start > trigger.sent.start and not doc[start - 1].is_punct:
            return None  # a subject longer than eight words: not a plain noun phrase
    else:
        return None
    words = doc[start:end]
    if not len(words) or any(t.lower_ in PRONOUNS or t.lower_ in ("we", "you", "i") for t in words):
        return None  # "it will be off sale": the pronoun is resolved later
    while start < end and (doc[start].lower_ in _OBJECT_SKIP or doc[start].lower_ == "every"):
        start += 1
    return _phrase(doc, start, end) if start < end else None


def _is_level(token) -> bool:
    """'using 50% recycled plastic': the verb and the level stand before the thing."""
    return (token.like_num or token.text in ("%", "percent") or token.text.endswith("%")
            or (token.lower_.endswith("ing") and token.i > 0 and token.doc[token.i - 1].lower_ == "to"))


def _phrase(doc: Doc, start: int, end: int) -> tuple[str | None, bool]:
    while start < end and doc[start].lower_ in ("a", "an", "the", "its", "our", "their", "any", "all"):
        start += 1
    if start >= end:
        return None, False
    span = doc[start:end]
    if not any(t.is_alpha or t.like_num for t in span):
        return None, False  # "-" left of "use-by dates" once "use" is skipped: no object, not a dash
    named = any((t.pos_ == "PROPN") if doc.has_annotation("TAG") else (t.is_title and t.i != t.sent.start)
                for t in span)
    return re.sub(r"\s+", " ", span.text).strip(), named


# "remove X from", "replace X with", "pull X from", "take X off": the thing removed sits inside the trigger
_TAKE_OUT = {"remove", "removing", "removed", "replace", "replacing", "replaced", "swap", "swapping",
             "pull", "pulling", "withdraw", "withdrawing", "take", "takes", "taking", "taken", "took"}


def _taken_out(trigger: Span) -> tuple[str, bool] | None:
    words = [t.lower_ for t in trigger]
    verb = next((i for i, w in enumerate(words) if w in _TAKE_OUT), None)
    cut = max((i for i, w in enumerate(words) if w in ("from", "with", "off")), default=None)
    if verb is None or cut is None or cut <= verb + 1:
        return None
    inner = [t for t in trigger[verb + 1:cut] if t.lower_ not in _OBJECT_SKIP]
    if not inner:
        return None
    return _phrase(trigger.doc, inner[0].i, inner[-1].i + 1)
