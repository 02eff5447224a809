"""Records: what a finished commitment reports as its scope, conditions and exceptions."""
from __future__ import annotations

import pytest

from conftest import run

HEAD = "Acme Update\n\nBOSTON, May 1, 2023 — "


@pytest.mark.parametrize("second, scope", [
    # a threshold inside a coverage statement is the condition, annotated once (docs/annotation.md §2.3)
    ("The policy applies to companies that earn more than 30% of their revenue from coal.", []),
    ("The ban covers any can holding more than 150mg of caffeine per litre.", []),
    # a coverage statement with no threshold in it stays scope
    ("The rule covers drinks sold in our cafés.", ["covers drinks sold in our cafés"]),
])
def test_a_threshold_in_a_coverage_statement_is_a_condition_not_scope(rules_analyzer, second, scope):
    c = run(rules_analyzer, HEAD + "Acme will stop selling energy drinks and coal insurance. " + second).commitments[0]
    assert [s.text for s in c.scope] == scope


@pytest.mark.parametrize("second, value", [
    # the sentence after the commitment says by when it is done: that deadline is its term (§2.2)
    ("The last units will be cleared from its shops by 30 June 2023.", "2023-06-30"),
    ("Every heater will be gone from the website no later than 31 August 2023.", "2023-08-31"),
    ("On 31 July 2023 our stores will stop taking orders for spare wicks.", "2023-07-31"),
    # a promise added beside it keeps its own date
    ("The firm has also pledged to plant 5,000 trees by 2030.", None),
    # a side promise's date is not the term
    ("It will publish a short progress note by 30 June 2023.", None),
])
def test_a_deadline_in_the_next_sentence_is_the_commitments_term(rules_analyzer, second, value):
    report = run(rules_analyzer, "Acme to stop selling paraffin heaters\n\nBOSTON, May 1, 2023 — "
                 "Acme will stop selling paraffin heaters. " + second)
    main = next(c for c in report.commitments if c.id == report.gap.commitment)
    assert main.duration.value == value


@pytest.mark.parametrize("later, kind", [
    # a later sentence in the company's voice that names the thing again and says it is permanent
    # gives the headline's commitment its term (docs/annotation.md §2.2)
    ("Patio heaters are leaving our garden departments for good.", "permanent"),
    ("We have taken the patio heaters off sale permanently.", "permanent"),
    # a question, or somebody else's wish, is not the company's term
    ("Are patio heaters gone for good?", "unspecified"),
    ("One customer said the heaters should go permanently.", "unspecified"),
])
def test_a_later_permanent_statement_about_the_thing_gives_the_term(rules_analyzer, later, kind):
    text = (HEAD + "Acme will not sell gas patio heaters in its stores. Customers had asked about "
            "the running costs. Staff were consulted over the winter. The shelf space goes to "
            "garden furniture. " + later)
    main = run(rules_analyzer, text).commitments[0]
    assert main.duration.kind == kind


@pytest.mark.parametrize("later, kind, end_of_term", [
    # a sentence far on whose subject is the commitment itself, or its thing, says it is open-ended
    # ("for now", docs/annotation.md §2.2); the text then says no more of an end to report (§4)
    ("The limit stays in force for now.", "open_ended", False),
    ("The burners stay off sale for now.", "open_ended", False),
    # an exception's "for now", or a clause about something else, is not the commitment's term
    ("Trade customers keep their standing orders for now.", "unspecified", False),
    ("The garden furniture range stays on the shelves for now.", "unspecified", False),
])
def test_a_later_open_ended_restatement_gives_the_term(rules_analyzer, later, kind, end_of_term):
    filler = " ".join(f"Question {n} of the spring survey was about parking." for n in range(1, 13))
    text = (HEAD + "Acme will not sell charcoal burners in its stores. Trade customers are the "
            "exception. Staff were consulted over the winter. The shelf space goes to garden "
            "furniture. " + filler + " " + later)
    report = run(rules_analyzer, text)
    main = report.commitments[0]
    assert main.duration.kind == kind
    assert any(o.dimension == "end-of-term" for o in report.omissions) == end_of_term


@pytest.mark.parametrize("second, kind", [
    # how soon held data is deleted, or goods can be returned, is a window, not the stop's term (§2.2)
    ("Recordings already made will be wiped from the vendor's cloud storage within 45 days.", "unspecified"),
    ("Our partners have been told to delete the clips they hold within 30 days.", "unspecified"),
    ("Buyers can still return unopened kits within 60 days.", "unspecified"),
])
def test_a_deletion_or_returns_window_is_not_the_term(rules_analyzer, second, kind):
    report = run(rules_analyzer, HEAD + "Acme will stop recording shoppers with doorbell cameras. " + second)
    main = next(c for c in report.commitments if c.id == report.gap.commitment)
    assert main.duration.kind == kind
