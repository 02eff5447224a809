"""Duration normalization: phrase (+ kind hint, + publication date) -> kind, value, end date."""
from __future__ import annotations

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta

from finepr.durations import add_period, normalize_duration, parse_iso_period
from finepr.model import Duration

JUNE_10 = dt.date(2020, 6, 10)  # the day Amazon announced its one-year moratorium

FIXED = [
    ("one-year moratorium", None, None, "fixed", "P1Y", None),
    ("one-year moratorium", None, JUNE_10, "fixed", "P1Y", "2021-06-10"),
    ("a one-year moratorium on police use", None, JUNE_10, "fixed", "P1Y", "2021-06-10"),
    ("The company would put a 1-year moratorium on police use", None, None, "fixed", "P1Y", None),
    ("12 months", None, None, "fixed", "P12M", None),
    ("for 12 months starting today", None, JUNE_10, "fixed", "P12M", "2021-06-10"),
    ("a twelve-month pause", None, None, "fixed", "P12M", None),
    ("a year-long moratorium", None, None, "fixed", "P1Y", None),
    ("a yearlong moratorium", None, None, "fixed", "P1Y", None),
    ("for the next two years", None, JUNE_10, "fixed", "P2Y", "2022-06-10"),
    ("an 18-month pause", None, None, "fixed", "P18M", None),
    ("for eighteen months", None, JUNE_10, "fixed", "P18M", "2021-12-10"),
    ("a 90-day review", None, JUNE_10, "fixed", "P90D", "2020-09-08"),
    ("ninety days", None, None, "fixed", "P90D", None),
    ("for six weeks", None, JUNE_10, "fixed", "P6W", "2020-07-22"),
    ("a two-year pause", None, None, "fixed", "P2Y", None),
    ("one year", None, None, "fixed", "P1Y", None),
    ("for a year", None, None, "fixed", "P1Y", None),
    ("half a year", None, JUNE_10, "fixed", "P6M", "2020-12-10"),
    ("a decade", None, None, "fixed", "P10Y", None),
    ("two decades", None, None, "fixed", "P20Y", None),
    ("two and a half years", None, JUNE_10, "fixed", "P30M", "2022-12-10"),
    ("a two-and-a-half-year freeze", None, None, "fixed", "P30M", None),
    ("a year and a half", None, None, "fixed", "P18M", None),
    ("1.5 years", None, None, "fixed", "P18M", None),
    ("24 months", None, None, "fixed", "P24M", None),  # the text's unit is kept, not P2Y
    ("twenty-four months", None, None, "fixed", "P24M", None),
    ("twenty four months", None, None, "fixed", "P24M", None),
    ("seventeen days", None, None, "fixed", "P17D", None),
    ("seventy days", None, None, "fixed", "P70D", None),
    ("ninety-nine years", None, None, "fixed", "P99Y", None),
    ("for as long as two years", None, None, "fixed", "P2Y", None),
    ("no longer than 12 months", None, None, "fixed", "P12M", None),
    ("one year", None, dt.date(2020, 2, 29), "fixed", "P1Y", "2021-02-28"),  # leap day
    ("half a month", None, JUNE_10, "fixed", "P0.5M", None),  # valid ISO, no exact end date
]

DEADLINE = [
    # a quarter ends on its last day; a fiscal year ends on a day only the company knows
    ("no later than Q3 2026", "deadline", None, "deadline", "2026-09-30", "2026-09-30"),
    ("by Q1 2025", "deadline", JUNE_10, "deadline", "2025-03-31", "2025-03-31"),
    ("by the end of this fiscal year", "deadline", JUNE_10, "deadline", "vague:months", None),
    # no year: the next such day on or after publication; without a publication date only "months"
    ("until 31 March", "deadline", JUNE_10, "deadline", "2021-03-31", "2021-03-31"),
    ("through the November 5 election", "deadline", JUNE_10, "deadline", "2020-11-05", "2020-11-05"),
    ("by the end of January", None, JUNE_10, "deadline", "2021-01-31", "2021-01-31"),
    ("until June 30", None, JUNE_10, "deadline", "2020-06-30", "2020-06-30"),
    ("before 1 July", None, JUNE_10, "deadline", "2020-07-01", "2020-06-30"),
    ("by September", None, JUNE_10, "deadline", "2020-09", "2020-09-30"),
    ("until 31 March", "deadline", None, "deadline", "vague:months", None),
    ("until March 31, 2027", "deadline", JUNE_10, "deadline", "2027-03-31", "2027-03-31"),
    ("until 31 February", "deadline", JUNE_10, "deadline", "vague:months", None),
    ("by 2030", None, None, "deadline", "2030", "2030-12-31"),
    ("by 2030", None, JUNE_10, "deadline", "2030", "2030-12-31"),
    ("net zero by 2030.", "deadline", None, "deadline", "2030", "2030-12-31"),
    ("by the end of 2025", None, None, "deadline", "2025", "2025-12-31"),
    ("at the end of 2025", None, None, "deadline", "2025", "2025-12-31"),
    ("by June 2026", None, None, "deadline", "2026-06", "2026-06-30"),
    ("by mid-2026", None, None, "deadline", "2026-06", "2026-06-30"),
    ("by the middle of 2026", None, None, "deadline", "2026-06", "2026-06-30"),
    ("by the end of June 2026", None, None, "deadline", "2026-06-30", "2026-06-30"),
    # "before the end of" a month ends with that month, not the one before
    ("before the end of June 2026", None, None, "deadline", "2026-06-30", "2026-06-30"),
    ("before June 2026", None, None, "deadline", "2026-06", "2026-05-31"),
    ("by Feb. 2028", None, None, "deadline", "2028-02", "2028-02-29"),
    ("by March 31, 2027", None, None, "deadline", "2027-03-31", "2027-03-31"),
    ("by 31 March 2027", None, None, "deadline", "2027-03-31", "2027-03-31"),
    ("by Sept. 30th, 2027", None, None, "deadline", "2027-09-30", "2027-09-30"),
    ("by 2027-03-31", None, None, "deadline", "2027-03-31", "2027-03-31"),
    ("by fiscal year 2028", None, None, "deadline", "2028", None),  # fiscal year end is company-specific
    ("by FY2028", None, None, "deadline", "2028", None),
    ("by FY28", None, None, "deadline", "2028", None),
    ("before 2040", None, None, "deadline", "2040", "2039-12-31"),
    ("by the beginning of 2026", None, None, "deadline", "2026", "2025-12-31"),
    ("no later than 2035", None, None, "deadline", "2035", "2035-12-31"),
    ("until 2025", None, None, "deadline", "2025", "2025-12-31"),
    ("within five years", None, None, "deadline", "P5Y", None),
    ("within five years", None, JUNE_10, "deadline", "P5Y", "2025-06-10"),
    ("within 18 months", None, JUNE_10, "deadline", "P18M", "2021-12-10"),
    ("in the next two years", None, JUNE_10, "deadline", "P2Y", "2022-06-10"),
    ("in the coming months", None, None, "deadline", "vague:months", None),
    ("over the coming weeks", None, JUNE_10, "deadline", "vague:weeks", None),
    ("in the months ahead", None, None, "deadline", "vague:months", None),
    ("soon", None, None, "deadline", "vague:soon", None),
    ("in the near future", None, None, "deadline", "vague:soon", None),
    ("later this year", None, JUNE_10, "deadline", "2020", "2020-12-31"),
    ("later this year", None, None, "deadline", "vague:this-year", None),
    ("by the end of next year", None, JUNE_10, "deadline", "2021", "2021-12-31"),
    ("by year-end", None, JUNE_10, "deadline", "2020", "2020-12-31"),
    ("by the end of the decade", None, JUNE_10, "deadline", "2029", "2029-12-31"),
    ("in 2030", "deadline", None, "deadline", "2030", "2030-12-31"),
    ("for two years", "deadline", JUNE_10, "deadline", "P2Y", "2022-06-10"),
]

CONDITIONAL = [
    ("until a national law is in place", None, None, "conditional", "until a national law is in place", None),
    ("no sales to police until a national law is in place.", None, None,
     "conditional", "until a national law is in place", None),
    ("until a federal privacy law is passed", None, JUNE_10,
     "conditional", "until a federal privacy law is passed", None),
    ("until Congress acts", None, None, "conditional", "until Congress acts", None),
    ("until the U.S. Congress acts. Then we will review it.", None, None,
     "conditional", "until the U.S. Congress acts", None),
    ("unless regulators require otherwise", None, None, "conditional", "unless regulators require otherwise", None),
    ("as long as the law allows it;", None, None, "conditional", "as long as the law allows it", None),
    ("pending regulatory approval", None, None, "conditional", "pending regulatory approval", None),
    ("until the standard is adopted", None, None, "conditional", "until the standard is adopted", None),
    ("until the bill is enacted,", "conditional", None, "conditional", "until the bill is enacted", None),
    ("until “we have a national law in place, grounded in human rights,” according to Brad Smith", None, None,
     "conditional", "until we have a national law in place, grounded in human rights", None),
    ("we will no longer sell it until Congress acts", None, None, "conditional", "until Congress acts", None),
    ("subject to regulatory approval", "conditional", None, "conditional", "subject to regulatory approval", None),
]

OPEN_ENDED = [
    ("until further notice", None, None, "open_ended", None, None),
    ("until further notice", "conditional", None, "open_ended", None, None),  # not a condition
    ("indefinitely", None, JUNE_10, "open_ended", None, None),
    ("an indefinite moratorium", None, None, "open_ended", None, None),
    ("the one-year moratorium is extended indefinitely", None, None, "open_ended", None, None),
    ("at this time", None, None, "open_ended", None, None),
    ("for now", None, None, "open_ended", None, None),
    ("for the time being", None, None, "open_ended", None, None),
    ("for the foreseeable future", None, None, "open_ended", None, None),
    ("pending further review", None, None, "open_ended", None, None),
    ("until we say otherwise", None, None, "open_ended", None, None),
    ("indefinitely", "fixed", None, "open_ended", None, None),  # hint plainly contradicted
    ("a one-year pause for now", None, None, "fixed", "P1Y", None),  # a weak cue yields to a term
]

PERMANENT = [
    ("permanently", None, None, "permanent", None, None),
    ("a permanent ban", None, None, "permanent", None, None),
    ("forever", None, None, "permanent", None, None),
    ("for good", None, None, "permanent", None, None),
    ("never again", None, None, "permanent", None, None),
    ("we will no longer offer it", None, None, "permanent", None, None),
    ("we will never sell it", None, None, "permanent", None, None),
    ("no longer", "permanent", None, "permanent", None, None),
]

HINTS_AND_NOTHING = [
    ("for a period", "fixed", JUNE_10, "fixed", None, None),  # no quantity: kind kept, no value
    ("by 2030", "fixed", None, "fixed", None, None),
    ("for now", "fixed", None, "fixed", None, None),  # a weak cue does not overturn the rule
    ("until a law is passed", "permanent", None, "conditional", "until a law is passed", None),
    ("indefinitely", "open_ended", None, "open_ended", None, None),
    ("for a while", "open_ended", None, "open_ended", None, None),
    ("nothing to see here", None, None, "unspecified", None, None),
    ("nothing to see here", "unspecified", None, "unspecified", None, None),
    ("a months-long review", None, None, "unspecified", None, None),
    ("for good measure", None, None, "unspecified", None, None),
    ("by 2,030 stores", None, None, "unspecified", None, None),
    ("cut emissions by 2030 percent", None, None, "unspecified", None, None),
    ("", None, None, "unspecified", None, None),
]


@pytest.mark.parametrize(
    ("phrase", "kind_hint", "published", "expected_kind", "expected_value", "expected_ends"),
    FIXED + DEADLINE + CONDITIONAL + OPEN_ENDED + PERMANENT + HINTS_AND_NOTHING,
)
def test_durations_normalize(phrase, kind_hint, published, expected_kind, expected_value, expected_ends):
    duration = normalize_duration(phrase, kind_hint, published)
    assert isinstance(duration, Duration)
    assert (duration.kind, duration.value, duration.ends) == (expected_kind, expected_value, expected_ends)
    assert duration.span is None


@pytest.mark.parametrize(
    ("published", "iso", "expected"),
    [
        (JUNE_10, "P1Y", dt.date(2021, 6, 10)),
        (dt.date(2020, 2, 29), "P1Y", dt.date(2021, 2, 28)),
        (dt.date(2021, 1, 31), "P1M", dt.date(2021, 2, 28)),
        (JUNE_10, "P1Y6M", dt.date(2021, 12, 10)),
        (JUNE_10, "P2W", dt.date(2020, 6, 24)),
    ],
)
def test_durations_add_period(published, iso, expected):
    assert add_period(published, iso) == expected


@pytest.mark.parametrize("iso", ["", "1Y", "P", "P1.5M", "PT5H", "P1Y2X"])
def test_durations_parse_iso_period_rejects(iso):
    with pytest.raises(ValueError):
        parse_iso_period(iso)


@pytest.mark.parametrize(("iso", "expected"), [("P18M", relativedelta(months=18)), ("P90D", relativedelta(days=90))])
def test_durations_parse_iso_period(iso, expected):
    assert parse_iso_period(iso) == expected


@pytest.mark.parametrize("hint", ["temporary", "Fixed"])
def test_durations_unknown_hint_is_an_error(hint):
    with pytest.raises(ValueError, match="unknown duration kind"):
        normalize_duration("one year", hint)
