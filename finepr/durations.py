"""Turn a matched duration phrase into a normalized Duration (kind, value, end date).

Number words, unit names and time prepositions are language mechanism and live here. Which
phrases *mean* open-ended, permanent or conditional is policy: the ``DEFAULT_*`` tuples below are
only the fallback used when a rule does not pass a ``kind_hint``.
"""
from __future__ import annotations

import datetime as dt
import re
from fractions import Fraction

from dateutil import parser as date_parser
from dateutil.relativedelta import relativedelta

from finepr.model import DURATION_KINDS, Duration

__all__ = ["normalize_duration", "parse_iso_period", "add_period"]

# --- Policy defaults (fallback cues; rule packs normally declare the kind) -------------------
# A "strong" cue decides the kind even when the phrase also names a term ("the one-year
# moratorium is extended indefinitely"); a "weak" cue only applies when nothing else is found.
DEFAULT_OPEN_ENDED_CUES = ("until further notice", "until we say otherwise", "indefinitely",
                           "indefinite", "for the foreseeable future")
DEFAULT_WEAK_OPEN_ENDED_CUES = ("at this time", "for now", "for the time being", "pending further review")
DEFAULT_PERMANENT_CUES = ("permanently", "permanent", "forever", "for good", "never again", "will never")
DEFAULT_WEAK_PERMANENT_CUES = ("no longer",)
DEFAULT_CONDITIONAL_CUES = ("until", "unless", "as long as", "so long as", "pending")
DEFAULT_SOON_CUES = ("soon", "shortly", "in the near future", "imminently")

# --- Language mechanism ------------------------------------------------------------------------
_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
         "fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_WORD_VALUES = {w: i for i, w in enumerate(_ONES)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}
_NUMBER_WORD = (rf"(?:{'|'.join(_TENS)})(?:[\s-](?:{'|'.join(_ONES[9:0:-1])}))?"
                rf"|{'|'.join(sorted(_ONES, key=len, reverse=True))}")
_HALF = r"[\s-]+and[\s-]+a[\s-]+half"
_PERIOD = re.compile(
    rf"\b(?:(?P<half>half[\s-]+an?|an?[\s-]+half)|(?P<num>\d+(?:\.\d+)?|{_NUMBER_WORD}|an?)(?P<h1>{_HALF})?)"
    rf"[\s-]+(?P<unit>day|week|month|year|decade)(?P<plural>s)?(?:[\s-]?long)?\b(?P<h2>{_HALF})?",
    re.I)
_UNIT_CODES = {"day": "D", "week": "W", "month": "M", "year": "Y"}
_EXACT_STEP_DOWN = {"Y": ("M", 12), "W": ("D", 7)}  # used when a quantity is not a whole number
_WITHIN_BEFORE = re.compile(r"\b(?:within|in)\s+(?:(?:the\s+)?(?:next|coming|following)\s+)?$", re.I)

# Month names come from dateutil's own table; dateutil parses the date text itself.
_MONTH = "(?:{})\\.?".format("|".join(sorted({n for names in date_parser.parserinfo.MONTHS for n in names},
                                              key=len, reverse=True)))
_YEAR = r"(?:19|20|21)\d{2}(?![\d%]|[.,]\d|\s*(?:percent|per\s+cent)\b)"
_ORD = r"\d{1,2}(?:st|nd|rd|th)?"
_TIME_CUE = r"by|before|until|through|thru|(?:no|not)\s+later\s+than|prior\s+to|ahead\s+of"
_DEADLINE = re.compile(
    rf"\b(?:(?P<cue>{_TIME_CUE})\s+)?"
    rf"(?:(?:the\s+)?(?P<mod>end|close|middle|start|beginning)\s+of\s+|(?P<mid>mid)[\s-]*|year[\s-]end\s+)?"
    rf"(?:(?P<fiscal>(?:fiscal(?:\s+year)?|FY)\s*'?(?P<fy>\d{{4}}|\d{{2}}))\b"
    rf"|(?P<quarter>Q(?P<q>[1-4]))\s+(?P<qy>{_YEAR})"
    rf"|(?P<date>\d{{4}}-\d{{2}}(?:-\d{{2}})?\b|{_ORD}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}"
    rf"|{_MONTH}\s+(?:{_ORD},?\s+)?{_YEAR}|{_YEAR}))", re.I)
# "until 31 March", "through November 5", "by the end of January": a date whose year the reader
# takes from the publication date (the next such day on or after it).
_YEARLESS = re.compile(
    rf"\b(?P<cue>{_TIME_CUE})\s+(?:the\s+)?(?:(?P<mod>end|close|middle|start|beginning)\s+of\s+)?"
    rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{_MONTH})"
    rf"|(?P<m2>{_MONTH})(?:\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b)?)(?![\w-])(?!,?\s*\d)", re.I)
_RELATIVE = re.compile(
    rf"\b(?:(?P<cue>{_TIME_CUE}|later)\s+)?(?P<end>(?:the\s+)?(?:end|close)\s+of\s+)?"
    r"(?:(?P<which>this|next|the(?:\s+current)?)\s+(?:(?P<fisc>fiscal|financial)\s+)?(?P<unit>year|decade)"
    r"|(?P<ye>year[\s-]end))\b(?!\s*\d)",
    re.I)
_COMING = re.compile(
    r"\b(?:in|over|within|during)\s+the\s+(?:coming|next\s+(?:few|several|couple\s+of))\s+"
    r"(?P<u>day|week|month|year)s\b|\b(?:in|over)\s+the\s+(?P<u2>day|week|month|year)s\s+ahead\b", re.I)
# A condition ends at a sentence end (not "U.S."), a semicolon, or where a quoted clause closes.
_SENTENCE_END = re.compile(r"(?<!\.[A-Z])(?<!\b[A-Z])[.!?](?=\s+[A-Z\"“‘(])|;|[,.!?][”\"]")
_TRAILING = " \t\n.,;:!?\"'”’"


def _cue_re(cues: tuple[str, ...]) -> re.Pattern[str]:
    """A phrase list as one regex; spaces match hyphens too, and "no longer than" is not a cue."""
    body = "|".join(r"[\s-]+".join(map(re.escape, c.split())) for c in sorted(cues, key=len, reverse=True))
    return re.compile(rf"\b(?:{body})\b(?![\s-]+(?:than|reason|measure|cause)\b)", re.I)


_OPEN, _OPEN_WEAK = _cue_re(DEFAULT_OPEN_ENDED_CUES), _cue_re(DEFAULT_WEAK_OPEN_ENDED_CUES)
_PERM, _PERM_WEAK = _cue_re(DEFAULT_PERMANENT_CUES), _cue_re(DEFAULT_WEAK_PERMANENT_CUES)
_COND, _SOON = _cue_re(DEFAULT_CONDITIONAL_CUES), _cue_re(DEFAULT_SOON_CUES)


# --- Public helpers ------------------------------------------------------------------------------
def parse_iso_period(iso: str) -> relativedelta:
    """Parse a whole-number ISO 8601 date period ("P1Y", "P18M", "P6W", "P1Y6M") into a relativedelta.

    Raises ValueError for anything else (time parts, fractions such as "P1.5M").
    """
    m = re.fullmatch(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?", iso or "")
    if not m or not any(m.groups()):
        raise ValueError(f"not a whole-number ISO 8601 date period: {iso!r}")
    y, mo, w, d = (int(g or 0) for g in m.groups())
    return relativedelta(years=y, months=mo, weeks=w, days=d)


def add_period(published: dt.date, iso: str) -> dt.date:
    """The date ``iso`` after ``published`` (calendar arithmetic: 2020-02-29 + P1Y = 2021-02-28)."""
    return published + parse_iso_period(iso)


def normalize_duration(phrase: str, kind_hint: str | None = None,
                       published: dt.date | None = None) -> Duration:
    """Normalize the duration a rule matched.

    Args:
        phrase: the matched text, possibly with surrounding words.
        kind_hint: the kind the rule declared (one of DURATION_KINDS) or None to infer it.
            The hint wins unless the phrase plainly says otherwise: a strong open-ended or
            permanent cue ("until further notice" under a conditional hint), or, for an
            open_ended/permanent hint, a term, date or condition with no cue of the hinted kind.
        published: the publication date; turns periods and relative years into end dates.

    Returns:
        A Duration with ``span`` left None (the caller sets it).
    """
    if kind_hint is not None and kind_hint not in DURATION_KINDS:
        raise ValueError(f"unknown duration kind {kind_hint!r}; expected one of {', '.join(DURATION_KINDS)}")
    text = " ".join(phrase.split())
    inferred = _infer(text, published)
    if kind_hint in (None, "unspecified"):
        return inferred
    own = _parse_as(kind_hint, text, published)
    if own is not None:
        return own
    strong = {"open_ended": _OPEN, "permanent": _PERM}
    if inferred.kind in strong and strong[inferred.kind].search(text):
        return inferred
    if kind_hint in strong and inferred.value is not None:
        return inferred
    if kind_hint == "conditional":
        return Duration("conditional", _trim(text) or None)
    return Duration(kind_hint)


# --- Inference -----------------------------------------------------------------------------------
def _infer(text: str, published: dt.date | None) -> Duration:
    if _OPEN.search(text):
        return Duration("open_ended")
    masked = _mask(text)
    permanent = _PERM.search(masked)
    hits = [_deadline(masked, published, need_cue=True), _condition(masked, text), _fixed(masked, published),
            (permanent.start(), Duration("permanent")) if permanent else None]
    # The first term the phrase states wins; at the same position the listed order breaks the tie
    # ("until 2025" is a deadline, not a condition).
    found = [(hit[0], rank, hit[1]) for rank, hit in enumerate(hits) if hit]
    if found:
        return min(found, key=lambda f: f[:2])[2]
    if _OPEN_WEAK.search(text):
        return Duration("open_ended")
    if _PERM_WEAK.search(text):
        return Duration("permanent")
    return Duration()


def _parse_as(kind: str, text: str, published: dt.date | None) -> Duration | None:
    """The hinted kind with its value, or None when the phrase has nothing of that kind."""
    masked = _mask(text)
    if kind == "fixed":
        hit = _fixed(masked, published)
    elif kind == "deadline":
        hit = _deadline(masked, published, need_cue=True) or _deadline(masked, published, need_cue=False)
    elif kind == "conditional":
        hit = _condition(masked, text)
    else:
        cues = (_OPEN, _OPEN_WEAK) if kind == "open_ended" else (_PERM, _PERM_WEAK)
        return Duration(kind) if any(c.search(text) for c in cues) else None
    return hit[1] if hit else None


def _mask(text: str) -> str:
    """Blank out open-ended cues so "until further notice" is not read as a condition."""
    for cue in (_OPEN, _OPEN_WEAK):
        text = cue.sub(lambda m: " " * len(m.group()), text)
    return text


def _trim(text: str) -> str:
    end = _SENTENCE_END.search(text)
    kept = text[:end.start()] if end else text
    return re.sub(r"[“”\"]", "", kept).rstrip(_TRAILING)  # a normalized value, not a quote


def _condition(masked: str, text: str) -> tuple[int, Duration] | None:
    for m in _COND.finditer(masked):
        if not _PERIOD.match(masked, m.end() + 1):  # "for as long as two years" is a term
            return m.start(), Duration("conditional", _trim(text[m.start():]))
    return None


# --- Fixed terms ---------------------------------------------------------------------------------
def _quantity(m: re.Match[str]) -> Fraction | None:
    num = (m["num"] or "").lower()
    if m["half"]:
        return Fraction(1, 2)
    if num in ("a", "an") and m["plural"]:
        return None  # "a months-long review" names no quantity
    if num in ("a", "an"):
        q = Fraction(1)
    elif num[0].isdigit():
        q = Fraction(num)
    else:
        q = Fraction(sum(_WORD_VALUES[w] for w in re.split(r"[\s-]+", num)))
    return q + Fraction(1, 2) if (m["h1"] or m["h2"]) else q


def _iso(q: Fraction, unit: str) -> str:
    """ISO 8601 period in the unit the text used; fractions step down only where exact (P2.5Y → P30M)."""
    code = _UNIT_CODES.get(unit, "Y")
    if unit == "decade":
        q *= 10
    while q.denominator != 1 and code in _EXACT_STEP_DOWN:
        code, factor = _EXACT_STEP_DOWN[code]
        q *= factor
    return f"P{q.numerator}{code}" if q.denominator == 1 else f"P{float(q):g}{code}"


def _ends_after(published: dt.date | None, iso: str) -> str | None:
    try:
        return add_period(published, iso).isoformat() if published else None
    except ValueError:
        return None


def _periods(text: str):
    for m in _PERIOD.finditer(text):
        q = _quantity(m)
        if q is not None:
            yield m, _iso(q, m["unit"].lower())


def _fixed(text: str, published: dt.date | None) -> tuple[int, Duration] | None:
    m, iso = next(_periods(text), (None, None))
    return (m.start(), Duration("fixed", iso, _ends_after(published, iso))) if m else None


# --- Deadlines -----------------------------------------------------------------------------------
def _deadline(text: str, published: dt.date | None, need_cue: bool) -> tuple[int, Duration] | None:
    """The earliest deadline expression: a date, a relative year, "within N units", or a vague time."""
    found = []
    dated = next((m for m in _DEADLINE.finditer(text) if not need_cue or m["cue"] or m["mid"]
                  or (m["mod"] or "").lower() in ("end", "close", "middle")), None)
    if dated:
        found.append((dated.start(), _dated(dated)))
    else:
        yearless = _YEARLESS.search(text)
        if yearless:
            found.append((yearless.start(), _yearless(yearless, published)))
    relative = next((m for m in _RELATIVE.finditer(text) if not need_cue or m["cue"] or m["end"] or m["ye"]), None)
    if relative:
        found.append((relative.start(), _relative(relative, published)))
    for m, iso in _periods(text):
        within = _WITHIN_BEFORE.search(text, 0, m.start())
        if within or not need_cue:
            found.append(((within or m).start(), Duration("deadline", iso, _ends_after(published, iso))))
            break
    coming = _COMING.search(text)
    if coming:
        found.append((coming.start(), Duration("deadline", f"vague:{(coming['u'] or coming['u2']).lower()}s")))
    soon = _SOON.search(text)
    if soon:
        found.append((soon.start(), Duration("deadline", "vague:soon")))
    return min(found, key=lambda f: f[0]) if found else None


def _parse_date(text: str) -> tuple[dt.date, str]:
    """Parse with two different defaults: whatever changes was not in the text (its granularity)."""
    clean = re.sub(r"(?<=\d)(?:st|nd|rd|th)\b|\bof\b", "", text)
    try:
        a = date_parser.parse(clean, default=dt.datetime(2000, 1, 1))
        b = date_parser.parse(clean, default=dt.datetime(2000, 2, 2))
    except (ValueError, OverflowError):
        return dt.date(int(re.search(r"\d{4}", text).group()), 1, 1), "year"
    return a.date(), "day" if a.day == b.day else "month" if a.month == b.month else "year"


def _dated(m: re.Match[str]) -> Duration:
    if m["fiscal"]:
        year = int(m["fy"]) + (2000 if len(m["fy"]) == 2 else 0)
        return Duration("deadline", str(year))  # a fiscal year ends on a company-specific date
    if m["quarter"]:  # "by Q3 2026": the quarter's last day
        last = dt.date(int(m["qy"]), 3 * int(m["q"]), 1) + relativedelta(day=31)
        return Duration("deadline", last.isoformat(), last.isoformat())
    when, grain = _parse_date(m["date"])
    mod = (m["mod"] or "").lower()
    if (m["mid"] or mod == "middle") and grain == "year":
        when, grain = when.replace(month=6), "month"
    if grain == "year":
        first, last, value = dt.date(when.year, 1, 1), dt.date(when.year, 12, 31), str(when.year)
    elif grain == "month":
        first = when.replace(day=1)
        last = first + relativedelta(day=31)
        # "by the end of September 2017" names its last day, as "by the end of January" does
        value = last.isoformat() if mod in ("end", "close") else first.strftime("%Y-%m")
    else:
        first, last, value = when, when, when.isoformat()
    # "before 2030" ends the year before; "before the end of June 2025" ends with June
    before = (re.match(r"before|prior|ahead", m["cue"] or "", re.I) and mod not in ("end", "close")
              ) or mod in ("start", "beginning")
    ends = first - dt.timedelta(days=1) if before else last
    return Duration("deadline", value, ends.isoformat())


def _yearless(m: re.Match[str], published: dt.date | None) -> Duration:
    """A day or month named without a year: the next one on or after publication. Without a
    publication date the year is unknown; the deadline is then only known to be months away."""
    if published is None:
        return Duration("deadline", "vague:months")
    month = date_parser.parse(m["m1"] or m["m2"], default=dt.datetime(published.year, 1, 1)).month
    day = m["d1"] or m["d2"]
    mod = (m["mod"] or "").lower()
    before = (re.match(r"before|prior|ahead", m["cue"], re.I) and mod not in ("end", "close")
              ) or mod in ("start", "beginning")
    for year in (published.year, published.year + 1):
        first = dt.date(year, month, 1)
        last = first + relativedelta(day=31)
        if day:
            try:
                first = last = dt.date(year, month, int(day))
            except ValueError:
                return Duration("deadline", "vague:months")
        if last >= published:
            break
    ends = first - dt.timedelta(days=1) if before else last
    if day or mod in ("end", "close"):  # a day is named: "until 31 March", "by the end of January"
        return Duration("deadline", (first if before else last).isoformat(), ends.isoformat())
    return Duration("deadline", first.strftime("%Y-%m"), ends.isoformat())


def _relative(m: re.Match[str], published: dt.date | None) -> Duration:
    nxt = (m["which"] or "").lower() == "next"
    unit = (m["unit"] or "year").lower()
    if published is None:
        return Duration("deadline", f"vague:{'next' if nxt else 'this'}-{unit}")
    if m["fisc"]:  # "by the end of this fiscal year": a company's own year end, within the year ahead
        return Duration("deadline", "vague:months")
    if unit == "year":
        first = last = published.year + nxt
    else:
        first = published.year // 10 * 10 + 10 * nxt
        last = first + 9
    before = re.match(r"before|prior|ahead", m["cue"] or "", re.I) and not (m["end"] or m["ye"])
    ends = dt.date(first, 1, 1) - dt.timedelta(days=1) if before else dt.date(last, 12, 31)
    return Duration("deadline", str(last), ends.isoformat())


_ISO_PERIOD = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")


def humanize_period(value: str | None) -> str | None:
    """``P18M`` → ``18 months``; ``None`` when ``value`` is not a simple ISO 8601 period."""
    if not value:
        return None
    m = _ISO_PERIOD.match(value)
    if not m or not any(m.groups()):
        return None
    parts = []
    for amount, unit in zip(m.groups(), ("year", "month", "week", "day")):
        if amount:
            n = int(amount)
            parts.append(f"{n} {unit}{'' if n == 1 else 's'}")
    return " ".join(parts)
