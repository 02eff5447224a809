"""One document through the whole flow: load → nlp → match → commitments → checks → Report."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from spacy.tokens import Doc, Span

from finepr import __version__, qualifiers
from finepr.commitments import Assembler, Draft, past_steps, sentence_views
from finepr.durations import normalize_duration
from finepr.match import SPAN_KEY, attach_matcher, dedupe, priorities
from finepr.model import Claim, Finding, Headline, Report, Source, TextSpan
from finepr.objects import PRONOUNS, find_object
from finepr.omissions import OmissionChecker
from finepr.pipeline import build_nlp, make_doc, model_label
from finepr.records import (finish, headline_term, next_sentence_term, outermost, restated_term, statement_term,
                            to_text_span)
from finepr.ruleset.load import RuleSet, load_ruleset
from finepr.ruleset.schema import Voice, Weights
from finepr.structure import Structure, find_structure
from finepr.verdict import borrow_duration, commitment_strength, judge, main_commitment, read_claim
from finepr.voice import VoiceJudge, company_authored, guess_actor

DOC_LEVEL = {"forward-looking": "hedge"}  # boilerplate whose matches still count, as document-level


class Analyzer:
    """A loaded pipeline and rule set, ready to analyze many documents."""

    def __init__(self, model: str = "rules", rules_dirs: list[Path] | None = None, builtin: bool = True,
                 packs: list[str] | None = None, ruleset: RuleSet | None = None) -> None:
        self.ruleset = ruleset or load_ruleset(rules_dirs, builtin=builtin, select=packs)
        self.nlp = build_nlp(model)
        attach_matcher(self.nlp, self.ruleset)
        self.omissions = OmissionChecker(self.nlp, self.ruleset)
        self.assembler = Assembler(self.ruleset)
        self.model = model_label(self.nlp)
        self.priority = priorities(self.ruleset.rules)

    @property
    def voice(self) -> Voice:
        return self.ruleset.settings.voice or Voice()

    def analyze(self, source: Source, published: dt.date | None = None, headline: str | None = None) -> Report:
        return self.analyze_doc(source, make_doc(self.nlp, source.text), published, headline)

    def analyze_doc(self, source: Source, doc: Doc, published: dt.date | None = None,
                    headline: str | None = None) -> Report:
        structure = find_structure(source, self.ruleset.structure_cues)
        published = published or structure.published
        boiler = [(r.start, r.end) for r in structure.boilerplate]
        skip = list(boiler)
        if structure.headline and structure.headline_source == "title":
            skip.append((structure.headline.start, structure.headline.end))
        active = self.omissions.active_packs(doc, boiler)
        rules = self.ruleset.rules
        active_spans = [s for s in doc.spans[SPAN_KEY] if rules[s.id_].pack in active]
        spans = (dedupe([s for s in active_spans if not rules[s.id_].rule.headline_only], self.priority)
                 + dedupe([s for s in active_spans if rules[s.id_].rule.headline_only], self.priority))

        actor = guess_actor(doc, _about_names(source.text, structure),
                            structure.headline.end if structure.headline else None, boiler,
                            self.voice.other_speakers, self.voice.exec_titles, self.voice.speech_verbs,
                            self.voice.product_nouns)
        body_text = [sent.text for sent in doc.sents if not any(a <= sent.start_char < b for a, b in skip)]
        judge_ = VoiceJudge(self.voice, actor, company_authored(body_text, self.voice))
        judge_.issued = any(r.label == "about" for r in structure.boilerplate)
        views = sentence_views(doc, skip, judge_)
        body = [s for s in spans if not _inside(s, skip) and not rules[s.id_].rule.headline_only]
        if structure.deck:
            # the deck under the title sums the headline up; what the commitment covers is told, and
            # annotated, in the running text (docs/annotation.md §3.3)
            deck = [(structure.deck.start, structure.deck.end)]
            body = [s for s in body if s.label_ != "scope" or not _inside(s, deck)]
        done = past_steps(body, self.ruleset, published)  # "last year it stopped offering …": background
        body = [s for s in body if s not in done]
        drafts = self.assembler.build(doc, body, views, actor, judge_)
        if not drafts and not judge_.authored:
            # a report that never names the company beside a commitment ("The ban takes effect in
            # May"): rather than nothing, read every sentence nobody else speaks as its voice
            judge_ = VoiceJudge(self.voice, actor, True)
            views = sentence_views(doc, skip, judge_)
            drafts = self.assembler.build(doc, body, views, actor, judge_)
        if not drafts:
            # still nothing: the headline's looser vocabulary ("drops", "bans", "no longer") in the body
            loose = [s for s in spans if not _inside(s, skip)]
            drafts = self.assembler.build(doc, loose, views, actor, judge_)
        commitments = [finish(d, self.ruleset, published) for d in drafts]
        head = self._headline(doc, structure, spans, headline)
        _resolve_pronoun_objects(commitments, head)
        # an omission belongs to the first commitment it applies to: ask the headline's one first
        main = main_commitment(head.claim if head else Claim(), commitments)
        borrow_duration(main, commitments, head.claim.object if head else None)
        statement_term(main, spans, self.ruleset, published, skip)
        next_sentence_term(main, body, self.ruleset, published, skip)
        restated_term(main, body, self.ruleset, published, skip,
                      {v.span.start for v in views if v.other_voice or v.skip})
        wins = (self.ruleset.settings.headline_action_wins or {}).get(head.claim.action if head else None, [])
        if main is not None and main.action in wins:
            # "Glintcast raises the minimum age for going live to 16" over "… will be turned off by
            # default": the headline's limit is what the text's sentence restricts
            main.action = head.claim.action
        if main is not None and head is not None:
            for action, words in (self.ruleset.settings.headline_word_wins or {}).items():
                if main.action in words.over and _says(head.text, words.phrases) \
                        and (words.durations is None or main.duration.kind in words.durations):
                    # "Farfetch to ban fur" over "will stop selling animal fur": the text calls it a ban
                    # (docs/annotation.md §1.1); "We're retiring Face Tags" over "will stop collecting faces"
                    main.action = action
                    break
            headline_term(drafts[commitments.index(main)], main, head.text, self.ruleset, published)
        pairs = sorted(zip(drafts, commitments), key=lambda pair: pair[1] is not main)
        omissions = self.omissions.check(doc, [d for d, _ in pairs], [c for _, c in pairs], active, boiler, published)
        weights = self.ruleset.settings.weights or Weights()
        for c in commitments:
            c.strength = round(commitment_strength(c, omissions, weights), 3)

        dropped = self._dropped_qualifier(doc, head, commitments, actor.name, omissions, weights)
        gap, main = judge(head.claim if head else Claim(), commitments, omissions, self.ruleset)
        findings = self._findings(drafts, commitments, spans, structure, published)
        findings += self._contrast(head, gap, main, source.text) + dropped
        findings.sort(key=lambda f: (f.span.start if f.span else -1, f.category))
        return Report(
            source=source, model=self.model, packs=self.ruleset.pack_info(),
            domains=[name for name in active if name != "core"],
            published=published.isoformat() if published else None, headline=head,
            commitments=commitments, findings=findings, omissions=omissions, gap=gap,
            boilerplate=[{"label": r.label, **to_text_span(doc.char_span(r.start, r.end, alignment_mode="expand")
                                                          ).to_dict()}
                         for r in structure.boilerplate if doc.char_span(r.start, r.end, alignment_mode="expand")],
            version=__version__,
        )

    def _headline(self, doc: Doc, structure: Structure, spans: list[Span], override: str | None) -> Headline | None:
        if override is not None:
            hdoc = self.nlp(override)
            hspans = list(hdoc.spans[SPAN_KEY])
            return Headline(override, None, None, "argument",
                            read_claim(hspans, self.ruleset, find_object, override))
        region = structure.headline
        if region is None:
            return None
        inside = [s for s in spans if region.start <= s.start_char and s.end_char <= region.end]
        text = (doc.user_data.get("finepr_text") or doc.text)[region.start:region.end]
        return Headline(text, region.start, region.end, structure.headline_source or "title",
                        read_claim(inside, self.ruleset, find_object, text))

    def _dropped_qualifier(self, doc: Doc, head: Headline | None, commitments, actor: str | None,
                           omissions, weights) -> list[Finding]:
        """'Bans Plastic Straws' over 'single-use plastic straws': scope the headline hides."""
        if head is None or not head.claim.action or not commitments:
            return []
        main = main_commitment(head.claim, commitments)
        if main is None:
            return []
        hspan = (doc.char_span(head.start, head.end, alignment_mode="expand")
                 if head.start is not None and head.end is not None else None)
        finding = qualifiers.apply(doc, hspan if hspan is not None else self.nlp(head.text), main, actor,
                                   self.ruleset.settings.headline_qualifier)
        if finding is None:
            return []
        main.strength = round(commitment_strength(main, omissions, weights), 3)
        return [finding]

    def _findings(self, drafts: list[Draft], commitments, spans: list[Span], structure: Structure,
                  published: dt.date | None) -> list[Finding]:
        rules = self.ruleset.rules
        out: list[Finding] = []
        for draft, c in zip(drafts, commitments):
            trigger = rules[draft.trigger.id_].rule
            what = f"{c.action.replace('_', '-')}" + (f" on {c.object}" if c.object else "")
            out.append(Finding(draft.trigger.id_, "commitment", trigger.severity,
                               f"{trigger.message} ({what})", trigger.explanation.strip(), c.id,
                               to_text_span(draft.trigger)))
            for span in outermost(draft.modifiers, draft.stated_in):
                rule = rules[span.id_].rule
                out.append(Finding(span.id_, span.label_, rule.severity, self._message(span, published),
                                   rule.explanation.strip(), c.id, to_text_span(span)))
        for span in spans:  # findings about the whole text ("offsets count toward the target")
            rule = rules[span.id_].rule
            if rule.document_level and not any(r.start <= span.start_char < r.end for r in structure.boilerplate):
                out.append(Finding(span.id_, span.label_, rule.severity, rule.message, rule.explanation.strip(),
                                   None, to_text_span(span)))
        for region in structure.boilerplate:
            category = DOC_LEVEL.get(region.label)
            if not category:
                continue
            for span in spans:
                if span.label_ == category and region.start <= span.start_char < region.end:
                    rule = rules[span.id_].rule
                    out.append(Finding(span.id_, category, rule.severity, rule.message,
                                       rule.explanation.strip(), None, to_text_span(span)))
        return out

    def _message(self, span: Span, published: dt.date | None) -> str:
        rule = self.ruleset.rules[span.id_].rule
        if span.label_ != "duration":
            return rule.message
        d = normalize_duration(span.text, rule.duration_kind, published)
        detail = d.value or d.kind.replace("_", "-")
        if d.ends:
            detail += f", ends {d.ends}"
        return f"{rule.message} ({detail})"

    def _contrast(self, head: Headline | None, gap, main, text: str) -> list[Finding]:
        if head is None or gap.verdict == "none":
            return []
        span = None
        if head.start is not None and head.end is not None:
            span = TextSpan.of(text, head.start, head.end)
        return [Finding("core.contrast.headline", "contrast", gap.verdict, reason,
                        "The headline claims more than the text commits to.", main.id if main else None, span)
                for reason in gap.contrasts]


def _resolve_pronoun_objects(commitments, head: Headline | None) -> None:
    """'we will not sell it': the thing is the previous commitment's, or the headline's."""
    previous = head.claim.object if head else None
    for c in commitments:
        if c.object and c.object.lower() in PRONOUNS:
            c.object = previous
        previous = c.object or previous


def _says(text: str, phrases: list[str]) -> bool:
    """Does ``text`` use one of ``phrases`` as whole words, case and punctuation aside?"""
    words = f" {' '.join(re.findall(r'[a-z]+', text.lower()))} "
    return any(f" {' '.join(re.findall(r'[a-z]+', p.lower()))} " in words for p in phrases)


def _inside(span: Span, regions: list[tuple[int, int]]) -> bool:
    return any(s <= span.start_char < e for s, e in regions)


def _about_names(text: str, structure: Structure) -> list[str]:
    names = []
    for region in structure.boilerplate:
        if region.label == "about":
            first = text[region.start:region.end].strip().splitlines()[0] if text[region.start:region.end].strip() else ""
            words = first.strip("#*: ").split()
            if len(words) >= 2 and words[0].lower() == "about" and len(words) <= 6:
                names.append(" ".join(words[1:]).rstrip(".:"))
    return names
