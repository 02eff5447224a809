"""Omissions: checklist dimensions a complete commitment addresses but this text never mentions.

A pack applies when the document is about its domain (enough of its terms). Each
checklist item says when its absence matters (``when``) and which words count as
addressing it (``addressed_by``); only text outside boilerplate counts.
"""
from __future__ import annotations

import datetime as dt
import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from finepr.commitments import Draft
from finepr.model import Commitment, Omission
from finepr.records import to_text_span
from finepr.ruleset.load import LoadedOmission, RuleSet


# a question word alone at the end ("… but did not say which"), and the reporting verb before its clause
_BARE_QUESTIONS = {"which", "how", "when", "why", "who", "where", "what", "whether", "how many", "how much",
                   "how long", "for how long", "which ones"}
_REPORTED = re.compile(r"\b(?:said|says|added|explained|confirmed|told \w+)\b(?:\s+that)?\s+")
_CLOSING = re.compile(r"[\s.;!\"'”’)]+")
SEVERITY_RANK = {"info": 0, "minor": 1, "major": 2}


def _at_end(rest: str) -> bool:
    """Only closing punctuation and space left: the sentence ends here."""
    return not _CLOSING.sub("", rest)


class OmissionChecker:
    """Compiled domain terms and checklists for one pipeline."""

    def __init__(self, nlp: Language, ruleset: RuleSet) -> None:
        self.ruleset = ruleset
        self.domains = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.addressed = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.definitions = [c.lower() for c in ruleset.settings.definition_cues or []]
        self.absence = [c.lower() for c in ruleset.settings.absence_cues or []]
        self._reported_cache: dict[tuple[str, ...], tuple[list[LoadedOmission], LoadedOmission | None]] = {}
        self._absence_re = re.compile(r"\b(?:" + "|".join(re.escape(c) for c in sorted(self.absence, key=len, reverse=True))
                                      + r")\b") if self.absence else None
        for pack in ruleset.packs:
            if pack.manifest.domain.terms:
                self.domains.add(pack.name, [nlp.make_doc(t) for t in pack.manifest.domain.terms])
        for full_id, loaded in ruleset.omissions.items():
            if loaded.check.addressed_by:
                self.addressed.add(full_id, [nlp.make_doc(t) for t in loaded.check.addressed_by])

    def active_packs(self, doc: Doc, skip: list[tuple[int, int]]) -> list[str]:
        hits: dict[str, int] = {}
        for match_id, start, _ in self.domains(doc):
            if not any(s <= doc[start].idx < e for s, e in skip):
                name = doc.vocab.strings[match_id]
                hits[name] = hits.get(name, 0) + 1
        active = []
        for pack in self.ruleset.packs:
            domain = pack.manifest.domain
            if domain.always or hits.get(pack.name, 0) >= domain.min_hits:
                active.append(pack.name)
        return active

    def check(self, doc: Doc, drafts: list[Draft], commitments: list[Commitment], active: list[str],
              skip: list[tuple[int, int]], published: dt.date | None = None) -> list[Omission]:
        addressed = {doc.vocab.strings[m] for m, s, _ in self.addressed(doc)
                     if not any(a <= doc[s].idx < b for a, b in skip) and not self._notes_absence(doc[s].sent)}
        text = doc.user_data.get("finepr_text") or doc.text
        # each year the text names, with the sentence around it (lowercased)
        years: dict[int, list[str]] = {}
        for m in re.finditer(r"\b(?:19|20)\d\d\b", text):
            if not any(a <= m.start() < b for a, b in skip):
                start = max(text.rfind(".", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
                ends = [i for i in (text.find(". ", m.end()), text.find("\n", m.end())) if i >= 0]
                years.setdefault(int(m.group()), []).append(text[start:min(ends, default=len(text))].lower())
        body = text  # the text outside boilerplate: an "About" section names offices, not scope
        for a, b in skip:
            body = body[:a] + " " * (b - a) + body[b:]
        body = body.lower()
        found: list[Omission] = []
        for full_id, loaded in self.ruleset.omissions.items():
            if loaded.pack not in active or full_id in addressed or loaded.check.reported_fallback:
                continue
            for draft, commitment in zip(drafts, commitments):
                if loaded.check.when.main_only and commitment is not commitments[0]:
                    break  # commitments come headline's first
                evidence = self._relevant(loaded, draft, commitment, published, years, body)
                if evidence is False:
                    continue
                if loaded.check.dimension == "definitions" and self._defined(evidence):
                    continue
                omission = self._omission(loaded, commitment, evidence)
                same = next((i for i, o in enumerate(found) if o.dimension == omission.dimension), None)
                if same is None:
                    found.append(omission)
                elif SEVERITY_RANK[omission.severity] > SEVERITY_RANK[found[same].severity]:
                    found[same] = omission  # two packs ask the same question: the sharper one asks it
                break
        return self._reported(doc, commitments, active, skip, found)

    def _reported(self, doc: Doc, commitments: list[Commitment], active: list[str],
                  skip: list[tuple[int, int]], found: list[Omission]) -> list[Omission]:
        """Questions the text reports as left open ('did not say whether the pause covers federal
        agencies'): each goes to the checklist item whose reported_by words it uses, whatever that
        item's ``when``; one no item claims goes to the reported_fallback item."""
        settings = self.ruleset.settings.reported
        if settings is None or not commitments or self._absence_re is None:
            return found
        items, fallback = self._reported_items(active, settings.precedence)
        words = tuple(w.lower() for w in settings.question_words)
        have = {o.dimension: i for i, o in enumerate(found)}
        reported: set[str] = set()
        for sent in doc.sents:
            if any(a <= sent.start_char < b for a, b in skip) or not self._absence_re.search(sent.text.lower()):
                continue
            for question in self._questions(sent, settings):
                lower = question.text.lower()
                loaded = next((item for item in items if _has_any(lower, item.check.reported_by)), None)
                if loaded is None:
                    last = _at_end(sent.text[question.end_char - sent.start_char:])
                    asks = lower.split()[0] in words or lower.split()[-1] in words  # "… did not say which"
                    if fallback is None or not asks or (len(lower.split()) < 2 and not last):
                        continue  # "did not say the products would go": a denial, not a question
                    loaded = fallback
                dimension = loaded.check.dimension
                if dimension in have and found[have[dimension]].rule in reported:
                    continue  # the dimension's first reported question stands
                commitment = next((c for c in reversed(commitments) if c.sentence.start <= sent.start_char),
                                  commitments[0])
                omission = self._omission(loaded, commitment, question, reported=settings.message)
                reported.add(omission.rule)
                if dimension in have:
                    # the text's own remark says more than the checklist's generic line, and makes a
                    # note an omission
                    earlier = found[have[dimension]]
                    if SEVERITY_RANK[earlier.severity] > SEVERITY_RANK[omission.severity]:
                        omission.severity = earlier.severity
                    omission.commitment = earlier.commitment
                    found[have[dimension]] = omission
                else:
                    have[dimension] = len(found)
                    found.append(omission)
        return found

    def _reported_items(self, active: list[str], precedence: list[str]) -> tuple[list[LoadedOmission],
                                                                                 LoadedOmission | None]:
        """One item per dimension that has reported_by words (an active pack's first), in precedence order."""
        key = tuple(active)
        if key not in self._reported_cache:
            self._reported_cache[key] = self._order_reported(active, precedence)
        return self._reported_cache[key]

    def _order_reported(self, active: list[str], precedence: list[str]) -> tuple[list[LoadedOmission],
                                                                                 LoadedOmission | None]:
        by_dimension: dict[str, LoadedOmission] = {}
        fallback = None
        for loaded in sorted(self.ruleset.omissions.values(), key=lambda o: o.pack not in active):
            if loaded.check.reported_fallback:
                fallback = fallback or loaded
            elif loaded.check.reported_by:
                by_dimension.setdefault(loaded.check.dimension, loaded)
        rank = {d: i for i, d in enumerate(precedence)}
        order = sorted(by_dimension, key=lambda d: rank.get(d, len(rank)))
        return [by_dimension[d] for d in order], fallback

    def _questions(self, sent: Span, settings) -> list[Span]:
        """The questions after each absence cue: 'did not say whether X, or how long Y' → X; how long Y."""
        lower = sent.text.lower()
        cues: list[list[int]] = []
        for start, end in sorted((m.start(), m.end()) for c in self.absence
                                 for m in re.finditer(rf"\b{re.escape(c)}\b", lower)):  # overlapping cues too
            if cues and start < cues[-1][1]:
                cues[-1][1] = max(cues[-1][1], end)  # "gives no indication of": one cue
            else:
                cues.append([start, end])
        words = "|".join(re.escape(w.lower()) for w in settings.question_words)
        lead = "|".join(re.escape(w.lower()) for w in sorted(settings.lead_ins, key=len, reverse=True))
        split = re.compile(rf",?\s+(?:and|or)\s+(?=(?:{words})\b)|,\s+(?=whether\b)")
        questions = []
        for i, (start, end) in enumerate(cues):
            stop = cues[i + 1][0] if i + 1 < len(cues) else len(lower)
            segment = lower[end:stop]
            if lead:
                skipped = re.match(rf"\s*(?:{lead})\s+", segment)
                if skipped:
                    end, segment = end + skipped.end(), segment[skipped.end():]
            position = end
            for part in split.split(segment):
                at = lower.find(part, position)
                position = at + len(part)
                text = re.sub(r"(?:,?\s*\b(?:and|but|or)\b)?[\s,.;:]*$", "", part)
                lead_space = len(text) - len(text.lstrip())
                begin = at + lead_space
                if text.strip() in _BARE_QUESTIONS and _at_end(lower[at + len(text):]):
                    # "a small number of milks would keep use-by dates but did not say which": the
                    # question is about the clause before the cue
                    said = list(_REPORTED.finditer(lower, 0, start))
                    begin = said[-1].end() if said else 0
                span = sent.char_span(begin, at + len(text), alignment_mode="expand") if text.strip() else None
                if span is not None and len(span):
                    questions.append(span)
        return questions

    def _relevant(self, loaded: LoadedOmission, draft: Draft, c: Commitment,
                  published: dt.date | None = None, years: dict[int, list[str]] | None = None,
                  body: str | None = None) -> Span | None | bool:
        """False when the item does not apply; else the span that made it relevant (or None)."""
        when = loaded.check.when
        if when.no_dated_step:
            due = re.match(r"\d{4}", c.duration.value or "") if c.duration.kind == "deadline" else None
            cues = [cue.lower() for cue in when.step_cues or []]
            steps = [y for y, sents in (years or {}).items()
                     if not cues or any(cue in s for s in sents for cue in cues)]
            if due and published and any(published.year < y < int(due.group()) for y in steps):
                return False  # "… 2030, with a first step in 2025": an interim milestone
        if when.years_ahead_min is not None:
            year = re.match(r"\d{4}", c.duration.value or "") if c.duration.kind == "deadline" else None
            if not (year and published and int(year.group()) - published.year >= when.years_ahead_min):
                return False
        if when.actions is not None and c.action not in when.actions:
            return False
        if when.duration_kinds is not None and c.duration.kind not in when.duration_kinds:
            return False
        if when.own_term and c.term_restated:
            return False  # "The limit stays in force for now", sentences on: no end the text leaves open
        if when.object_named is not None and draft.object_named != when.object_named:
            return False
        if when.actor_in is not None and (c.actor or "") not in when.actor_in:
            return False
        if when.actor_has_affiliates is not None and bool(self._affiliates(c.actor)) != when.actor_has_affiliates:
            return False
        evidence: Span | None = draft.trigger
        # a condition stated sentences before the first commitment is reported, but as background it
        # neither raises nor settles an omission; nor does one of a rule that is not weighed
        modifiers = [s for s in draft.modifiers if (s.start_char, s.end_char) not in draft.ahead
                     and self.ruleset.rules[s.id_].rule.weighed]
        if when.rules_any is not None:
            hits = [s for s in modifiers if any(s.id_ == r or s.id_.startswith(r + ".") for r in when.rules_any)]
            if not hits:
                return False
            evidence = hits[0]
        if when.sentence_any is not None:
            sentence = draft.sent.text.lower()
            if not any(re.search(rf"\b{re.escape(t.lower())}\b", sentence) for t in when.sentence_any):
                return False
        if when.terms_none is not None and body is not None:
            if any(re.search(rf"\b{re.escape(t.lower())}\b", body) for t in when.terms_none):
                return False
        if when.terms_any is not None:
            text = (draft.sent.text + " " + " ".join(s.text for s in modifiers)).lower()
            if not any(re.search(rf"\b{re.escape(t.lower())}\b", text) for t in when.terms_any):
                return False
            if when.rules_any is None:  # the term itself is the evidence: in the sentence or a modifier
                found = (_term_span(s, when.terms_any) for s in [draft.sent, *modifiers])
                evidence = next((span for span in found if span is not None), evidence)
        return evidence

    def _notes_absence(self, sent: Span) -> bool:
        """'… gave few details about how much it would rely on carbon credits': a remark that the
        text is silent, which addresses nothing (docs/annotation.md §4)."""
        lower = " " + " ".join(t.lower_ for t in sent) + " "
        return any(f" {cue} " in lower for cue in self.absence)

    def _defined(self, evidence: Span | None) -> bool:
        """A qualifier counts as defined when a definition cue follows it closely."""
        if evidence is None:
            return False
        doc = evidence.doc
        window = doc[evidence.end:min(len(doc), evidence.end + 12)].text.lower()
        if any(re.search(rf"\b{re.escape(cue)}\b", window) for cue in self.definitions):
            return True
        term = re.escape(evidence.text.lower())
        return bool(re.search(rf"\b{term}\b[^.]{{0,40}}\b(means|is defined|refers to)\b", doc.text.lower()))

    def _omission(self, loaded: LoadedOmission, c: Commitment, evidence: Span | None,
                  reported: str | None = None) -> Omission:
        check = loaded.check
        affiliates = self._affiliates(c.actor)
        values = {
            "actor": c.actor or "the company", "object": c.object or "it",
            "duration": _describe_duration(c), "evidence": evidence.text if evidence is not None else "",
            "scope": ", ".join(s.text for s in c.scope) or "no stated scope",
            "affiliates": f"; {c.actor} also has {affiliates}" if affiliates else "",
            "reported": self._reported_text(evidence) if evidence is not None else "",
        }
        message = _fill(reported or check.message, values)
        severity = "minor" if reported and check.severity == "info" else check.severity
        return Omission(rule=loaded.full_id, dimension=check.dimension, label=check.label,
                        severity=severity, message=message, commitment=c.id,
                        evidence=to_text_span(evidence) if evidence is not None else None)

    def _reported_text(self, evidence: Span) -> str:
        """'a small number of milks would keep use-by dates but did not say which' reads as
        'which — a small number of milks would keep use-by dates'."""
        text = " ".join(evidence.text.split())
        lower = text.lower()
        cue = max((m for c in self.absence for m in re.finditer(rf"\b{re.escape(c)}\b", lower)),
                  key=lambda m: m.start(), default=None)
        if cue is None or lower[cue.end():].strip() not in _BARE_QUESTIONS:
            return text
        before = re.sub(r"[\s,;]*\b(?:but|and|yet)\s*$", "", text[:cue.start()]).strip()
        return f"{text[cue.end():].strip()} — {before}" if before else text

    def _affiliates(self, actor: str | None) -> str:
        if not actor:
            return ""
        for pack in self.ruleset.packs:
            for company, names in pack.manifest.affiliates.items():
                if company.lower() == actor.lower():
                    return "; ".join(names)
        return ""


def _has_any(text: str, terms: list[str]) -> bool:
    return any(re.search(rf"\b{re.escape(t.lower())}\b", text) for t in terms)


def _term_span(sent: Span, terms: list[str]) -> Span | None:
    text = sent.text.lower()
    for term in terms:
        m = re.search(rf"\b{re.escape(term.lower())}\b", text)
        if m:
            return sent.char_span(m.start(), m.end(), alignment_mode="expand")
    return None


def _describe_duration(c: Commitment) -> str:
    d = c.duration
    if d.kind == "fixed" and d.value:
        return f"{d.value}" + (f", ending {d.ends}" if d.ends else "")
    if d.kind == "conditional" and d.value:
        return d.value
    return d.kind.replace("_", "-")


def _fill(template: str, values: dict[str, str]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), template)
