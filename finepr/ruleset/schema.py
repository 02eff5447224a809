"""The rule-pack schema, defined once: pydantic models that validate YAML packs.

Unknown keys are errors (``extra="forbid"``), so a typo in a rule file fails
``finepr rules check`` with its file and line instead of being ignored.
"""
from __future__ import annotations

from typing import Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator

from finepr.model import ACTIONS, CATEGORIES, DURATION_KINDS, SEVERITIES

Category = Literal[CATEGORIES]  # type: ignore[valid-type]
Action = Literal[ACTIONS]  # type: ignore[valid-type]
Kind = Literal[DURATION_KINDS]  # type: ignore[valid-type]
Severity = Literal[SEVERITIES]  # type: ignore[valid-type]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class ExampleCase(Strict):
    """A positive example that also states what the rule must extract from it."""

    text: str
    duration: str | None = Field(None, description="expected normalized duration value, e.g. P1Y")
    kind: Kind | None = Field(None, description="expected duration kind")
    action: Action | None = Field(None, description="expected commitment action")
    span: str | None = Field(None, description="expected matched text (a substring of text)")


class Examples(Strict):
    match: list[Union[str, ExampleCase]] = Field(default_factory=list)
    no_match: list[str] = Field(default_factory=list)
    todo_match: list[str] = Field(default_factory=list, description="known misses: reported, not failed")


class Extend(Strict):
    """Grow a matched cue into the phrase it governs (ConText-style scope)."""

    direction: Literal["forward", "backward", "next"] = Field(
        "forward", description="forward/backward from the cue; next: the cue only announces ('There is one "
                               "exception.') and the phrase is the opening of the next sentence")
    max_tokens: int = Field(12, ge=1, le=60)
    terminators: list[str] = Field(default_factory=list,
                                   description="lowercase tokens that end the phrase (punctuation ends it too)")
    stop_at_punct: bool = True
    drop_cue: bool = Field(False, description="report only the words after the cue ('Exceptions: soft berries' "
                                              "→ 'soft berries'), not the label itself")
    needs_terminator: bool = Field(False, description="keep the phrase only when a terminator ends it ('every "
                                                      "pack we make' before 'will be …'), not punctuation or length")


class Attach(Strict):
    """How far a modifier may reach to find its commitment."""

    max_sentences: int = Field(0, ge=0, le=12, description="sentences back (0: same sentence only)")
    needs_reference: bool = Field(True, description="a later sentence must refer back (cue or object)")
    whole_text: bool = Field(False, description="beyond max_sentences, it qualifies the text's first "
                                                "commitment ('the agreement still requires approval')")
    ahead: bool = Field(False, description="in the company's voice before the text's first commitment, and after "
                                           "the clause it qualifies ('… unless they present a warrant'), it "
                                           "belongs to that commitment however far ahead it is stated")
    replaces_term: bool = Field(True, description="a whole-text duration replaces a term the commitment took "
                                                  "from another sentence ('This decision is permanent'); false: "
                                                  "it only gives one where there is none ('For now, …')")


class Rule(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    category: Category
    severity: Severity
    message: str = Field(min_length=1)
    explanation: str = Field(min_length=1)
    link: str | None = None
    phrases: list[str] = Field(default_factory=list, description="PhraseMatcher phrases (matched on LOWER)")
    lemma_phrases: list[str] = Field(default_factory=list, description="PhraseMatcher phrases matched on LEMMA")
    patterns: list[list[dict[str, Any]]] = Field(default_factory=list, description="spaCy Matcher token patterns")
    dependency: list[list[dict[str, Any]]] = Field(
        default_factory=list, description="spaCy DependencyMatcher patterns (trained pipeline only)")
    action: Action | None = None
    implies_duration: Kind | None = None
    action_with_duration: dict[Kind, Action] = Field(
        default_factory=dict, description="{duration kind: action} for this trigger's commitment: switched "
                                          "off 'for now' or 'until the review ends' is a pause")
    duration_kind: Kind | None = None
    modality: Literal["hedged", "aspirational"] | None = None
    qualifier: bool = Field(False, description="a key term that needs a definition")
    headline_only: bool = Field(False, description="headline vocabulary ('Ends', 'Drops', 'Goes Plastic-Free'): "
                                                   "read for the headline's claim, never for body commitments")
    broadens: bool = Field(False, description="scope that widens the commitment ('to any customer'): "
                                              "reported, never counted as a narrowing")
    document_level: bool = Field(False, description="a finding about the whole text (offsets, certificates), "
                                                    "reported on its own and never counted as a modifier "
                                                    "of one commitment")
    weighed: bool = Field(True, description="false: a less certain condition ('if you turn on …', the "
                                            "user's own switch): reported with the commitment, but it adds no "
                                            "verdict weight and neither raises nor settles an omission")
    material: bool = Field(False, description="a carve-out or scope material to the verdict by itself: named "
                                              "customers keeping access, an intensity target ('per tonne')")
    completed_by: list[str] = Field(default_factory=list,
                                    description="scope words that, joined to the phrase by 'and', name every "
                                                "channel ('in stores and online'); two phrases of the rule "
                                                "joined by 'and' do too: no limit")
    audience: bool = Field(False, description="scope naming a group of customers or users ('to police', "
                                              "'people aged 13 to 17'): a stop for them is a refusal")
    reference: bool = Field(False, description="the match refers back to an earlier commitment")
    priority: int = Field(0, description="wins over lower-priority overlapping matches of its category")
    negated_by: list[str] = Field(default_factory=list,
                                  description="lowercase words (or two-word phrases) that cancel the match "
                                              "when they start its sentence or stand just before it ('No "
                                              "contract is exempt', 'over the last two years')")
    negation_window: int = Field(3, ge=1, le=10, description="how many tokens before the match negate it")
    skip_lead: int = Field(0, ge=0, le=3, description="how many of the match's first tokens are context only "
                                                     "(the subject 'It' in 'It applies across all our shops'): "
                                                     "the span starts after them")
    not_before: list[str] = Field(default_factory=list,
                                  description="lowercase words that cancel the match when they follow it "
                                              "('ten years ahead', 'two years ago')")
    restates: list[Action] = Field(default_factory=list,
                                   description="a trigger next to a commitment with one of these actions says "
                                               "it again ('switch X off' beside 'we are retiring X')")
    then_none: list[str] = Field(default_factory=list,
                                 description="lowercase phrases that, opening the clause after the match's "
                                             "comma ('If the audit finds a gap, we will fix it'), make it "
                                             "a promise of what happens next, not a condition")
    span_none: list[str] = Field(default_factory=list,
                                 description="lowercase words that cancel the match when they occur in it, as "
                                             "extended ('If any site misses the date': a sanction, not a "
                                             "condition)")
    sentence_any: list[str] = Field(default_factory=list,
                                    description="lowercase words one of which the match's sentence must "
                                                "contain ('will': a date still ahead)")
    extend: Extend | None = None
    attach: Attach | None = Field(None, description="reach to a commitment; default: settings.attach_defaults")
    examples: Examples = Field(default_factory=Examples)

    @field_validator("patterns", "dependency")
    @classmethod
    def _non_empty(cls, value: list[list[dict[str, Any]]]) -> list[list[dict[str, Any]]]:
        for pattern in value:
            if not pattern:
                raise ValueError("a pattern needs at least one token")
        return value


class When(Strict):
    """When a checklist dimension's absence matters (all given conditions must hold)."""

    actions: list[Action] | None = None
    duration_kinds: list[Kind] | None = None
    terms_any: list[str] | None = Field(None, description="phrases in the commitment's sentence or scope")
    sentence_any: list[str] | None = Field(None, description="phrases in the commitment's own sentence "
                                                             "('may not use': a restraint on others)")
    terms_none: list[str] | None = Field(None, description="phrases that, anywhere in the text, make the "
                                                           "dimension irrelevant ('Home Office': no FBI)")
    rules_any: list[str] | None = Field(None, description="rule ids (or id prefixes) that fired on the commitment")
    object_named: bool | None = Field(None, description="the commitment names a specific product")
    actor_in: list[str] | None = Field(None, description="the actor is one of these (see affiliates)")
    actor_has_affiliates: bool | None = Field(None, description="a pack's manifest lists sibling products "
                                                                "of the actor")
    years_ahead_min: int | None = Field(None, description="a deadline at least this many years after "
                                                          "publication")
    no_dated_step: bool | None = Field(None, description="the text names no year between publication and "
                                                         "the deadline (an interim step would)")
    step_cues: list[str] | None = Field(None, description="with no_dated_step: a year counts as a step only "
                                                          "in a sentence with one of these words (a level)")
    main_only: bool | None = Field(None, description="asked of the headline's commitment only (or the "
                                                     "text's first), not of side promises")
    own_term: bool | None = Field(None, description="the commitment's open-ended term is not one told only by a "
                                                    "later sentence restating it ('The limit stays in "
                                                    "force for now'; finepr.records.restated_term)")


class OmissionCheck(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    dimension: str
    label: str
    severity: Severity
    message: str
    explanation: str
    when: When = Field(default_factory=When)
    addressed_by: list[str] = Field(default_factory=list, description="phrases that mean the text addresses it")
    reported_by: list[str] = Field(
        default_factory=list, description="words that put a question the text reports as left open ('did not "
                                          "say whether federal agencies are covered') under this item")
    reported_fallback: bool = Field(False, description="take any reported open question no item's reported_by "
                                                       "claims ('did not say how many agencies use it')")
    scope: Literal["commitment", "document"] = "commitment"
    examples: Examples = Field(default_factory=Examples)


class Domain(Strict):
    always: bool = False
    terms: list[str] = Field(default_factory=list)
    min_hits: int = Field(2, ge=1)


class Voice(Strict):
    first_person: list[str] = Field(default_factory=list)
    company_refs: list[str] = Field(default_factory=list)
    speech_verbs: list[str] = Field(default_factory=list)
    exec_titles: list[str] = Field(default_factory=list)
    other_speakers: list[str] = Field(default_factory=list)
    perfect_speech_verbs: list[str] = Field(default_factory=list,
                                            description="speech verbs that still attribute after have/has/had "
                                                        "('Several senators have urged …')")
    other_actors: list[str] = Field(default_factory=list,
                                    description="subjects that act for themselves: 'The district court examined "
                                                "the airline's campaign' is not the company's act")
    product_nouns: list[str] = Field(default_factory=list,
                                     description="'LensMatch software': a name before one of these is a product")
    demand_modals: list[str] = Field(default_factory=list, description="'should', 'must': a demand, not a promise")
    staff_nouns: list[str] = Field(default_factory=list,
                                   description="'Town officials said Acme will …': unnamed staff reporting "
                                               "the company's own step speak for it")
    denials: list[str] = Field(default_factory=list,
                               description="'did not say': the sentence reports what was not promised")


class Weights(Strict):
    action: dict[str, float] = Field(default_factory=dict)
    duration: dict[str, float] = Field(default_factory=dict)
    implied_duration: dict[str, str] = Field(default_factory=dict)
    scope_each: float = 0.15
    scope_max: float = 0.35
    carve_out_each: float = 0.15
    carve_out_max: float = 0.35
    material_carve_out: float = Field(0.0, description="added once when a carve-out names who keeps access")
    material_scope: float = Field(0.0, description="added once when a hidden scope is material by itself "
                                                   "(an intensity target under a headline cut)")
    material_scope_narrower: float = Field(0.0, description="the same, when the headline states a scope of its "
                                                            "own that the text's is narrower than")
    condition_each: float = 0.1
    condition_max: float = 0.2
    elsewhere: dict[str, int] = Field(default_factory=dict,
                                      description="narrowings ('carve_out', 'condition') the text states for its "
                                                  "other commitments that count against the main one, at most "
                                                  "this many each")
    modality: dict[str, float] = Field(default_factory=dict)
    major_omission_each: float = 0.05
    omission_max: float = 0.15
    thresholds: dict[str, float] = Field(default_factory=lambda: {"major": 0.35, "minor": 0.12})
    deadline_is_permanent_for: list[str] = Field(default_factory=list,
                                                 description="actions whose deadline starts a permanent state")
    unspecified_is_permanent_for: list[str] = Field(default_factory=list,
                                                    description="actions that last unless the text ends them")
    until_date_is_term_for: list[str] = Field(default_factory=list,
                                              description="actions that lapse at an 'until <date>' (a term, "
                                                          "not a deadline that starts a permanent state)")
    term_words: list[str] = Field(default_factory=list, description="words opening such an end date")


class HeadlineQualifier(Strict):
    """How the report names a qualifier of the main commitment's object that the headline drops."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$", description="rule id the finding carries")
    severity: Severity
    message: str = Field(min_length=1, description="may use {quote}")
    explanation: str = Field(min_length=1)
    ignore: list[str] = Field(default_factory=list, description="words that never count as a qualifier")
    max_words: int = Field(4, ge=1, le=10, description="more new words than this: a different thing, not a qualifier")


class FarDeadline(Strict):
    """'will stop selling it by the end of 2027', said in 2025: a stop that far off is gradual."""

    months: int = Field(ge=1, description="at least this many months from publication to the deadline")
    actions: dict[str, str] = Field(description="{action: action}: exit → phase_out")
    unless_trigger: list[str] = Field(default_factory=list,
                                      description="trigger words that name the action themselves: 'will exit coal by 2035'")
    unless_duration: list[str] = Field(default_factory=list,
                                       description="first words of a date that ends a stop rather than completes it: "
                                                   "'will not sell it until the end of 2027'")


class HeadlineWords(Strict):
    """'Farfetch to ban fur': a headline word that names the action itself overrides the body's reading."""

    phrases: list[str] = Field(min_length=1, description="headline words or phrases that name the action")
    over: list[str] = Field(min_length=1, description="main commitment actions the named action replaces")
    durations: list[str] | None = Field(
        None, description="duration kinds of the main commitment it applies to (default: any): a stop the "
                          "text gives a temporary or conditional end is no business left for good")


class Reported(Strict):
    """How a sentence that notes the text's silence ('did not say whether …') is read as omissions."""

    question_words: list[str] = Field(description="words that open a reported question: whether, how, …")
    lead_ins: list[str] = Field(default_factory=list, description="words between the cue and the question: about")
    precedence: list[str] = Field(default_factory=list,
                                  description="dimensions tried first, in order, when a question names several")
    message: str = Field(description="the omission's message; {reported} is the question")


class Settings(Strict):
    """Pack-wide mechanisms' data: voice, back-reference cues, strength weights, reasons."""

    voice: Voice | None = None
    reference_cues: list[str] | None = None
    opening_cues: list[str] | None = Field(
        None, description="reference cues that, for a modifier of an opening_only category, refer back only "
                          "near the start of a sentence ('That covers …', 'From that date …'); further on they "
                          "are a conjunction or somebody else ('said that it …')")
    opening_only: list[Category] | None = Field(None, description="categories whose reference_cues among the "
                                                                  "opening_cues count only at a sentence's start")
    opening_reach: int | None = Field(None, ge=1, le=6, description="words at the start of a sentence (or of "
                                                                    "the clause after its first comma) where "
                                                                    "opening_cues count")
    action_with_measure: dict[str, str] | None = Field(
        None, description="{action: action} when the commitment has a deadline and its sentence a level "
                          "(a percentage or a measure word): 'we commit to 50% recycled plastic by 2030' "
                          "is a target")
    measure_words: list[str] | None = Field(None, description="words that state a level: half, net zero, …")
    action_with_audience: dict[str, str] | None = Field(
        None, description="{action: action} when the trigger's own sentence names an audience scope: "
                          "'stop selling to government agencies' is a ban, not an exit")
    action_with_end_date: dict[str, str] | None = Field(
        None, description="{action: action} when the term is a named day after 'until' or 'through' "
                          "(weights.term_words): 'will not sell it until December 31' has a fixed term")
    action_with_practice: dict[str, str] | None = Field(
        None, description="{action: action} when the commitment's object is one of practice_objects: "
                          "'no longer sell viewing data' stops a practice, it leaves no business")
    practice_objects: list[str] | None = Field(None, description="object words that make it a practice: data, …")
    practice_reach: int = Field(0, ge=0, le=12, description="tokens after the trigger, up to punctuation, where a "
                                "practice object word also counts when the parsed object misses it")
    practice_reach_stops: list[str] = Field(default_factory=list,
                                            description="words that end that reach: 'were withdrawn after "
                                                        "reporting on how the images …'")
    practice_verbs: list[str] | None = Field(None, description="trigger verbs (lemmas) that make it a practice: "
                                                               "'will stop running multibuy offers', …")
    action_with_consent: dict[str, str] | None = Field(
        None, description="{action: action} when the trigger's sentence goes on with one of consent_words: "
                          "'will stop keeping recordings unless users opt in' changes a default, it stops nothing")
    side_promise_verbs: list[str] | None = Field(None, description="lemmas of a side promise ('we will publish a "
                                                  "report … by 31 January'): a date after one, in a sentence that "
                                                  "does not state the commitment, is that promise's date")
    consent_words: list[str] | None = Field(None, description="words after a stop that make it a consent or "
                                                                "default change: unless they opt in, by default, …")
    headline_action_wins: dict[str, list[str]] | None = Field(
        None, description="{headline action: [main commitment actions]}: the headline names a limit "
                          "or a rule change that the body's sentence reads as a plain stop; the "
                          "headline's word is the commitment's action")
    headline_word_wins: dict[Action, HeadlineWords] | None = Field(
        None, description="{action: {phrases, over}}: a headline that says 'bans' or 'is retiring' names the "
                          "main commitment's action, whatever the body's 'stop selling' or 'will not' reads as")
    restate_families: list[list[Action]] | None = Field(
        None, description="actions that restate one another: a trigger without an object soon after a "
                          "commitment of the same family is that commitment again")
    headline_qualifier: HeadlineQualifier | None = None
    naming_cues: list[str] | None = Field(
        None, description="words that name a commitment ('the moratorium', 'the switch'): a sentence "
                          "using one reaches back naming_reach sentences, whatever its category's reach")
    naming_reach: int | None = Field(None, ge=0, le=20)
    term_questions: list[str] | None = Field(
        None, description="words of a question about the decision's term ('Is this permanent?', 'How long will "
                          "this last?'): a term in the answer is the term of the commitment the headline is about")
    next_term_cues: list[str] | None = Field(
        None, description="first words of a deadline ('by', 'no later than') that, opening the term in the "
                          "sentence right after the headline commitment's, give that commitment its term when "
                          "its own sentences state none")
    next_term_words: list[str] | None = Field(
        None, description="words that say the thing ends ('last', 'gone'): a sentence with one of these may "
                          "give the headline commitment its term without naming the thing again")
    term_subjects: list[str] | None = Field(
        None, description="nouns that name a commitment as a clause's subject ('the limit stays in "
                          "force for now', 'the cap stands'): a later open-ended term in such a clause is "
                          "the term of the commitment the headline is about")
    next_term_ignore: list[str] | None = Field(
        None, description="words of the commitment's sentence too common to show that the next sentence "
                          "is about the same thing ('will', 'stop', 'selling')")
    past_step_cues: list[str] | None = Field(
        None, description="words dating a sentence in the past ('last year', 'in 2019' before publication): "
                          "a trigger in the past tense there tells a step already taken, not the commitment, "
                          "when the text commits to something else")
    past_forms: list[str] | None = Field(
        None, description="past-tense verbs that do not end in -ed ('took', 'cut', 'shut')")
    asking_words: list[str] | None = Field(
        None, description="first words of a Markdown heading that asks or labels ('## What we mean by "
                          "plastic-free'): its triggers make no commitment")
    addition_cues: list[str] | None = Field(
        None, description="words just before a trigger that announce another commitment ('we will also cut "
                          "…'), even in a sentence that first mentions an earlier one")
    generic_reference_actions: list[Action] | None = Field(
        None, description="actions whose trigger nouns ('the promise', 'the policy') may refer back to "
                          "any commitment, not only one with the same action")
    definite_determiners: list[str] | None = None
    definition_cues: list[str] | None = None
    absence_cues: list[str] | None = Field(None, description="a sentence with one of these says something is "
                                                             "missing; its words address no omission")
    reported: Reported | None = None
    action_priority: list[Action] | None = None
    attach_defaults: dict[Category, Attach] | None = Field(
        None, description="per category: how far a modifier reaches when its rule does not say")
    action_with_duration: dict[str, dict[str, str]] | None = Field(
        None, description="{action: {duration kind: action}}: 'a pause for one year' is a moratorium")
    action_with_far_deadline: FarDeadline | None = None
    weights: Weights | None = None
    reasons: dict[str, str] | None = None
    labels: dict[str, str] | None = None
    retreat_objects: list[str] | None = Field(None, description="'drops its goal': a headline about a retreat")
    narrowing_words: list[str] | None = Field(
        None, description="words that narrow a scope the headline also names: 'to local police agencies' "
                          "under a headline 'to Police'")
    place_scope_rules: list[str] | None = Field(
        None, description="scope rules naming a place: 'in the UK' narrows a headline that names a scope "
                          "of another kind but no place")
    unstated_scope_rules: list[str] | None = Field(
        None, description="scope rules that say where a stop happens while another channel goes unmentioned "
                          "('off the shelves of its stores'): reported as scope, not counted as the text "
                          "narrowing the headline")
    headline_clause_verbs: list[str] | None = Field(
        None, description="'Quits Face Recognition, Presses Congress on Police Reform': a headline clause "
                          "opening with one of these says something else; its scope is not the claim's")
    retreat_actions: list[str] | None = Field(None, description="actions that, on a goal, are a retreat")
    stated_limit_covers: dict[str, list[str]] | None = Field(
        None, description="a headline stop ('claims') that names its own term or date already says what "
                          "these temporary forms ('commitments') say")


class PackManifest(Strict):
    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    version: str
    description: str
    domain: Domain = Field(default_factory=Domain)
    settings: Settings | None = None
    affiliates: dict[str, list[str]] = Field(default_factory=dict)


class RuleFile(Strict):
    rules: list[Rule] = Field(default_factory=list)
    omissions: list[OmissionCheck] = Field(default_factory=list)
