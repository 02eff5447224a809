"""Rule matching into doc.spans["finepr"]: labels, rule ids, extension, de-duplication."""
from __future__ import annotations

import pytest

from finepr.match import SPAN_KEY
from finepr.pipeline import make_doc


def spans(analyzer, text):
    doc = make_doc(analyzer.nlp, text)
    return [(s.label_, s.id_, s.text) for s in doc.spans[SPAN_KEY]]


def rule_texts(analyzer, text, rule_id):
    """The texts of the spans one rule matched."""
    return [t for _, rid, t in spans(analyzer, text) if rid == rule_id]


@pytest.mark.parametrize("text, expected", [
    ("We are implementing a one-year moratorium on police use.",
     [("duration", "core.duration.fixed-term", "one-year"), ("commitment", "core.trigger.moratorium", "moratorium"),
      ("scope", "core.scope.law-enforcement", "on police use")]),
    ("We will not sell it to police departments until Congress acts, and we hope lawmakers move fast.",
     [("commitment", "core.trigger.will-not", "will not sell"),
      ("scope", "core.scope.law-enforcement", "to police departments"),
      ("duration", "core.duration.conditional", "until Congress acts")]),
    ("The pause lasts until further notice.",
     [("commitment", "core.trigger.pause", "pause"), ("duration", "core.duration.open-ended", "until further notice")]),
    # a fact sheet's label names the category; the phrase is what follows it
    ("- **Exceptions:** Soft berries and cut salad leaves, where no pack keeps them fresh.",
     [("carve_out", "core.carve-out.labelled", "Soft berries and cut salad leaves")]),
    ("- **Where:** All 214 stores and our home delivery service.",
     [("scope", "core.scope.labelled", "All 214 stores and our home delivery service")]),
    # who may not receive the data, the whole list
    ("We will no longer share location data with advertising partners, insurers or data brokers.",
     [("scope", "privacy-platform.scope.recipients", "with advertising partners, insurers or data brokers")]),
])
def test_rules_fire_with_their_ids(analyzer, text, expected):
    found = spans(analyzer, text)
    for item in expected:
        assert item in found


def test_carve_out_extends_to_the_end_of_its_clause(rules_analyzer):
    found = spans(rules_analyzer, "The ban covers every agency, except those with federal contracts. "
                                  "Nothing else changes.")
    carve = [t for label, _, t in found if label == "carve_out"]
    assert carve == ["except those with federal contracts"]


def test_contained_span_of_the_same_category_is_dropped(rules_analyzer):
    found = spans(rules_analyzer, "We will publish the plan within 18 months.")
    durations = [(rid, t) for label, rid, t in found if label == "duration"]
    assert durations == [("core.duration.within", "within 18 months")]


def test_nested_scope_facets_are_kept(rules_analyzer):
    found = spans(rules_analyzer, "We will not sell it to police departments in the United States.")
    scopes = {rid for label, rid, _ in found if label == "scope"}
    assert {"core.scope.law-enforcement", "core.scope.geography"} <= scopes


@pytest.mark.parametrize("text", [
    "The store is open until 9 pm.",
    "Our net revenue rose 4 percent in the quarter.",
    "The company did not say when the review would end.",
])
def test_ordinary_sentences_make_no_commitment_spans(rules_analyzer, text):
    body = [s for s in spans(rules_analyzer, text) if not s[1].startswith("core.headline.")]
    assert [s for s in body if s[0] in ("commitment", "duration")] == []


@pytest.mark.parametrize("text, expected", [
    ("The rule applies on all company-operated flights and trains.", "on all company-operated flights and trains"),
    ("Logs will be deleted for all accounts, new and existing.", "for all accounts"),
    ("Cameras come down in every store nationwide and online.", "in every store nationwide and online"),
    # "every one of" names the whole set; "for every one it sold" is arithmetic
    ("Lids go from every one of our 38 yogurt pots.", "from every one of our 38 yogurt pots"),
])
def test_grown_phrases_end_on_a_content_word(rules_analyzer, text, expected):
    doc = rules_analyzer.nlp(text)
    grown = [s.text for s in doc.spans["finepr"] if s.id_ == "core.scope.quantified"]
    assert grown == [expected]


@pytest.mark.parametrize("text, expected", [
    # the subject of a goal, up to its "will"
    ("By 2025, every pack Quayle & Daughters makes will be plastic-free.", ["every pack Quayle & Daughters makes"]),
    # a clause that never reaches "will" is no subject
    ("By 2025, we sell every pack in paper, and none in plastic.", []),
])
def test_a_goal_s_subject_is_its_coverage(rules_analyzer, text, expected):
    doc = rules_analyzer.nlp(text)
    assert [s.text for s in doc.spans["finepr"] if s.id_ == "core.scope.all-subject"] == expected


@pytest.mark.parametrize("text, expected", [
    # the comma anchors the cue; the phrase starts after it
    ("We refund the full price, whether you bought it from us or from a retailer.",
     ["whether you bought it from us or from a retailer"]),
    ("The company did not say whether the ban covers its app.", []),
])
def test_coverage_both_ways_starts_after_its_comma(rules_analyzer, text, expected):
    doc = rules_analyzer.nlp(text)
    assert [s.text for s in doc.spans["finepr"] if s.id_ == "core.scope.either-way"] == expected


@pytest.mark.parametrize("text, expected", [
    ("If the auditor finds a gap in the checks, we will fix it and say so in the next report.", []),
    ("If that happens, we will tell you in the app first.", []),
    ("If a future model meets the panel's standards, we may offer it again.",
     ["If a future model meets the panel's standards"]),
])
def test_a_promise_of_what_happens_next_is_no_condition(rules_analyzer, text, expected):
    found = rule_texts(rules_analyzer, text, "core.condition.unless")
    assert found == expected


@pytest.mark.parametrize("text, expected", [
    ("If the pilot goes well, we hope to roll it out nationally.", ["If the pilot goes well"]),
    # a sentence-start pattern also reads a sentence that opens a quotation; the span starts at the word
    ('"If the pilot goes well, we hope to roll it out nationally," she said.', ["If the pilot goes well"]),
    ('Lee spoke. "If the pilot goes well, we hope to roll it out nationally," she said.',
     ["If the pilot goes well"]),
    ("Lee spoke. \u201cIf the pilot goes well, we hope to roll it out,\u201d she said.", ["If the pilot goes well"]),
])
def test_a_sentence_start_pattern_reads_past_an_opening_quote(rules_analyzer, text, expected):
    assert rule_texts(rules_analyzer, text, "core.condition.unless") == expected


@pytest.mark.parametrize("text, expected", [
    ("The company will never sell the data.", ["will never"]),
    ("It will not, now or in the future, sell the data.", ["now or in the future"]),
    # the word for what the commitment is not, or for something else
    ("The council called it a moratorium rather than a permanent ban.", []),
    ("Owners may keep the treadmill while the company develops a permanent fix.", []),
])
def test_permanent_is_the_commitment_s_own_word(rules_analyzer, text, expected):
    found = rule_texts(rules_analyzer, text, "core.duration.permanent")
    assert found == expected


@pytest.mark.parametrize("text, expected", [
    ("The pause will last 18 months.", ["18 months"]),
    ("Over the last two years our welfare team has asked us to stop.", []),
    ("For forty-one years, the chain has sold animals alongside their food.", []),
])
def test_a_look_back_is_no_term(rules_analyzer, text, expected):
    found = rule_texts(rules_analyzer, text, "core.duration.fixed-term")
    assert found == expected


@pytest.mark.parametrize("text, expected", [
    # a heading over a section is no condition; the same clause with a main clause is one
    ("Where it applies\n\nThe ban covers every store.", []),
    ("If our company changes\n\nWe will tell you first.", []),
    ("Where it applies, the ban covers every store.", ["Where it applies"]),
])
def test_a_heading_is_no_condition(rules_analyzer, text, expected):
    found = [t for label, rid, t in spans(rules_analyzer, text) if label == "condition"]
    assert found == expected


@pytest.mark.parametrize("text, condition", [
    ("The plant will close in 2027, subject to approval by the regulator.", True),
    # a rule the thing already follows is not something the commitment waits on
    ("Exports outside the EU are already subject to dual-use licensing.", False),
    ("Timber sold here is subject to the UK Timber Regulation.", False),
    ("Deleted chats are kept only where they are subject to a legal hold.", False),
])
def test_subject_to_a_rule_already_followed_is_no_condition(rules_analyzer, text, condition):
    found = rule_texts(rules_analyzer, text, "core.condition.subject-to")
    assert bool(found) is condition


@pytest.mark.parametrize("text, condition", [
    # a failure and its sanction is enforcement, not a condition (span_none)
    ("If any site misses the date, we will say so publicly.", False),
    ("If our suppliers deliver the new cans in time, the switch will be complete by June.", True),
])
def test_a_sanction_for_failure_is_no_condition(rules_analyzer, text, condition):
    found = spans(rules_analyzer, text)
    assert any(label == "condition" for label, _, _ in found) is condition


@pytest.mark.parametrize("text, expected", [
    ("The company is considering a wider ban.", ["is considering"]),
    # lawmakers' or regulators' intent is context, not the company's hedge
    ("At least four states are considering bills on the tool.", []),
    ("Regulators plan to publish guidance next year.", []),
    ("Plant closures will follow the auctions the government intends to run.", []),
    ("Shop staff face abuse from customers trying to buy alcohol.", []),
    # a past attempt is no hedge (docs/annotation.md §2.5: not in descriptions of the past)
    ("Since 1990 we have always tried to run our homes with tenants.", []),
    ("We will try to answer every letter.", ["try to"]),
])
def test_someone_else_s_intent_is_no_hedge(rules_analyzer, text, expected):
    found = rule_texts(rules_analyzer, text, "core.hedge.intent")
    assert found == expected


@pytest.mark.parametrize("text, expected", [
    ("Night flights between midnight and 6 a.m. will end next year.", ["between midnight and 6 a.m."]),
    ("The software runs only during school hours.", ["during school hours"]),
    ("The store opened at 9 and closed at 5.", []),
])
def test_a_window_of_hours_is_scope(rules_analyzer, text, expected):
    found = rule_texts(rules_analyzer, text, "core.scope.time-window")
    assert found == expected


@pytest.mark.parametrize("text, expected", [
    ("We will stop selling the tool to police departments.", ["to police departments"]),
    # what the police ask for is not whom the commitment covers
    ("We will stop answering video requests from police through the app.", []),
])
def test_police_as_the_ones_covered(rules_analyzer, text, expected):
    found = rule_texts(rules_analyzer, text, "core.scope.law-enforcement")
    assert found == expected


@pytest.mark.parametrize("text, expected", [
    ("We will encourage our suppliers to drop microbeads too.", ["will encourage our suppliers"]),
    ("We encourage customers to bring their own bags.", []),
])
def test_encouraging_suppliers_promises_no_result(rules_analyzer, text, expected):
    found = rule_texts(rules_analyzer, text, "core.hedge.contribute")
    assert found == expected


@pytest.mark.parametrize("text, expected", [
    ("We will not run ads for political candidates.", ["will not run"]),
    # a phrasal verb: nothing is refused
    ("We are phasing it in so that taxpayers do not run into problems.", []),
])
def test_a_refusal_is_not_a_phrasal_verb(rules_analyzer, text, expected):
    found = rule_texts(rules_analyzer, text, "core.trigger.will-not")
    assert found == expected


@pytest.mark.parametrize("text, expected", [
    ("We release a record only against a written request that cites an investigation.", True),
    ("Staff look at chats only when they need to check a report of abuse.", True),
    ("We release records to police.", False),
])
def test_the_one_case_the_practice_goes_on_is_a_condition(rules_analyzer, text, expected):
    found = rule_texts(rules_analyzer, text, "core.condition.unless")
    assert bool(found) is expected


@pytest.mark.parametrize("rule, text, expected", [
    # a size or money cut-off is a threshold; an amount given is not
    ("core.condition.threshold", "The code covers suppliers with annual sales to us of more than £5 million.", True),
    ("core.condition.threshold", "The rule applies to new developments of 40 homes or more.", True),
    ("core.condition.threshold", "Carrier bags must be at least 4 mils thick to be sold.", True),
    ("core.condition.threshold", "Hot meals are served on flights of more than 90 minutes.", True),
    ("core.condition.threshold", "Advertisers may target only segments covering at least 100 people.", True),
    ("core.condition.threshold", "The company has more than 500 stores.", False),
    # a share already reached or counted is a statistic, not a cut-off; in a relative clause it is one
    ("core.condition.threshold", "More than 80 percent of the plants in our stores are now grown without them.", False),
    ("core.condition.threshold", "Disposable barbecues made up less than 1% of our summer sales.", False),
    ("core.condition.threshold", "Loans to the sector were less than 8% of our lending last year.", False),
    ("core.condition.threshold", "The rule covers cakes where egg makes up more than 5 per cent of the recipe.", True),
    # the cut-off after the number, or as a fraction of the client's own business
    ("core.condition.threshold", "The fund will sell shares in firms that get 20% or more of their sales from tar sands.", True),
    ("core.condition.threshold", "No new cover goes to generators that burn coal for at least half of their output.", True),
    ("core.condition.threshold", "By 2030, 60% or more of our packaging will be refillable.", False),
    # "minor offences" is no age group; "minors" is
    ("core.scope.age", "Some departments copied whole phones during stops for minor offences.", False),
    ("core.scope.age", "The app will stop showing these ads to minors.", True),
    # a past "aimed to" is the company's aim only when the company is its subject
    ("core.hedge.aspirational", "The company said it aimed to have all suppliers registered by 2026.", True),
    ("core.hedge.aspirational", "That proposal aimed to end most consumer sales.", False),
    ("core.hedge.aspirational", "We aim to reach net zero by 2040.", True),
    # the aim named as a noun is the same hedge as "aim to" (docs/annotation.md §2.5)
    ("core.hedge.aspirational", "Our aim is that every bakery runs on heat pumps by 2036.", True),
    ("core.hedge.aspirational", "The insurer has set itself the ambition of net zero underwriting by 2050.", True),
    ("core.hedge.aspirational", "The chain will buy electric vans, with the goal of a zero-emission fleet.", True),
    ("core.hedge.aspirational", "The loans are in line with the goals of the Paris Agreement.", False),
    # "as quickly as we can" leaves the pace to the company, like "where possible"
    ("core.hedge.feasibility", "We will remove the old recordings as quickly as we can.", True),
    ("core.hedge.feasibility", "The trial will move to a second town if possible.", True),
    # "may" with the company as subject: a step left to its later choice; not a purpose or the user's choice
    # another body's expectation is not the company's hedge
    ("core.hedge.expectation", "The store will close. The licensing board expects to rule on the permit next year.", False),
    ("core.hedge.company-may", "If the trial goes well, we may extend the ban to our Welsh shops.", True),
    ("core.hedge.company-may", "The bank said it could revisit the cap after the election.", True),
    ("core.hedge.company-may", "We will extend the ban to our Welsh shops.", False),
    ("core.hedge.company-may", "Members asked what we may change next.", False),
    ("core.hedge.company-may", "We bought the tool so that it could reduce queues at the till.", False),
    # the condition after a longer verb phrase: "will extend the scheme to all our stores if the trial works"
    ("core.condition.unless", "We will extend the scheme to all our stores if the trial works.", True),
    ("core.condition.unless", "We will tell customers about the change by email if they ask.", False),
    # what stays for some is a carve-out; how long something stays is not
    ("core.carve-out.continue", "The programme will remain in place for colleagues in our contact centres.", True),
    ("core.carve-out.continue", "The company can also still sell its algorithm to private companies.", True),
    ("core.carve-out.continue", "The ban will remain in place for now.", False),
    ("core.carve-out.continue", "Registered nurseries can still order larger quantities.", True),
    ("core.carve-out.continue", "We will keep two diesel tankers as reserve vehicles for floods.", True),
    ("core.carve-out.continue", "We will not keep an unencrypted copy of the sites as a fallback.", False),
    # agreements made before the change run to their end; one kept running is denied
    ("core.carve-out.runs-out", "Leases with our two tenants run until they expire in 2027.", True),
    ("core.carve-out.runs-out", "Schools keep the old app until their next renewal date.", True),
    ("core.carve-out.runs-out", "No lease was kept, and none may run until its renewal date.", False),
    ("core.carve-out.continue", "Bookings already taken will be fulfilled.", True),
    ("core.carve-out.continue", "We will honour the bookings already taken.", True),
    ("core.carve-out.continue", "Reporting continues under our existing privacy policy.", True),
    ("core.carve-out.continue", "We will honour our promise to every customer.", False),
    ("core.carve-out.exception", "Staff canteens are outside this change.", True),
    ("core.carve-out.exception", "Stores outside the city centre are included.", False),
    # stock sold through is stock sold off; the brands a concession sells are a channel
    ("retail.carve-out.existing-inventory", "Remaining units will be sold through before the change.", True),
    ("retail.carve-out.existing-inventory", "Stores will sell through their remaining stock.", True),
    ("retail.carve-out.existing-inventory", "The rule applies to every brand sold through its concessions.", False),
    # stock that goes back or is denied a sale is not sold on (docs/annotation.md: a negated exception)
    ("retail.carve-out.existing-inventory", "Remaining stock goes back to the growers.", False),
    ("retail.carve-out.existing-inventory", "None of the old kettles will be sold off.", False),
    ("retail.carve-out.existing-inventory", "The old kettles will be sold off first.", True),
    # where the commitment applies, not someone else's jurisdiction
    ("core.scope.geography", "The setting is off for members in Europe.", True),
    ("core.scope.geography", "Data protection authorities in Europe have said that such monitoring is rarely lawful.",
     False),
    # a clause that opens with "no" denies the exception in it, however far the cue comes after
    ("core.carve-out.exception", "Customers cannot extend it, and no contract, existing or new, is exempt.", False),
    ("core.carve-out.exception", "Customers cannot extend it, and one older contract is exempt.", True),
    # how long something has existed is its age, not a term
    ("core.duration.fixed-term", "It ends a catalogue that has been in British homes for almost fifty years.", False),
    ("core.duration.fixed-term", "We will not print the catalogue for fifty years.", True),
    # the day a product stops, said by the company, is ahead; a day it was switched off is past
    ("core.duration.end-date", "The company said Ever will stop working on August 31, 2020.", True),
    ("core.duration.end-date", "The feature was switched off on 30 June 2023.", False),
    # the day a policy takes effect is when it starts, not a deadline (docs/annotation.md §2.2)
    ("core.duration.end-date", "The policy, which takes effect on 1 April 2025, will end new lending.", False),
    # a sentence that opens with the participle describes people, it bans nothing
    ("core.trigger.ban", "Banned individuals will be managed the way they were before.", False),
    ("core.trigger.ban", "We have banned facial recognition at both venues.", True),
    # stores closed "temporarily" are paused by the company's own word
    ("core.trigger.pause", "LVMH said it would temporarily close its 124 stores in Russia.", True),
    ("core.trigger.pause", "LVMH said it would close its 124 stores in Russia.", False),
    # a closing "This is permanent." is a statement about the whole decision
    ("core.duration.permanent-statement", "We no longer host mining rigs. This is permanent.", True),
    ("core.duration.permanent-statement", "Whether this is permanent, nobody knows.", False),
    # a question whether it is permanent does not make it so
    ("core.duration.permanent", "Asked whether the decision was permanent, a spokesperson said it stands for now.",
     False),
    # a publication no longer printed is a product ended
    ("core.trigger.exit", "Argos will stop printing its twice-yearly catalogue.", True),
    # a product that stops working on a day is shut down; stopping work with a partner is not that
    ("core.trigger.exit", "The company said Ever will stop working on August 31, 2020.", True),
    ("core.trigger.exit", "We will stop working with the vendor.", False),
    # what other companies do is no exit of this one
    ("core.trigger.exit", "It had suspended operations, joining Western brands stepping back from the country.", False),
    ("core.trigger.exit", "The chain is stepping back from the country.", True),
    # letting others do something, stopped, is a refusal
    ("core.trigger.refuse", "So, for now, Kestrine will no longer let an agency search plate reads.", True),
    ("core.trigger.refuse", "The app still lets parents see where a child is.", False),
    # coverage said in so many words: everyone, wherever, whatever their kind
    ("core.scope.broad", "The limit applies to all accounts, new and existing.", True),
    ("core.scope.broad", "Encryption is on for every account, free or paid.", True),
    ("core.scope.broad", "The setting is off for every subscriber, wherever they live.", True),
    ("core.scope.broad", "We will not sell firearms of any kind to buyers under 21.", True),
    ("core.scope.broad", "Member prices end in all 212 Thackray's supermarkets.", True),
    ("core.scope.broad", "Every one of its roughly 180 stores stops selling them.", True),
    ("core.scope.broad", "All 12 of the judges agreed.", False),
    ("core.scope.broad", "We will open new stores wherever possible.", False),
    ("core.scope.broad", "We will not sell it to new customers.", False),
])
def test_a_rule_fires_on_its_own_shape_only(rules_analyzer, rule, text, expected):
    assert bool(rule_texts(rules_analyzer, text, rule)) is expected


def test_one_rule_s_overlapping_matches_are_one_finding(rules_analyzer):
    """'one exception is …' and 'exception is …' both match; grown to their own ends they overlap."""
    found = rule_texts(rules_analyzer, "The one exception is the rehoming scheme run with partner rescue "
                                       "charities: in 22 stores, charities will continue to hold adoption "
                                       "days, where people can meet cats and dogs in the charities' care.",
                       "core.carve-out.exception")
    assert len(found) == 1


@pytest.mark.parametrize("text, expected", [
    # a capitalised section heading labels the exceptions listed under it; the items are the exceptions
    ("We will run every van on electricity by 2030.\n\nWHAT IS NOT INCLUDED\n- Refrigerated vans are excluded.",
     False),
    ("We will run every van on electricity by 2030.\n\nWhat is not included: refrigerated vans are excluded.",
     True),
])
def test_a_capitalised_heading_is_no_exception(rules_analyzer, text, expected):
    found = [t for label, _, t in spans(rules_analyzer, text) if label == "carve_out"]
    assert any("excluded" in t for t in found)
    assert any("INCLUDED" in t or "included" in t for t in found) is expected


@pytest.mark.parametrize("text, expected", [
    # the announcement points at the sentence after it
    ("We are ending sales of peat compost. There is one exception. Our trade desks will keep a small range.",
     ["Our trade desks will keep a small range"]),
    ("## The one exception\n\nVolunteer rescue teams may keep using the app.",
     ["Volunteer rescue teams may keep using the app"]),
    # a sentence that states the exception itself announces nothing
    ("There is one exception: gift tins keep their foil. Every other pack is paper.", []),
    ("The one exception is our garden range. Every other pack is paper.", []),
])
def test_an_announced_exception_is_the_next_sentence(rules_analyzer, text, expected):
    assert rule_texts(rules_analyzer, text, "core.carve-out.lead-in") == expected


@pytest.mark.parametrize("text, expected", [
    # reported, or an open question, the commitment's next step waits on something else
    ("A spokesperson said the exact closing date would depend on how fast the new plant is built.", 1),
    ("Whether the service returns next season will depend on what the review panel finds.", 1),
    ("All of this depends on our landlords agreeing to the new lease terms.", 1),
    # a forecast in the future tense is no condition
    ("The airline's total emissions in 2030 will depend on how fast that growth happens.", 0),
])
def test_a_commitment_that_depends_on_others(rules_analyzer, text, expected):
    assert len(rule_texts(rules_analyzer, text, "core.condition.depends")) == expected


@pytest.mark.parametrize("text, expected", [
    ("We aim to stop selling bottled water by 2027, where suppliers can offer a refill alternative.",
     ["where suppliers can offer a refill alternative"]),
    ("We will offer a key fob in every block, where building owners agree to pay for it.",
     ["where building owners agree to pay for it"]),
    # a place, and the company's own legal duty, are no one else's say
    ("Every store will open a corner where customers can meet the charities.", []),
    ("We share data with fraud agencies where the law requires us to.", []),
])
def test_a_commitment_as_far_as_others_agree(rules_analyzer, text, expected):
    assert rule_texts(rules_analyzer, text, "core.condition.others-agree") == expected


@pytest.mark.parametrize("text, expected", [
    ("Our vans will switch once a suitable electric model is available.", ["once a suitable electric model is available"]),
    ("The new furnace will be used once it has been shown to work at full scale.",
     ["once it has been shown to work at full scale"]),
    # a step of the customer's, or a time, is no condition
    ("We enable it once a customer has shown us the rule that applies.", []),
])
def test_a_commitment_that_waits_for_something_to_exist(rules_analyzer, text, expected):
    assert rule_texts(rules_analyzer, text, "core.condition.others-agree") == expected


@pytest.mark.parametrize("text, expected", [
    # a counted set of the company's sites is the reach
    ("Face scans will end at its 11 company-managed hotels.", ["at its 11 company-managed hotels"]),
    ("Acme will cut emissions across our 40 UK plants by 2030.", ["across our 40 UK plants"]),
    # a count of something that is not a site
    ("Acme will cut emissions across our 40 UK brands by 2030.", []),
])
def test_a_counted_set_of_sites_is_the_channel_scope(rules_analyzer, text, expected):
    assert rule_texts(rules_analyzer, text, "core.scope.channel") == expected


@pytest.mark.parametrize("text, rule_id, expected", [
    # the user's own switch decides whether the practice reaches them (docs/annotation.md §2.3)
    ("If you turn on Garden Sync, your plant photos are stored on our servers.",
     "core.condition.user-switch", "If you turn on Garden Sync"),
    ("If you want to keep your old photos, you can download them first.", "core.condition.user-switch", None),
    # a plan or an expected outcome that waits on something mid-sentence
    ("We plan to extend the scheme to more regions if customer feedback supports it.",
     "core.condition.unless", "if customer feedback supports it"),
    ("The sale should be completed in the coming months if the talks conclude.",
     "core.condition.unless", "if the talks conclude"),
])
def test_a_user_switch_and_a_plan_s_if_are_conditions(rules_analyzer, text, rule_id, expected):
    found = rule_texts(rules_analyzer, text, rule_id)
    assert any(t.endswith(expected) for t in found) if expected else not found


@pytest.mark.parametrize("text, expected", [
    # the one case in which the practice goes on, or the event a step waits on
    ("Street counts go to the council, but only where a street has at least 20 residents.",
     "only where a street has at least 20 residents"),
    ("We will fit the new boiler only once the gas main is replaced.", "only once the gas main is replaced"),
    ("Only where the old road ends does the new path begin.", None),
])
def test_only_where_and_only_once_are_conditions(rules_analyzer, text, expected):
    found = rule_texts(rules_analyzer, text, "core.condition.only-where")
    assert found == ([expected] if expected else [])


@pytest.mark.parametrize("text, expected", [
    # an "if" clause about the company itself after a modal: reported, unweighed
    ("The bank said it would close its branch network if it were ever required to store card numbers.",
     "if it were ever required to store card numbers"),
    ("We may bring the service back later if we can meet the new licensing rules.",
     "if we can meet the new licensing rules"),
    ("We would have sold the unit if we had found a buyer.", None),
    ("Nobody knows what the firm would do if it found a leak.", None),
])
def test_a_modal_if_about_the_company_is_a_condition(rules_analyzer, text, expected):
    found = rule_texts(rules_analyzer, text, "core.condition.modal-if-self")
    assert any(expected in t for t in found) if expected else not found


@pytest.mark.parametrize("text, expected", [
    # a plan's "if" with a year in the gap, and a second condition joined on by ", and if"
    ("We hope to retire our diesel ferries by 2032 if the new berth is built.",
     "if the new berth is built"),
    ("We hope the other ports follow, and if the harbour board approves the plan we will go further.",
     "if the harbour board approves the plan"),
    ("We may change this page, and if we do we will post the new version.", None),
])
def test_a_plan_with_a_year_and_a_joined_if_are_conditions(rules_analyzer, text, expected):
    found = rule_texts(rules_analyzer, text, "core.condition.unless")
    assert any(expected in t for t in found) if expected else not found


@pytest.mark.parametrize("text, expected", [
    # an if/unless clause on a court order is the case the promise depends on: a condition, not an
    # exception (docs/annotation.md 2.3)
    ("If a court orders us to keep a customer's files, we keep them for as long as the order says.",
     [("condition", "privacy-platform.condition.legal-order")]),
    ("We will not open the archive unless a court orders it.",
     [("condition", "privacy-platform.condition.legal-order")]),
])
def test_an_if_clause_on_a_court_order_is_a_condition(rules_analyzer, text, expected):
    found = [(label, rid) for label, rid, _ in spans(rules_analyzer, text)
             if rid.endswith(("legal-order", "legal-process"))]
    assert found == expected


@pytest.mark.parametrize("text, expected", [
    # a hope that others act is a condition (docs/annotation.md 2.3), also told in the past or added
    ("The chain said it hoped the county council would set one rule for all shops.", True),
    ("We also hope the water board will publish its own figures.", True),
    ("The firm said it hoped we would like the new menu.", False),
])
def test_a_reported_hope_that_others_act_is_a_condition(rules_analyzer, text, expected):
    assert bool(rule_texts(rules_analyzer, text, "core.condition.hope-reported")) is expected


@pytest.mark.parametrize("text, expected", [
    # "where we can" is a hedge as a clause of its own, not in "this is where we can act"
    ("We will cut packaging wherever we can.", True),
    ("Where we can, we will refill bottles in store.", True),
    ("The depot is where we can make the biggest cut.", False),
])
def test_where_we_can_as_a_clause_is_a_hedge(rules_analyzer, text, expected):
    assert bool(rule_texts(rules_analyzer, text, "core.hedge.feasibility")) is expected
