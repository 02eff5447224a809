"""finepr.structure: headline, dateline, publication date, lead and boilerplate regions."""
from __future__ import annotations

import datetime as dt

import pytest

from finepr.errors import RuleFileError
from finepr.load import load_bytes, source_from_text
from finepr.ruleset.paths import builtin_rules_dir
from finepr.structure import CUE_KEYS, Region, find_structure, load_cues, sentence_end


@pytest.fixture(scope="module")
def cues():
    return load_cues(builtin_rules_dir() / "core" / "structure.yaml")


def analyze(cues, text, kind="txt"):
    return find_structure(source_from_text(text, kind=kind), cues)


def quote(text, region):
    return None if region is None else text[region.start:region.end]


RELEASE = """\
Acme Vision Pauses Sales of Faceprint to Police Departments

Company asks lawmakers for national rules on face matching

PORTLAND, Ore., April 2, 2024 /PRNewswire/ -- Acme Vision Inc. today announced an \
eighteen-month pause on sales of its Faceprint software to state and local police. The pause \
takes effect immediately.

"Clear rules are overdue," said Jo Ramos, chief executive of Acme Vision.

Existing contracts will be honored through their current terms.

About Acme Vision
Acme Vision Inc. builds computer vision tools for retailers and transit agencies. Learn more \
at www.acmevision.example.

Forward-Looking Statements

This release contains forward-looking statements within the meaning of the Private Securities \
Litigation Reform Act of 1995, which involve risks and uncertainties.

Actual results may differ materially. Acme Vision undertakes no obligation to update them.

Media Contact:
Lee Park
Acme Vision Communications
press@acmevision.example
+1 503 555 0199

###

SOURCE Acme Vision Inc.
"""

BLOG_MD = """\
---
title: "Retiring the Pulse tracker"
date: 2021-03-03
---
# We are retiring the Pulse tracker

Starting today, we stop collecting location pings from Pulse. Data already collected will be \
deleted within 90 days.

## What changes

About 40 percent of Pulse users already turned the tracker off.

For more information about exports, read the help center article.

Contact your account manager if you have questions about the change.

We know the change brings risks and uncertainties for some partners, so we will publish a \
migration guide.
"""

CEO_LETTER = """\
Dear colleagues,

Today I want to tell you that we will stop selling FaceMatch to police for one year. It is the \
right decision for our customers and for us.

We will use that year to work with lawmakers.

Sincerely,
Dana Whitfield
"""

NEWS = """\
WASHINGTON (Reuters) - Northwind Corp. said on Tuesday it would stop selling its drones to U.S. \
police departments. The company did not say whether federal agencies were affected.
"""


# --- headlines ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, kind, headline, source", [
    (RELEASE, "txt", "Acme Vision Pauses Sales of Faceprint to Police Departments", "title"),
    (BLOG_MD, "md", "We are retiring the Pulse tracker", "title"),
    (CEO_LETTER, "txt", "Today I want to tell you that we will stop selling FaceMatch to police "
                        "for one year.", "first-sentence"),
    (NEWS, "txt", "Northwind Corp. said on Tuesday it would stop selling its drones to U.S. police "
                  "departments.", "dateline-lead"),
    ("SEATTLE, June 10, 2020 — Acme said it will stop. More text follows.\n", "txt",
     "Acme said it will stop.", "dateline-lead"),
    ("---\ntitle: 'Retiring Pulse'\n---\n\nStarting today, we stop.\n", "md", "Retiring Pulse", "title"),
    ("Retiring Pulse\n==============\n\nStarting today, we stop.\n", "md", "Retiring Pulse", "title"),
    ("## Retiring Pulse\n\nStarting today, we stop.\n", "md", "Retiring Pulse", "title"),
    # a title above a subtitle line, and above author/date lines
    ("Acme exits coal\nThe lender sets a 2030 deadline\n\nAcme will stop lending.\n", "txt",
     "Acme exits coal", "title"),
    ("Acme exits coal\nBy Ren Okafor\nPosted on March 3, 2021\n\nAcme will stop lending.\n", "txt",
     "Acme exits coal", "title"),
    ("What happens to your data now?\n\nWe will delete it.\n", "txt",
     "What happens to your data now?", "title"),
    # a first line that is a full sentence of the lead is not a title
    ("We have decided to leave the coal business by 2030.\nThis was a hard decision.\n\nMore.\n",
     "txt", "We have decided to leave the coal business by 2030.", "first-sentence"),
    ("Acme said today that it will\nstop selling widgets to police.\n\nMore.\n", "txt",
     "Acme said today that it will\nstop selling widgets to police.", "first-sentence"),
    ("By Ren Okafor\n\nToday we retire Pulse. More soon.\n", "txt", "Today we retire Pulse.",
     "first-sentence"),
    # a line that only names the kind of document is not the title
    ("FACT SHEET\nAcme promises no price rises on its shelf labels\n\nAcme Supermarkets\n\nMore.\n", "txt",
     "Acme promises no price rises on its shelf labels", "title"),
    ("ACME DAIRIES -- FACT SHEET\n\nCutting our carbon by 40% by 2030\n\nMore.\n", "txt",
     "Cutting our carbon by 40% by 2030", "title"),
    ("CUSTOMER NOTICE\n\nWe are pausing sales of e-bike batteries\n\nAcme Stores | 7 April 2025\n\nMore.\n", "txt",
     "We are pausing sales of e-bike batteries", "title"),
])
def test_headline_source(cues, text, kind, headline, source):
    st = analyze(cues, text, kind)
    assert quote(text, st.headline) == headline
    assert st.headline_source == source


def test_html_title_is_the_headline(cues):
    page = (b"<html><head><title>x</title></head><body><article><h1>Lumen ends coal loans</h1>"
            b"<p>DENVER, Sept. 14, 2022 --</p><p>Lumen will stop financing new coal plants. "
            b"Existing loans run to maturity.</p></article></body></html>")
    source = load_bytes(page, "coal.html", "html")
    st = find_structure(source, cues)
    assert (st.headline.start, st.headline.end) == source.title
    assert st.headline_source == "title"
    assert quote(source.text, st.dateline) == "DENVER, Sept. 14, 2022 --"
    assert st.published == dt.date(2022, 9, 14)
    assert quote(source.text, st.lead) == "Lumen will stop financing new coal plants."


# --- datelines and publication dates -----------------------------------------------------

@pytest.mark.parametrize("text, dateline, published", [
    ("SEATTLE, June 10, 2020 — Acme will stop.", "SEATTLE, June 10, 2020 —", dt.date(2020, 6, 10)),
    ("ARMONK, N.Y., June 8, 2020 /PRNewswire/ -- Acme will stop.",
     "ARMONK, N.Y., June 8, 2020 /PRNewswire/ --", dt.date(2020, 6, 8)),
    ("REDMOND, Wash. — June 11, 2020 — Acme will stop.", "REDMOND, Wash. — June 11, 2020 —",
     dt.date(2020, 6, 11)),
    ("LONDON, 3 March 2021 – Acme will stop.", "LONDON, 3 March 2021 –", dt.date(2021, 3, 3)),
    ("June 10, 2020 — Acme will stop.", "June 10, 2020 —", dt.date(2020, 6, 10)),
    ("SAN FRANCISCO--(BUSINESS WIRE)--June 10, 2020--Acme will stop.",
     "SAN FRANCISCO--(BUSINESS WIRE)--June 10, 2020--", dt.date(2020, 6, 10)),
    ("DENVER, Sept. 14, 2022 --\n\nAcme will stop.", "DENVER, Sept. 14, 2022 --", dt.date(2022, 9, 14)),
    ("Acme exits coal\n\nST. LOUIS, Dec. 1, 2020 - Acme will stop.", "ST. LOUIS, Dec. 1, 2020 -",
     dt.date(2020, 12, 1)),
    # a month without a day: dated on its first day
    ("SYDNEY, April 2015 — Acme will stop.", "SYDNEY, April 2015 —", dt.date(2015, 4, 1)),
    ("EL SEGUNDO, Calif., December 2019 - Acme will stop.", "EL SEGUNDO, Calif., December 2019 -",
     dt.date(2019, 12, 1)),
    # a deck line under the headline may end in a full stop; the dateline follows it
    ("Acme exits coal\n\nA ten-year plan covers its mines and its plants.\n\n"
     "CUPERTINO, California, July 21, 2020 — Acme will stop.", "CUPERTINO, California, July 21, 2020 —",
     dt.date(2020, 7, 21)),
    # no year: a dateline, but no publication date to anchor durations on
    ("SEATTLE, June 10 — Acme will stop.", "SEATTLE, June 10 —", None),
    ("WASHINGTON (Reuters) - Acme will stop.", "WASHINGTON (Reuters) -", None),
    ("Posted on June 10, 2020\n\nToday we retire Pulse.", "Posted on June 10, 2020",
     dt.date(2020, 6, 10)),
    ("Retiring Pulse\n\nBy Ren Okafor | Published: 2021-03-03\n\nToday we retire Pulse.",
     "By Ren Okafor | Published: 2021-03-03", dt.date(2021, 3, 3)),
    # "Published" is listed before "Updated" in the cue file, so it wins
    ("Retiring Pulse\n\nUpdated June 5, 2021 · Published on June 1, 2021\n\nToday we retire Pulse.",
     "Updated June 5, 2021 · Published on June 1, 2021", dt.date(2021, 6, 1)),
    ("---\ntitle: Retiring Pulse\ndate: 2021-03-03\n---\n\nToday we retire Pulse.", "2021-03-03",
     dt.date(2021, 3, 3)),
    # Markdown emphasis around the dateline
    ("# Acme exits coal\n\n*Press release*\n\n**LEEDS, 4 March 2024** -- Acme will stop.",
     "**LEEDS, 4 March 2024** --", dt.date(2024, 3, 4)),
])
def test_dateline_and_published(cues, text, dateline, published):
    st = analyze(cues, text, "md" if text.startswith("---") else "txt")
    assert quote(text, st.dateline) == dateline
    assert st.published == published


def test_dateline_lead_excludes_the_dateline(cues):
    text = "ARMONK, N.Y., June 8, 2020 /PRNewswire/ -- Acme Corp. will exit the business. It said so."
    st = analyze(cues, text)
    assert quote(text, st.lead) == "Acme Corp. will exit the business."
    assert st.headline == Region(st.lead.start, st.lead.end, "headline")


def test_byline_at_the_end_still_gives_the_date_but_not_the_lead(cues):
    text = "Retiring Pulse\n\nToday we retire Pulse. More text.\n\nPosted on March 3, 2021\n"
    st = analyze(cues, text)
    assert st.published == dt.date(2021, 3, 3)
    assert quote(text, st.lead) == "Today we retire Pulse."


@pytest.mark.parametrize("intro", [
    "The Inbox Report, episode 112. Transcript of an interview recorded on 20 May 2025 with Ana Marr.",
    "Recorded 20 May 2025, Leeds head office and online. Lightly edited. Speakers: Ana Marr, chief "
    "executive; Tom Wirth, head of IT; questions from staff.",
])
def test_a_transcript_is_dated_by_the_event_it_records(cues, intro):
    text = f"Interview: Acme will block tracking pixels\n\n{intro}\n\nHOST: What is changing?\n"
    assert analyze(cues, text).published == dt.date(2025, 5, 20)


@pytest.mark.parametrize("text", [
    "Acme exits coal\n\nAcme will stop lending to coal plants by 2030. It said so.\n",
    "Acme — the 2030 plan\n\nAcme will stop lending to coal plants.\n",
    "March 3 marks a new start for Acme. We will stop lending.\n",
])
def test_no_dateline(cues, text):
    st = analyze(cues, text)
    assert st.dateline is None and st.published is None


# --- lead and sentences ------------------------------------------------------------------

@pytest.mark.parametrize("text, lead", [
    (RELEASE, "Acme Vision Inc. today announced an eighteen-month pause on sales of its Faceprint "
              "software to state and local police."),
    (BLOG_MD, "Starting today, we stop collecting location pings from Pulse."),
    ("Title here\n\nAcme Corp. and Beta Co. will stop selling in the U.S. from May. Then more.\n",
     "Acme Corp. and Beta Co. will stop selling in the U.S. from May."),
    ("Title here\n\nSen. J. Doe praised the N.Y. plan! Others did not.\n",
     "Sen. J. Doe praised the N.Y. plan!"),
    ("Title here\n\n\"We will stop,\" said Jo. \"Now.\"\n", "\"We will stop,\" said Jo."),
    ("Title here\r\n\r\nAcme will stop\r\nselling widgets\r\n\r\nNext paragraph.\r\n",
     "Acme will stop\r\nselling widgets"),
])
def test_lead(cues, text, lead):
    st = analyze(cues, text, "md" if text is BLOG_MD else "txt")
    assert quote(text, st.lead) == lead


def test_sentence_end_respects_abbreviations(cues):
    text = "Acme Inc. will exit Wash. and Ore. markets. Then it stops."
    abbrevs = set(cues["abbreviations"])
    assert text[:sentence_end(text, 0, abbrevs)] == "Acme Inc. will exit Wash. and Ore. markets."


# --- boilerplate -------------------------------------------------------------------------

def test_release_boilerplate_regions(cues):
    st = analyze(cues, RELEASE)
    found = [(r.label, quote(RELEASE, r)) for r in st.boilerplate]
    assert found == [
        ("about", "About Acme Vision\nAcme Vision Inc. builds computer vision tools for retailers "
                  "and transit agencies. Learn more at www.acmevision.example."),
        ("forward-looking", RELEASE[RELEASE.index("Forward-Looking"):RELEASE.index("update them.") + 12]),
        ("media-contact", "Media Contact:\nLee Park\nAcme Vision Communications\n"
                          "press@acmevision.example\n+1 503 555 0199"),
        ("end-marker", "###\n\nSOURCE Acme Vision Inc."),
    ]


def test_end_marker_before_about_and_contacts(cues):
    text = ("Acme exits coal\n\nAcme will stop lending to coal plants.\n\n-30-\n\nAbout Acme\n"
            "Acme is a regional lender.\n\nContacts\nJo Roe\n(503) 555-0100\n\nInternal ref 42\n")
    st = analyze(cues, text)
    assert [(r.label, quote(text, r)) for r in st.boilerplate] == [
        ("end-marker", "-30-"),
        ("about", "About Acme\nAcme is a regional lender."),
        ("media-contact", "Contacts\nJo Roe\n(503) 555-0100"),
        ("end-marker", "Internal ref 42"),
    ]


@pytest.mark.parametrize("text, label, region", [
    ("T\n\nAcme will stop.\n\n## About Acme\n\nAcme makes sensors.\nIt has 40 staff.\n\n"
     "## Next steps\n\nWe will report in May.\n",
     "about", "## About Acme\n\nAcme makes sensors.\nIt has 40 staff."),
    ("T\n\nAcme will stop.\n\nAbout us\n\nWe are a small team.\n", "about", "About us\n\nWe are a small team."),
    ("T\n\nAcme will stop.\n\nNotes to editors\n\nAcme was founded in 1990.\n", "about",
     "Notes to editors\n\nAcme was founded in 1990."),
    ("T\n\nAcme will stop.\n\nSafe Harbor Statement: statements here about the future are estimates.\n"
     "\nWe end here.\n", "forward-looking",
     "Safe Harbor Statement: statements here about the future are estimates."),
    ("T\n\nAcme will stop.\n\nMedia inquiries: press@acme.example\n", "media-contact",
     "Media inquiries: press@acme.example"),
    ("T\n\nAcme will stop.\n\nFor more information, contact:\nJo Roe, jo@acme.example\n\n"
     "Kim Li\n+44 20 7946 0000\n\nWe will report in May, as planned.\n", "media-contact",
     "For more information, contact:\nJo Roe, jo@acme.example\n\nKim Li\n+44 20 7946 0000"),
    ("T\r\n\r\nAcme will stop.\r\n\r\n# # #\r\n\r\nLegal footer text.\r\n", "end-marker",
     "# # #\r\n\r\nLegal footer text."),
])
def test_single_boilerplate_region(cues, text, label, region):
    st = analyze(cues, text, "md" if "## " in text else "txt")
    assert [(r.label, quote(text, r)) for r in st.boilerplate] == [(label, region)]


def test_plain_blog_post_has_no_boilerplate(cues):
    st = analyze(cues, BLOG_MD, "md")
    assert st.boilerplate == []


@pytest.mark.parametrize("text", [
    "T\n\nAcme will stop.\n\nAbout Face: How We Changed Course\n\nWe listened to critics.\n",
    "T\n\nAcme will stop.\n\nAbout 40 percent of stores are affected.\n",
    "T\n\nAcme will stop.\n\nContact\n\nThe change takes effect on May 1 for all accounts.\n",
    "T\n\nAcme will stop.\n\nThe policy reduces the risks and uncertainties that customers face.\n",
    "T\n\nAcme will stop. We will track it ### internally.\n",
])
def test_no_false_boilerplate(cues, text):
    assert analyze(cues, text).boilerplate == []


def test_boilerplate_never_overlaps_and_is_sorted(cues):
    st = analyze(cues, RELEASE)
    spans = [(r.start, r.end) for r in st.boilerplate]
    assert spans == sorted(spans)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:]))
    assert st.lead.end <= spans[0][0]


def test_empty_text(cues):
    st = analyze(cues, "")
    assert (st.headline, st.dateline, st.published, st.lead, st.boilerplate) == (None, None, None, None, [])


# --- cue file ----------------------------------------------------------------------------

def test_builtin_cue_file_has_every_key(cues):
    for key in CUE_KEYS:
        assert cues[key], key
    assert "###" in cues["end_markers"]


def test_cues_are_data_not_code(cues):
    """Removing a cue phrase from the data changes what is found."""
    text = "T\n\nAcme will stop.\n\nNotes to editors\n\nAcme was founded in 1990.\n"
    trimmed = dict(cues, about_headings=[p for p in cues["about_headings"] if p != "Notes to editors"])
    assert analyze(trimmed, text).boilerplate == []


@pytest.mark.parametrize("content, message", [
    ("about_headings: [About\n", "invalid YAML"),
    ("- just a list\n", "mapping"),
    ("end_markers: '###'\n", "'end_markers' must be a list"),
])
def test_bad_cue_file(tmp_path, content, message):
    path = tmp_path / "structure.yaml"
    path.write_text(content)
    with pytest.raises(RuleFileError, match=message) as info:
        load_cues(path)
    assert info.value.path == str(path)


@pytest.mark.parametrize("text, deck", [
    # a short unpunctuated summary line under the title, before the running text
    ("Acme ends plastic trays\n\nNew trays cover every ready meal in its own range\n\n"
     "Acme will stop using plastic trays.\n", "New trays cover every ready meal in its own range"),
    # the running text itself, a dateline, a list item: no deck
    ("Acme ends plastic trays\n\nAcme will stop using plastic trays in its own range.\n", None),
    ("Acme ends plastic trays\n\nLEEDS, May 1, 2024\n\nAcme will stop using plastic trays.\n", None),
    ("Acme ends plastic trays\n\n- every ready meal in its own range\n\nAcme will stop using plastic trays.\n",
     None),
])
def test_deck(cues, text, deck):
    st = analyze(cues, text)
    assert (quote(text, st.deck) if st.deck else None) == deck
