"""Omissions: domain detection, checklists, what counts as addressed, undefined qualifiers."""
from __future__ import annotations

import pytest

from conftest import run

RELEASE = "Acme Update\n\nBOSTON, May 1, 2023 — {body}\n"
POLICE = ("Acme will not sell its face recognition software to police departments. "
          "Acme believes biometric surveillance needs rules. {extra}")


def dims(report):
    return {o.dimension for o in report.omissions}


def test_surveillance_checklist_applies_to_a_surveillance_text(analyzer):
    report = run(analyzer, RELEASE.format(body=POLICE.format(extra="")))
    assert report.domains == ["surveillance"]
    assert {"federal-agencies", "immigration-enforcement", "military"} <= dims(report)
    federal = next(o for o in report.omissions if o.dimension == "federal-agencies")
    assert federal.evidence.text == "to police departments" and federal.severity == "major"


def test_immigration_agencies_left_out_of_a_police_stop_count_against_it(analyzer):
    report = run(analyzer, RELEASE.format(body=POLICE.format(extra="")))
    assert next(o for o in report.omissions if o.dimension == "immigration-enforcement").severity == "minor"
    said = run(analyzer, RELEASE.format(body=POLICE.format(extra="Immigration agencies are covered too.")))
    assert "immigration-enforcement" not in dims(said)


@pytest.mark.parametrize("extra, gone", [
    ("The same rule applies to federal agencies such as ICE and the FBI.", "federal-agencies"),
    ("Existing contracts will end within 30 days.", "existing-customers"),
])
def test_a_dimension_the_text_addresses_is_not_an_omission(analyzer, extra, gone):
    assert gone in dims(run(analyzer, RELEASE.format(body=POLICE.format(extra="")))) 
    assert gone not in dims(run(analyzer, RELEASE.format(body=POLICE.format(extra=extra))))


def test_verification_of_a_target(analyzer):
    body = "Acme pledges to cut the water its plants use by half by 2030."
    assert "verification" in dims(run(analyzer, RELEASE.format(body=body)))
    body += " An independent auditor will verify progress each year."
    assert "verification" not in dims(run(analyzer, RELEASE.format(body=body)))


def test_boilerplate_does_not_address_anything(analyzer):
    text = RELEASE.format(body=POLICE.format(extra="")) + (
        "\nAbout Acme\nAcme serves federal agencies, police and businesses in 40 countries.\n")
    assert "federal-agencies" in dims(run(analyzer, text))


@pytest.mark.parametrize("body", [
    # workplace monitoring and camera systems are surveillance too
    "Acme will stop taking screenshots and logging keystrokes on home workers' laptops; the webcam "
    "checks end as well.",
    "The council will switch off the CCTV cameras that scan faces at the canteen tills.",
])
def test_monitoring_texts_are_surveillance(analyzer, body):
    assert "surveillance" in run(analyzer, RELEASE.format(body=body)).domains


def test_other_domains_stay_off(analyzer):
    report = run(analyzer, RELEASE.format(body="Acme will phase out plastic bags in its stores by 2025."))
    assert "surveillance" not in report.domains
    assert not any(o.rule.startswith("surveillance.") for o in report.omissions)


@pytest.mark.parametrize("body, omitted", [
    ("Acme no longer offers general purpose face recognition software.", True),
    ("Acme no longer offers general purpose face recognition software, defined as any product sold "
     "without a custom contract.", False),
])
def test_undefined_qualifier(analyzer, body, omitted):
    assert ("definitions" in dims(run(analyzer, RELEASE.format(body=body)))) is omitted


@pytest.mark.parametrize("body, expected", [
    ("Acme is pausing sales of FaceFind to police for one year.", True),
    ("Acme is pausing sales of FaceFind to police for one year. When the pause ends, the board will "
     "review whether to make it permanent.", False),
    ("Acme will permanently stop selling FaceFind to police.", False),
    # an exit is meant to be final, "for now" or not: no term to ask about
    ("Acme will stop selling FaceFind for now.", False),
    ("Acme will not sell FaceFind to police for now.", True),
    # a pause is temporary by nature, even with no term stated
    ("Acme is pausing sales of FaceFind to police.", True),
    ("Acme has paused its FaceFind pilot with police.", True),
    ("Acme is pausing sales of FaceFind to police. When the pause ends, the board will review it.", False),
    # the end asked about is the headline commitment's, not a side promise's
    ("Acme will permanently stop selling FaceFind to police. It is also pausing its school pilot for six "
     "months.", False),
])
def test_end_of_term_only_for_temporary_commitments(analyzer, body, expected):
    assert ("end-of-term" in dims(run(analyzer, RELEASE.format(body=body)))) is expected


def test_affiliates_name_the_sibling_product(rules_analyzer):
    text = ("Amazon pauses police use of Rekognition\n\nSEATTLE, June 1, 2020 — Amazon will pause police use "
            "of Amazon Rekognition, its face recognition service, for one year.\n")
    other = next(o for o in run(rules_analyzer, text).omissions if o.dimension == "other-products")
    assert "Ring" in other.message


@pytest.mark.parametrize("body, missing", [
    ("Acme will cut its emissions 50% by 2035.", True),
    ("Acme will cut its emissions 50% by 2035, with a first cut of 20% in 2027.", False),
    ("Acme will cut its emissions 50% by 2026.", False),  # not long-dated
    # a year that states no level is not a step toward the target
    ("Acme will cut its emissions 50% by 2035. It will report progress starting with its 2027 report.", True),
    ("Acme will cut its emissions 50% by 2035. All new company cars will be electric from 2027.", True),
])
def test_interim_milestones_for_a_long_dated_target(analyzer, body, missing):
    assert ("interim-milestones" in dims(run(analyzer, RELEASE.format(body=body)))) is missing


@pytest.mark.parametrize("body, evidence", [
    ("Acme will stop showing ads based on sensitive topics.", "sensitive"),
    ("Acme will stop showing ads based on sensitive topics, such as health, religion and politics.", None),
    # a refillable jar is a kind of jar, not a word whose reach is up for definition
    ("Acme will sell every moisturiser in a refillable glass jar by 2026.", None),
])
def test_an_elastic_word_left_undefined_is_cited(analyzer, body, evidence):
    found = [o for o in run(analyzer, RELEASE.format(body=body)).omissions if o.rule == "core.elastic-term"]
    assert [o.evidence.text for o in found] == ([evidence] if evidence else [])


@pytest.mark.parametrize("body, omitted", [
    ("Acme will phase out coal power at its plants by 2040.", True),   # 17 years out
    ("Acme will phase out coal power at its plants by 2026.", False),  # 3 years out: no milestones needed
])
def test_interim_milestones_only_for_distant_deadlines(analyzer, body, omitted):
    assert ("interim-milestones" in dims(run(analyzer, RELEASE.format(body=body)))) is omitted


@pytest.mark.parametrize("place, omitted", [
    ("in Ohio", True),
    ("in the UK, where the Home Office sets the rules", False),  # no FBI or ICE to leave out
])
def test_us_agencies_are_asked_about_only_outside_british_or_european_texts(analyzer, place, omitted):
    body = f"Acme will not sell its face recognition surveillance software to police departments {place}."
    assert ("federal-agencies" in dims(run(analyzer, RELEASE.format(body=body)))) is omitted


@pytest.mark.parametrize("body, omitted", [
    ("Acme will restrict how advertisers can use a teenager's age to target ads.", True),
    ("Acme will prohibit police departments from using its face recognition software.", True),
    # the company's own stop binds nobody else: nothing to enforce
    ("Acme will no longer sell location data to advertisers.", False),
    ("Acme will stop selling energy drinks to customers under 16.", False),
])
def test_enforcement_only_for_a_rule_on_what_others_may_do(analyzer, body, omitted):
    assert ("enforcement" in dims(run(analyzer, RELEASE.format(body=body)))) is omitted


@pytest.mark.parametrize("company, severity", [
    ("Amazon", "minor"),  # the surveillance pack knows Amazon also owns Ring
    ("Acme", "info"),     # whether Acme has sibling products is not in the text: a note
])
def test_other_products_is_an_omission_only_when_siblings_are_known(analyzer, company, severity):
    body = f"{company} will pause police use of {company} FaceFind, its face recognition software, for a year."
    report = run(analyzer, RELEASE.format(body=body))
    assert {o.severity for o in report.omissions if o.dimension == "other-products"} == {severity}


@pytest.mark.parametrize("body, omitted", [
    ("Lark will no longer use customer messages to train its AI models, a privacy change for user data and personal information.", True),
    ("Lark will no longer use customer messages to train its AI models, a privacy change for user data and personal information; "
     "an external auditor will check it every year.", False),
])
def test_a_data_promise_nobody_checks_lacks_verification(analyzer, body, omitted):
    assert ("verification" in dims(run(analyzer, RELEASE.format(body=body)))) is omitted


@pytest.mark.parametrize("extra, omitted", [
    ("Existing contracts continue until they expire.", True),   # the contracts' end, not the pause's
    ("When the pause ends, the board will review it.", False),
])
def test_end_of_term_is_addressed_only_by_the_commitments_own_end(analyzer, extra, omitted):
    body = f"Acme is pausing sales of its face recognition surveillance scanner to police for now. {extra}"
    assert ("end-of-term" in dims(run(analyzer, RELEASE.format(body=body)))) is omitted


@pytest.mark.parametrize("remark, omitted", [
    # a critic noting the gap does not fill it
    ("Analysts said the company gave few details about how much it would rely on carbon credits.", True),
    ("The company said carbon credits will cover no more than 10% of its emissions.", False),
])
def test_a_remark_that_something_is_missing_addresses_nothing(analyzer, remark, omitted):
    body = f"Acme will be carbon neutral by 2035 and will cut greenhouse gas emissions at its plants. {remark}"
    assert ("offsets" in dims(run(analyzer, RELEASE.format(body=body)))) is omitted


RETAILERS = "Acme will stop selling its face search tool to retailers. {remark}"


@pytest.mark.parametrize("remark, dimension, question", [
    # the text's own remark names the dimension, whether or not the checklist's `when` holds
    ("The company did not say whether federal agencies could still buy it.", "federal-agencies",
     "whether federal agencies could still buy it"),
    ("It has not said how long it keeps the photos shoppers upload.", "data-retention",
     "how long it keeps the photos shoppers upload"),
    # several questions after one cue, each under its own dimension
    ("Acme did not say whether the decision covers its other products, or how it would audit resellers.",
     "other-products", "whether the decision covers its other products"),
    ("Acme did not say whether the decision covers its other products, or how it would audit resellers.",
     "verification", "how it would audit resellers"),
    ("It did not say whether the ban would be extended past June.", "end-of-term",
     "whether the ban would be extended past June"),
    ("It did not say how compliance would be checked.", "verification", "how compliance would be checked"),
    ("It did not say which tools it classes as face search.", "definitions",
     "which tools it classes as face search"),
    ("It did not say what happens to current policyholders at renewal.", "existing-clients",
     "what happens to current policyholders at renewal"),
    ("It did not say what would happen to orders from companies already in the program.", "existing-customers",
     "what would happen to orders from companies already in the program"),
    ("It did not say how a retailer who misuses the tool would be detected.", "enforcement",
     "how a retailer who misuses the tool would be detected"),
    ("It did not say whether it would publish results.", "verification", "whether it would publish results"),
    ("It did not say what would have to change for that to happen.", "end-of-term",
     "what would have to change for that to happen"),
    # who checks, measures or reports the result; where a term's edge lies; what happens when the
    # term is up; past customers; data collected; other places: each its own dimension, not "open"
    ("It did not say who would check its figures.", "verification", "who would check its figures"),
    ("It did not say how the result will be measured.", "verification", "how the result will be measured"),
    ("It did not say how it would treat stores that rent the tool.", "definitions",
     "how it would treat stores that rent the tool"),
    ("It did not say what would happen when the two years are up.", "end-of-term",
     "what would happen when the two years are up"),
    ("It did not say whether it would contact past customers.", "existing-customers",
     "whether it would contact past customers"),
    ("It did not say what will happen to the faces collected in the trial.", "data-retention",
     "what will happen to the faces collected in the trial"),
    ("It did not say whether the change would also apply in Canada.", "geography",
     "whether the change would also apply in Canada"),
    ("It did not say whether its distributors would keep selling the tool.", "resellers",
     "whether its distributors would keep selling the tool"),
    ("It did not say whether the ban would extend to its camera apps.", "other-products",
     "whether the ban would extend to its camera apps"),
    ("It did not say how it would handle emissions left over in 2040.", "offsets",
     "how it would handle emissions left over in 2040"),
    ("It did not say whether emissions in its supply chains count.", "scope-3",
     "whether emissions in its supply chains count"),
    # a sibling product the text says the company also sells; a check on others' conduct; what
    # follows the end; buyers or loans already in place
    ("It did not say whether the kiosks, which it also sells, are covered.", "other-products",
     "whether the kiosks, which it also sells, are covered"),
    ("It did not say how it would check that stores turn the tool off.", "enforcement",
     "how it would check that stores turn the tool off"),
    ("It did not say what would happen afterwards.", "end-of-term", "what would happen afterwards"),
    ("It did not say what happens to shops already using the tool.", "existing-customers",
     "what happens to shops already using the tool"),
    ("It did not say whether credit lines already made to the chain stay open.", "existing-clients",
     "whether credit lines already made to the chain stay open"),
    # a question no item claims is listed as it stands
    ("A spokesman declined to say how many stores use the tool today.", "open-question",
     "how many stores use the tool today"),
])
def test_a_question_the_text_reports_open_is_an_omission(analyzer, remark, dimension, question):
    report = run(analyzer, RELEASE.format(body=RETAILERS.format(remark=remark)))
    found = [o for o in report.omissions if o.dimension == dimension]
    assert found and found[0].evidence.text == question and found[0].severity != "info"
    assert question in found[0].message


@pytest.mark.parametrize("remark, reads", [
    # a question word alone at the end asks about the clause before the cue
    ("Acme said a small number of stores would keep the tool but did not say which.",
     "which — a small number of stores would keep the tool"),
    # not in the middle of a list of questions: "when, or whether, …" asks the rest
    ("The company did not say when, or whether, it would bring the tool back.", None),
])
def test_a_bare_question_word_asks_about_the_clause_before(analyzer, remark, reads):
    report = run(analyzer, RELEASE.format(body=RETAILERS.format(remark=remark)))
    messages = [o.message for o in report.omissions if o.dimension == "open-question"]
    if reads:
        assert any(reads in m for m in messages)
    else:
        assert not any("— The company" in m for m in messages)


def test_scans_already_on_file_are_data_already_collected(analyzer):
    remark = "It did not say what would happen to the scans already on file."
    report = run(analyzer, RELEASE.format(body=POLICE.format(extra=remark)))
    found = [o for o in report.omissions if o.dimension == "data-retention"]
    assert found and found[0].evidence.text == "what would happen to the scans already on file"


@pytest.mark.parametrize("remark", [
    "The company did not say the tool would be withdrawn from shops.",  # a denial, not a question
    "The company said 40 stores use the tool today.",
    "Acme said federal agencies were never customers.",
])
def test_no_reported_question_no_reported_omission(analyzer, remark):
    report = run(analyzer, RELEASE.format(body=RETAILERS.format(remark=remark)))
    assert not any(o.dimension in ("open-question", "federal-agencies") for o in report.omissions)


def test_the_texts_own_remark_replaces_the_checklists_line(analyzer):
    remark = "The company did not say whether federal agencies can still buy it."
    report = run(analyzer, RELEASE.format(body=POLICE.format(extra=remark)))
    federal = [o for o in report.omissions if o.dimension == "federal-agencies"]
    assert len(federal) == 1
    assert "whether federal agencies can still buy it" in federal[0].message
    assert federal[0].severity == "major"  # the checklist's severity stays


@pytest.mark.parametrize("body, dimension", [
    ("Acme will not sell its face recognition surveillance software to police departments in the United States.",
     "foreign-governments"),
    ("Acme will restrict how advertisers can use a teenager's age to target ads.", "enforcement"),
    ("Acme Bank will no longer provide project financing for new thermal coal mines or coal-fired power plants, "
     "as part of its climate policy to cut emissions.", "existing-clients"),
    ("Acme Bank will no longer provide project financing for new thermal coal mines or coal-fired power plants, "
     "as part of its climate policy to cut emissions.", "financed-emissions"),
])
def test_checks_annotators_rarely_ask_are_notes_for_the_reader(analyzer, body, dimension):
    # reported, not counted as omissions: annotators named each in few of the documents where it applied
    report = run(analyzer, RELEASE.format(body=body))
    assert {o.severity for o in report.omissions if o.dimension == dimension} == {"info"}


@pytest.mark.parametrize("body, expected", [
    # a bare "in its stores" is no scope limit, but the website can still sell the product
    ("Pennyway will stop selling crib bumpers in its stores next month, after shoppers complained.", ["online-vs-stores"]),
    ("Pennyway will stop selling crib bumpers in its stores and online next month, after shoppers complained.", []),
    ("Pennyway will stop selling crib bumpers in its 40 stores next month, after shoppers complained.", ["online-vs-stores"]),
])
def test_store_only_sales_ask_about_online(analyzer, body, expected):
    report = run(analyzer, RELEASE.format(body=body))
    found = [o.dimension for o in report.omissions if o.dimension == "online-vs-stores"]
    assert found == expected


def test_one_dimension_is_asked_once(analyzer):
    """Two packs' items on the same dimension give one omission, at the sharper severity."""
    body = ("Pennyway will stop selling crib bumpers in its 40 stores, taking them from its shelves next month, "
            "after shoppers complained.")
    report = run(analyzer, RELEASE.format(body=body))
    dims = [o.dimension for o in report.omissions]
    assert len(dims) == len(set(dims))


@pytest.mark.parametrize("headline, asked", [
    # a side promise under another headline is not asked about suppliers' emissions...
    ("Acme Will Phase Out Plastic Bottles by 2027", False),
    # ...the headline's own target is
    ("Acme Sets a Net Zero Goal for 2040", True),
])
def test_scope_3_is_asked_of_the_headline_commitment(analyzer, headline, asked):
    body = ("Acme will phase out plastic bottles across its drinks range by 2027. Acme also aims to reach "
            "net zero greenhouse gas emissions by 2040, cutting the carbon footprint of its factories.")
    text = f"{headline}\n\nBOSTON, May 1, 2023 — {body}\n"
    assert ("scope-3" in dims(run(analyzer, text))) is asked


@pytest.mark.parametrize("extra, expected", [
    ("", True),
    # a text that says it will look at the pause again says what happens when it ends
    ("We plan to review it in 2025, and we will tell customers before anything changes.", False),
])
def test_a_review_of_the_term_addresses_its_end(analyzer, extra, expected):
    body = "Acme is pausing sales of its scanner to police for now. " + extra
    assert ("end-of-term" in dims(run(analyzer, RELEASE.format(body=body)))) is expected


@pytest.mark.parametrize("body, missing", [
    ("Pellfern Mail will turn on end-to-end encryption for Pellfern Premium subscribers, protecting "
     "user data and privacy in every message.", True),
    # "free and paid … alike" names the free users: the text addresses them
    ("Pellfern Mail will turn on end-to-end encryption for Pellfern Premium subscribers, protecting "
     "user data and privacy in every message. The change reaches free and paid accounts alike.", False),
    ("Pellfern Mail will turn on end-to-end encryption for Pellfern Premium subscribers, protecting "
     "user data and privacy in every message. It also applies to people using our free app.", False),
])
def test_paid_vs_free_addressed_by_naming_free_users(analyzer, body, missing):
    assert ("paid-vs-free" in dims(run(analyzer, RELEASE.format(body=body)))) is missing


@pytest.mark.parametrize("body, missing", [
    ("Tarrowden Bank will be net zero by 2040 across its lending, cutting greenhouse gas emissions "
     "from its branches and offices.", True),
    # any company has clients: the word alone does not make a financial firm's pledge
    ("Tarrowden Logistics will be net zero by 2040 for its clients, cutting greenhouse gas emissions "
     "from its lorries and depots.", False),
])
def test_financed_emissions_asked_of_a_financial_pledge(analyzer, body, missing):
    assert ("financed-emissions" in dims(run(analyzer, RELEASE.format(body=body)))) is missing
