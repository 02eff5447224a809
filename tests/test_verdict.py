"""The headline's claim, and the gap between it and the text."""
from __future__ import annotations

import pytest

from conftest import run

BODY = "BOSTON, May 1, 2023 — Acme is implementing a one-year moratorium on police use of FaceFind.\n"


@pytest.mark.parametrize("headline, action, duration, scope", [
    ("Acme bans police from using FaceFind", "ban", "permanent", []),
    ("Acme halts FaceFind sales for one year", "pause", "fixed", []),
    ("Acme pauses police use of FaceFind", "pause", "open_ended", ["police use"]),
    ("Acme drops facial recognition", "exit", "permanent", []),
    # the headline's own word: a gradual stop to completion (docs/annotation.md §1.1), not an exit
    ("Acme to phase out coal-fired generation by 2040", "phase_out", "deadline", []),
    ("Acme Phases Out Plastic Trays", "phase_out", "deadline", []),
    ("A letter on racial justice", None, "unspecified", []),
    ("Acme sets 2050 net-zero target for its plants", "target", "deadline", []),
    ("Acme drops its 2030 reuse goal", None, "unspecified", []),
    # "never" inside a ceiling: the longer trigger says what the headline claims
    ("Renewing Customers Will Never Pay More Than New Customers", "limit", "permanent", []),
    ("Grocer Freezes the Prices of 500 Essentials", "limit", "open_ended", []),
    # a stop "without asking" in the headline is a consent change too
    ("App No Longer Uploads Your Contacts Without Asking", "policy_change", "permanent", []),
])
def test_claim(analyzer, headline, action, duration, scope):
    claim = run(analyzer, f"{headline}\n\n{BODY}").headline.claim
    assert (claim.action, claim.implied_duration) == (action, duration)
    assert all(any(s in c for c in claim.scope) for s in scope)


@pytest.mark.parametrize("headline, scope", [
    # a second clause with its own verb is other news: its words do not scope the claim
    ("IBM Quits Facial Recognition, Presses Congress on Police Reform", []),
    ("IBM Quits Facial Recognition for Police, Presses Congress on Reform", ["for Police"]),
])
def test_a_second_headline_clause_does_not_scope_the_claim(analyzer, headline, scope):
    claim = run(analyzer, f"{headline}\n\n{BODY}").headline.claim
    assert claim.action == "exit" and claim.scope == scope


def test_a_headline_phrase_two_rules_read_is_one_scope(analyzer):
    body = ("LEEDS, May 1, 2023 — Acme, the grocer, will replace use-by dates on the own-brand milk sold "
            "in its stores and online with best-before dates, and will remove single-use plastic packaging.\n")
    claim = run(analyzer, f"Acme to scrap use-by dates on own-brand milk\n\n{body}").headline.claim
    assert claim.scope == ["own-brand"]


def test_verdict_follows_the_headline(analyzer):
    report = run(analyzer, f"Acme bans police from using FaceFind\n\n{BODY}")
    assert report.gap.verdict == "major"


def test_a_headline_without_a_claim_announces_the_first_commitment(analyzer):
    # "A letter on racial justice" promises nothing itself; the letter's moratorium is what it
    # announces, and "police use" is fine print against it. The JSON keeps what the headline says.
    report = run(analyzer, f"A letter on racial justice\n\n{BODY}")
    assert report.headline.claim.action is None
    assert "read as announcing the text's first one (a moratorium)" in report.gap.reasons[0]
    assert report.gap.verdict != "none"


def test_news_of_a_retreat_claims_nothing(analyzer):
    body = ("BOSTON, May 1, 2023 — Acme will no longer aim to sell half its drinks in reusable bottles by "
            "2030. It will cut plastic by a fifth by 2030.\n")
    report = run(analyzer, f"Acme drops its 2030 reuse goal\n\n{body}")
    assert report.gap.verdict == "none"
    assert report.gap.reasons == ["the headline makes no claim about a commitment"]


def test_reasons_explain_each_dimension(analyzer):
    report = run(analyzer, f"Acme bans police from using FaceFind\n\n{BODY}")
    reasons = " | ".join(report.gap.reasons)
    assert "the headline says a ban; the text commits only to a moratorium" in reasons
    assert "permanent ban" in reasons and "1 year" in reasons and "2024-05-01" in reasons
    assert report.gap.score >= 0.3
    contrasts = [f for f in report.findings if f.category == "contrast"]
    assert contrasts and all(f.span.line == 1 for f in contrasts)


def test_an_accurate_headline_has_no_gap(analyzer):
    text = ("Acme will permanently stop selling FaceFind to anyone\n\nBOSTON, May 1, 2023 — Acme will "
            "permanently stop selling FaceFind to every customer, including existing customers, whose "
            "contracts end this month. An independent auditor will verify it and any breach will be "
            "enforced under our contract terms.\n")
    report = run(analyzer, text)
    assert report.gap.verdict == "none"


@pytest.mark.parametrize("body, verdict", [
    # one secondary narrowing and one small exception: the headline slightly overstates
    ("to new customers, except for customers who ask for them", "minor"),
    ("to new customers", "minor"),
    ("to any customer", "none"),
])
def test_two_modest_limits_are_a_minor_gap(rules_analyzer, body, verdict):
    text = f"Acme Ends Paper Statements\n\nLEEDS, May 1, 2024 — Acme will stop sending paper statements {body}.\n"
    assert run(rules_analyzer, text).gap.verdict == verdict


def test_a_headline_with_nothing_behind_it_is_major(analyzer):
    text = "Acme bans police use of FaceFind\n\nBOSTON, May 1, 2023 — Acme shared its quarterly results.\n"
    report = run(analyzer, text)
    assert report.commitments == []
    assert report.gap.verdict == "major"


@pytest.mark.parametrize("background, narrowed", [
    # the commitment's own sentence covers everyone: a place in a background sentence is no narrowing
    ("It ran in 300 stores in the United States until today.", False),
])
def test_a_commitment_that_covers_everyone_is_not_narrowed_by_background(analyzer, background, narrowed):
    text = ("Acme Discontinues FaceFind\n\nBOSTON, May 1, 2023 — Acme has discontinued FaceFind for any "
            f"customer, in every country where it was sold. {background}\n")
    reasons = " | ".join(run(analyzer, text).gap.reasons)
    assert ("United States" in reasons) is narrowed


@pytest.mark.parametrize("coverage, narrowed", [
    # coverage said in the commitment's own sentence: a place in the background does not narrow it
    ("for all accounts, new and existing", False),
    ("for its users, wherever they live", False),
    ("for its users", True),
])
def test_coverage_said_in_other_words_is_not_narrowed_by_background(analyzer, coverage, narrowed):
    text = ("Acme Discontinues FaceFind\n\nBOSTON, May 1, 2023 — Acme has discontinued FaceFind "
            f"{coverage}. It ran in 300 stores in the United States until today.\n")
    reasons = " | ".join(run(analyzer, text).gap.reasons)
    assert ("United States" in reasons) is narrowed


def test_coverage_across_the_business_does_not_hide_a_later_limit(analyzer):
    """'across our business' says where the goal reaches, not that it covers everyone: the
    place named in the next sentence still limits it."""
    text = ("Acme Ends Sales of FaceFind\n\nBOSTON, May 1, 2023 — Acme will stop selling FaceFind across "
            "our business. We will stop selling it to customers in the United States.\n")
    reasons = " | ".join(run(analyzer, text).gap.reasons)
    assert "United States" in reasons


def test_a_narrower_scope_in_the_commitment_sentence_still_counts(analyzer):
    text = ("Acme Discontinues FaceFind\n\nBOSTON, May 1, 2023 — Acme has discontinued FaceFind in the "
            "United States for any customer.\n")
    assert "United States" in " | ".join(run(analyzer, text).gap.reasons)


def test_a_place_listed_beside_broad_coverage_is_coverage_not_a_limit(analyzer):
    text = ("Acme Ends Sales of FaceFind\n\nBOSTON, May 1, 2023 — Acme will stop selling FaceFind.\n\n"
            "The rule applies in every one of our 400 stores, in the shops at our airports, and to every "
            "online order.\n")
    assert "airports" not in " | ".join(run(analyzer, text).gap.reasons)


@pytest.mark.parametrize("headline, narrowed", [
    # the headline names the place in its own words, though no scope rule reads it there
    ("Acme to Stop Selling Magazines at Its Japanese Stores", False),
    ("Acme to Stop Selling Magazines", True),
])
def test_a_scope_the_headline_words_already_name_is_no_narrowing(analyzer, headline, narrowed):
    text = (f"{headline}\n\nTOKYO, May 1, 2019 — Acme will stop selling adult magazines at its convenience "
            "stores in Japan by the end of August.\n")
    assert ("Japan" in " | ".join(run(analyzer, text).gap.reasons)) is narrowed


@pytest.mark.parametrize("where, narrowed", [
    # where the stop happens, online unmentioned: reported, not the text narrowing its headline
    ("from the shelves of its 200 stores", False),
    ("from the shelves of its stores in Scotland", True),
])
def test_stores_named_as_where_a_stop_happens_do_not_narrow_the_headline(analyzer, where, narrowed):
    text = f"Acme to Stop Selling Glue Traps\n\nLEEDS, May 1, 2024 — Acme will pull glue traps {where} this week.\n"
    assert ("the headline names no scope" in " | ".join(run(analyzer, text).gap.reasons)) is narrowed


@pytest.mark.parametrize("where, narrowed", [
    # a channel joined by "and" to broad coverage in the commitment's own sentence adds to it
    ("in all 58 of our garden centres and on our website", False),
    ("on our website", True),
])
def test_a_channel_joined_to_broad_coverage_is_no_limit(analyzer, where, narrowed):
    text = ("Garden Chain to End Sales of Peat Compost\n\nLEEDS, May 1, 2024 — All peat compost will be "
            f"off our shelves by 1 March 2025, {where}.\n")
    assert ("website" in " | ".join(run(analyzer, text).gap.reasons)) is narrowed


@pytest.mark.parametrize("body, duration_reason", [
    # an exit needs no end date to be one: "has stopped selling" is no shorter than the headline
    ("Acme has stopped selling FaceFind to every customer.", False),
    ("Acme has stopped selling FaceFind to every customer for one year.", True),
])
def test_an_exit_with_no_stated_end_is_not_temporary(analyzer, body, duration_reason):
    report = run(analyzer, f"Acme Quits FaceFind\n\nBOSTON, May 1, 2023 — {body}\n")
    assert any("implies" in r for r in report.gap.reasons) is duration_reason


@pytest.mark.parametrize("headline, action_reason", [
    # the headline states its own date: a phase-out is what it says
    ("Acme Ends Plastic Packaging by the End of 2025", False),
    ("Acme Ends Plastic Packaging", True),
])
def test_a_headline_with_its_own_date_is_not_overstated_by_a_phase_out(analyzer, headline, action_reason):
    body = "BOSTON, May 1, 2023 — Acme will phase out plastic packaging by the end of 2025."
    report = run(analyzer, f"{headline}\n\n{body}\n")
    assert any(r.startswith("the headline says") for r in report.gap.reasons) is action_reason


@pytest.mark.parametrize("exception, verdict", [
    # named customers keeping access is material by itself (docs/annotation.md §5)
    ("Organizations like Safe Harbor Alliance will continue to have access to FaceFind.", "major"),
    ("Some organizations will continue to have access to FaceFind.", "minor"),
])
def test_named_customers_keeping_access_is_material(rules_analyzer, exception, verdict):
    text = ("Acme Pauses Police Use of FaceFind for One Year\n\nLONDON, May 1, 2023 — Acme is implementing a "
            f"one-year moratorium on police use of FaceFind. {exception}\n")
    assert run(rules_analyzer, text).gap.verdict == verdict


@pytest.mark.parametrize("where, narrowed", [
    # the text's scope shares "police" with the headline's but adds "local": narrower
    ("to local police agencies", True),
    ("to police agencies", False),
])
def test_a_narrowing_word_the_headline_leaves_out(analyzer, where, narrowed):
    text = ("Acme Halts Sales of FaceFind to Police\n\nLONDON, May 1, 2023 — Acme will suspend sales of "
            f"FaceFind {where}.\n")
    assert ("local" in " | ".join(run(analyzer, text).gap.reasons)) is narrowed


@pytest.mark.parametrize("extra, where, narrower", [
    # the headline names its own scope (under-18s): recipients are the same promise spelled out
    (". It will not share their personal data, location data or browsing history with advertising partners",
     "advertising partners", False),
    # ... but a place narrows a headline that names none
    (" in the United Kingdom", "United Kingdom", True),
])
def test_a_text_scope_of_another_kind_does_not_narrow_a_headline_scope(rules_analyzer, extra, where, narrower):
    text = ("Pebble Ends Personalized Ads for Under-18s\n\nLONDON, May 1, 2024 — Pebble will stop showing "
            f"personalized ads to players under 18{extra}.\n")
    gap = run(rules_analyzer, text).gap
    assert any(where in r for r in gap.reasons) is narrower, gap.reasons


@pytest.mark.parametrize("qualifier, where, verdict", [
    # a hidden "general purpose" only is major by itself (docs/annotation.md §5) ...
    ("general purpose ", "", "major"),
    # ... a country alone is a gap, but minor: on the tune split a single country was most often
    # where the company does all its business ("CVS stops selling tobacco across the United States")
    ("", " in the United States", "minor"),
    ("", "", "none"),
])
def test_a_hidden_qualifier_or_country_is_material(rules_analyzer, qualifier, where, verdict):
    text = ("Acme Quits Face Analysis Software\n\nARMONK, N.Y., June 8, 2020 — Acme no longer offers "
            f"{qualifier}face analysis software{where}.\n")
    assert run(rules_analyzer, text).gap.verdict == verdict


@pytest.mark.parametrize("headline, verdict", [
    # a country the headline hides is material (§5 "US only") ...
    ("Brindle Bakes Drops Caged Eggs", "major"),
    # ... but under a headline that states a scope of its own it is a further, secondary narrowing
    # (§5 minor): the headline carries its limit and the text spells it out
    ("Brindle Bakes Drops Caged Eggs Across All Its Bakeries", "minor"),
])
def test_a_country_under_a_headline_scope_is_a_secondary_narrowing(rules_analyzer, headline, verdict):
    text = (f"{headline}\n\nLONDON, May 1, 2024 — Brindle Bakes will stop using eggs from caged hens in "
            "Britain. Existing supply contracts will be honoured until they expire.\n")
    assert run(rules_analyzer, text).gap.verdict == verdict


@pytest.mark.parametrize("headline, verdict", [
    # an intensity target under a headline that reports a cut is major by itself (§5) ...
    ("Marbury to Cut Emissions 30% by 2030", "major"),
    # ... but not when the headline says intensity: "per tonne" is the same limit, stated
    ("Marbury to Cut Carbon Intensity 30% by 2030", "none"),
])
def test_an_intensity_target_reported_as_a_cut(rules_analyzer, headline, verdict):
    # (no place named: "in the UK" would be a hidden limit of its own, docs/annotation.md §5)
    text = (f"{headline}\n\nLEEDS, May 1, 2024 — Marbury Glass will cut carbon dioxide emissions per tonne of "
            "glass by 30% by 2030, compared with 2019, across all its furnaces and plants.\n")
    assert run(rules_analyzer, text).gap.verdict == verdict


@pytest.mark.parametrize("where, narrowed", [
    # every channel named, joined by "and": no limit
    ("in its 40 stores and online", False),
    ("from its 40 stores and from its website", False),
    ("in its 40 stores", True),
    # where a retailer sells, with no count or kind of store, is not a limit
    ("in its stores", False),
])
def test_channels_joined_by_and_cover_everything(analyzer, where, narrowed):
    text = (f"Acme Stops Selling Glue Traps\n\nLEEDS, May 1, 2024 — Acme will stop selling glue traps {where}.\n")
    reasons = " | ".join(run(analyzer, text).gap.reasons)
    assert ("stores" in reasons) is narrowed


@pytest.mark.parametrize("later, kind", [
    # the headline's commitment gives no term; a later sentence on the same thing gives one
    ("By 1 March 2025, all of the bagged compost we sell will be peat-free.", "deadline"),
    ("By 1 March 2025, all of our stores will be refurbished.", "unspecified"),  # another thing
])
def test_the_term_comes_from_a_sentence_on_the_same_thing(rules_analyzer, later, kind):
    text = ("Hartwell Stops Selling Peat-Based Compost\n\nLEEDS, June 3, 2024 — Hartwell will stop selling "
            f"peat-based compost in its garden centres. {later}\n")
    report = run(rules_analyzer, text)
    main = next(c for c in report.commitments if c.id == report.gap.commitment)
    assert main.action == "exit"
    assert main.duration.kind == kind


def test_a_headline_target_without_a_date_reads_cleanly(rules_analyzer):
    text = ("Acme Sets a Goal to Cut Emissions\n\nLEEDS, June 3, 2024 — Acme will cut emissions by a fifth "
            "until a national carbon price is in place.\n")
    reasons = " | ".join(run(rules_analyzer, text).gap.reasons)
    assert "the headline implies a target due by a date;" in reasons
    assert "due by ;" not in reasons


@pytest.mark.parametrize("body, duration_reason", [
    # a headline that names no commitment implies no term: a ban with no stated end is what it announces
    ("Acme will not fly its drones over homes.", False),
    # ...but a term the text sets is still fine print
    ("Acme will not fly its drones over homes for one year.", True),
])
def test_a_headline_without_a_claim_implies_no_term(rules_analyzer, body, duration_reason):
    report = run(rules_analyzer, f"Drone flights: our rules\n\nLEEDS, June 3, 2024 — {body}\n")
    assert any("the headline implies" in r for r in report.gap.reasons) is duration_reason


def test_a_term_attached_from_another_sentence_is_not_lent(rules_analyzer):
    # "for fifty-one years" reaches c2 from a later sentence; the headline's commitment must not borrow it
    text = ("Hartwell Stops Selling Peat Compost\n\nLEEDS, June 3, 2024 — Hartwell will stop selling peat compost "
            "in its garden centres. Shoppers want other products. Staff were told on Monday. From 2026 we will "
            "stop paying for peat compost deliveries. Peat compost has been sold in this valley for fifty-one "
            "years, and it served us well.\n")
    report = run(rules_analyzer, text)
    main = next(c for c in report.commitments if c.id == report.gap.commitment)
    assert main.action == "exit"
    assert main.duration.kind == "unspecified"


def test_the_headline_names_the_thing_a_later_term_is_about(rules_analyzer):
    # the text's object is "compost" (that "contains peat"); the headline's "peat compost" ties it to
    # "peat-based growing media", whose sentence says "never"
    text = ("Hartwell Has Stopped Selling Peat Compost\n\nLEEDS, June 3, 2024 — Hartwell no longer sells any "
            "compost that contains peat. We will never sell peat-based growing media again.\n")
    report = run(rules_analyzer, text)
    main = next(c for c in report.commitments if c.id == report.gap.commitment)
    assert main.duration.kind == "permanent"


@pytest.mark.parametrize("body, verdict, lapses", [
    # a stop that lapses on a date is temporary under a headline that says "bans"
    ("Acme will not sell FaceFind to any customer until December 31, 2025.", "major", True),
    # a stop due by a date holds from then on
    ("Acme will stop selling FaceFind to every customer by December 31, 2025.", None, False),
])
def test_a_stop_until_a_date_lapses(rules_analyzer, body, verdict, lapses):
    report = run(rules_analyzer, f"Acme Bans FaceFind Sales\n\nLEEDS, June 3, 2024 — {body}\n")
    assert verdict is None or report.gap.verdict == verdict
    assert any("lapses on 2025-12-31" in r for r in report.gap.reasons) is lapses
    assert any("permanent" in r for r in report.gap.reasons) is lapses


def test_a_headline_that_lapses_on_the_same_date_is_not_overstated_on_duration(rules_analyzer):
    # "until the end of the year" in the headline and "until 31 December" in the text: both lapse then
    text = ("Grocer freezes prices until the end of the year\n\nLEEDS, 2 September 2024 — Acme Markets today "
            "froze the price of 200 everyday products until 31 December 2024.\n")
    gap = run(rules_analyzer, text).gap
    assert not any("lapses" in r for r in gap.reasons)


@pytest.mark.parametrize("body, duration_reason", [
    # a ban with no stated end is not temporary (docs/annotation.md §5: only a term is a duration gap)
    ("Acme will not finance any coal-fired power plant, in any country.", False),
    # ...a term is
    ("Acme will not finance any coal-fired power plant, in any country, for two years.", True),
])
def test_a_ban_with_no_stated_end_is_not_temporary(rules_analyzer, body, duration_reason):
    report = run(rules_analyzer, f"Acme Quits Coal Power Financing\n\nPARIS, June 3, 2024 — {body}\n")
    assert any("the headline implies" in r for r in report.gap.reasons) is duration_reason


def test_a_headline_ban_is_measured_against_the_text_s_stop_not_another_exit(rules_analyzer):
    """'Bans Political Ads' over a refusal that lapses after the election (a moratorium) and an
    exit from something else: the stop of the headline's kind is the one it reports."""
    text = ("Acme Radio bans political ads\n\nBOSTON, May 1, 2024 — Acme Radio has discontinued its political "
            "ads newsletter. Acme Radio will not run political ads through November 5, 2024.")
    report = run(rules_analyzer, text)
    main = next(c for c in report.commitments if c.id == report.gap.commitment)
    assert main.action == "moratorium"


@pytest.mark.parametrize("headline, body, duration_reason", [
    # a default change or a limit with no stated end is no shorter than its headline (§5 names only
    # a term as a duration gap)
    ("Acme Turns Off Location History by Default", "Acme will turn off location history by default for every "
     "new account.", False),
    ("Acme Caps Infant Formula at Four Tins", "Acme will limit infant formula to four tins per customer.", False),
    ("Acme Caps Infant Formula at Four Tins", "Acme will limit infant formula to four tins per customer for "
     "six months.", True),
])
def test_a_rule_change_with_no_stated_end_is_not_temporary(analyzer, headline, body, duration_reason):
    report = run(analyzer, f"{headline}\n\nBOSTON, May 1, 2023 — {body}\n")
    assert any("implies" in r for r in report.gap.reasons) is duration_reason


def test_a_headline_that_names_a_limit_says_what_the_text_s_stop_is(rules_analyzer):
    """'Raises the Minimum Age for Going Live to 16' over '… will be turned off for accounts under
    16': the headline's limit is the commitment's action."""
    text = ("Glintly Raises the Minimum Age for Going Live to 16\n\nBOSTON, May 1, 2023 — From June, "
            "live streaming will be turned off for every Glintly account that belongs to someone under 16.\n")
    report = run(rules_analyzer, text)
    main = next(c for c in report.commitments if c.id == report.gap.commitment)
    assert main.action == "limit"



@pytest.mark.parametrize("after, verdict, quoted", [
    # a one-line summary, then the promise told in full (another commitment) with its exception:
    # the exception weighs on the headline whichever sentence it hangs on
    ("Campaigns already booked will continue to run until their agreed end date.", "minor",
     "will continue to run until their agreed end date"),
    ("Every campaign will be checked by our advertising standards team.", "none", None),
])
def test_an_exception_told_with_another_commitment_counts_against_the_headline(rules_analyzer, after, verdict,
                                                                                quoted):
    text = ("Pellmark bans payday loan advertising\n\nPellmark will stop accepting advertising for payday loans. "
            "From 1 January, we will no longer sell banner space on our news site to short-term lenders. "
            f"{after}\n")
    report = run(rules_analyzer, text)
    assert report.gap.verdict == verdict
    assert quoted is None or any(quoted in r for r in report.gap.reasons)
