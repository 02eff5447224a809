"""Commitments and what attaches to them, within and across sentences."""
from __future__ import annotations

import datetime as dt

import pytest

from conftest import run

HEAD = "Acme Update\n\nBOSTON, May 1, 2023 — "


@pytest.mark.parametrize("body, action, obj", [
    ("Acme will not sell its FaceFind software to police departments.", "ban", "FaceFind software"),
    ("Acme is implementing a moratorium on police use of FaceFind.", "moratorium", "FaceFind"),
    ("Acme no longer offers general purpose face recognition software.", "exit", "face recognition software"),
    ("Acme will phase out single-use plastic bags in its stores by 2025.", "phase_out", "single-use plastic bags"),
    ("Acme is pausing sales of its drone to police agencies.", "pause", "drone"),
    ("Acme has taken the personals section off its US sites.", "exit", "personals section"),
    ("Acme will stop selling its FaceFind software to government agencies.", "ban", "FaceFind software"),
    ("Acme will stop showing personalized ads to people aged 13 to 17.", "ban", "personalized ads"),
    ("Acme will stop accepting political ads on its network.", "ban", "political ads"),
    ("Acme will stop selling its FaceFind software in all of its stores.", "exit", "FaceFind software"),
    ("Acme commits to using 50% recycled plastic in its bottles by 2030.", "target", "recycled plastic"),
    ("Acme commits to publishing a yearly supplier audit by 2030.", "pledge", "yearly supplier audit"),
    ("Acme has turned open chat off for every player under 13.", "ban", "open chat"),
    # selling people's data is a practice: stopping it is a ban, not leaving a business
    ("Acme will no longer sell viewing data collected by its TVs.", "ban", "viewing data"),
    ("Acme will no longer sell its FaceFind software.", "exit", "FaceFind software"),
    # running offers or software is a practice of a business that goes on
    ("Acme will stop running multibuy offers on sugary drinks.", "ban", "multibuy offers"),
    ("Acme will stop handing out plastic straws in its cafes.", "exit", "plastic straws"),
    # a stop due more than a year after the announcement is a gradual one; a near one is an exit,
    # and the company's own word "exit" wins
    ("Acme will stop handing out plastic straws in its cafes by the end of 2025.", "phase_out", "plastic straws"),
    ("Acme will stop handing out plastic straws in its cafes by September 2023.", "exit", "plastic straws"),
    ("Acme will exit the face recognition business by 2030.", "exit", "face recognition business"),
    ("Acme will stop using plastic lids on its yogurt pots by the end of 2025.", "phase_out", "plastic lids"),
    # a date that ends a refusal does not make it a gradual stop: it gives it a fixed term
    ("Acme will not sell its FaceFind software to police until the end of 2025.", "moratorium", "FaceFind software"),
    # the thing is what the verb takes, not what it sits on
    ("Acme will stop using plastic lids on every one of its 38 yogurt pot products.", "ban", "plastic lids"),
    # what is taken out sits between the verb and "from" / "with"
    ("Acme will remove single-use cutlery from its canteens next year.", "phase_out", "single-use cutlery"),
    ("Acme will replace plastic straws with paper ones by September 2023.", "phase_out", "plastic straws"),
    # past a list of verbs to the thing they share: member data is a practice stopped, a ban
    ("As of 1 September, Acme no longer sells, rents or licenses member data to any third party.", "ban",
     "member data"),
    # readings and records kept about people are data: selling them is a practice
    ("Acme will no longer sell the hourly readings from its home thermostats.", "ban", "readings"),
    # a stop for one group of buyers or receivers is a refusal, not a business left
    ("Acme will stop selling its loyalty-card shopping lists to data brokers and advertisers, to protect "
     "the privacy of its users.", "ban",
     "shopping lists"),
    # a prohibition in the passive: what may not be done with our products
    ("Under our new terms, advertising trackers may not be integrated into our checkout pages.", "ban", ""),
])
def test_action_and_object(analyzer, body, action, obj):
    c = run(analyzer, HEAD + body).commitments[0]
    assert c.action == action
    assert obj in (c.object or "")


@pytest.mark.parametrize("body, obj", [
    ('Acme will no longer run multibuy offers such as "3 for 2" on snacks.', "multibuy offers"),
    ("Acme will stop selling the kits during the review.", "kits"),
    ("Acme will stop selling toys including its magnet sets.", "toys"),
    # "before" inside a hyphenated word ends nothing
    ("Acme will stop selling best-before labels on its fruit.", "best-before labels"),
])
def test_the_object_ends_before_examples_and_times(analyzer, body, obj):
    assert run(analyzer, HEAD + body).commitments[0].object == obj


def test_carve_out_two_sentences_later_attaches_back(analyzer):
    text = HEAD + ("Acme is implementing a one-year moratorium on police use of FaceFind. The decision "
                   "follows months of debate. Those nonprofits will continue to have access to FaceFind.")
    report = run(analyzer, text)
    assert len(report.commitments) == 1
    assert ["continue to have access" in s.text for s in report.commitments[0].carve_outs] == [True]


@pytest.mark.parametrize("second, records", [
    ("\"We are pausing new police sales for now,\" its chief executive said.", 1),  # restated next door
    ("The weather was mild. Hiring grew. Revenue rose. Acme is also pausing its drone sales to schools.", 2),
])
def test_the_same_action_in_the_next_sentence_restates_the_commitment(analyzer, second, records):
    report = run(analyzer, HEAD + "Acme said it is pausing sales of FaceFind to U.S. police departments. " + second)
    assert len(report.commitments) == records
    if records == 1:
        assert report.commitments[0].duration.kind == "open_ended"


@pytest.mark.parametrize("second, records", [
    # a refusal with no object of its own restates the stop before it, and its term is the stop's
    ("Acme will not accept new orders from city police forces for now.", 1),
    # a refusal naming another thing is a second commitment
    ("Acme will not sell its drones to schools for now.", 2),
])
def test_a_refusal_after_a_stop_restates_it(rules_analyzer, second, records):
    # (the rules pipeline finds no object in "will not accept new orders"; a parse names "orders")
    report = run(rules_analyzer, HEAD + "Acme will stop selling FaceFind to police. " + second)
    assert len(report.commitments) == records
    if records == 1:
        assert report.commitments[0].duration.kind == "open_ended"


def test_the_headline_s_commitment_is_found_in_any_sentence_that_states_it(analyzer):
    """'stopped selling all weighted sleep products for infants' then 'will not sell weighted infant
    sleep products again': one commitment, and the headline's words are in its second sentence."""
    text = ("Acme Stops Selling Weighted Infant Sleep Products\n\nBOSTON, May 1, 2023 — Acme today stopped "
            "selling all weighted sleep products designed for babies. Acme will not sell weighted infant sleep "
            "products again. Acme asks parents who own a weighted infant sleep product to stop using it.\n")
    report = run(analyzer, text)
    main = next(c for c in report.commitments if c.id == report.gap.commitment)
    assert main.duration.kind == "permanent"


def test_an_exception_far_from_every_commitment_qualifies_the_first(analyzer):
    text = (HEAD + "Acme will phase out diesel from its fleet of 64 milk tankers by the end of 2030. "
            "Acme will also stop selling milk in plastic bottles. The tankers collect milk from 600 farms. The routes are long. "
            "The valleys are steep. Winters are hard. Farmers have welcomed the plan. The switch will cost "
            "38 million euros. Most of it comes from savings.\n\n## The one exception\n\n"
            "We will keep two diesel tankers as reserve vehicles for snow and flood emergencies.\n")
    report = run(analyzer, text)
    assert any("reserve vehicles" in s.text for s in report.commitments[0].carve_outs)


def test_unrelated_later_sentence_does_not_attach(analyzer):
    text = HEAD + ("Acme will not sell FaceFind to police departments. The weather in Boston was mild. "
                   "Separately, hiring grew in Europe. Revenue rose in the United States.")
    c = run(analyzer, text).commitments[0]
    assert [s.text for s in c.scope] == ["to police departments"]


def test_definite_mention_continues_the_commitment(analyzer):
    text = HEAD + "Acme is pausing sales of FaceFind to police. The pause will last 18 months."
    report = run(analyzer, text)
    assert len(report.commitments) == 1
    assert report.commitments[0].duration.value == "P18M"
    assert report.commitments[0].duration.ends == "2024-11-01"


@pytest.mark.parametrize("body, modality", [
    ("Acme will reach net zero emissions by 2040.", "firm"),
    ("Acme aims to reach net zero emissions by 2040.", "aspirational"),
    ("Acme intends to reach net zero emissions by 2040.", "hedged"),
])
def test_modality(analyzer, body, modality):
    assert run(analyzer, HEAD + body).commitments[0].modality == modality


def test_two_commitments_are_two_records(analyzer):
    text = HEAD + ("Acme will stop selling FaceFind to police departments. Separately, Acme will phase out "
                   "its license plate readers by 2026.")
    report = run(analyzer, text)
    assert [c.action for c in report.commitments] == ["ban", "phase_out"]  # a refusal to police: ban
    assert report.commitments[1].duration.value == "2026"


@pytest.mark.parametrize("body", [
    "Critics said Acme should stop selling FaceFind to police departments.",
    "\"Acme must stop selling FaceFind to police,\" said Jo Reyes, an advocate with a privacy group.",
    "Lawmakers urged Acme to ban police use of FaceFind permanently.",
])
def test_other_voices_are_context_not_commitments(analyzer, body):
    assert run(analyzer, HEAD + body).commitments == []


def test_executive_quote_is_the_company_voice(analyzer):
    body = "\"We will not sell FaceFind to police departments,\" said Dana Ortiz, chief executive of Acme."
    c = run(analyzer, HEAD + body).commitments[0]
    assert c.action == "ban"


@pytest.mark.trained
def test_the_parse_finds_a_restraint_with_words_in_between(analyzers):
    from conftest import TRAINED

    if not TRAINED:
        pytest.skip("no trained pipeline installed")
    body = "Acme will not, under any circumstances, sell FaceFind to police departments."
    assert [c.action for c in run(analyzers(TRAINED[0]), HEAD + body).commitments] == ["ban"]
    # the rules-only pipeline's patterns cannot bridge the words in between; with no other commitment
    # in the text it falls back on the headline vocabulary ("will not")
    assert [c.action for c in run(analyzers("rules"), HEAD + body).commitments] == ["ban"]


def test_a_sentence_naming_the_commitment_reaches_further_back(analyzer):
    filler = "Stores were busy this spring. Sales grew. Prices held steady. Staff numbers rose. "
    text = HEAD + ("Acme will stop handing out plastic straws by 2026. " + filler
                   + "Acme said the switch is expected to reach all company-operated stores first.")
    report = run(analyzer, text)
    assert len(report.commitments) == 1
    c = report.commitments[0]
    assert any("company-operated" in s.text for s in c.scope)
    assert [h.text for h in c.hedges] == ["expected to"]


@pytest.mark.parametrize("noun", ["cap", "halt", "freeze"])
def test_the_cap_or_the_halt_names_a_limit_or_a_stop_sentences_later(analyzer, noun):
    """'The cap will stay in place until supplies return to normal', three sentences on."""
    filler = "Stores were busy this spring. Sales grew. Prices held steady. "
    text = HEAD + ("Acme will limit infant formula to four tins per customer. " + filler
                   + f"The {noun} will stay in place until supplies return to normal.")
    c = run(analyzer, text).commitments[0]
    assert c.duration.kind == "conditional"


def test_a_modifier_far_away_without_naming_the_commitment_does_not_attach(analyzer):
    filler = "Stores were busy this spring. Sales grew. Prices held steady. Staff numbers rose. "
    text = HEAD + ("Acme will stop handing out plastic straws by 2026. " + filler
                   + "Acme said coffee is served in all company-operated stores.")
    c = run(analyzer, text).commitments[0]
    assert not any("company-operated" in s.text for s in c.scope)


def test_a_sentence_saying_what_the_commitment_is_names_it(analyzer):
    """An FAQ answer eight sentences on: 'This is a permanent change to the product.'"""
    faq = ("Q: What counts as after hours?\nA: Evenings. Weekends. Holidays.\n\n"
           "Q: Who asked for it?\nA: Parents. Teachers.\n\nQ: Is this a trial?\n"
           "A: No. This is a permanent change to the product.\n")
    text = HEAD + "Acme will no longer scan student laptops after school hours.\n\n" + faq
    c = run(analyzer, text).commitments[0]
    assert c.duration.kind == "permanent"


FAR = "Customers asked us why. Riders wrote to us. Our staff agreed. "


@pytest.mark.parametrize("pledge, later, kind", [
    # "For now, …" paragraphs on restates the commitment: its term, where it has none
    ("Acme will stop selling e-bike conversion kits.", "For now, conversion kits will stay off sale.",
     "open_ended"),
    # a sentence that keeps an exception: the exception's term, not the commitment's
    ("Acme will stop selling e-bike conversion kits.",
     "For now, spare batteries will still be sold in our stores.", "unspecified"),
    # the commitment's own term stands
    ("Acme will stop selling e-bike conversion kits by 31 March 2026.",
     "For now, conversion kits will stay off sale.", "deadline"),
])
def test_for_now_paragraphs_on_gives_a_term_only_where_there_is_none(analyzer, pledge, later, kind):
    c = run(analyzer, HEAD + pledge + " " + FAR + later).commitments[0]
    assert c.duration.kind == kind


@pytest.mark.parametrize("sentence", [
    "Acme has set itself a deadline of 2030 to reach net zero emissions.",
    "Acme will reach net zero emissions. The deadline the company has set itself is 2030.",
    "Acme will reach net zero emissions. The target year is 2030.",
])
def test_a_deadline_named_as_such_is_the_term(analyzer, sentence):
    c = run(analyzer, HEAD + sentence).commitments[0]
    assert (c.duration.kind, c.duration.value) == ("deadline", "2030")


@pytest.mark.parametrize(("sentence", "expected"), [
    # a deadline that moved: the new year is the term (docs/annotation.md §2.2)
    ("Acme will reach net zero emissions. After the delay in the new plant, the target year becomes 2032.",
     ("deadline", "2032")),
    ("Acme will reach net zero emissions. Last spring the target year became 2034.", ("deadline", "2034")),
    # "becomes" with no year after it names no term
    ("Acme will reach net zero emissions. The year becomes busier for the team.", ("unspecified", None)),
])
def test_a_moved_target_year_is_the_term(analyzer, sentence, expected):
    c = run(analyzer, HEAD + sentence).commitments[0]
    assert (c.duration.kind, c.duration.value) == expected


def test_an_expectation_a_few_sentences_on_that_refers_back_hedges_the_commitment(analyzer):
    text = HEAD + ("Acme will stop selling plastic bags in its stores. Shoppers asked for it. Staff agreed. Suppliers were told. "
                   "We expect to finish it in every store by June.")
    c = run(analyzer, text).commitments[0]
    assert any("expect to" in h.text for h in c.hedges)


def test_an_object_that_points_back_restates_the_commitment(analyzer):
    text = HEAD + ("Acme will stop selling realistic toy guns on its website. Parents asked for it. Teachers "
                   "agreed. Police officers welcomed it. Several customers wrote to us. "
                   "Taking these products off our website is a first step, the company said.")
    exits = [c for c in run(analyzer, text).commitments if c.action == "exit"]
    assert len(exits) == 1


def test_a_question_about_undoing_it_names_the_commitment(rules_analyzer):
    # (the trained parser counts one more sentence between question and answer, beyond its reach)
    faq = ("Q: Who gets it?\nA: Everyone on version 8.2.\n\nQ: What about crash reports?\nA: We still get them. "
           "They hold no text.\n\nQ: Will Acme ever go back to collecting typing?\nA: We have no plans to. "
           "For now, the keyboard works on the phone alone.\n")
    text = HEAD + "Acme will no longer send what you type to its servers.\n\n" + faq
    assert run(rules_analyzer, text).commitments[0].duration.kind == "open_ended"


def test_the_object_s_head_noun_names_the_commitment(analyzer):
    text = HEAD + ("Acme will shut down its personals section. Users were told by email. "
                   "The section is offline for now.")
    assert run(analyzer, text).commitments[0].duration.kind == "open_ended"


@pytest.mark.parametrize("body, kind", [
    # published May 1, 2023: October 2022 is when it happened, October 2023 is a deadline
    ("Acme stopped selling glue traps in October 2022.", "unspecified"),
    ("Acme will stop selling glue traps in October 2023.", "deadline"),
])
def test_a_date_before_publication_is_history_not_a_term(analyzer, body, kind):
    assert run(analyzer, HEAD + body).commitments[0].duration.kind == kind


def test_a_closing_hope_about_others_conditions_the_commitment(analyzer):
    filler = "Stores were busy this spring. Sales grew. Prices held steady. Staff numbers rose. Rents fell. "
    text = HEAD + ("Acme will stop handing out plastic straws by 2026. Acme will also stop selling "
                   "balloons. " + filler + "We hope our airline partners will move with us quickly.")
    c = run(analyzer, text).commitments[0]
    assert [s.text for s in c.conditions] == ["We hope our airline partners will move with us quickly"]


def test_the_target_refers_back_to_the_target_not_the_latest_commitment(analyzer):
    text = HEAD + ("Acme has set a target to cut emissions 30% per tonne-kilometre by 2030. "
                   "Acme aims to use low-carbon fuel for 10% of its flights. "
                   "Because the target is measured per passenger, meeting the target will depend on how fast "
                   "new aircraft arrive.")
    report = run(analyzer, text)
    target = next(c for c in report.commitments if c.action == "target")
    assert any("depend on how fast" in s.text for s in target.conditions)


def test_a_company_written_text_speaks_in_every_unattributed_sentence(analyzer):
    text = HEAD + ("We are changing how ads work on our apps. We have heard from our users. "
                   "Advertisers will no longer be able to target people by religion.")
    assert [c.action for c in run(analyzer, text).commitments] == ["ban"]


@pytest.mark.parametrize("sentences, authored", [
    (["We are changing how ads work.", "Our users asked for it.", "We will tell advertisers first."], True),
    (["Acme changed its ad tools, a filing shows.", '"We are proud of it," said its chief executive.',
      '"We listened to our users," she added.', "Analysts were surprised."], False),
    # a quotation over several sentences is still somebody quoted, not the text speaking as "we"
    (["Acme paused sales.", '"We are pausing new sales for now.', 'We want to hear from our users first."',
      '"We may not get another chance," a lawmaker said.'], False),
])
def test_company_authored(analyzers, sentences, authored):
    from finepr.voice import company_authored

    assert company_authored(sentences, analyzers("rules").voice) is authored


def test_context_a_questioner_gives_before_the_question_is_not_the_company(analyzer):
    text = HEAD + ("We will not sell FaceFind to police departments. We have said so before. We mean it.\n"
                   "Q: Rival Corp said yesterday it will stop selling its scanner. What about you?\n"
                   "A: We will not sell FaceFind to police departments in any country.")
    assert [c.trigger.text for c in run(analyzer, text).commitments] == ["will not sell"]


def test_offsets_are_a_finding_about_the_text_not_a_hedge_of_the_commitment(rules_analyzer):
    text = ("Acme Air Goes Net Zero\n\nDUBLIN, May 1, 2023 — Acme Air will reach net zero emissions by 2040. "
            "We will buy carbon offsets for the emissions we cannot cut. We will report progress each year.")
    report = run(rules_analyzer, text)
    assert all(not c.hedges for c in report.commitments)
    offsets = [f for f in report.findings if f.rule == "climate.hedge.offsets"]
    assert offsets and offsets[0].commitment is None


def test_recyclable_is_a_finding_about_how_the_goal_counts_not_its_scope(rules_analyzer):
    text = ("Acme Cuts Plastic Packaging\n\nLEEDS, May 1, 2023 — Acme, the supermarket chain, will phase out "
            "plastic packaging from its own-brand products by 2027. All of its food packaging will be recyclable, "
            "and shoppers will find the change in all 300 stores.")
    report = run(rules_analyzer, text)
    assert all("recyclable" not in s.text for c in report.commitments for s in c.scope)
    found = [f for f in report.findings if f.rule.endswith("scope.recyclable")]
    assert found and found[0].commitment is None


def test_a_duration_inside_an_exception_times_the_exception_not_the_commitment(analyzer):
    text = HEAD + ("Acme will stop financing thermal coal. We will complete this exit by 2035. Index funds are "
                   "excluded from the exit for the time being, because they track a market index.")
    c = run(analyzer, text).commitments[0]
    assert (c.duration.kind, c.duration.value) == ("deadline", "2035")


def test_the_same_thing_named_more_fully_later_is_one_commitment(analyzer):
    text = ("Acme Goes Cage-Free\n\nBOSTON, May 1, 2023 — Acme today shared its plan to sell only "
            "cage-free eggs. Acme is a grocer with 80 stores. It has 9,000 staff. Its stores are in Ohio.\n\n"
            "- Acme aims to offer 100% cage-free shell eggs by the end of 2026.\n")
    report = run(analyzer, text)
    targets = [c for c in report.commitments if c.action == "target"]
    assert len(targets) == 1 and targets[0].duration.kind == "deadline"


def test_an_approval_at_the_end_qualifies_the_first_commitment(analyzer):
    filler = " ".join(f"Paragraph {n} describes the history of the case." for n in range(8))
    text = ("Acme Settles Face Search Case\n\nBOSTON, May 1, 2023 — Acme will stop selling FaceFind to "
            f"private companies. {filler} The settlement still requires approval by the court.\n")
    first = run(analyzer, text).commitments[0]
    assert [c.text for c in first.conditions] == ["still requires approval by the court"]


@pytest.mark.parametrize("second, action, duration", [
    # a switch-off of the same thing, soon after, is the exit said again with its date
    ("On 30 June 2023 we will switch Voice ID off.", "exit", "deadline"),
    # a switch-off of something else stays its own commitment
    ("We will also switch the old hotline off.", "exit", "unspecified"),
])
def test_a_switch_off_restates_an_exit(analyzer, second, action, duration):
    text = f"Acme Retires Voice ID\n\nBOSTON, May 1, 2023 — We are retiring Voice ID at Acme Bank. {second}\n"
    first = run(analyzer, text).commitments[0]
    assert (first.action, first.duration.kind) == (action, duration)


def test_a_definite_mention_before_a_new_trigger_refers_back(analyzer):
    text = ("Acme Suspends FaceFind\n\nBOSTON, May 1, 2023 — Acme is suspending sales of FaceFind. "
            "According to the company, the suspension covers both branded FaceFind and its own store-brand "
            "tablets, and the products are being removed from shelves and from its website.\n")
    report = run(analyzer, text)
    assert [c.action for c in report.commitments] == ["pause"]


@pytest.mark.parametrize("a, b, same", [
    ("eggs", "cage-free shell eggs", True),
    ("Voice ID", "voice id", True),
    ("eggs", "hens", False),
    ("", "eggs", False),  # an empty object names nothing
])
def test_same_thing_is_the_same_head_noun_named_more_or_less_fully(a, b, same):
    from finepr.commitments import _same_thing
    assert _same_thing(a, b) is same


def test_an_exception_far_down_belongs_to_the_only_commitment(analyzer):
    filler = ("Stores were busy this spring. Sales grew. Prices held steady. Staff numbers rose. Tills were new. "
              "Parking was extended. Opening hours did not change. ")
    text = HEAD + ("Acme will stop handing out plastic straws by 2026. " + filler
                   + "Acme stores will continue to offer plastic straws on request to customers who need them.")
    c = run(analyzer, text).commitments[0]
    assert any("continue to offer plastic straws" in s.text for s in c.carve_outs)


def test_an_explicit_exclusion_far_down_belongs_to_the_first_of_several_commitments(analyzer):
    filler = ("Stores were busy this spring. Sales grew. Prices held steady. Staff numbers rose. Tills were new. "
              "Parking was extended. Opening hours did not change. ")
    text = HEAD + ("Acme will stop handing out plastic straws by 2026. Acme will also publish a yearly "
                   "waste report. " + filler + "Straws sold in multipacks are not covered by this change.")
    first = run(analyzer, text).commitments[0]
    assert any("not covered" in s.text for s in first.carve_outs)


@pytest.mark.parametrize("sentence", [
    # the company named before an apposition, far from the speech verb
    "BRADFORD, England — Acme, one of Britain's biggest supermarket chains, said on Wednesday that it "
    "will stop selling energy drinks to children.",
    # "its" opening the sentence is the company's
    "Its 400 stores will stop selling cigarettes by October 2025.",
])
def test_a_news_report_of_the_company_step_is_a_commitment(analyzer, sentence):
    text = ("Acme changes course\n\nBy a staff writer\n\nAcme is a grocery chain based in Leeds that sells "
            "food and drink.\n\n" + sentence + "\n\nCritics said the change did not go far enough.\n")
    assert [c.action for c in run(analyzer, text).commitments] == ["exit"]


def test_a_markdown_heading_qualifies_nothing(analyzer):
    text = HEAD + ("Acme will cut its emissions 40% by 2030.\n\n## What this depends on\n\n"
                   "Acme will build a capture unit at its largest plant.\n")
    c = run(analyzer, text).commitments[0]
    assert not any("depends on" in s.text for s in c.conditions)


@pytest.mark.parametrize("body, action, kind, value", [
    # "until 2 April 2024" ends the six months; it is no deadline of its own
    ("Acme has stopped selling its magnet sets for six months, until 2 April 2024.", "moratorium", "fixed", "P6M"),
    ("Acme has stopped selling its magnet sets until 2 April 2024.", "exit", "deadline", "2024-04-02"),
    # a refusal that lapses on a named day has a fixed term; one that lapses when a law passes does not
    ("Acme will not sell FaceScan to police until December 31, 2024.", "moratorium", "deadline", "2024-12-31"),
    ("Acme will not sell FaceScan to police until a federal law is in place.", "ban", "conditional",
     "until a federal law is in place"),
])
def test_a_stop_for_a_fixed_term_is_a_moratorium(analyzer, body, action, kind, value):
    c = run(analyzer, HEAD + body).commitments[0]
    assert (c.action, c.duration.kind, c.duration.value) == (action, kind, value)


def test_a_restatement_with_no_object_a_few_sentences_on_is_the_same_commitment(rules_analyzer):
    """A blog post's bullet restates the stop four sentences after the lead: one commitment, whose
    scope the bullet gives ('New subscriptions signed from 1 March'). (Rules-only: the blank pipeline
    finds no object in the bullet; the parser finds one, and a stop of another thing is another
    commitment.)"""
    text = ("# We're retiring webcam snapshots in Acme Pulse\n\n"
            "Acme Pulse, our platform for office teams, will stop taking webcam snapshots of employees during the "
            "working day. It has been the change our customers asked for most, and the feature unions ask us about "
            "more than any other.\n\nWe think random camera photos tell a manager almost nothing about anyone's "
            "work. We no longer want to build that.\n\n## What changes\n\n"
            "- New Pulse subscriptions signed from 1 March will not include webcam snapshots.\n")
    commitments = run(rules_analyzer, text).commitments
    assert len(commitments) == 1
    assert any("signed from" in s.text for s in commitments[0].scope)


@pytest.mark.parametrize("later, scope_words", [
    # who is left out, said as the exception's subject: not the commitment's scope
    ("Our 38 stores in Scotland and Northern Ireland are not part of this change.", []),
    # a coverage statement before an exception in another clause is still the scope (its subject
    # names the commitment: core.scope.coverage-restated's phrase)
    ("The change applies only to stores in England: stores in Scotland are not part of it.",
     ["applies only to stores in England"]),
])
def test_scope_words_that_are_an_exception_s_subject_are_not_the_scope(analyzer, later, scope_words):
    text = HEAD + "Acme will stop handing out single-use carrier bags. " + later
    c = run(analyzer, text).commitments[0]
    assert [s.text for s in c.scope] == scope_words
    assert c.carve_outs


@pytest.mark.parametrize("extra, scope_has_children", [
    # scope words inside an exception belong to the exception
    ("Agencies may continue to run face searches to locate missing children.", False),
    ("The ban also covers face searches to locate missing children.", True),
])
def test_scope_words_inside_an_exception_are_not_the_commitments_scope(analyzer, extra, scope_has_children):
    body = ("Acme will not sell its FaceFind facial recognition software to police departments, citing "
            "concerns about biometric surveillance. ")
    c = run(analyzer, HEAD + body + extra).commitments[0]
    assert any("missing children" in s.text for s in c.scope) is scope_has_children
    assert any("missing children" in s.text for s in c.carve_outs) is not scope_has_children


def test_a_stop_said_again_as_a_refusal_of_the_same_thing_is_one_commitment(analyzer):
    text = HEAD + ("Acme will no longer sell your personal data to brokers. Brokers bought it for years. "
                   "Partners keep their contracts. Nothing else changes for you today. "
                   "We will never again sell your personal data.")
    report = run(analyzer, text)
    assert len(report.commitments) == 1
    assert report.commitments[0].duration.kind == "permanent"


@pytest.mark.parametrize("question, kind", [
    # the answer to a question that names the commitment is about it, paragraphs later
    ("Is this change permanent?", "open_ended"),
    # a question about something else: its answer's "for now" is not the commitment's term
    ("Is the app free?", "unspecified"),
])
def test_an_faq_answer_reaches_back_to_the_commitment_its_question_names(analyzer, question, kind):
    text = HEAD + ("Acme no longer uses viewing data to target advertising on its televisions. The update is "
                   "automatic. Your TV does not need an account. Older models never collected the data. "
                   f"Support is available by phone.\n\n{question}\n\nThis is how we are operating for now.")
    assert run(analyzer, text).commitments[0].duration.kind == kind


def test_a_later_sentence_naming_the_object_in_the_singular_carries_the_deadline(analyzer):
    text = (HEAD + "Acme will stop using plastic lids on every one of its yogurt pots.\n\n"
            "- The last plastic lid will leave our dairy no later than 30 June 2025.\n")
    c = run(analyzer, text).commitments[0]
    assert c.object == "plastic lids"
    assert c.duration.kind == "deadline" and c.duration.value == "2025-06-30"


def test_a_report_that_never_names_the_company_beside_the_step_still_has_its_commitment(analyzer):
    # no sentence names the company next to the commitment and nobody else speaks: rather than
    # nothing, the unattributed sentences are read as its voice
    text = ("Energy drink sales to children end at Halford Pharmacy\n\nBy Jo Reed, staff reporter\n\n"
            "Halford Pharmacy runs 310 shops across the region. From 1 May, staff will stop selling energy "
            "drinks to anyone under 16. The rule covers every shop.\n")
    report = run(analyzer, text)
    assert [c.sentence.text.split(",")[0] for c in report.commitments] == ["From 1 May"]


@pytest.mark.parametrize("text, sentences", [
    # only the headline's looser vocabulary ("drop") states the step: better than no commitment
    ("Cafe news\n\nWe drop plastic straws in every cafe from June. Paper straws are free on request.\n",
     ["We drop plastic straws in every cafe from June."]),
    ("Cafe news\n\nThe weather was fine today. Sales rose in June.\n", []),
])
def test_with_no_commitment_the_headline_vocabulary_is_read_in_the_body(analyzer, text, sentences):
    assert [c.sentence.text for c in run(analyzer, text).commitments] == sentences


@pytest.mark.parametrize("mark", ["*", "†", "¹"])
def test_a_footnote_belongs_to_the_commitment_that_carries_its_mark(analyzer, mark):
    filler = "Stores were busy this spring. Sales grew. Prices held steady. Staff numbers rose. "
    text = HEAD + (f"Acme will cut the plastic in its packaging{mark} by 50% by 2030. "
                   "Acme aims to open refill stations in 40 stores by 2027. " + filler
                   + f"\n\n{mark} Excludes sachets under 50 ml, which stay as they are.\n")
    report = run(analyzer, text)
    halve = next(c for c in report.commitments if "packaging" in c.sentence.text)
    assert any("Excludes sachets" in s.text for s in halve.carve_outs)
    others = [c for c in report.commitments if c is not halve]
    assert not any("Excludes sachets" in s.text for c in others for s in c.carve_outs)


@pytest.mark.parametrize("body", [
    "Acme will stop using plastic lids where technically feasible.",
    "Acme will stop using plastic lids wherever practicable.",
])
def test_the_object_ends_where_an_escape_hatch_begins(analyzer, body):
    c = run(analyzer, HEAD + body).commitments[0]
    assert c.object == "plastic lids"
    assert c.modality == "hedged"


@pytest.mark.parametrize("body", [
    "Acme said the pause would last until the end of the year.",
    "Acme told reporters that the suspension will remain in place indefinitely.",
])
def test_a_noun_trigger_that_is_the_subject_takes_no_verb_as_its_object(analyzer, body):
    c = run(analyzer, HEAD + body).commitments[0]
    assert c.action == "pause"
    assert c.object is None


@pytest.mark.parametrize("heading, records", [
    ("## What we mean by plastic-free", 1),  # a heading that asks or labels promises nothing
    ("## We will also stop selling plastic cutlery", 2),
])
def test_a_heading_that_asks_is_no_commitment(analyzer, heading, records):
    text = ("# Acme goes plastic-free\n\n*Posted 12 March 2024*\n\nAcme is phasing out plastic packaging by the end "
            "of 2025.\n\nIt took three years of trials. The first wrappers split on the shelf. A mill in Cumbria "
            "found a better paper. We sell 30 million packs a year.\n\n"
            f"{heading}\n\nThe trays inside our packs are not part of this definition.\n")
    report = run(analyzer, text, path="post.md")
    assert len(report.commitments) == records
    assert report.commitments[-1].carve_outs  # the exception goes to the latest commitment


@pytest.mark.parametrize("second, carved", [
    # what customers already have is an exception only when the text says it carries on
    ("Customers who already use the feature may continue to do so until June.", True),
    ("The change affects products customers already use.", False),
    ("If you continue to use the app after 2 March, you agree to the new terms.", False),  # a supposition
    # what was agreed, or one named thing, goes on as before
    ("Existing supply contracts with two shopping centres will be honoured.", True),
    ("Sales to the company's own security teams will carry on.", True),
    ("Sponsorship of the charity fun run will continue.", True),
    ("Retailers who prefer to keep the scanner can do so.", True),
    ("Retailers already signed up continue under the terms of their original contract.", True),
    ("Sales to shopping centres will move over in a later phase.", True),
    ("Shopping centres affected by the change will remain listed on its website.", True),
    ("Before the change, old scans stayed online for a year.", False),  # what was, not what goes on
    ("Face models already built from store footage will stay in service.", True),
    ("Footage shared with partners remains eligible for review.", True),
])
def test_what_customers_already_have_is_an_exception_only_if_it_goes_on(analyzer, second, carved):
    text = HEAD + f"Acme will stop selling FaceFind to retailers. {second}"
    c = run(analyzer, text).commitments[0]
    assert bool(c.carve_outs) is carved


@pytest.mark.parametrize("body, action", [
    # a price freeze caps what customers pay; the product is still sold
    ("Acme will freeze the shelf price of 300 everyday essentials until January.", "limit"),
    ("Acme will freeze new sign-ups while it reviews the product.", "pause"),
])
def test_a_price_freeze_is_a_limit(analyzer, body, action):
    assert run(analyzer, HEAD + body).commitments[0].action == action


@pytest.mark.parametrize("second, records", [
    # "also" announces another commitment, even on the same thing
    ("Alongside that target, we will also cut emissions per tonne of cement by 55% by 2030.", 2),
    ("We will cut emissions per tonne of cement by 55% by 2030.", 1),
])
def test_also_announces_another_commitment(analyzer, second, records):
    text = HEAD + f"Acme will cut its total emissions by 42% by 2030. {second}"
    assert len(run(analyzer, text).commitments) == records


def test_also_after_a_definite_mention_is_still_another_commitment(analyzer):
    text = HEAD + ("Acme will pause sales of FaceFind to police. "
                   "Alongside the pause, Acme will also stop selling its drones to schools.")
    assert [c.action for c in run(analyzer, text).commitments] == ["pause", "exit"]


@pytest.mark.parametrize("body, action", [
    # switched off until something happens: a stop waiting to be undone, a pause
    ("Acme said the plate readers would remain switched off until a review of its policies is complete.", "pause"),
    ("As of today, Acme has switched the plate readers off in every store.", "ban"),
    # a ceiling on what customers pay: the thing goes on
    ("From March, Acme will never charge a renewing customer more than a new customer.", "limit"),
    ("For games above the threshold, the Acme fee will never be more than 2.5% of revenue.", "limit"),
    ("Acme will never sell the plate readers to police.", "ban"),
])
def test_what_a_stop_means_depends_on_its_end_and_its_object(analyzer, body, action):
    assert run(analyzer, HEAD + body).commitments[0].action == action


@pytest.mark.parametrize("body, action", [
    # people's data just after the trigger, whatever the parse made the object: a practice stopped
    ("Acme will stop selling riders' trip data to brokers.", "ban"),
    ("Acme will no longer sell or share precise location data.", "ban"),
    # data named in another clause is not what is stopped
    ("Acme will stop selling its dashcam after questions about how it stores images.", "exit"),
])
def test_data_just_after_the_trigger_makes_the_stop_a_practice(analyzer, body, action):
    assert run(analyzer, HEAD + body).commitments[0].action == action


@pytest.mark.parametrize("body, action", [
    # a stop that still lets it happen with the user's yes, or only changes the default: a consent change
    ("Acme will no longer share customers' location data with advertisers unless they opt in.", "policy_change"),
    ("From June, Acme will no longer keep audio recordings by default.", "policy_change"),
    ("Screenshot capture is switched off by default in every Acme workspace.", "policy_change"),
    ("Acme will no longer share customers' location data with advertisers.", "ban"),
])
def test_a_stop_that_waits_for_consent_changes_a_default(analyzer, body, action):
    assert run(analyzer, HEAD + body).commitments[0].action == action


def test_a_refusal_right_after_a_pause_says_the_pause_again(analyzer):
    # "has paused X" then, in the next sentence, "will not train on X": one pause, not a pause and a ban
    text = HEAD + ("Acme has paused the use of its UK members' posts to train its AI models. "
                   "In a statement, Acme confirmed that it will not train generative models on data from "
                   "members in the United Kingdom.")
    commitments = run(analyzer, text).commitments
    assert [c.action for c in commitments] == ["pause"]


@pytest.mark.parametrize("label", ["OUR PROMISE", "## The pledge"])
def test_a_section_label_names_a_promise_it_makes_none(analyzer, label):
    text = HEAD + f"Acme is replacing its paper shelf tickets.\n\n{label}\n\nAcme will never use the labels for surge pricing.\n"
    assert [c.action for c in run(analyzer, text).commitments] == ["ban"]


def test_a_hedge_paragraphs_later_still_hedges_but_carries_no_reach(analyzer):
    """'We intend to …' eight sentences on is the company's hedge; a scope after it is not pulled in."""
    filler = ("Stores were busy this spring. Sales grew. Prices held steady. Staff numbers rose. "
              "Rents went up. The weather was mild. ")
    text = HEAD + ("Acme will stop handing out plastic straws. " + filler
                   + "We intend to bring paper straws to every cafe. Coffee is served in all company-operated stores.")
    c = run(analyzer, text).commitments[0]
    assert [h.text for h in c.hedges] == ["intend to"]
    assert not any("company-operated" in s.text for s in c.scope)


def test_a_coverage_statement_four_sentences_on_sets_the_scope(analyzer):
    filler = "Stores were busy this spring. Sales grew. Prices held steady. "
    text = HEAD + ("Acme will stop handing out plastic straws. " + filler
                   + "It applies to every drink on the menu.")
    c = run(analyzer, text).commitments[0]
    assert any("every drink on the menu" in s.text for s in c.scope)


def test_a_term_is_counted_from_where_the_commitment_is_stated(analyzer):
    """A date two sentences after an exception, four after the commitment, is not its term."""
    text = HEAD + ("Acme will stop showing gambling ads to teenagers. The rule covers every ad format. "
                   "Stores were busy this spring. Exception: charity raffles may continue to run ads. "
                   "Campaigns that already target teenagers will be switched off on August 1, 2023.")
    c = run(analyzer, text).commitments[0]
    assert c.duration.kind == "unspecified"


def test_a_place_said_of_an_exception_is_not_the_commitment_s_scope(analyzer):
    """Scope, like a term, reaches back from where the commitment is stated: 'Those stores' two
    exceptions on are the exception's stores."""
    text = HEAD + ("Acme will stop selling glue traps. Stores may still sell the traps they already hold. "
                   "Franchise stores may continue to sell them until June. "
                   "Those stores are mostly in the United States.")
    c = run(analyzer, text).commitments[0]
    assert not any("United States" in s.text for s in c.scope)


def test_the_day_a_stop_takes_effect_is_its_term_in_the_next_sentence(analyzer):
    """'… is discontinuing Friend Radar. On 15 January 2024 the map will be removed': the shutdown
    day need not name the thing the same way."""
    text = HEAD + ("Acme is discontinuing Friend Radar. "
                   "On 15 January 2024 the map will be removed from the app.")
    c = run(analyzer, text).commitments[0]
    assert (c.action, c.duration.kind, c.duration.value) == ("exit", "deadline", "2024-01-15")


def test_a_side_promise_s_date_is_not_the_term(analyzer):
    text = HEAD + ("Acme will stop selling PulseBoard to police agencies. "
                   "We will publish a short report on this change by 31 January 2024.")
    c = run(analyzer, text).commitments[0]
    assert c.duration.kind == "unspecified"


@pytest.mark.parametrize("body, action", [
    ("Acme will stop making new profiles searchable automatically.", "policy_change"),
    ("Acme will no longer treat a phone number as agreement to receive marketing calls.", "policy_change"),
    ("Acme will stop placing new customers on its standard tariff by default for twelve years.", "policy_change"),
    ("Acme will stop making new profiles searchable.", "ban"),
])
def test_a_stop_of_what_happens_without_asking_is_a_default_change(analyzer, body, action):
    report = run(analyzer, HEAD + body)
    assert report.commitments[0].action == action


@pytest.mark.parametrize("earlier, past", [
    # a step already taken, dated in the past, is background to the news
    ("Last year Acme stopped offering sugary drinks in its meal deals. ", True),
    ("In 2019 Acme stopped selling sweets at its checkouts. ", True),
    # the news itself, reported, and a step with no date, stay commitments
    ("Acme said in 2019 that it had stopped offering sugary drinks in its meal deals. ", False),
    ("Acme stopped offering sugary drinks in its meal deals. ", False),
])
def test_a_step_dated_in_the_past_is_background(analyzer, earlier, past):
    report = run(analyzer, HEAD + earlier + "From 1 September Acme will refuse to sell energy drinks to anyone under 16.",
                 published=dt.date(2023, 7, 12))
    actions = [c.action for c in report.commitments]
    assert ("exit" not in actions) is past


@pytest.mark.parametrize("about, attached", [
    ("\n\nAbout Acme\n\nAcme makes cameras for shops and stations in nine countries.\n", True),
    ("", False),
])
def test_a_release_s_late_exception_is_its_one_commitment_s(analyzer, about, attached):
    """A release that names itself and carries an About section is the company's own text: an
    exception paragraphs after its one commitment belongs to it, though no sentence says 'we'."""
    filler = " ".join(f"Cameras were installed in town {n} last spring." for n in
                      ("one", "two", "three", "four", "five", "six", "seven"))
    text = (HEAD + "Acme Vision today announced that it will not sign new contracts for FaceFind with police "
            "forces.\n\n" + filler + "\n\nExisting agreements will run to term." + about)
    carve_outs = [s.text for c in run(analyzer, text).commitments for s in c.carve_outs]
    assert any("run to term" in t for t in carve_outs) is attached


def test_a_sentence_about_the_policy_named_before_says_what_it_is(analyzer):
    """'the new rule' makes a policy change; 'Under the new rule, cashiers will refuse to sell …' says
    that rule is a refusal."""
    text = (HEAD + "Acme's chief executive told reporters the new rule was the obvious next step. "
            "Under the new rule, from 1 September cashiers will refuse to sell energy drinks to anyone under 16.")
    assert [c.action for c in run(analyzer, text).commitments] == ["ban"]


def test_a_breadcrumb_makes_no_commitment(analyzer):
    # "Advertising policies" in a page's breadcrumb names a policy, it changes none
    text = ("# Ripplecast ends political advertising\n\n**Ripplecast Help Center › Advertising policies › Updates**\n"
            "*Last updated: 12 February 2024*\n\nAdvertising is how most shows get paid.\n\n## What is changing\n\n"
            "Starting 1 March 2024, we are pausing political ads in the United States. The pause will last until "
            "we can verify who pays for them.\n\nFor this policy, a **political ad** is an ad that promotes a "
            "candidate for public office.\n")
    report = run(analyzer, text, "notice.md")
    assert [c.action for c in report.commitments] == ["pause"]


@pytest.mark.parametrize("question", ["**Why not switch everyone off?**", "_Will we stop selling it?_"])
def test_a_question_in_markup_commits_to_nothing(analyzer, question):
    text = ("# Notewright changes how it trains its AI\n\nFrom 1 May, notes are used for training only if you opt in.\n\n"
            f"{question}\n\nBecause some teams asked to keep it on.\n")
    report = run(analyzer, text, "notice.md")
    assert not any(question.strip("*_") in c.sentence.text for c in report.commitments)


@pytest.mark.parametrize("body, scope", [
    # an apposition to the company's name says who the company is, not what it commits to
    ("Hartwell Garden, which runs 62 garden centres in England and Wales, said on Thursday that it will stop "
     "selling peat compost.", []),
    ("Hartwell Garden will stop selling peat compost in England and Wales.", ["in England"]),
])
def test_a_place_in_the_apposition_to_the_company_is_no_scope(rules_analyzer, body, scope):
    c = run(rules_analyzer, HEAD + body).commitments[0]
    assert [s.text for s in c.scope] == scope


@pytest.mark.parametrize("second, attached", [
    # a pronoun that opens the sentence points back to the commitment ...
    ("That covers the shops in Wales.", True),
    ("From that date, it applies in Wales too.", True),
    # ... further on it is a conjunction or the company's background
    ("Its founder said that trade in Wales has been slow.", False),
])
def test_a_pronoun_refers_a_scope_back_only_where_it_opens_the_sentence(rules_analyzer, second, attached):
    text = HEAD + "Acme will stop selling disposable barbecues. " + second + "\n"
    c = run(rules_analyzer, text).commitments[0]
    assert any("Wales" in s.text for s in c.scope) == attached


def test_the_deck_under_the_title_scopes_nothing(rules_analyzer):
    text = ("Acme ends disposable barbecues\n\nThe change covers every shop in Wales and Cornwall\n\n"
            "BOSTON, May 1, 2023 — Acme will stop selling disposable barbecues.\n")
    c = run(rules_analyzer, text).commitments[0]
    assert not [s.text for s in c.scope if "Wales" in s.text]


def test_a_hedge_reaches_the_commitment_stated_last_not_the_one_made_last(rules_analyzer):
    """A first promise said again after a second one: the hedge that follows qualifies it."""
    filler = ("Stores were busy this spring. Sales grew. Prices held steady. Staff numbers rose. "
              "Rents went up. The weather was mild. Parking was free. Queues were short. Bread sold out. "
              "Tills were replaced. Lights were fixed. ")
    text = HEAD + ("Acme will stop selling plastic straws. Acme will also stop selling helium balloons. " + filler
                   + "Acme will stop selling plastic straws in every cafe as well. Stock was counted. "
                   + "We intend to bring paper straws to every cafe.")
    report = run(rules_analyzer, text)
    assert any(h.text == "intend to" for c in report.commitments for h in c.hedges)


@pytest.mark.parametrize("sentence, hedge", [
    ("Acme will phase out gas boilers in its depots by 2030 where the old pipework allows it.", "where the old pipework allows"),
    ("Acme will stop selling plastic lids where good substitutes exist.", "where good substitutes exist"),
])
def test_a_circumstance_the_company_judges_hedges_the_commitment(rules_analyzer, sentence, hedge):
    c = run(rules_analyzer, HEAD + sentence).commitments[0]
    assert [h.text for h in c.hedges] == [hedge]


def test_a_hedge_a_dozen_sentences_on_still_hedges(rules_analyzer):
    filler = ("Stores were busy this spring. Sales grew. Prices held steady. Staff numbers rose. "
              "Rents went up. The weather was mild. Parking was free. Queues were short. Bread sold out. "
              "Tills were replaced. ")
    text = HEAD + "Acme will stop handing out plastic straws. " + filler + "We plan to bring paper cups to every cafe."
    c = run(rules_analyzer, text).commitments[0]
    assert [h.text for h in c.hedges] == ["We plan to"]


@pytest.mark.parametrize("body, action", [
    # a quantity cap on a sale that goes on
    ("From 5 May, Acme will sell no more than two packs of lighter gas to any customer.", "limit"),
    ("Shoppers at Acme may buy no more than three bags of flour per visit.", "limit"),
])
def test_no_more_than_a_number_is_a_cap(rules_analyzer, body, action):
    assert run(rules_analyzer, HEAD + body).commitments[0].action == action


@pytest.mark.parametrize("question, scope", [
    # an FAQ that asks who is covered answers with the reach, however many answers on
    ("Who does this cover?", True),
    ("Which accounts are affected?", True),
    # a question about something else: its answer says nothing about the reach
    ("Who asked for this?", False),
])
def test_the_answer_to_who_is_covered_is_the_scope(rules_analyzer, question, scope):
    filler = ("Why now?\nStores were busy this spring. Sales grew. Prices held steady.\n\n"
              "Will prices rise?\nNo. Prices held steady all year.\n\n")
    text = (HEAD + "Acme will stop selling customers' browsing data to advertisers.\n\n" + filler
            + question + "\nEvery customer on a monthly data plan.")
    c = run(rules_analyzer, text).commitments[0]
    assert any("monthly data plan" in s.text for s in c.scope) == scope


@pytest.mark.parametrize(("body", "expected"), [
    # a condition in the company's voice, after its clause, long before the first commitment is
    # still that commitment's (docs/annotation.md §2.3: conditions on any commitment)
    ("We never share a member's route history unless a court compels us. Our clubs have grown fast. "
     "Riders ask about privacy every week. Acme will stop selling ride data to insurers.",
     ["unless a court compels us"]),
    # opening its sentence, it sets a scene rather than qualifying a clause: not carried that far
    ("Provided the pilot goes well, the depot gets solar panels. Our clubs have grown fast. "
     "Riders ask about privacy every week. Acme will stop selling ride data to insurers.", []),
])
def test_an_early_condition_reaches_the_first_commitment(analyzer, body, expected):
    c = run(analyzer, HEAD + body).commitments[0]
    assert [s.text for s in c.conditions] == expected


@pytest.mark.parametrize(("body", "expected"), [
    # the user's own switch is reported as a condition but not weighed in the verdict
    ("Acme will stop selling ride data to insurers. If you turn on Club Offers, we share your town with partners.",
     True),
    ("Acme will stop selling ride data to insurers unless a court compels us.", False),
])
def test_a_user_switch_is_reported_but_unweighed(analyzer, body, expected):
    c = run(analyzer, HEAD + body).commitments[0]
    assert c.conditions
    assert all(((s.start, s.end) in c.unweighed) == expected for s in c.conditions)


def test_only_where_is_reported_but_unweighed(analyzer):
    c = run(analyzer, HEAD + "Acme will stop selling ride data to insurers only where a rider has asked us to.").commitments[0]
    only = [s for s in c.conditions if s.text.startswith("only where")]
    assert only and all((s.start, s.end) in c.unweighed for s in only)


def test_a_modal_if_about_the_company_is_reported_but_unweighed(analyzer):
    c = run(analyzer, HEAD + "Acme would withdraw the app from the market if it were ever forced to weaken its encryption.").commitments[0]
    cond = [s for s in c.conditions if "if it were" in s.text]
    assert cond and all((s.start, s.end) in c.unweighed for s in cond)


@pytest.mark.parametrize("body, background", [
    # recipients named a sentence later are who got the data before, not who the stop covers
    ("Acme will stop selling location data of its users to data brokers, to protect their privacy. It also "
     "shared the data with advertising partners until last year.", "advertising partners"),
    # "new investments" sentences later is where the money goes, not what the policy covers
    ("Acme will not finance new thermal coal mines or coal-fired power plants, as part of its net zero and "
     "emissions goals. This year the bank put its new investments into wind farms.", "new investments"),
    # a fossil-fuel segment named in the next sentence is background, not what the policy covers
    ("Acme Bank will stop financing new oil and gas fields by 2030, as part of its net zero and emissions "
     "goals. That matters because thermal coal still makes up a fifth of its energy lending.", "thermal coal"),
    # a cap is not the commitment's reach
    ("Acme will delete voice recordings after 30 days. Storage is limited to 40 clips a day.",
     "limited to"),
    # "which include" describes the noun before it
    ("Acme will delete the old visit logs, which include the dates of each visit.", "include"),
])
def test_background_words_are_not_the_commitment_s_scope(rules_analyzer, body, background):
    report = run(rules_analyzer, HEAD + body)
    assert report.commitments
    assert not any(background in s.text for c in report.commitments for s in c.scope)


@pytest.mark.parametrize(("later", "expected"), [
    # a statement of coverage whose subject is the commitment, paragraphs on: the first commitment's scope
    ("It applies across all of our 40 shops and the website.", "all of our 40 shops"),
    ("The ban also covers every refill sold at our market stalls.", "every refill sold"),
    # a coverage statement about something else is not the commitment's
    ("The fee covers the cost of delivery.", None),
])
def test_a_coverage_statement_paragraphs_on_gives_the_first_commitment_its_scope(analyzer, later, expected):
    text = HEAD + ("Acme will stop selling disposable vapes. Customers asked us why. Riders wrote to us. "
                   "Our staff agreed. Parents wrote in. Teachers did too. " + later)
    c = run(analyzer, text).commitments[0]
    found = [s.text for s in c.scope if expected is None or expected in s.text]
    assert bool(found) == (expected is not None)
