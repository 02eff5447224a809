"""The seed's fine print (DESIGN.md) on announcements worded unlike the samples."""
from __future__ import annotations

from conftest import run

AMAZON_LIKE = """\
A year-long pause for police: our update on Rekognition

Posted on June 10, 2020

Starting today, police departments will not be able to use Amazon Rekognition, the face matching
service in our cloud. Amazon is putting this pause in place for twelve months.

Why now? Lawmakers are debating rules for facial recognition, and we want to give them room to
finish. In the meantime, groups like Thorn and Marinus Analytics that help find trafficked children
will continue to use Rekognition as they do today.
"""

IBM_LIKE = """\
A letter on technology and justice

Dear members of the committee,

Our company has decided that it will no longer sell general-purpose face analysis software, and it
will not support the use of any technology for mass surveillance or racial profiling. We believe the
time has come for a national conversation about facial recognition and policing.

Sincerely,
Arvind Krishna, chief executive, IBM
"""

MICROSOFT_LIKE = """\
Where we stand on face recognition and the police

REDMOND, Wash., June 11, 2020 — Microsoft will not provide its facial recognition services to
police departments in the United States until federal legislation grounded in human rights governs
the technology, the company's president said on Thursday.
"""


def dims(report):
    return {o.dimension for o in report.omissions}


def test_amazon_fine_print_in_other_words(analyzer):
    report = run(analyzer, AMAZON_LIKE)
    c = report.commitments[0]
    assert c.action == "moratorium" and c.duration.value == "P12M"
    assert c.duration.ends == "2021-06-10"
    assert any("police" in s.text for s in c.scope)
    assert any("Thorn" in s.text for s in c.carve_outs)
    assert {"federal-agencies", "other-products"} <= dims(report)
    assert "Ring" in next(o.message for o in report.omissions if o.dimension == "other-products")


def test_ibm_fine_print_in_other_words(analyzer):
    report = run(analyzer, IBM_LIKE)
    c = report.commitments[0]
    assert c.actor == "IBM" and c.action == "exit"
    assert "general-purpose" in [s.text for s in c.scope]
    assert "definitions" in dims(report)


def test_microsoft_fine_print_in_other_words(analyzer):
    report = run(analyzer, MICROSOFT_LIKE)
    c = report.commitments[0]
    assert c.actor == "Microsoft" and c.action == "ban"
    assert any("police departments in the United States" in s.text for s in c.scope)
    assert c.duration.kind == "conditional" and c.duration.value.startswith("until federal legislation")
    assert "federal-agencies" in dims(report)
