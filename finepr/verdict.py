"""The headline's claim, the strength of each side, and the gap verdict with its reasons.

Strength multiplies the parts DESIGN.md names (action, duration, breadth,
firmness, accountability); every weight, threshold and reason template comes
from the packs' ``settings`` (core ``pack.yaml``).
"""
from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Span

from finepr.durations import humanize_period
from finepr.model import Claim, Commitment, Gap, Omission
from finepr.records import follows
from finepr.ruleset.load import RuleSet
from finepr.ruleset.schema import Weights


def read_claim(spans: list[Span], ruleset: RuleSet, object_finder, text: str = "") -> Claim:
    """What a headline states or implies, from the rule matches inside it (``text``: the headline)."""
    weights = ruleset.settings.weights or Weights()
    priority = {a: i for i, a in enumerate(ruleset.settings.action_priority or [])}
    rules = ruleset.rules
    found = [s for s in spans if s.label_ == "commitment"]
    # "Will Never Pay More Than New Customers": the longer trigger ("never pay more than", a limit)
    # says what the shorter one inside it ("never") means, headline vocabulary or not
    found = [s for s in found if not any(o.start <= s.start and s.end <= o.end and len(o) > len(s) for o in found)]
    triggers = sorted(found, key=lambda s: (priority.get(rules[s.id_].rule.action, 99), s.start))
    claim = Claim()
    if triggers:
        rule = rules[triggers[0].id_].rule
        claim.object = object_finder(triggers[0], spans)[0]
        retreat = {w.lower() for w in ruleset.settings.retreat_objects or []}
        stops = rule.action in (ruleset.settings.retreat_actions or [])
        if stops and claim.object and retreat & set(re.findall(r"[a-z]+", claim.object.lower())):
            # "Drops Its Reuse Goal": news of a retreat, not a promise ("Sets 2050 Net-Zero Target" is one)
            return Claim(object=claim.object, retreat=True)
        claim.action = rule.action
        consent = (ruleset.settings.action_with_consent or {}).get(claim.action)
        if consent and follows(triggers[0], ruleset.settings.consent_words or []):
            claim.action = consent  # "No Longer Uploads Contacts Without Asking": a consent change
    durations = [s for s in spans if s.label_ == "duration"]
    if durations:
        claim.implied_duration = rules[durations[0].id_].rule.duration_kind or "unspecified"
        claim.duration_stated = True
        if claim.implied_duration == "deadline" and _lapses(claim.action, durations[0].text, weights):
            claim.implied_duration = "fixed"  # "Freezes Prices Until the End of the Year": it lapses then
    elif claim.action:
        claim.implied_duration = (rules[triggers[0].id_].rule.implies_duration
                                  or weights.implied_duration.get(claim.action, "unspecified"))
    scopes = [s for s in spans if s.label_ == "scope"]
    if triggers:
        verbs = {v.lower() for v in ruleset.settings.headline_clause_verbs or []}
        scopes = [s for s in scopes if not _other_clause(triggers[0], s, verbs)]
    claim.scope = list(dict.fromkeys(s.text for s in scopes))  # two rules, one phrase
    claim.scope_rules = {s.id_ for s in scopes}
    claim.words = frozenset(re.findall(r"[a-z]{3,}", text.lower()))
    return claim


def _lapses(action: str | None, term: str, w: Weights) -> bool:
    """'A ban until December 31, 2022', 'a price freeze until the end of the year': a stop or a limit
    whose date opens with 'until' lapses then; it is no deadline after which it holds."""
    first = term.split()[0].lower() if term.split() else ""
    return action in w.until_date_is_term_for and first in {t.lower() for t in w.term_words}


def _other_clause(trigger: Span, scope: Span, verbs: set[str]) -> bool:
    """'Quits Facial Recognition, Presses Congress on Police Reform': a later clause that opens with
    another verb is about something else."""
    doc = trigger.doc
    return any(doc[i].text in (",", ";") and i + 1 < len(doc) and doc[i + 1].lower_ in verbs
               for i in range(trigger.end, scope.start))


def distinct(c: Commitment, spans: list) -> int:
    """How many different narrowings ``spans`` are: one per scope rule, one per sentence of
    carve-outs or conditions ("already use … may continue to use" is one exception)."""
    return len({c.facets.get((s.start, s.end), (s.start, s.end)) for s in spans})


def weighed(c: Commitment, conditions: list) -> list:
    """Conditions that count against the commitment: one stated sentences before the text's first
    commitment is reported with it, but may describe the background, so it does not add weight."""
    return [s for s in conditions if (s.start, s.end) not in c.unweighed]


def narrowing_scope(c: Commitment) -> list:
    """Scope phrases that narrow the commitment. When the commitment's own sentence says it
    covers everyone ("to any customer, in every country"), a narrower phrase from another
    sentence describes the background, not the commitment."""
    inside = lambda s: c.sentence.start <= s.start and s.end <= c.sentence.end  # noqa: E731
    broad = [s for s in c.scope if (s.start, s.end) in c.widening]
    broad_here = any(inside(s) for s in broad)
    # a later "It applies in every one of our 412 supermarkets, in the shops and to every online
    # order": a place listed beside a broad one spells out the coverage, it does not limit it
    broad_lines = {s.line for s in broad if not inside(s)}
    return [s for s in c.scope if (s.start, s.end) not in c.broad_scope
            and (inside(s) or not (broad_here or s.line in broad_lines))
            and not (inside(s) and any(_joined(c.sentence, b, s) for b in broad if inside(b)))
            and not (inside(s) and _completed(c, s))]


def _completed(c: Commitment, s) -> bool:
    """'in stores and online', 'from its stores and from its website': every channel named is no limit."""
    words = c.completed.get((s.start, s.end))
    if not words:
        return False
    after = c.sentence.text[s.end - c.sentence.start:]
    if re.match(rf"\s*(?:and|&|plus)\s+(?:{'|'.join(re.escape(w) for w in words)})\b", after, re.I):
        return True
    return any(t is not s and (t.start, t.end) in c.completed and c.sentence.start <= t.start < c.sentence.end
               and _joined(c.sentence, s, t) for t in c.scope)


def _joined(sentence, a, b) -> bool:
    """'in all 58 garden centres and on our website': a place joined to a broad one by 'and' adds
    to the coverage; it does not narrow it."""
    first, second = (a, b) if a.start < b.start else (b, a)
    between = sentence.text[first.end - sentence.start:second.start - sentence.start]
    return bool(re.fullmatch(r"\s*(?:,\s*)?(?:and|as well as|plus|&)\s*", between))


def _breadth(c: Commitment, w: Weights) -> float:
    narrowing = narrowing_scope(c)
    return min(0.7, min(w.scope_max, w.scope_each * distinct(c, narrowing))
               + min(w.carve_out_max, w.carve_out_each * distinct(c, c.carve_outs))
               + min(w.condition_max, w.condition_each * distinct(c, weighed(c, c.conditions))))


def commitment_strength(c: Commitment, omissions: list[Omission], w: Weights) -> float:
    major = sum(1 for o in omissions if o.commitment == c.id and o.severity == "major")
    accountability = min(w.omission_max, w.major_omission_each * major)
    return (w.action.get(c.action, 0.4) * w.duration.get(c.duration.kind, 0.8)
            * (1 - _breadth(c, w)) * (1 - w.modality.get(c.modality, 0.0)) * (1 - accountability))


def claim_strength(claim: Claim, w: Weights) -> float:
    if not claim.action:
        return 0.0
    scope = min(w.scope_max, w.scope_each * len(claim.scope))
    return w.action.get(claim.action, 0.4) * w.duration.get(claim.implied_duration, 0.8) * (1 - scope)


def main_commitment(claim: Claim, commitments: list[Commitment]) -> Commitment | None:
    """The commitment the headline is about: the one sharing the most words with the headline's
    object (in its sentence and object), then the same action, then the first.

    Measured on the corpus, the claim's object alone picks better than all the headline's words,
    which also match the company's name and the headline's framing in many sentences.
    """
    if not commitments:
        return None
    words = _content(claim.object or "")

    def overlap(c: Commitment) -> int:
        # every sentence that states it: "stopped selling X" then "will not sell X again" is one commitment
        return len(words & _content(" ".join([c.sentence.text, *c.restated, c.object or ""])))

    def same_action(c: Commitment) -> bool:
        # "Bans Political Ads" over "will not run political ads through the November 5 election": the
        # text's refusal, a moratorium by its term, is the ban the headline reports
        return claim.action in (c.action, c.stated_action)

    return max(commitments, key=lambda c: (overlap(c), same_action(c), -commitments.index(c)))


def borrow_duration(main: Commitment | None, commitments: list[Commitment], headline_object: str | None = None) -> None:
    """The headline's commitment states no term, and another sentence about the same thing does:
    "Hartsop will stop selling peat-based compost" … "By 1 March 2025, all the compost we sell will
    be peat-free". The term is the one the text gives for that thing, in the same sentence as that
    commitment (a term attached from further away is too loose to lend)."""
    if main is None or main.duration.span is not None:
        return
    # the thing as the text or the headline names it ("compost" that "contains peat", headlined
    # "peat compost", and "will never sell peat-based growing media again")
    words = _content(main.object or "") | _content(headline_object or "")
    donor = next((c for c in commitments if c is not main and c.duration.span is not None
                  and c.sentence.start <= c.duration.span.start < c.sentence.end
                  and words & _content(c.object or "")), None)
    if donor is not None:
        main.duration = donor.duration


def _content(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{4,}", text.lower())}


# Reasons about what the headline itself says (its action, duration, scope) become
# contrast findings; the others already have findings of their own.
CONTRAST_KEYS = {"action", "duration", "scope", "scope_narrower"}


def _extra_scope(claim: Claim, c: Commitment, narrowing: set[str] | None = None,
                 places: set[str] | None = None, unstated: set[str] | None = None) -> list:
    """Scope phrases of the text that the headline does not state: sharing no word with the
    headline's scope, or adding a narrowing word it leaves out ('to local police agencies' under a
    headline 'to Police').

    A headline that names its own scope ("Ends Personalized Ads for Under-18s") is not overstated
    by a text scope of another kind ("with advertising partners"): that is the same promise spelled
    out. A place ("in the UK", rules in ``places``) still narrows any headline that names none.
    """
    claimed = set(re.findall(r"[a-z]{3,}", " ".join(claim.scope).lower()))
    narrowing, places = narrowing or set(), places or set()
    extra = []
    for s in narrowing_scope(c):
        words = set(re.findall(r"[a-z]{3,}", s.text.lower()))
        rule = c.facets.get((s.start, s.end))
        if rule in (unstated or ()):
            continue  # "off the shelves of its stores": where it happens, another channel unmentioned
        if (words & narrowing) - claimed:
            extra.append(s)  # "to local police agencies" under "to Police"
        elif claimed & words or rule in claim.scope_rules:
            continue  # not "per tonne" under "Carbon Intensity": the same limit, stated
        elif _said_in(words, claim.words):
            continue  # "in Japan" under "… at Its Japanese Stores": a scope the headline names, unread

        elif not claim.scope or (rule in places and not places & claim.scope_rules):
            extra.append(s)
    return extra


def _said_in(words: set[str], headline: frozenset) -> bool:
    """Every word of a scope phrase (but its little words) is in the headline, or a word sharing its
    first five letters is ("Japan" in "Japanese", "removal" in "mountaintop-removal")."""
    content = {w for w in words if len(w) >= 4 and w not in _SCOPE_GLUE}
    stems = {w[:5] for w in headline}
    return bool(content) and all(w[:5] in stems for w in content)


# words a scope phrase is built with, not what it names
_SCOPE_GLUE = {"only", "from", "with", "that", "their", "them", "this", "these", "those", "into", "onto",
               "across", "within", "under", "over", "each", "every", "all", "any", "our", "its", "for"}


def judge(claim: Claim, commitments: list[Commitment], omissions: list[Omission],
          ruleset: RuleSet) -> tuple[Gap, Commitment | None]:
    """The gap, dimension by dimension: what the headline implies beyond the text."""
    settings = ruleset.settings
    w = settings.weights or Weights()
    reasons_t = settings.reasons or {}
    inferred = not claim.action and not claim.retreat and bool(commitments)
    if inferred:
        # "Peat-free compost: your questions answered": a headline with no verb of its own announces
        # the text's first commitment, and that is what its fine print is measured against
        action = commitments[0].action
        claim = replace(claim, action=action, implied_duration="unspecified")
    main = main_commitment(claim, commitments)
    claimed = claim_strength(claim, w)
    text = commitment_strength(main, omissions, w) if main else 0.0
    if not claim.action:
        return Gap("none", 0.0, 0.0, text, [reasons_t.get("no_claim", "no claim")],
                   commitment=main.id if main else None), main
    if main is None:
        return Gap(_verdict(claimed, w), claimed, claimed, 0.0,
                   [reasons_t.get("no_commitment", "no commitment")]), None
    values = _values(claim, main, settings.labels or {})
    parts: list[tuple[float, str, str]] = []

    def add(amount: float, key: str) -> None:
        if amount > 1e-9 and key in reasons_t:
            parts.append((amount, _fill(reasons_t[key], values), key))

    covers = settings.stated_limit_covers or {}
    limited = claim.duration_stated and claim.implied_duration != "permanent"
    if not (limited and main.action in covers.get("commitments", []) and claim.action in covers.get("claims", [])):
        # "… by the end of 2025", "… pending FDA review": a headline that states its own limit
        # already says what a phase-out or a pause says
        add(w.action.get(claim.action, 0.4) - w.action.get(main.action, 0.4), "action")
    kind = main.duration.kind
    opens = main.duration.span.text.split()[0].lower() if main.duration.span and main.duration.span.text else ""
    if kind == "deadline" and _lapses(main.action, opens, w):
        kind = "fixed"  # "the ban stays in force until December 31, 2022": it lapses then
        values["duration"] = _duration_label("lapses", main.action, main.duration.value, None,
                                             settings.labels or {})
    elif kind == "deadline" and main.action in w.deadline_is_permanent_for:
        kind = "permanent"  # "stop selling by October 1": permanent from that day on
    if kind == "unspecified" and main.action in w.unspecified_is_permanent_for:
        kind = "permanent"  # "has stopped selling Faceprint": an exit needs no end date to be one
    add(w.duration.get(claim.implied_duration, 0.8) - w.duration.get(kind, 0.8), "duration")
    extra = _extra_scope(claim, main, {w.lower() for w in settings.narrowing_words or []},
                         set(settings.place_scope_rules or []), set(settings.unstated_scope_rules or []))
    if extra:
        values["scope"] = "; ".join(dict.fromkeys(f"“{_short(s.text)}”" for s in extra[:3]))
        hidden = any((s.start, s.end) in main.material for s in extra)
        # "per tonne" under a headline cut; under a headline that states its own scope ("Across All
        # Its Bakery Brands" over "in Britain") the scope is not hidden, the text narrows it further
        material = (w.material_scope_narrower if claim.scope else w.material_scope) if hidden else 0.0
        add(min(w.scope_max, w.scope_each * distinct(main, extra)) + material,
            "scope" if not claim.scope else "scope_narrower")
    material = w.material_carve_out if any((s.start, s.end) in main.material for s in main.carve_outs) else 0.0
    carve_outs = main.carve_outs or elsewhere(main, commitments, "carve_outs", w.elsewhere.get("carve_out", 0))
    conditions = main.conditions + elsewhere(main, commitments, "conditions", w.elsewhere.get("condition", 0))
    values["carve_out"], values["condition"] = _quote(carve_outs), _quote(conditions)
    add(min(w.carve_out_max, w.carve_out_each * distinct(main, carve_outs)) + material, "carve_out")
    add(min(w.condition_max, w.condition_each * distinct(main, weighed(main, conditions))), "condition")
    if main.hedges:
        add(w.modality.get(main.modality, 0.0), "hedge")
    major = [o for o in omissions if o.commitment == main.id and o.severity == "major"]
    for index, o in enumerate(major):
        values["label"] = o.label[:1].lower() + o.label[1:]
        amount = w.major_omission_each if index * w.major_omission_each < w.omission_max else 1e-6
        add(amount, "omission")
    score = min(1.0, sum(amount for amount, _, _ in parts))
    reasons = [reason for _, reason, _ in parts]
    if inferred and "inferred_claim" in reasons_t:
        reasons.insert(0, _fill(reasons_t["inferred_claim"], values))
    verdict = _verdict(score, w)
    if verdict == "none" and not reasons:
        reasons.append(reasons_t.get("matches", ""))
    gap = Gap(verdict, score, claimed, text, reasons, commitment=main.id)
    gap.contrasts = [reason for _, reason, key in parts if key in CONTRAST_KEYS] or reasons[:1]
    return gap, main


def elsewhere(main: Commitment, commitments: list[Commitment], field: str, most: int) -> list:
    """Up to ``most`` exceptions or conditions (``field``) that the text states for its other
    commitments. "Tunefold will stop accepting advertising for gambling." is often followed by the
    promise told in full ("… we will no longer sell ad space to betting companies") and its
    exceptions ("Lotteries run by charities remain permitted"); a reader weighs those against the
    headline whichever sentence they hang on."""
    found = [s for c in commitments if c is not main for s in getattr(c, field)]
    return found[:most]


def _verdict(score: float, w: Weights) -> str:
    # (a tolerance: 0.15 + 0.15 + 0.05 is a hair under 0.35 in floating point)
    if score >= w.thresholds.get("major", 0.35) - 1e-9:
        return "major"
    if score >= w.thresholds.get("minor", 0.1) - 1e-9:
        return "minor"
    return "none"


def _quote(spans) -> str:
    return "; ".join(f"“{_short(s.text)}”" for s in spans[:2]) + (" …" if len(spans) > 2 else "")


def _values(claim: Claim, c: Commitment, labels: dict[str, str]) -> dict[str, str]:
    quote = _quote
    action_label = labels.get(c.action, c.action)
    claim_action = labels.get(claim.action or "other", claim.action or "")
    return {
        "action": action_label,
        "claim_action": claim_action,
        "claim_duration": _duration_label(claim.implied_duration, claim.action or "other", None, None, labels),
        "duration": _duration_label(c.duration.kind, c.action, c.duration.value, c.duration.ends, labels),
        "scope": quote(c.scope),
        "claim_scope": ", ".join(claim.scope),
        "carve_out": quote(c.carve_outs),
        "condition": quote(c.conditions),
        "hedge": quote(c.hedges),
        "modality": c.modality,
    }


def _duration_label(kind: str, action: str, value: str | None, ends: str | None, labels: dict[str, str]) -> str:
    a_noun = labels.get(action, action)
    noun = re.sub(r"^(a|an) ", "", a_noun)
    human = humanize_period(value) or value or ""
    template = labels.get(kind, kind)
    if kind == "fixed" and not value:
        template = labels.get("unspecified", kind)
    if kind == "deadline" and not value:  # a headline's phase-out implies a date it does not give
        template = labels.get("deadline_undated", template)
    return _fill(template, {"noun": noun, "a_noun": a_noun, "value": value or "", "human": human,
                            "ends": f", ending {ends}" if ends else ""})


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def _fill(template: str, values: dict[str, str]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: str(values.get(m.group(1), m.group(0))), template)
