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

from finepr.commitments import Draft, to_text_span
from finepr.model import Commitment, Omission
from finepr.ruleset.load import LoadedOmission, RuleSet


class OmissionChecker:
    """Compiled domain terms and checklists for one pipeline."""

    def __init__(self, nlp: Language, ruleset: RuleSet) -> None:
        self.ruleset = ruleset
        self.domains = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.addressed = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.definitions = [c.lower() for c in ruleset.settings.definition_cues or []]
        self.absence = [c.lower() for c in ruleset.settings.absence_cues or []]
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
        years = {int(m.group()) for m in re.finditer(r"\b(?:19|20)\d\d\b", text)
                 if not any(a <= m.start() < b for a, b in skip)}
        body = text  # the text outside boilerplate: an "About" section names offices, not scope
        for a, b in skip:
            body = body[:a] + " " * (b - a) + body[b:]
        body = body.lower()
        found: list[Omission] = []
        for full_id, loaded in self.ruleset.omissions.items():
            if loaded.pack not in active or full_id in addressed:
                continue
            for draft, commitment in zip(drafts, commitments):
                evidence = self._relevant(loaded, draft, commitment, published, years, body)
                if evidence is False:
                    continue
                if loaded.check.dimension == "definitions" and self._defined(evidence):
                    continue
                found.append(self._omission(loaded, commitment, evidence))
                break
        return found

    def _relevant(self, loaded: LoadedOmission, draft: Draft, c: Commitment,
                  published: dt.date | None = None, years: set[int] | None = None,
                  body: str | None = None) -> Span | None | bool:
        """False when the item does not apply; else the span that made it relevant (or None)."""
        when = loaded.check.when
        if when.no_dated_step:
            due = re.match(r"\d{4}", c.duration.value or "") if c.duration.kind == "deadline" else None
            if due and published and any(published.year < y < int(due.group()) for y in years or ()):
                return False  # "… 2030, with a first step in 2025": an interim milestone
        if when.years_ahead_min is not None:
            year = re.match(r"\d{4}", c.duration.value or "") if c.duration.kind == "deadline" else None
            if not (year and published and int(year.group()) - published.year >= when.years_ahead_min):
                return False
        if when.actions is not None and c.action not in when.actions:
            return False
        if when.duration_kinds is not None and c.duration.kind not in when.duration_kinds:
            return False
        if when.object_named is not None and draft.object_named != when.object_named:
            return False
        if when.actor_in is not None and (c.actor or "") not in when.actor_in:
            return False
        if when.actor_has_affiliates is not None and bool(self._affiliates(c.actor)) != when.actor_has_affiliates:
            return False
        evidence: Span | None = draft.trigger
        if when.rules_any is not None:
            hits = [s for s in draft.modifiers if any(s.id_ == r or s.id_.startswith(r + ".") for r in when.rules_any)]
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
            text = (draft.sent.text + " " + " ".join(s.text for s in draft.modifiers)).lower()
            if not any(re.search(rf"\b{re.escape(t.lower())}\b", text) for t in when.terms_any):
                return False
            if when.rules_any is None:  # the term itself is the evidence: in the sentence or a modifier
                found = (_term_span(s, when.terms_any) for s in [draft.sent, *draft.modifiers])
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

    def _omission(self, loaded: LoadedOmission, c: Commitment, evidence: Span | None) -> Omission:
        check = loaded.check
        affiliates = self._affiliates(c.actor)
        values = {
            "actor": c.actor or "the company", "object": c.object or "it",
            "duration": _describe_duration(c), "evidence": evidence.text if evidence is not None else "",
            "scope": ", ".join(s.text for s in c.scope) or "no stated scope",
            "affiliates": f"; {c.actor} also has {affiliates}" if affiliates else "",
        }
        message = _fill(check.message, values)
        return Omission(rule=loaded.full_id, dimension=check.dimension, label=check.label,
                        severity=check.severity, message=message, commitment=c.id,
                        evidence=to_text_span(evidence) if evidence is not None else None)

    def _affiliates(self, actor: str | None) -> str:
        if not actor:
            return ""
        for pack in self.ruleset.packs:
            for company, names in pack.manifest.affiliates.items():
                if company.lower() == actor.lower():
                    return "; ".join(names)
        return ""


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
