"""Who speaks: the announcing company (the actor) and which sentences are in its voice.

Only the company's own commitments count. A sentence is in its voice when it speaks
in the first person, names the company (or "the company") as the one acting, or
quotes one of its executives; a sentence attributed to a critic, lawmaker or
analyst is context. The cue words come from the core pack's ``settings.voice``.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from finepr.ruleset.schema import Voice

# Capitalized words that start many sentences or headings and are never company names.
_NOT_NAMES = {"the", "a", "an", "we", "our", "this", "that", "these", "those", "it", "its", "in", "on",
              "for", "to", "and", "but", "about", "today", "dear", "media", "contact", "press", "update",
              "published", "posted", "forward-looking", "statements", "i", "as", "at", "by", "with",
              "from", "of", "if", "when", "while", "after", "before", "until", "starting", "january",
              "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
              "saturday", "sunday", "congress", "inc", "inc.", "corp", "corp.", "ltd", "llc", "co",
              "company", "new", "more", "how", "why", "what", "q", "faq", "mr", "ms", "mrs", "dr",
              # an FAQ's questions: "Is this change permanent?", "Who is covered?"
              "is", "are", "who", "where", "which", "will", "does", "do", "can", "should", "did",
              "every", "all", "each"}
_HYPHENS = ("-", "‑")  # a hyphen and a non-breaking hyphen
_SUFFIXES = {"inc", "inc.", "corp", "corp.", "corporation", "ltd", "ltd.", "llc", "plc", "co.", "group",
             "n.v.", "s.a.", "ag"}


@dataclass
class ActorGuess:
    name: str | None
    aliases: set[str]
    # what the text calls it after naming it: "the trust" (National Trust), "the charity" (", the
    # conservation charity that …"), "the museum" (Osterby Museum of Art)
    nouns: frozenset[str] = frozenset()


def _capitalized(token) -> bool:
    """'BrightWay', 'Lune', 'ID.me', and a name written in camel case: 'easyJet', 'iRobot'."""
    text = token.text
    if text[:1].islower():
        return token.is_alpha and len(text) > 2 and any(c.isupper() for c in text[1:])
    return text[:1].isupper() and (token.is_alpha or "-" in text or "." in text)


def _name_runs(doc: Doc) -> list[tuple[str, int]]:
    """Runs of capitalized tokens ("BrightWay Markets", "Hollis & Vane"): the rules-only
    stand-in for ORG entities, with the index of the run's first token."""
    runs: list[tuple[str, int]] = []
    i = 0
    while i < len(doc):
        if not _capitalized(doc[i]):
            i += 1
            continue
        j = i + 1
        while j < len(doc) and j - i < 5:
            if doc[j - 1].whitespace_ == " " and (
                    _capitalized(doc[j]) or doc[j].text == "&" and j + 1 < len(doc) and _capitalized(doc[j + 1])):
                j += 1
            elif _glued_hyphen(doc, j):
                j += 2  # "Rolls-Royce", "Wi-Fi": one word the tokenizer split at its hyphen
            else:
                break
        words: list[str] = []
        glued = False
        for t in doc[i:j]:
            if words and (glued or t.text in _HYPHENS):
                words[-1] += t.text  # only glued hyphens are inside a run
                glued = t.text in _HYPHENS
            elif t.lower_ not in _SUFFIXES:
                words.append(t.text)
        while words and words[0].lower() in _NOT_NAMES:
            words.pop(0)
        while words and words[-1] == "&":
            words.pop()
        if words and not all(w.lower() in _NOT_NAMES for w in words):
            runs.append((" ".join(words), i))
        i = j
    return runs


def _glued_hyphen(doc: Doc, j: int) -> bool:
    """Token ``j`` is a hyphen joining the capitalized words on either side, with no space."""
    return (j + 1 < len(doc) and doc[j].text in _HYPHENS and not doc[j - 1].whitespace_
            and not doc[j].whitespace_ and _capitalized(doc[j + 1]))


def guess_actor(doc: Doc, about_names: list[str], headline_end: int | None,
                excluded: list[tuple[int, int]], not_names: list[str] = (),
                titles: list[str] = (), speech_verbs: list[str] = (),
                product_nouns: list[str] = ()) -> ActorGuess:
    """The announcing company: the name in an "About X" section, else the name that most
    often acts ("X said", "X will", "X today announced"), then the most frequent one. A name
    that speaks ("Meta said") counts more than one that merely acts ("Instagram users")."""
    scores: Counter[str] = Counter()
    for ent in doc.ents:  # a trained pipeline's organizations
        if ent.label_ == "ORG" and not _inside(ent.start_char, excluded):
            name = _clean(ent.text)
            if name:
                scores[name] += 1
    others = {n.lower() for n in not_names}
    lowered = {t.text for t in doc if t.is_lower}
    # "Business", "Sustainability": a single capitalized word the text also uses as an ordinary word
    runs = [(name, i) for name, i in _name_runs(doc) if " " in name or name.lower() not in lowered]
    objects = _headline_objects(runs, doc, headline_end, others)
    for name, i in runs:
        if name in objects:  # "Tellmarch is retiring Hidden Mode": what the company acts on
            continue
        if name.lower() in others:  # "Critics said …" is not a company
            continue
        after = i + len(name.split())
        if after < len(doc) and doc[after].lower_ in others:  # "Privacy campaigners said …" neither
            continue
        if _is_product(doc, i, len(name.split()), product_nouns):  # "its LensMatch software"
            continue
        acting = _next_is_verb(doc, i, name)
        in_headline = headline_end is not None and doc[i].idx < headline_end
        if _inside(doc[i].idx, excluded) or (doc[i].is_sent_start and not acting and not in_headline):
            continue
        signed = _after_title(doc, i, titles)  # "Jane Roe, chief executive, Acme" / "CEO of Acme"
        speaks = acting and _speaks(doc, i + len(name.split()), speech_verbs)
        scores[name] += 1 + 4 * acting + 3 * speaks + in_headline + 3 * signed
    for name in about_names:
        scores[_clean(name)] += 8
    # "Amazon", "Amazon Web Services" and "Amazon Rekognition" share a first word: one
    # group, named by its most active member (on a tie, the shorter name).
    # "Exxon Mobil Corporation" is "ExxonMobil" written apart: its first two words joined
    joined = {re.sub(r"\W", "", n).lower(): n for n in scores if " " not in n}
    groups: dict[str, set[str]] = {}
    for name in scores:
        words = name.split()
        key = joined.get(re.sub(r"\W", "", "".join(words[:2])).lower(), words[0]) if len(words) > 1 else words[0]
        groups.setdefault(key, set()).add(name)
    totals = Counter({g: sum(scores[n] for n in members) for g, members in groups.items()})
    if not totals or totals.most_common(1)[0][1] < 2:
        return ActorGuess(None, set())
    group = totals.most_common(1)[0][0]
    best = max(groups[group], key=lambda n: (scores[n], -len(n)))
    groups[best] = groups[group]
    return ActorGuess(best, {n.lower() for n in groups[best]} | _short_name(doc, best), _own_nouns(doc, best))


# after the name, a description that ends at one of these: "the conservation charity that cares for …"
_DESCRIPTION_ENDS = {"that", "which", "who", "whose", "with", "in", "of", "for", "based", "and", "on", "at"}


def _own_nouns(doc: Doc, name: str) -> frozenset[str]:
    """The common nouns the text may call the company by: the head of its own name ("National
    Trust" → trust, "Osterby Museum of Art" → museum) and of a description set beside its first
    mention ("The National Trust, the conservation charity that …" → charity), each only where the
    text writes "the <noun>" in lower case."""
    words = name.split()
    nouns: set[str] = set()
    if len(words) > 1:
        head = words[words.index("of") - 1] if "of" in words[1:] else words[-1]
        nouns.add(head.lower())
    first = words[0]
    for t in doc:
        if t.text != first or doc[t.i:t.i + len(words)].text != name:
            continue
        k = t.i + len(words)
        if k + 2 < len(doc) and doc[k].text == "," and doc[k + 1].lower_ in ("the", "a", "an"):
            described = []
            for u in doc[k + 2:k + 7]:
                if not (u.is_alpha and u.is_lower) or u.lower_ in _DESCRIPTION_ENDS:
                    break
                described.append(u.lower_)
            if described and described[-1] not in _NOT_NAMES:
                nouns.add(described[-1])
                break
    text = doc.text
    return frozenset(n for n in nouns if len(n) > 3 and n.isalpha() and n not in _NOT_NAMES
                     and re.search(rf"(?<![\w-])the {n}(?![\w-])", text, re.IGNORECASE))


def _headline_objects(runs, doc: Doc, headline_end: int | None, others: set[str]) -> set[str]:
    """Names the headline puts after its subject's verb ("Tellmarch is retiring Hidden Mode",
    "Acme pulls FaceFind from stores"): the product acted on, not the company acting."""
    if headline_end is None:
        return set()
    heads = [(name, i) for name, i in runs if doc[i].idx < headline_end and name.lower() not in others]
    if len(heads) < 2:
        return set()
    subject = heads[0][0]
    # after a verb, not a preposition: "Price freeze at Ruthven's", "Three-quarters of Dell packaging"
    return {name for name, i in heads[1:] if name != subject and i > 0 and doc[i - 1].is_lower
            and doc[i - 1].is_alpha and not doc[i - 1].is_stop}


def _short_name(doc: Doc, name: str) -> set[str]:
    """'Ostrava Labs' is 'Ostrava' in a later 'Ostrava, which sells to 200 agencies, is …': the
    first word alone, when the text uses it alone and never as an ordinary lower-case word
    ('General Motors' does not become 'general')."""
    words = name.split()
    first = words[0]
    if len(words) < 2 or len(first) < 3 or not first[:1].isupper() or first.lower() in _NOT_NAMES:
        return set()
    alone = any(t.text == first and (t.i + 1 >= len(doc) or doc[t.i + 1].text != words[1]) for t in doc)
    common = any(t.text == first.lower() for t in doc)
    return {first.lower()} if alone and not common else set()


def _is_product(doc: Doc, i: int, n: int, product_nouns: list[str]) -> bool:
    owned = i > 0 and doc[i - 1].lower_ in ("its", "their", "our", "whose")
    j = i + n
    return owned or (bool(product_nouns) and j < len(doc) and doc[j].lower_ in product_nouns)


def _speaks(doc: Doc, j: int, speech_verbs: list[str]) -> bool:
    """"X said", "X today announced", "X on Tuesday said": a speech verb within three words."""
    window = doc[j:min(len(doc), j + 3)]
    return any(t.lower_ in speech_verbs for t in window)


def _titled_person(doc: Doc, i: int, n: int, titles: list[str]) -> bool:
    """'Chief executive Dana Lund': a person, named right after a title."""
    if not titles or n < 2:
        return False
    before = doc[max(0, i - 3):i]
    return bool(before) and before[-1].is_alpha and _has_phrase(before.text.lower(), [t.lower() for t in titles])


def _after_title(doc: Doc, i: int, titles: list[str]) -> bool:
    """'CEO of Acme', 'chief executive, Acme', a signature's title line: the company. Not 'Chief
    executive Johan Lundgren said': a title right before a name is the person's."""
    if i == 0 or not (doc[i - 1].lower_ in ("of", "at", ",", ":", "for") or "\n" in doc[i - 1].text_with_ws
                      or doc[i - 1].is_space):
        return False
    before = doc[max(0, i - 4):i].text.lower()
    # "Head of Sustainability": a department, not the company
    own = [t.lower() for t in titles if not (doc[i - 1].lower_ == "of" and t.lower().endswith(" of"))]
    return bool(own) and _has_phrase(before.removesuffix(" of") if own != titles else before, own)


_COMPANY_VERBS = {"today", "announced", "announces", "said", "says", "will", "is", "has", "plans", "would",
                  "confirmed", "stated", "explained", "added", "voted", "decided", "agreed", "approved",
                  "no", "does", "did", "won't", "'s", "’s", "launched", "unveiled", "pledged", "committed"}


def _next_is_verb(doc: Doc, i: int, name: str) -> bool:
    """The name is followed by what it does: "X said", "X will", "X aims", "X commits"."""
    j = i + len(name.split())
    if j >= len(doc):
        return False
    nxt = doc[j]
    if nxt.lower_ in _COMPANY_VERBS:
        return True
    if nxt.lower_ in _REPORTING_ADVERBS and j + 1 < len(doc) and doc[j + 1].lower_ in _COMPANY_VERBS:
        return True  # "Flipkart also said …"
    if nxt.text == ",":  # "Sablemoor Systems, whose cameras read plates in 1,400 cities, said …"
        end = min(nxt.sent.end, j + 30)
        if any(doc[k].text == "," and doc[k + 1].lower_ in _COMPANY_VERBS for k in range(j + 2, end - 1)):
            return True
    # "Acme plans …" is a verb; "Instagram users can …", "Instagram users under 18" a plural noun
    after = doc[j + 1].lower_ if j + 1 < len(doc) else ""
    return (nxt.is_lower and nxt.is_alpha and nxt.text.endswith("s") and not nxt.text.endswith("ss")
            and len(nxt) > 3 and after not in _AFTER_A_NOUN)


_AFTER_A_NOUN = {"can", "could", "will", "would", "may", "might", "must", "should", "are", "were", "have",
                 "had", "do", "did", "who", "under", "over", "aged", "in", "of", "and", "or", "with", "get",
                 "see", "say", ",", ".", "’", "'"}


def _clean(name: str) -> str:
    words = [w for w in name.replace("\n", " ").split() if w.lower() not in _SUFFIXES]
    while words and words[0].lower() in ("the",):
        words.pop(0)
    return re.sub(r"['’]s$", "", " ".join(words)).strip(" ,.'’")


def _inside(offset: int, regions: list[tuple[int, int]]) -> bool:
    return any(s <= offset < e for s, e in regions)


def _has_phrase(text: str, phrases) -> bool:
    """Does ``text`` contain one of ``phrases`` as whole words?"""
    return bool(phrases) and _phrase_regex(tuple(phrases)).search(text) is not None


@functools.lru_cache(maxsize=256)
def _phrase_regex(phrases: tuple[str, ...]) -> re.Pattern:
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


_PERSONAL_PRONOUNS = {"she", "he"}
_REPORTING_ADVERBS = {"also", "later", "previously", "separately", "further", "again"}


class VoiceJudge:
    """Decides, sentence by sentence, whether the company is the one speaking."""

    def __init__(self, voice: Voice, actor: ActorGuess, authored: bool = False) -> None:
        self.voice = voice
        self.actor = actor
        # The company wrote the document (a release, blog post, FAQ, policy page in "we"): every
        # sentence nobody else is quoted in is its voice ("Advertisers will no longer be able to …").
        self.authored = authored
        # The company issued it (a release with an "About <company>" section) though it speaks of
        # itself by name: an exception paragraphs after its one commitment is its own
        self.issued = False
        self.company = [a for a in actor.aliases] + [c.lower() for c in voice.company_refs] \
            + [f"the {n}" for n in sorted(actor.nouns)]
        # "the company" also reads "the Minneapolis-based company", "the Amazon-owned home security
        # company", "the Tacoma, Washington-based company" (a hyphen or a comma may be a word of its own, so
        # up to eight stand between)
        refs = [re.escape(c.lower().split(" ", 1)[1]) for c in voice.company_refs if c.lower().startswith("the ")] \
            + [re.escape(n) for n in sorted(actor.nouns)]
        self._refs = re.compile(rf"(?<![\w-])the(?:\s+[\w,-]+){{0,8}}\s+(?:{'|'.join(refs)})(?![\w-])") if refs else None
        # names of the company's people met with their title ("said Ruth Adebayo, chief executive"):
        # a later "said Adebayo" is the company too
        self.spokespeople: set[str] = set()
        # a charity's own announcement: "the charity said" is the company, not somebody else
        self._others = [o.lower() for o in voice.other_speakers if o.lower() not in actor.nouns]
        self._actors = [o.lower() for o in voice.other_actors]
        self._perfect = {v.lower() for v in voice.perfect_speech_verbs}
        # '"We hope Congress will …," she said': "she" is the person last named as a speaker
        self._last_named: bool | None = None
        titles = "|".join(re.escape(t.lower()) for t in voice.exec_titles)
        self._titled_elsewhere = re.compile(rf"(?<![\w-])(?:{titles}) (?:for|of|at|with) (?:a|an)(?![\w-])")
        self._pronoun_said: dict[str, bool] = {}

    def names_company(self, text: str) -> bool:
        return _has_phrase(text, self.company) or bool(self._refs and self._refs.search(text))

    def denies(self, sent: Span) -> bool:
        """'It did not say the products would be removed': a denial reported, not a commitment."""
        return _has_phrase(sent.text.lower(), self.voice.denials)

    def attribution(self, sent: Span) -> str:
        """The words of the sentence outside quotation marks (where an attribution sits). A
        capitalised "-s" word opening the sentence before a lower-case word ("Notes from the trial
        show …", "Demands for refunds rose") is a plural noun, not a speech verb with no speaker."""
        words = [t for t in sent if not (t.is_punct or t.is_space)]
        noun = (len(words) > 1 and words[0].is_title and words[0].lower_.endswith("s")
                and words[0].lower_ in self.voice.speech_verbs and words[1].is_lower)
        return " ".join(t.lower_ for t, quoted in zip(sent, _quoted_flags(sent))
                        if not quoted and not (noun and t.i == words[0].i))

    def speaker(self, text: str, after_words: int = 5) -> str | None:
        """The words around the first speech verb ("Jane Doe, chief executive, said"), or None."""
        verbs = "|".join(re.escape(v) for v in self.voice.speech_verbs)
        m = None
        for found in (re.finditer(rf"(?<![\w-])({verbs})(?![\w-])", text) if verbs else ()):
            before, after = text[:found.start()].split()[-1:], text[found.end():].split()[:1]
            perfect = found.group(1) in self._perfect and before and before[0] in ("have", "has", "had")
            if ((before and before[0] in _NOT_SPEECH_BEFORE and not perfect)
                    or (after and after[0] in _NOT_SPEECH_AFTER)):
                continue  # "intentionally added PFAS", "was told to", "added to the list": not a speaker
            if not before and found.group(1) in _OPENING_PARTICIPLES:
                continue  # "Asked whether it was permanent, a spokesperson said …": the speaker comes later
            following = text[found.end():].split()[:6]
            if found.group(1) == "according to" and _DOCUMENTS & set(following[:4]) and "from" not in following:
                continue  # "according to a briefing note published with the vote": its own paper
            if found.group(1) == "according to" and before and before[0] not in (",", "—", "–", "-", "(", ";", ":"):
                continue  # "sorts your photos into albums according to the people in them": a manner
            preceding = text[:found.start()].split()[-6:]
            # "the note also says that …": the same paper, not someone else ("welcomed the
            # announcement but said …" is a new clause, its speaker the subject)
            if _DOCUMENTS & set(preceding[-3:]) and not ({"'s", "’s"} & set(preceding)
                                                         or _has_phrase(" ".join(preceding), self._others)
                                                         or preceding[-1:] in (["but"], ["and"])):
                continue
            m = found
            break
        if not m:
            return None
        before = text[:m.start()].split()[-8:]
        if before and before[-1] not in (",", ":", "—", "–", "-", '"', "“", "”", "."):  # "… available. said Adebayo"
            return " ".join(before + [m.group(1)])  # "Critics argued …": the speaker comes first
        return " ".join(before + [m.group(1)] + text[m.end():].split()[:after_words])  # "…, said Jane Doe"

    def speaker_is_company(self, text: str) -> bool:
        """An attribution ("said Jane Doe, chief executive") to the company or its people; "she said"
        is whoever was last named saying something."""
        window = self.speaker(text)
        if window is None:
            return False
        words = window.split()
        verb_at = next((i for i, w in enumerate(words) if w in self.voice.speech_verbs), None)
        near = {words[i] for i in (verb_at - 1 if verb_at else -1, (verb_at or 0) + 1) if 0 <= i < len(words)}
        if near & _PERSONAL_PRONOUNS:
            if text not in self._pronoun_said and self._last_named is not None:
                self._pronoun_said[text] = self._last_named
            if text in self._pronoun_said:
                return self._pronoun_said[text]
        said = self._named_speaker_is_company(text, window)
        if self._named_after(window) or (verb_at and self._name_words(window) and words[-1] == words[verb_at]):
            self._last_named = said
        return said

    def _named_speaker_is_company(self, text: str, window: str) -> bool:
        wide = self.speaker(text, after_words=10) or ""
        wide = wide.split(" . ")[0]
        if _has_phrase(window, self.voice.exec_titles):
            # "said a spokesperson for a Los Angeles privacy coalition": somebody else's spokesperson
            if self._titled_elsewhere.search(wide):
                return False
            self.spokespeople |= self._name_words(window)
            return True
        # "said Claire Doyle, Marlow & Finch's commercial director": the company and the title further on
        if wide != window and _has_phrase(wide, self.voice.exec_titles) and self.names_company(wide) \
                and not _has_phrase(wide, self._others):
            self.spokespeople |= self._named_after(window)
            return True
        # "A trappers' association in Canada said" (under Canada Goose): another speaker named
        # beside the verb wins over a company word in the same window
        others = self._others
        if _has_phrase(window, others):
            return False
        if self._staff_report(text, window):
            return True
        if self.names_company(window) or _has_phrase(window, [p.lower() for p in self.voice.first_person]):
            # "said Hannah Lowther, Plumeway's chief executive" (the title past the window): a later
            # "Lowther said" is the company too
            self.spokespeople |= self._named_after(window)
            return True
        words = window.split()
        verb_at = next((i for i, w in enumerate(words) if w in self.voice.speech_verbs), None)
        if verb_at and self.actor.name is not None and (words[verb_at - 1] == "it" or (
                verb_at > 1 and words[verb_at - 1] in _REPORTING_ADVERBS and words[verb_at - 2] == "it")):
            return True  # "Its goal, it said, is to reduce …", "it also said": "it" is the company reported
        # "LumenPlate, the Denver company whose readers …, said Monday": the sentence's subject,
        # when it is the company (or "it" for the company), is the speaker
        subject = " ".join(text.split()[:3])
        if _has_phrase(subject, others):
            return False
        if self.spokespeople & self._name_words(window):
            return True
        # "BRADFORD, England — Morrisons, one of Britain's biggest supermarket chains, said …": the
        # company named anywhere before the speech verb, with nobody else in between, is the speaker
        verb = next((w for w in window.split() if w in self.voice.speech_verbs), None)
        pre = text[:text.find(f" {verb} ")] if verb and f" {verb} " in text else ""
        if pre and self.names_company(pre) and not _has_phrase(pre, others):
            return True
        return self.names_company(subject) or text.split()[:1] == ["it"]

    def _staff_report(self, text: str, window: str) -> bool:
        """'Town officials said Acme will not renew the lease': unnamed staff (``staff_nouns``)
        reporting what the company itself will do speak for it."""
        words = window.split()
        verb_at = next((i for i, w in enumerate(words) if w in self.voice.speech_verbs), None)
        if not verb_at or words[verb_at - 1] not in {n.lower() for n in self.voice.staff_nouns}:
            return False
        at = text.find(f" {words[verb_at]} ")
        after = text[at + len(words[verb_at]) + 2:].split() if at >= 0 else []
        if after[:1] == ["that"]:
            after = after[1:]
        return bool(after) and self.names_company(" ".join(after[:3]))

    def _named_after(self, window: str) -> set[str]:
        """The person named right after the speech verb ("said hannah lowther , …"), if any: not the
        words before it ("the department said"), which name an organisation as often as a person."""
        tokens = window.split()
        at = next((i for i, t in enumerate(tokens) if t in self.voice.speech_verbs), None)
        if at is None or at + 1 >= len(tokens) or not tokens[at + 1].isalpha():
            return set()
        return self._name_words(window)

    def _name_words(self, window: str) -> set[str]:
        """The words naming the speaker: next to the speech verb, up to the first comma
        ("said ruth adebayo , chief executive" → ruth, adebayo)."""
        tokens = window.split()
        verbs = {v for v in self.voice.speech_verbs if " " not in v}
        at = next((i for i, t in enumerate(tokens) if t in verbs), None)
        if at is None:
            return set()
        after = tokens[at + 1:]
        side = after[:after.index(",")] if "," in after else after
        if not side or side[0] in (".", ",") or not after:
            before = tokens[:at]
            side = before[before.index(",") + 1:] if "," in before else before
            side = side[-3:]
        titles = {w for t in self.voice.exec_titles for w in t.split()}
        return {w for w in side if w.isalpha() and len(w) > 2 and w not in titles
                and w not in _NAME_STOP and not self.names_company(w)}

    def speaker_is_other(self, text: str) -> bool:
        """An attribution to anyone else: a critic, a lawmaker, another organization."""
        return self.speaker(text) is not None and not self.speaker_is_company(text)

    def is_company(self, sent: Span, trigger_start: int | None = None, quoted_by: str | None = None) -> bool:
        """Is this sentence (or the commitment in it) the company's own voice?"""
        outside = self.attribution(sent)
        if self.speaker_is_other(outside) or (quoted_by is not None and self.speaker_is_other(quoted_by)):
            return False
        lower = sent.text.lower()
        if _has_phrase(lower, [p.lower() for p in self.voice.first_person]):
            return True
        head = sent.doc[sent.start:trigger_start].text.lower() if trigger_start is not None else lower
        # "Acme should stop selling": a demand on the company, not its promise
        demanded = trigger_start is not None and _has_phrase(" ".join(head.split()[-2:]), self.voice.demand_modals)
        if self.authored and not _quoted_flags(sent)[0] and self.speaker(outside) is None:
            return not demanded
        if self.speaker_is_company(outside) or (quoted_by and self.speaker_is_company(quoted_by)):
            return True
        if demanded:
            return False
        if _has_phrase(" ".join(lower.split()[:3]), self._actors):
            return False  # "The district court examined … the airline's campaign": the court's act
        if self.names_company(head):
            return True
        first = next((t.lower_ for t in sent if not (t.is_punct or t.is_space)), "")  # past a bullet
        return first in ("it", "they", "its") and self.actor.name is not None  # "Its 400 stores will stop …"


# Words around a speech verb that make it something else: a participle ("intentionally added",
# "was asked") or a verb of motion or addition ("added to", "asks for").
_NAME_STOP = {"the", "and", "our", "its", "their", "his", "her", "who", "that", "this", "monday", "tuesday",
              "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "statement",
              "interview", "company", "spokesperson", "spokeswoman", "spokesman", "also", "then", "later"}
_NOT_SPEECH_BEFORE = {"is", "are", "was", "were", "be", "been", "being", "intentionally", "newly", "recently",
                      "deliberately", "not", "have", "has", "had", "get", "gets", "got", "who"}
_NOT_SPEECH_AFTER = {"to", "by", "into", "onto", "for", "with"}
# a clause that opens with one of these answers a question put to the speaker named after it
_OPENING_PARTICIPLES = {"asked", "told", "pressed", "questioned"}
# "according to" a paper rather than a person: the text's own documents, not another speaker
_DOCUMENTS = {"note", "statement", "filing", "document", "documents", "policy", "memo", "letter", "release",
              "website", "faq", "notice", "briefing", "guidance", "terms", "plan", "announcement"}


def _quoted_flags(tokens) -> list[bool]:
    """For each token, is it inside quotation marks (the marks themselves count as inside)?"""
    flags, inside = [], False
    for token in tokens:
        text = token.text
        if token.is_space and text.count("\n") >= 2:  # an unbalanced quote ends with its paragraph
            inside = False
            flags.append(False)
        elif text == '"':
            inside = not inside
            flags.append(True)
        elif text == "\u201c":
            inside = True
            flags.append(True)
        elif text == "\u201d":
            inside = False
            flags.append(True)
        else:
            flags.append(inside)
    return flags


def quote_attributions(doc: Doc) -> dict[int, str]:
    """For each sentence inside a quotation, the unquoted words around that quotation.

    A quote may run over several sentences with its attribution ("…," said Jane Doe,
    CEO) only in the last; every sentence of the quote gets that attribution.
    Keys are sentence start token indices.
    """
    flags = _quoted_flags(doc)
    sents = list(doc.sents)
    text = doc.text
    result: dict[int, str] = {}
    previous: tuple[int, str] | None = None
    i = 0
    while i < len(doc):
        if not flags[i]:
            i += 1
            continue
        j = i
        while j < len(doc) and flags[j]:
            j += 1
        first, last = doc[i].sent, doc[j - 1].sent
        outside = " ".join(t.lower_ for t, f in zip(first, flags[first.start:first.end]) if not f)
        if last.start != first.start:
            outside += " " + " ".join(t.lower_ for t, f in zip(last, flags[last.start:last.end]) if not f)
        nxt = last.end
        if not outside.strip() and nxt < len(doc):  # attribution in the following sentence
            following = doc[nxt].sent
            outside = " ".join(t.lower_ for t, f in zip(following, flags[following.start:following.end]) if not f)
        if not outside.strip() and previous and "\n\n" not in text[previous[0]:doc[i].idx]:
            outside = previous[1]  # a second quote in the paragraph keeps the first one's speaker
        previous = (doc[j - 1].idx, outside)
        for sent in sents:
            if sent.start < j and sent.end > i:
                result[sent.start] = (result.get(sent.start, "") + " " + outside).strip()
        i = j
    return result


def company_authored(views_text: list[str], voice: Voice, minimum: int = 3) -> bool:
    """Does the document speak as "we" outside quotation marks, at least ``minimum`` times?"""
    words = [p.lower() for p in voice.first_person]
    # quotes are stripped over the whole text: a quotation often runs over several sentences
    # ("“We are pausing sales,” she said. “We want to hear from …”")
    outside = re.sub(r"[\"“][^\"”]*[\"”]", " ", " ".join(views_text).lower())
    count = len(_phrase_regex(tuple(words)).findall(outside)) if words else 0
    return count >= minimum
