"""Commitments: triggers in the company's voice, with their modifiers attached.

Within a sentence a modifier attaches to the sentence's commitment. Across
sentences it attaches to the latest commitment when its rule allows the reach
(``attach.max_sentences``) and the later sentence refers back to it (a reference
cue, the commitment's object, a definite mention like "the moratorium"), or when
the rule itself is a back-reference ("will continue to allow …").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from finepr.objects import find_object
from finepr.ruleset.load import RuleSet
from finepr.ruleset.schema import Attach
from finepr.voice import ActorGuess, VoiceJudge, quote_attributions

MODIFIERS = ("scope", "duration", "condition", "carve_out", "hedge")
_NOT_IN_NOUN_PHRASE = {"a", "an", "will", "would", "shall", "can", "also", "not", "is", "are", "was", "has",
                       "have", "had", "to", "do", "does", "did", "no", "never", "wo", "n't", "and", "or"}
_QUESTION = re.compile(r"\s*(?:Q|Question)\s*[:.]\s")
RESTATE_REACH = 6  # sentences within which the same action without an object is the same commitment
ANAPHORA_REACH = 6  # ... and with an object that points back ("taking these products off our website")
FORWARD_REACH = 2  # sentences a modifier before the first commitment may reach forward
SOLE_REACH = {"carve_out", "condition"}


@dataclass
class Draft:
    """A commitment under construction, still holding spaCy spans."""

    id: str
    sent: Span
    trigger: Span
    action: str
    actor: str | None
    modifiers: list[Span] = field(default_factory=list)
    last_sent: int = 0  # index of the latest sentence that belongs to it
    object: str | None = None
    object_named: bool = False
    stated_in: set = field(default_factory=set)  # starts of the sentences that state or restate it
    last_stated: int = 0  # index of the latest sentence that states or restates it
    ahead: set = field(default_factory=set)  # (start, end) of conditions stated well before it (reported, unweighed)

    def rules(self) -> set[str]:
        return {s.id_ for s in self.modifiers} | {self.trigger.id_}


@dataclass
class SentenceView:
    index: int
    span: Span
    skip: bool  # headline, dateline or boilerplate: yields no commitments
    other_voice: bool  # attributed to somebody other than the company
    heading: bool = False  # a Markdown heading ("## What this depends on") labels, it qualifies nothing


def _overlaps(start: int, end: int, regions: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in regions)


def is_question(text: str) -> bool:
    """'Does this cover my account?', '**Why not switch everyone off?**': markup around it aside."""
    return text.rstrip().rstrip("*_)\"”’'").endswith("?")


def sentence_views(doc: Doc, skip_regions: list[tuple[int, int]], judge: VoiceJudge) -> list[SentenceView]:
    quoted = quote_attributions(doc)
    text = doc.user_data.get("finepr_text") or doc.text
    views = []
    for sent in doc.sents:
        if not sent.text.strip():
            continue  # blank lines are not sentences: they must not use up a modifier's reach
        index = len(views)
        start, end = sent.start_char, sent.end_char
        inside = any(s <= start and end <= e + 1 for s, e in skip_regions) or (
            _overlaps(start, end, skip_regions) and not sent.text.strip()[:1].isalpha())
        inside = inside or is_question(sent.text)  # an FAQ question commits to nothing
        line = text.rfind("\n", 0, start) + 1
        if _QUESTION.match(text, line):  # "Q: Amazon said … IBM has stepped away … Where do you stand?"
            line_end = text.find("\n", start)
            inside = inside or "?" in text[start:line_end if line_end >= 0 else len(text)]
        quote = quoted.get(sent.start)
        other = (judge.speaker_is_other(judge.attribution(sent)) or bool(quote and judge.speaker_is_other(quote))
                 or judge.denies(sent))
        heading = text[line:start].lstrip().startswith("#") or sent.text.lstrip().startswith("#")
        views.append(SentenceView(index, sent, inside, other, heading))
    return views


class Assembler:
    """Turns matched spans into commitment drafts for one document."""

    def __init__(self, ruleset: RuleSet) -> None:
        self.ruleset = ruleset
        settings = ruleset.settings
        self.priority = {a: i for i, a in enumerate(settings.action_priority or [])}
        self.reference_cues = [c.lower() for c in settings.reference_cues or []]
        self.opening_cues = {c.lower() for c in settings.opening_cues or []}
        self.opening_reach = settings.opening_reach or 0
        self.opening_only = set(settings.opening_only or [])
        self.loose_cues = [c for c in self.reference_cues if c not in self.opening_cues]
        self.naming_cues = [c.lower() for c in settings.naming_cues or []]
        self.asking_words = {w.lower() for w in settings.asking_words or []}
        self.addition_cues = {w.lower() for w in settings.addition_cues or []}
        self.naming_reach = settings.naming_reach or 0
        self.generic_nouns = set(settings.generic_reference_actions or [])
        self.families = [set(f) for f in settings.restate_families or []]
        self.determiners = set(settings.definite_determiners or [])

    def rule(self, span: Span):
        return self.ruleset.rules[span.id_].rule

    def attach(self, span: Span) -> Attach:
        """The rule's own reach, else its category's default from the packs' settings."""
        own = self.rule(span).attach
        if own is not None:
            return own
        return (self.ruleset.settings.attach_defaults or {}).get(span.label_) or Attach()

    def _is_reference(self, trigger: Span, drafts: list[Draft]) -> Draft | None:
        """'the moratorium', 'this pause', 'the original ban': a definite mention of an
        earlier commitment refers back to the latest one rather than making a new one."""
        if not drafts:
            return None
        doc = trigger.doc
        first = trigger.start + 1 if trigger[0].lower_ in self.determiners and len(trigger) > 1 else trigger.start
        for i in range(first - 1, max(trigger.sent.start, trigger.start - 4) - 1, -1):
            token = doc[i]
            if token.lower_ in self.determiners:  # "the target" is the latest target, if any;
                action = self.rule(trigger).action  # "the promise" is whichever came last
                if action in self.generic_nouns:
                    return drafts[-1]
                return next((d for d in reversed(drafts) if d.action == action), drafts[-1])
            if token.is_punct or token.is_space or token.lower_ in _NOT_IN_NOUN_PHRASE:
                return None  # "The bank will also not provide …": a subject, not "the ban"
        return None

    def _adds(self, trigger: Span) -> bool:
        """'we will also cut …': the trigger is announced as another commitment."""
        doc = trigger.doc
        return any(doc[i].lower_ in self.addition_cues for i in range(max(trigger.sent.start, trigger.start - 3),
                                                                      trigger.start))

    def refers_back(self, sent: Span, draft: Draft, category: str | None = None) -> bool:
        """'the pause', 'this change', its object: the sentence points back. For a scope phrase a bare
        pronoun counts only where it opens the sentence ('That covers …'): 'wind farms in Iowa that
        supply …' names a place of the company's background, not of the commitment."""
        if category in self.opening_only:
            return self._opens_with_cue(sent) or _mentions(sent, self.loose_cues, draft)
        return _mentions(sent, self.reference_cues, draft)

    def _opens_with_cue(self, sent: Span) -> bool:
        """'That covers …', 'From that date …', 'In the language of climate reporting, that is …': a
        pronoun at the start of the sentence or of the clause after its opening phrase."""
        words = [t for t in sent if t.is_alpha]
        if any(t.lower_ in self.opening_cues for t in words[:self.opening_reach]):
            return True
        comma = next((t.i for t in sent if t.text == ","), None)
        after = next((t for t in sent if comma is not None and t.i > comma and t.is_alpha), None)
        return after is not None and after.lower_ in self.opening_cues

    def restates(self, latest: Draft, trigger: Span, action: str) -> bool:
        """Is a trigger with ``action`` the latest commitment said again? Same family, or a trigger
        whose rule says it restates that action ("switched off" next to "retiring X")."""
        return (self.same_family(latest.action, action) or action in self.rule(latest.trigger).restates
                or latest.action in self.rule(trigger).restates)

    def same_object_action(self, a: str, b: str) -> bool:
        """'will no longer sell your personal data' … 'we will never again sell your personal data':
        said of the same thing, a stop and a refusal are one commitment."""
        return a == b or {a, b} <= {"exit", "ban"}

    def same_family(self, a: str, b: str) -> bool:
        """'will stop selling X' then 'will wind down sales over the coming months': one commitment."""
        return a == b or any(a in family and b in family for family in self.families)

    def _asks(self, view: SentenceView) -> bool:
        """'## What we mean by plastic-free', '## Does this cover my account?': a heading that asks."""
        words = [t.lower_ for t in view.span if t.is_alpha]
        return view.heading and bool(words) and words[0] in self.asking_words

    def names_commitment(self, sent: Span, draft: Draft) -> bool:
        """'… aims to complete the switch by 2020': the sentence names the commitment itself
        (by a naming cue or its object), so it may sit further from it than a bare modifier."""
        return _mentions(sent, self.naming_cues, draft)

    def build(self, doc: Doc, spans: list[Span], views: list[SentenceView], actor: ActorGuess,
              judge: VoiceJudge) -> list[Draft]:
        """Drafts for one document; ``judge`` knows this document's company."""
        by_sent: dict[int, list[Span]] = {}
        sent_index = {v.span.start: v.index for v in views}
        for span in spans:
            by_sent.setdefault(sent_index[span.sent.start], []).append(span)
        drafts: list[Draft] = []
        pending: list[tuple[Span, int, bool]] = []  # (span, sentence, reaches the first commitment however far)
        asked: tuple[int, Draft] | None = None  # the last question that named a commitment
        for view in views:
            found = by_sent.get(view.index, [])
            if drafts and is_question(view.span.text) and self.names_commitment(view.span, drafts[-1]):
                asked = (view.index, drafts[-1])  # "Is this change permanent?": its answer is about it
            if view.skip or view.other_voice or not found:
                continue
            # "## What we mean by plastic-free": a heading that asks or labels promises nothing
            triggers = [s for s in found if s.label_ == "commitment" and not self._asks(view)
                        and not _label_line(view)]
            current: Draft | None = None
            if triggers:
                triggers.sort(key=lambda s: (self.priority.get(self.rule(s).action, 99), s.start))
                primary = triggers[0]
                referenced = self._is_reference(primary, drafts)
                # "Alongside that target, we will also cut emissions per tonne": "also" announces a second
                # commitment, whatever earlier one the sentence mentions first
                added = next((t for t in triggers if drafts and self._adds(t)
                              and self._is_reference(t, drafts) is None), None)
                if added is not None:
                    primary, referenced = added, None
                if referenced is None and added is None:
                    # "the suspension covers X, and X is being removed from shelves": a definite
                    # mention before the sentence's own trigger makes it about the earlier commitment
                    referenced = next((r for r in (self._is_reference(t, drafts) for t in triggers[1:]
                                                   if t.start < primary.start) if r is not None), None)
                    # "Under the new policy, cashiers will refuse to sell …": the sentence says what the
                    # policy, rule or promise named before it is
                    action = self.rule(primary).action
                    if referenced is not None and referenced.action in self.generic_nouns \
                            and self.priority.get(action, 99) < self.priority.get(referenced.action, 99):
                        referenced.action = action
                if referenced is not None:
                    current = referenced
                elif judge.is_company(view.span, primary.start, None):
                    action = self.rule(primary).action
                    obj, named = find_object(primary, found)
                    also = added is not None
                    same = next((d for d in drafts if obj and not also and self.same_object_action(d.action, action)
                                 and d.object and _same_thing(d.object, obj)), None)
                    latest = drafts[-1] if drafts else None
                    # "will stop selling PhoneKey to police" … "will not accept new orders from city forces":
                    # a stop and a refusal with no object of its own are one commitment
                    if same is None and latest is not None and not also \
                            and (self.restates(latest, primary, action)
                                 or obj is None and latest.action == "exit" and action == "ban") \
                            and (obj is None or latest.object is None or _same_thing(latest.object, obj)
                                 or _anaphoric(obj)
                                 or latest.action == action and view.index - latest.last_sent <= 1
                                 or self.same_family(latest.action, action) and view.index - latest.last_sent <= 1
                                 and _shares_word(latest.object, view.span.text)) \
                            and view.index - latest.last_sent <= (ANAPHORA_REACH if obj and _anaphoric(obj)
                                                                  else RESTATE_REACH):
                        same = latest  # "We will retire X." after "We are retiring features.": one exit
                        same.object, same.object_named = same.object or obj, same.object_named or named
                        if not self.same_family(same.action, action) \
                                and self.priority.get(action, 99) < self.priority.get(same.action, 99):
                            same.action = action  # "switched off on May 1. From then we no longer offer it": an exit
                    if same is not None:  # the same commitment, stated again: one record
                        current = same
                    else:
                        current = Draft(f"c{len(drafts) + 1}", view.span, primary, action, actor.name)
                        current.object, current.object_named = obj, named
                        current.actor = subject_actor(view.span, primary, actor) or actor.name
                        drafts.append(current)
                if current is not None:
                    current.last_sent = current.last_stated = view.index
                    current.stated_in.add(view.span.start)
            continuation = current is not None and current.sent.start != view.span.start
            if current is not None and len(drafts) == 1 and current.sent.start == view.span.start:
                # modifiers just before the first commitment ("Starting today, and for one year, …")
                # ... and one whose rule reaches ahead, however far ("We do not give police your videos
                # unless they present a warrant." … "We will …")
                current.modifiers.extend(s for s, i, ahead in pending if view.index - i <= FORWARD_REACH or ahead)
                # ... but one from further back may set the background rather than bind the promise:
                # the reader is shown it, the verdict does not weigh it
                current.ahead |= {(s.start_char, s.end_char) for s, i, ahead in pending
                                  if view.index - i > FORWARD_REACH and ahead}
                pending = []
            for span in found:
                if span.label_ not in MODIFIERS or self.rule(span).document_level or view.heading:
                    continue
                if span.label_ == "scope" and _describes_subject(span):
                    continue  # "Acme, which runs 62 garden centres in England, will stop …": who Acme is
                if continuation and span.label_ == "hedge" and not self.attach(span).max_sentences:
                    continue  # "… whether it planned to review the pause": not a hedge of the pause
                if span.label_ == "duration" and current is None and self.attach(span).whole_text \
                        and any(o.label_ == "carve_out" for o in found):
                    continue  # "For now, batteries will still be sold": the exception's term
                target = current if current is not None else self._reach_back(span, view, drafts, judge, asked)
                if target is None and not drafts:
                    # only after the clause it qualifies: "If …", "Where …" opening a sentence sets a scene
                    ahead = (self.attach(span).ahead and span.start > span.sent.start
                             and (judge.authored or judge.issued or judge.is_company(view.span)))
                    pending.append((span, view.index, ahead))
                if target is not None:
                    # a hedge paragraphs on ("We intend to publish a timetable") is reported with
                    # the commitment but does not carry its reach further
                    # ... nor does a statement of coverage paragraphs on ("It applies in all our shops"):
                    # it is about the first commitment, not a sign that the text still is
                    far_scope = (current is None and span.label_ == "scope" and self.attach(span).whole_text
                                 and view.index - target.last_sent > self.attach(span).max_sentences)
                    if (span.label_ != "hedge" or view.index - target.last_sent <= HEDGE_CARRY) and not far_scope:
                        target.last_sent = max(target.last_sent, view.index)
                    target.modifiers.append(span)
        return drafts

    def _reach_back(self, span: Span, view: SentenceView, drafts: list[Draft],
                    judge: VoiceJudge | None = None, asked: tuple[int, Draft] | None = None) -> Draft | None:
        if not drafts:
            return None
        noted = _footnoted(view.span, drafts)
        if noted is not None:
            return noted
        latest = drafts[-1]
        if span.label_ == "hedge":
            # "We intend to publish a list every year": a hedge qualifies whichever commitment the
            # text was last about, which may be an earlier one stated again
            latest = max(reversed(drafts), key=lambda d: d.last_sent)
        attach = self.attach(span)
        # a term or a scope is counted from where the commitment is stated, not from its last exception
        distance = view.index - (latest.last_stated if span.label_ in ("duration", "scope") else latest.last_sent)
        if attach.max_sentences == 0:
            return None
        named = distance <= self.naming_reach and self.names_commitment(view.span, latest)
        # the answer to an FAQ question that names the commitment ("Could this change in the future?
        # No. We will never again …") is about it, however far the question is from it
        named = named or (asked is not None and asked[1] is latest and 0 < view.index - asked[0] <= ANSWER_REACH)
        if distance > attach.max_sentences and not named:
            # one commitment in the text so far: an exception paragraphs later can only be its own
            # (in a news report, only where the company says it: the reporter's background is not);
            # an exception in the company's voice far from every commitment ("## The one exception")
            # qualifies the announcement's first one
            company = judge is None or judge.authored or judge.issued or judge.is_company(view.span)
            alone = len(drafts) == 1 and span.label_ in SOLE_REACH and company
            return drafts[0] if attach.whole_text or alone or span.label_ == "carve_out" and company else None
        if attach.needs_reference and not (named or self.rule(span).reference
                                           or self.refers_back(view.span, latest, span.label_)):
            return None
        return latest


# sentences a hedge may be from its commitment and still carry the commitment's reach on
HEDGE_CARRY = 6

# sentences after a question that an answer may take to reach back to what the question names
ANSWER_REACH = 2

# footnote markers: "its packaging* by 50%" … "* Excludes sachets"
FOOTNOTE_MARKS = ("*", "**", "†", "‡", "¹", "²", "³")


def _footnoted(sent: Span, drafts: list[Draft]) -> Draft | None:
    """The commitment a footnote belongs to: the one whose sentence carries the footnote's mark
    right after a word ("packaging*"), however far away the footnote is."""
    first = next((t for t in sent if not t.is_space), None)
    if first is None or first.text not in FOOTNOTE_MARKS:
        return None
    mark = first.text
    for draft in drafts:
        for start in sorted(draft.stated_in | {draft.sent.start}):
            said = sent.doc[start].sent
            if any(t.i > said.start and (t.text == mark and not t.nbor(-1).whitespace_ or
                                         t.text.endswith(mark) and len(t.text) > len(mark))
                   for t in said):
                return draft
    return None


_DASHES = ("—", "–", "--", "-")


def _describes_subject(span: Span) -> bool:
    """'Acme, the ride-hailing app used by nine million people in the United States, said …': the
    phrase sits in an apposition to the name that opens the sentence (after a dateline), between
    its two commas; it says who the company is, not what its commitment covers."""
    sent = span.sent
    tokens = list(sent)
    start = 0
    for i, t in enumerate(tokens[:16]):
        if t.text in _DASHES and t.whitespace_ and i > 0:
            start = i + 1  # "LEEDS, 9 April 2024 — Acme, …"
            break
    commas = [i for i, t in enumerate(tokens) if t.text == "," and i > start]
    if len(commas) < 2:
        return False
    first, second = commas[0], commas[1]
    name = [t for t in tokens[start:first] if not t.is_space]
    if not name or len(name) > 6 or not all(t.text[:1].isupper() or t.text in ("&", "'s", "’s", "of", "and")
                                            for t in name):
        return False
    return sent.start + first < span.start and span.end <= sent.start + second


def _label_line(view: SentenceView) -> bool:
    """'OUR PROMISE', '## The pledge': a short section label names a promise, it makes none; nor
    does a breadcrumb ('Help Center › Advertising policies › Updates')."""
    if any(t.text in ("›", "»") for t in view.span):
        return True
    words = [t.text for t in view.span if t.is_alpha]
    if not words or len(words) > 3:
        return False
    return all(w.isupper() for w in words) or (view.heading and len(words) <= 2)


def _shares_word(thing: str | None, text: str) -> bool:
    """'paused the use of members' data' … 'will not train on data from members': the next sentence
    names a word of the thing (words of four letters or more, a plural 's' aside)."""
    if not thing:
        return False
    words = {w.rstrip("s") for w in re.findall(r"[a-z]{4,}", text.lower())}
    return any(w.rstrip("s") in words for w in re.findall(r"[a-z]{4,}", thing.lower()))


def _anaphoric(obj: str) -> bool:
    """'Taking these products off our website' after 'will stop selling realistic toy guns': an
    object that points back ("these products", "this feature") is the one said before."""
    return obj.lower().split(" ", 1)[0] in ("these", "those", "this", "that")


def _same_thing(a: str, b: str) -> bool:
    """"eggs" and "cage-free shell eggs": the same head noun, one phrase inside the other."""
    a, b = a.lower().split(), b.lower().split()
    if not a or not b:
        return False
    return a == b or (a[-1] == b[-1] and (set(a) <= set(b) or set(b) <= set(a)))


def _mentions(sent: Span, cues: list[str], draft: Draft) -> bool:
    """Does the sentence use one of ``cues`` or name the draft's object?"""
    lower = " " + " ".join(t.lower_ for t in sent) + " "
    if any(f" {cue} " in lower for cue in cues):
        return True
    if not draft.object:
        return False
    if draft.object.lower() in sent.text.lower():
        return True
    # "the last plastic lid will leave" names "plastic lids": the same words, one of them singular
    words = [_singular(w) for w in re.findall(r"[a-z]+", draft.object.lower())]
    said = " " + " ".join(_singular(t.lower_) for t in sent) + " "
    # "the section is offline for now" after "closes its personals section": a definite mention
    # of the object's head noun
    if words and len(words[-1]) > 3 and any(f" {d} {words[-1]} " in said for d in ("the", "this", "that")):
        return True
    if len(words) < 2:
        return False
    return f" {' '.join(words)} " in said


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def subject_actor(sent: Span, trigger: Span, actor: ActorGuess) -> str | None:
    """The company named as the one acting, when the sentence names one."""
    head = sent.doc[sent.start:trigger.start].text
    if actor.name and actor.name in head:
        return actor.name
    for ent in sent.ents:
        if ent.label_ == "ORG" and ent.end <= trigger.start:
            return ent.text
    return None


_PAST_YEAR = re.compile(r"\b(?:in|since|during|by)\s+(?:(?:early|late|mid|the\s+spring\s+of|the\s+autumn\s+of)\s+)?"
                        r"(?:[a-z]+\s+)?((?:19|20)\d\d)\b")
_REPORTED = {"said", "says", "announced", "announces", "confirmed", "confirms", "told", "stated"}
_FUTURE_BEFORE = {"will", "would", "'ll", "to", "shall", "can", "could", "may", "might", "must", "should"}


def past_steps(spans: list[Span], ruleset: RuleSet, published=None) -> list[Span]:
    """The commitment triggers that tell a step already taken: a past-tense verb in a sentence dated
    in the past ("last year it stopped offering sugary drinks", "in 2019 it removed sweets"). Only
    reported when another trigger is left to be the text's commitment."""
    settings = ruleset.settings
    cues = [c.lower() for c in settings.past_step_cues or []]
    if not cues:
        return []
    forms = {f.lower() for f in settings.past_forms or []}
    dated = re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues) + r")\b")
    past = []
    for span in spans:
        if span.label_ != "commitment":
            continue
        first = next((t for t in span if t.is_alpha), None)
        if first is None or not (first.lower_.endswith("ed") or first.lower_ in forms):
            continue
        sent = span.sent
        if any(t.lower_ in _FUTURE_BEFORE for t in sent.doc[max(sent.start, span.start - 3):span.start]):
            continue  # "will have stopped", "plans to end"
        if any(t.lower_ in _REPORTED for t in sent.doc[sent.start:span.start]):
            continue  # "said in 2019 that it had stopped …": the news reported, not its background
        text = sent.text.lower()
        if dated.search(text) or (published is not None and any(
                int(m.group(1)) < published.year for m in _PAST_YEAR.finditer(text))):
            past.append(span)
    triggers = [s for s in spans if s.label_ == "commitment"]
    return past if len(past) < len(triggers) else []
