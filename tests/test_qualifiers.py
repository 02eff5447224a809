"""Qualifiers the headline drops: the main commitment's object says more than the headline."""
from __future__ import annotations

import pytest

from conftest import run

RULE = "core.scope.headline-qualifier"


@pytest.mark.parametrize("headline, body, expected", [
    ("Acme Bans Plastic Straws", "Acme will stop handing out single-use plastic straws in its cafes.", "single-use"),
    ("Acme Ends Face Matching", "Acme no longer offers cloud-based face matching to retailers.", "cloud-based"),
    ("Norbank Stops Financing Oil and Gas", "Norbank will no longer finance new oil and gas fields.", "new"),
    # "investing" in the headline, "investments" in the text: the same word to a reader
    ("Acme Pulls Out of Face Recognition Investing", "Acme will no longer make minority investments in face "
     "recognition companies.", "minority"),
    # the headline already says it: nothing hidden
    ("Acme Bans Single-Use Plastic Straws", "Acme will stop handing out single-use plastic straws.", None),
    # words after the shared noun are not a qualifier the headline drops
    ("Acme Bans Political Ads", "Acme will stop accepting political ads from candidates.", None),
    # a headline about something else: no comparison
    ("Acme Updates Its Privacy Center", "Acme will stop selling location data to brokers.", None),
    # a second verb ("sells or licenses"), a part of a product's name ("Focus Score"): no qualifier
    ("Acme Stops Selling Location Data", "Acme no longer sells or licenses location data to anyone.", None),
    ("Acme Retires Its Webcam Score", "Acme will retire Focus Score, a feature that rated attention.", None),
    # "personal" describes data, it does not narrow it
    ("Acme Stops Selling Your Data", "Acme will no longer sell your personal data to brokers.", None),
    # the verb's own particle, read into the object, is no qualifier
    ("Acme Ends Plastic Bottles", "By the end of December, Acme will have phased out plastic bottles.", None),
    # one hyphenated word spelled another way ("all-electric", "battery-electric"), and a product's
    # camel-case name, are no qualifier
    ("Acme Sets Goal for an All-Electric Car Lineup", "Acme set a goal of selling only battery-electric "
     "and fuel-cell vehicles by 2040.", None),
    ("Acme Ends Live Face Matching", "Acme will switch off StoreSight Live face matching.", None),
    # the verb "source" read as the object's first word, and "another", are no qualifier
    ("Acme Commits to 100% Renewable Electricity by 2050", "Acme commits to source 100% of its electricity "
     "from renewable sources by 2050.", None),
    # verbs and particles of the sentence read into the object ("bring back", "reaching") are no qualifier
    ("Acme Ends Warrantless Footage Sharing", "Acme will not bring back warrantless footage sharing.", None),
    ("Acme Sets Net Zero Target for 2050", "Acme today set a goal of reaching net zero emissions by 2050.", None),
])
def test_qualifier_the_headline_drops(analyzer, headline, body, expected):
    report = run(analyzer, f"{headline}\n\nBOSTON, May 1, 2023 — {body}")
    found = [f.span.text for f in report.findings if f.rule == RULE]
    assert found == ([expected] if expected else [])
    if expected:
        main = next(c for c in report.commitments if c.id == report.gap.commitment)
        assert expected in [s.text for s in main.scope]


def test_a_dropped_qualifier_counts_in_the_verdict(rules_analyzer):
    hidden = run(rules_analyzer, "Acme Bans Plastic Straws\n\nBOSTON, May 1, 2023 — Acme will stop handing "
                                 "out single-use plastic straws.")
    plain = run(rules_analyzer, "Acme Bans Plastic Straws\n\nBOSTON, May 1, 2023 — Acme will stop handing "
                                "out plastic straws.")
    assert hidden.gap.score > plain.gap.score


def test_a_qualifier_a_scope_rule_reports_is_not_reported_twice(rules_analyzer):
    report = run(rules_analyzer, "Acme Ends Facial Recognition Sales\n\nBOSTON, May 1, 2023 — Acme no longer "
                                 "offers general purpose facial recognition software.")
    assert not [f for f in report.findings if f.rule == RULE]
    assert "general purpose" in [s.text for s in report.commitments[0].scope]
