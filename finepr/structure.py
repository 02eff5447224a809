"""The shape of an announcement: headline, dateline, publication date, lead, boilerplate.

Cue phrases come from ``rules/core/structure.yaml`` (see :func:`load_cues`); this
module holds only the mechanism. All regions are character offsets into
``source.text`` with ``end`` exclusive.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from dateutil import parser as dateparser

from finepr.errors import RuleFileError
from finepr.model import Source

CUE_KEYS = ("about_headings", "forward_looking", "forward_looking_supporting", "contact_headings",
            "end_markers", "published_labels", "salutations", "byline_prefixes", "abbreviations")
DATELINE_LINES = 20  # datelines and bylines are looked for in this many lines

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
_DATE = (rf"{_WEEKDAY}(?:{_MONTH}\s+{_DAY}(?:,?\s+\d{{4}})?(?!\d)|{_DAY}\s+{_MONTH},?\s+\d{{4}}"
         r"|\d{4}-\d{2}-\d{2})")
_DASH = r"[ \t]*(?:--|—|–|―|-)"
_AGENCY = r"[ \t]*(?:/[ \t]*[A-Za-z][\w .&-]{0,40}?[ \t]*/|\([A-Za-z][\w .&-]{0,40}\))"
_STATE = r"[A-Z][A-Za-z.]*(?:[ \t][A-Z][A-Za-z.]*)?"
_PLACE = rf"[A-Z][A-Za-z.'’&-]*(?:[ \t][A-Z][A-Za-z.'’&-]*){{0,3}}(?:,[ \t]*{_STATE})?"
# SEATTLE, June 10, 2020 —  |  ARMONK, N.Y., June 8, 2020 /PRNewswire/ --  |  June 10, 2020 —
# REDMOND, Wash. — June 11, 2020 —  |  SAN FRANCISCO--(BUSINESS WIRE)--June 10, 2020--
DATELINE = re.compile(
    rf"(?:(?P<place>{_PLACE})(?:[ \t]*,[ \t]*|{_DASH}[ \t]*|[ \t]+))?(?:{_AGENCY}{_DASH}?[ \t]*)?"
    rf"(?P<date>{_DATE})(?:{_AGENCY})?(?:{_DASH}|[ \t]*$)")
# WASHINGTON (Reuters) -   (a news dateline without a date)
AGENCY_DATELINE = re.compile(rf"(?P<place>[A-Z][A-Z.'’&-]+(?:[ \t][A-Z][A-Z.'’&-]+)*(?:,[ \t]*{_STATE})?)"
                             rf"{_AGENCY}{_DASH}")
_SENT_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9]|\s*$|\s*\n\s*\n)")
_CONTACT_DETAIL = re.compile(r"\S@\S+\.\w|\+?\(?\d[\d ().-]{6,}\d|www\.|https?://")
_MD_HEADING = re.compile(r"[ \t]{0,3}(#{1,6})[ \t]+(?=\S)")
_SETEXT = re.compile(r"[ \t]*(=+|-+)[ \t]*")
_FRONT_DATE = re.compile(r"(?m)^date:[ \t]*[\"']?(?P<date>\d{4}-\d{2}-\d{2})")
_FRONT_TITLE = re.compile(r"(?m)^title:[ \t]*[\"']?(?P<title>[^\"'\r\n]+?)[\"']?[ \t]*\r?$")


@dataclass(frozen=True)
class Region:
    start: int
    end: int
    label: str


@dataclass
class Structure:
    headline: Region | None = None
    headline_source: str | None = None  # title | dateline-lead | first-sentence
    dateline: Region | None = None
    published: dt.date | None = None
    lead: Region | None = None
    boilerplate: list[Region] = field(default_factory=list)


def load_cues(path) -> dict:
    """Read a structure cue file; a malformed file is a :class:`RuleFileError`."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise RuleFileError(f"cannot read cue file: {exc.strerror or exc}", path=str(path)) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise RuleFileError(f"invalid YAML: {getattr(exc, 'problem', None) or exc}", path=str(path),
                            line=mark.line + 1 if mark else None,
                            column=mark.column + 1 if mark else None) from None
    if not isinstance(data, dict):
        raise RuleFileError("a structure cue file must be a mapping of lists", path=str(path))
    data = data.get("structure", data)
    for key in CUE_KEYS:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
            raise RuleFileError(f"'{key}' must be a list of phrases", path=str(path))
        data[key] = [str(v) for v in value]
    return data


# --- lines and sentences ------------------------------------------------------------------

@dataclass
class _Line:
    start: int
    end: int  # excludes "\r\n"
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def _lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for raw in text.split("\n"):
        body = raw[:-1] if raw.endswith("\r") else raw
        out.append(_Line(pos, pos + len(body), body))
        pos += len(raw) + 1
    return out


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _phrase_re(phrases: list[str]) -> re.Pattern | None:
    if not phrases:
        return None
    alts = sorted((re.escape(p) for p in phrases), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)", re.IGNORECASE)


def sentence_end(text: str, start: int, abbreviations: set[str]) -> int:
    """End (exclusive) of the sentence starting at ``start``: a ``.!?`` before a capital,
    a paragraph break, or the end of the text; abbreviations do not end a sentence."""
    para = re.compile(r"\n[ \t]*\r?\n").search(text, start)
    limit = para.start() if para else len(text)
    for m in _SENT_END.finditer(text, start, limit):
        if text[m.start()] == ".":
            j = m.start()
            while j > start and (text[j - 1].isalnum() or text[j - 1] in "._"):
                j -= 1
            word = text[j:m.start()]
            if word in abbreviations or "." in word or (len(word) == 1 and word.isupper()):
                continue
        return m.end()
    return _strip_span(text, start, limit)[1]


# --- the parts ----------------------------------------------------------------------------

def find_structure(source: Source, cues: dict) -> Structure:
    """Find the headline, dateline, publication date, lead and boilerplate of ``source``."""
    text = source.text
    lines = _lines(text)
    abbrevs = set(cues.get("abbreviations", []))
    first = _skip_front_matter(lines)
    out = Structure()
    published = None
    if first:  # Markdown/YAML front matter
        front = text[:lines[first - 1].end]
        if m := _FRONT_DATE.search(front):
            out.dateline = Region(m.start("date"), m.end("date"), "front-matter")
            published = _parse_date(m.group("date"))

    title, body_line = _find_title(source, lines, first, cues)
    if title:
        out.headline, out.headline_source = title, "title"
    prose_start = _first_prose(lines, body_line, cues)
    dateline, date_text = _find_dateline(lines, body_line, prose_start, cues)
    if dateline:
        out.dateline = dateline
        published = _parse_date(date_text) or published
    out.published = published or _find_published_anywhere(lines, first, cues)

    lead_from = lines[body_line].start if body_line < len(lines) else len(text)
    if dateline and dateline.end > lead_from:
        lead_from = dateline.end
    lead_from = _skip_salutation(text, lines, lead_from, cues)
    start, _ = _strip_span(text, lead_from, len(text))
    if start < len(text):
        out.lead = Region(start, sentence_end(text, start, abbrevs), "lead")
    if out.headline is None and out.lead is not None:
        out.headline = Region(out.lead.start, out.lead.end, "headline")
        out.headline_source = "dateline-lead" if dateline and dateline.label == "dateline" else "first-sentence"
    scan_from = out.lead.end if out.lead else lead_from
    out.boilerplate = find_boilerplate(text, lines, scan_from, cues)
    return out


def _skip_front_matter(lines: list[_Line]) -> int:
    if lines and lines[0].text.strip() == "---":
        for i in range(1, min(len(lines), 60)):
            if lines[i].text.strip() in ("---", "..."):
                return i + 1
    return 0


def _parse_date(date_text: str | None) -> dt.date | None:
    if not date_text or not re.search(r"\d{4}", date_text):
        return None
    try:
        return dateparser.parse(date_text).date()
    except (ValueError, OverflowError):
        return None


def _next_nonblank(lines: list[_Line], i: int) -> int:
    while i < len(lines) and lines[i].blank:
        i += 1
    return i


def _is_dateline(line: str) -> bool:
    return bool(DATELINE.match(line.strip()) or AGENCY_DATELINE.match(line.strip()))


def _find_title(source: Source, lines, first, cues) -> tuple[Region | None, int]:
    """The title region and the index of the first line after it (the body's start)."""
    text = source.text
    if source.title:
        start, end = source.title
        after = next((k for k, ln in enumerate(lines) if ln.start >= end), len(lines))
        return Region(start, end, "headline"), after
    i = _next_nonblank(lines, first)
    if i >= len(lines):
        return None, i
    line = lines[i]
    heading = _MD_HEADING.match(line.text)
    if heading and len(heading.group(1)) <= 2:
        start, end = _strip_span(text, line.start + heading.end(), line.end)
        return Region(start, end, "headline"), i + 1
    if i + 1 < len(lines) and _SETEXT.fullmatch(lines[i + 1].text) and source.kind == "md":
        start, end = _strip_span(text, line.start, line.end)
        return Region(start, end, "headline"), i + 2
    if first and (m := _FRONT_TITLE.search(text, 0, lines[first - 1].end)):
        return Region(m.start("title"), m.end("title"), "headline"), first
    if _looks_like_title(lines, i, cues):
        start, end = _strip_span(text, line.start, line.end)
        return Region(start, end, "headline"), i + 1
    return None, i


def _looks_like_title(lines: list[_Line], i: int, cues: dict) -> bool:
    """A short line on its own (or above a subtitle line), not a dateline, salutation or sentence."""
    line = lines[i].text.strip()
    words = line.split()
    if not words or len(words) > 30 or _is_dateline(line) or _byline(line, cues):
        return False
    if any(line.lower().startswith(s.lower() + " ") for s in cues.get("salutations", [])):
        return False
    if _by_line(line, cues):
        return False
    last = words[-1]
    if line[-1] in ",;:" or (line[-1] in ".!" and last.rstrip(".") not in cues.get("abbreviations", [])):
        return False
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    if nxt is None or nxt.blank or _by_line(nxt.text.strip(), cues) or _byline(nxt.text.strip(), cues) \
            or _is_dateline(nxt.text):
        return True
    # A subtitle line: starts like a new sentence and is followed by a blank line.
    after = lines[i + 2] if i + 2 < len(lines) else None
    sub = nxt.text.strip()
    return (line[-1] not in "-–—" and (sub[:1].isupper() or sub[:1] in "\"“'‘")
            and (after is None or after.blank) and not _is_dateline(sub))


def _first_prose(lines: list[_Line], i: int, cues: dict) -> int:
    """Index of the first body line that is running text (not a subtitle, dateline or byline)."""
    i = _next_nonblank(lines, i)
    while i < len(lines):
        ln = lines[i].text.strip()
        if ln and not _is_dateline(ln) and not _byline(ln, cues) and (
                len(ln.split()) > 12 or ln[-1] in ".!?\"”"):
            return i
        i += 1
    return len(lines)


def _byline(line: str, cues: dict) -> re.Match | None:
    """A short line with a labelled publication date ("By Jo Roe | Posted on June 10, 2020")."""
    if len(line.split()) > 15 or not cues.get("published_labels"):
        return None
    for label in cues["published_labels"]:  # the first label listed wins
        pat = rf"(?<!\w){re.escape(label)}(?:[ \t]*:[ \t]*|[ \t]+on[ \t]+|[ \t]+)(?P<date>{_DATE})"
        if m := re.search(pat, line, re.IGNORECASE):
            return m
    return None


def _find_dateline(lines, body_line, prose_start, cues) -> tuple[Region | None, str | None]:
    """A press dateline or byline at or before the first prose line (within the first lines)."""
    last = min(len(lines) - 1, prose_start, body_line + DATELINE_LINES)
    for k in range(body_line, last + 1):
        line = lines[k]
        lead_ws = len(line.text) - len(line.text.lstrip())
        content = line.text[lead_ws:]
        m = DATELINE.match(content) or AGENCY_DATELINE.match(content)
        if m:
            start = line.start + lead_ws
            return Region(start, start + len(m.group().rstrip()), "dateline"), m.groupdict().get("date")
        if (b := _byline(content, cues)) is not None:
            start, end = _strip_span(line.text, 0, len(line.text))
            return Region(line.start + start, line.start + end, "byline"), b.group("date")
    return None, None


def _find_published_anywhere(lines, first, cues) -> dt.date | None:
    for line in lines[first:first + DATELINE_LINES]:
        if (b := _byline(line.text.strip(), cues)) is not None:
            return _parse_date(b.group("date"))
    return None


def _by_line(line: str, cues: dict) -> bool:
    """An author line: "By Ren Okafor"."""
    return len(line.split()) <= 6 and any(line.startswith(b + " ") for b in cues.get("byline_prefixes", []))


def _skip_salutation(text: str, lines: list[_Line], pos: int, cues: dict) -> int:
    """Past author lines and a letter's "Dear colleagues," line at the start of the body."""
    for ln in lines:
        start, _ = _strip_span(text, pos, len(text))
        if ln.end < start or ln.blank:
            continue
        if ln.start > start:
            break
        s = ln.text.strip()
        if _by_line(s, cues) or (s[-1:] in ",:" and len(s.split()) <= 8 and any(
                s.lower().startswith(w.lower() + " ") for w in cues.get("salutations", []))):
            pos = ln.end
        else:
            break
    return pos


# --- boilerplate --------------------------------------------------------------------------

def find_boilerplate(text: str, lines: list[_Line], scan_from: int, cues: dict) -> list[Region]:
    """About sections, forward-looking disclaimers, media contacts and text after an end marker."""
    about_re = _phrase_re(cues.get("about_headings", []))
    fls_re = _phrase_re(cues.get("forward_looking", []))
    fls_more = _phrase_re(cues.get("forward_looking_supporting", []))
    ends = {m.strip() for m in cues.get("end_markers", [])}
    kinds: dict[int, str] = {}  # line index -> end | about | contact | fls (first line of a paragraph)
    start = next((k for k, ln in enumerate(lines) if ln.start >= scan_from), len(lines))
    prev_fls = False
    for k in range(start, len(lines)):
        ln, s = lines[k], _heading_text(lines[k].text)
        if ln.blank:
            continue
        if ln.text.strip() in ends:
            kinds[k] = "end"
        elif _about_heading(s, lines, k, text, about_re):
            kinds[k] = "about"
        elif _contact_heading(s, ln.text.strip(), cues):
            kinds[k] = "contact"
        elif k == 0 or lines[k - 1].blank:
            para = text[ln.start:lines[_para_end(lines, k)].end]
            if (fls_re and fls_re.search(para)) or (prev_fls and fls_more and fls_more.search(para)):
                kinds[k] = "fls"
        if k == 0 or lines[k - 1].blank:
            prev_fls = kinds.get(k) == "fls"
    regions: list[Region] = []
    k = start
    while k < len(lines):
        kind = kinds.get(k)
        if kind == "about":  # to the next cue or Markdown heading
            j = k + 1
            while j < len(lines) and kinds.get(j) not in ("end", "about", "contact", "fls") \
                    and not _MD_HEADING.match(lines[j].text):
                j += 1
        elif kind == "fls":  # a run of disclaimer paragraphs
            j = _para_end(lines, k) + 1
            while (n := _next_nonblank(lines, j)) < len(lines) and kinds.get(n) == "fls":
                j = _para_end(lines, n) + 1
        elif kind == "contact":
            j = _contact_end(lines, k + 1, kinds)
            if j == k + 1 and not _CONTACT_DETAIL.search(lines[k].text):
                k += 1  # a bare "Contact" line with nothing contact-like after it
                continue
        else:
            k += 1
            continue
        last = max(i for i in range(k, j) if not lines[i].blank)
        label = {"about": "about", "fls": "forward-looking", "contact": "media-contact"}[kind]
        first = lines[k].start + len(lines[k].text) - len(lines[k].text.lstrip())
        regions.append(Region(first, lines[last].end, label))
        k = j
    marker = next((k for k in range(start, len(lines)) if kinds.get(k) == "end"
                   and not any(r.start <= lines[k].start < r.end for r in regions)), None)
    if marker is not None:  # everything after it that is not already a section
        cut, gaps = lines[marker].start, []
        for r in sorted((r for r in regions if r.start >= cut), key=lambda r: r.start):
            gaps.append((cut, r.start))
            cut = r.end
        gaps.append((cut, len(text)))
        for a, b in gaps:
            a, b = _strip_span(text, a, b)
            if a < b:
                regions.append(Region(a, b, "end-marker"))
    return sorted(regions, key=lambda r: r.start)


def _heading_text(line: str) -> str:
    """A line without Markdown heading marks, bold marks and a trailing colon."""
    s = _MD_HEADING.sub("", line.strip(), count=1).strip().strip("*_").strip()
    return s[:-1].rstrip() if s.endswith(":") else s


def _para_end(lines: list[_Line], k: int) -> int:
    while k + 1 < len(lines) and not lines[k + 1].blank:
        k += 1
    return k


def _about_heading(s: str, lines, k, text, about_re) -> bool:
    """"About Acme Corp." on its own line, with "Acme" in the next lines; or an exact cue."""
    if not about_re or not s or len(s.split()) > 8:
        return False
    m = about_re.match(s)
    if not m:
        return False
    rest = s[m.end():].strip()
    if not rest:
        return True
    if rest[0] == ":" or not rest[0].isupper() or s[-1] in "!?":
        return False
    name = next((w for w in re.findall(r"[A-Z][\w&'’-]*", rest) if w not in ("The", "A", "An")), None)
    following = text[lines[k].end:lines[k].end + 400]
    return bool(name) and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", following) is not None


def _contact_heading(s: str, raw: str, cues: dict) -> bool:
    """"Media contact", "Press contacts:", "Media inquiries: jo@acme.example", "For more
    information, contact:"; a cue that opens a longer line needs a colon or contact detail."""
    low = s.lower()
    for phrase in cues.get("contact_headings", []):
        p = phrase.lower()
        if low in (p, p + "s") or low.startswith(p + ":"):
            return True
        if low.startswith(p) and not low[len(p):len(p) + 1].isalnum() and len(s.split()) <= 16 \
                and (raw.endswith(":") or _CONTACT_DETAIL.search(s)):
            return True
    return False


def _contactish(line: str) -> bool:
    s = line.strip()
    return bool(_CONTACT_DETAIL.search(s)) or (len(s.split()) <= 10 and s[-1:] not in ".!?")


def _contact_end(lines: list[_Line], j: int, kinds: dict[int, str]) -> int:
    """Index after the last line of a contact block that starts above line ``j``."""
    while j < len(lines):
        if lines[j].blank:
            nxt = _next_nonblank(lines, j)
            end = _para_end(lines, nxt) if nxt < len(lines) else nxt
            para = lines[nxt:end + 1]
            if not para or any(kinds.get(i) for i in range(nxt, end + 1)) \
                    or not all(_contactish(p.text) for p in para) \
                    or not any(_CONTACT_DETAIL.search(p.text) for p in para):
                return j
            j = end + 1
        elif kinds.get(j) or not _contactish(lines[j].text):
            return j
        else:
            j += 1
    return j
