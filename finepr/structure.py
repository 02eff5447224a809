"""The shape of an announcement: headline, dateline, publication date, lead, boilerplate.

Cue phrases come from ``rules/core/structure.yaml`` (:func:`load_cues`); this module
holds only the mechanism. Regions are character offsets into ``source.text``, end exclusive.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import yaml
from dateutil import parser as dateparser

from finepr.errors import RuleFileError
from finepr.model import Source

CUE_KEYS = ("about_headings", "forward_looking", "forward_looking_supporting", "contact_headings",
            "end_markers", "published_labels", "event_labels", "salutations", "byline_prefixes",
            "abbreviations", "document_labels")
DATELINE_LINES = 20  # datelines and bylines are looked for in this many lines

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = (rf"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?:{_MONTH}\s+{_DAY}(?:,?\s+\d{{4}})?"
         rf"(?!\d)|{_DAY}\s+{_MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|{_MONTH}\s+\d{{4}})")
_DASH = r"[ \t]*(?:--|—|–|―|-)"
_AGENCY = r"[ \t]*(?:/[ \t]*[A-Za-z][\w .&-]{0,40}?[ \t]*/|\([A-Za-z][\w .&-]{0,40}\))"
_STATE = r"(?:,[ \t]*[A-Z][A-Za-z.]*(?:[ \t][A-Z][A-Za-z.]*)?)?"
_PLACE = rf"[A-Z][A-Za-z.'’&-]*(?:[ \t][A-Z][A-Za-z.'’&-]*){{0,3}}{_STATE}"
# SEATTLE, June 10, 2020 —  |  ARMONK, N.Y., June 8, 2020 /PRNewswire/ --  |  June 10, 2020 —
# REDMOND, Wash. — June 11, 2020 —  |  SAN FRANCISCO--(BUSINESS WIRE)--June 10, 2020--
DATELINE = re.compile(rf"(?:{_PLACE}(?:[ \t]*,[ \t]*|{_DASH}[ \t]*|[ \t]+))?(?:{_AGENCY}{_DASH}?[ \t]*)?"
                      rf"(?P<date>{_DATE})(?:{_AGENCY})?(?:{_DASH}|[ \t]*$)")
# WASHINGTON (Reuters) -   (a news dateline without a date)
AGENCY_DATELINE = re.compile(rf"[A-Z][A-Z.'’&-]+(?:[ \t][A-Z][A-Z.'’&-]+)*{_STATE}{_AGENCY}{_DASH}")
_SENT_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9]|\s*$|\s*\n\s*\n)")
_PARA_BREAK = re.compile(r"\n[ \t]*\r?\n")
_CONTACT_DETAIL = re.compile(r"\S@\S+\.\w|\+?\(?\d[\d ().-]{6,}\d|www\.|https?://")
_MD_HEADING = re.compile(r"[ \t]{0,3}(#{1,6})[ \t]+(?=\S)")
_SETEXT = re.compile(r"[ \t]*=+[ \t]*")
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
    dateline: Region | None = None  # label: dateline | byline | front-matter
    published: dt.date | None = None
    lead: Region | None = None
    deck: Region | None = None  # the unpunctuated summary line under a title ("Four-part plan covers …")
    boilerplate: list[Region] = field(default_factory=list)  # about | forward-looking | media-contact | end-marker


def load_cues(path) -> dict:
    """Read a structure cue file; a malformed one is a :class:`RuleFileError`."""
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


def _cue(cues: dict, key: str) -> tuple[str, ...]:
    """The phrases under ``key`` (missing keys are empty lists)."""
    return tuple(str(v) for v in cues.get(key) or ())


class _Line(NamedTuple):
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


@lru_cache(maxsize=64)
def _phrase_re(phrases: tuple[str, ...], suffix: str = "") -> re.Pattern | None:
    alts = sorted((re.escape(p) for p in phrases), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)" + suffix, re.I) if alts else None


def sentence_end(text: str, start: int, abbreviations: set[str]) -> int:
    """End of the sentence starting at ``start``: ``.!?`` before a capital, a paragraph
    break or the end; abbreviations, initials and dotted forms (U.S.) do not end one."""
    para = _PARA_BREAK.search(text, start)
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


# --- headline, dateline, lead -------------------------------------------------------------

def find_structure(source: Source, cues: dict) -> Structure:
    """Find the headline, dateline, publication date, lead and boilerplate of ``source``."""
    text, lines, out = source.text, _lines(source.text), Structure()
    first = _front_matter_end(lines)
    if first and (m := _FRONT_DATE.search(text, 0, lines[first - 1].end)):
        out.dateline = Region(m.start("date"), m.end("date"), "front-matter")
        out.published = _parse_date(m.group("date"))
    title, body = _find_title(source, lines, first, cues)
    if title:
        out.headline, out.headline_source = title, "title"
    if title:
        out.deck = _find_deck(text, lines, body, cues)
    dateline, date_text = _find_dateline(lines, body, cues)
    if dateline:
        out.dateline, out.published = dateline, _parse_date(date_text) or out.published
    if out.published is None:  # a labelled date further down ("Posted on ...")
        found = (_byline(ln.text.strip(), cues) for ln in lines[first:first + DATELINE_LINES])
        out.published = next((_parse_date(b.group("date")) for b in found if b), None)
    if out.published is None:  # a date on a short header line: "Blog name | June 11, 2020"
        out.published = _date_in_header(lines, first)
    if out.published is None:  # "Transcript of an interview recorded on 20 May 2025 with …"
        event = _phrase_re(_cue(cues, "event_labels"), rf"[ \t]+(?P<date>{_DATE})")
        found = (event.search(ln.text) for ln in lines[first:first + DATELINE_LINES]) if event else ()
        out.published = next((_parse_date(m.group("date")) for m in found if m), None)
    lead_from = lines[body].start if body < len(lines) else len(text)
    if dateline and dateline.end > lead_from:
        lead_from = dateline.end
    start = _strip_span(text, _skip_preamble(text, lines, lead_from, cues), len(text))[0]
    if start < len(text):
        out.lead = Region(start, sentence_end(text, start, set(_cue(cues, "abbreviations"))), "lead")
        if out.headline is None:
            out.headline = Region(out.lead.start, out.lead.end, "headline")
            is_dateline = dateline is not None and dateline.label == "dateline"
            out.headline_source = "dateline-lead" if is_dateline else "first-sentence"
    out.boilerplate = find_boilerplate(text, lines, out.lead.end if out.lead else lead_from, cues)
    return out


def _date_in_header(lines: list[_Line], first: int) -> dt.date | None:
    for line in lines[first:first + DATELINE_LINES]:
        if line.blank or len(line.text.split()) > 20:
            continue
        if m := re.search(_DATE, line.text):
            return _parse_date(m.group())
    return None


def _front_matter_end(lines: list[_Line]) -> int:
    if lines and lines[0].text.strip() == "---":
        for i in range(1, min(len(lines), 60)):
            if lines[i].text.strip() in ("---", "..."):
                return i + 1
    return 0


def _parse_date(date_text: str | None) -> dt.date | None:
    if not date_text or not re.search(r"\d{4}", date_text):
        return None  # without a year there is nothing to anchor on
    try:
        # "April 2015": a month without a day is dated on its first day
        return dateparser.parse(date_text, default=dt.datetime(2000, 1, 1)).date()
    except (ValueError, OverflowError):
        return None


def _next_nonblank(lines: list[_Line], i: int) -> int:
    while i < len(lines) and lines[i].blank:
        i += 1
    return i


def _is_dateline(line: str) -> bool:
    return bool(DATELINE.match(line.strip()) or AGENCY_DATELINE.match(line.strip()))


def _starts_with(line: str, phrases: list[str], max_words: int) -> bool:
    return len(line.split()) <= max_words and any(line.lower().startswith(p.lower() + " ") for p in phrases)


def _byline(line: str, cues: dict) -> re.Match | None:
    """A short line with a labelled date ("By Jo Roe | Posted on June 10, 2020"); the label
    listed first in the cues wins."""
    if len(line.split()) > 15:
        return None
    for label in _cue(cues, "published_labels"):
        if m := _phrase_re((label,), rf"(?:[ \t]*:[ \t]*|[ \t]+on[ \t]+|[ \t]+)(?P<date>{_DATE})").search(line):
            return m
    return None


def _front_title(text: str, lines: list[_Line], first: int) -> Region | None:
    m = _FRONT_TITLE.search(text, 0, lines[first - 1].end) if first else None
    return Region(m.start("title"), m.end("title"), "headline") if m else None


def _find_title(source: Source, lines: list[_Line], first: int, cues: dict) -> tuple[Region | None, int]:
    """The title and the index of the line where the body starts."""
    text = source.text
    if source.title:
        start, end = source.title
        return Region(start, end, "headline"), next((k for k, ln in enumerate(lines) if ln.start >= end), len(lines))
    i = _next_nonblank(lines, first)
    while i < len(lines) and _is_label(lines[i].text, cues):
        i = _next_nonblank(lines, i + 1)  # "FACT SHEET", "Acme Dairies -- Fact sheet": not the title
    if i >= len(lines):
        return _front_title(text, lines, first), i
    line = lines[i]
    heading = _MD_HEADING.match(line.text)
    if heading and len(heading.group(1)) <= 2:
        return Region(*_strip_span(text, line.start + heading.end(), line.end), "headline"), i + 1
    if source.kind == "md" and i + 1 < len(lines) and _SETEXT.fullmatch(lines[i + 1].text):
        return Region(*_strip_span(text, line.start, line.end), "headline"), i + 2
    if front := _front_title(text, lines, first):
        return front, i
    if _looks_like_title(lines, i, cues):
        return Region(*_strip_span(text, line.start, line.end), "headline"), i + 1
    return None, i


def _find_deck(text: str, lines: list[_Line], body: int, cues: dict) -> Region | None:
    """'Four-part plan covers recyclable packs, recycled content and refill stations': a short
    line of its own under the title, without a full stop, that sums the news up before the
    running text starts; not a dateline or a byline."""
    k = _next_nonblank(lines, body)
    if k >= len(lines) or k + 1 >= len(lines):
        return None
    line = lines[k].text.strip()
    bare = line.strip("*_ ")
    words = bare.split()
    if not bare or len(words) < 4 or len(words) > 30 or bare[-1] in ".!?:;,\"”" or _is_dateline(bare) \
            or _byline(bare, cues) or _starts_with(bare, _cue(cues, "byline_prefixes"), 6) \
            or bare.startswith(("#", "-", "•")) or not lines[k + 1].blank:
        return None
    return Region(*_strip_span(text, lines[k].start, lines[k].end), "deck")


def _is_label(line: str, cues: dict) -> bool:
    """A line that only names the kind of document, alone or after the company's name and a dash."""
    labels = _cue(cues, "document_labels")
    bare = re.sub(r"[*_#]+", " ", line).strip().rstrip(":").strip()
    if not labels or not bare or len(bare.split()) > 10:
        return False
    label = "|".join(re.escape(w) for w in sorted(labels, key=len, reverse=True))
    return re.fullmatch(rf"(?:.{{1,60}}?\s*(?:--|—|–|-|\||:)\s*)?(?:{label})", bare, re.I) is not None


def _looks_like_title(lines: list[_Line], i: int, cues: dict) -> bool:
    """A short line of its own, or above a subtitle, author or date line; not a dateline,
    salutation, byline or sentence."""
    line = lines[i].text.strip()
    words = line.split()
    if len(words) > 30 or _is_dateline(line) or _byline(line, cues) \
            or _starts_with(line, _cue(cues, "salutations"), 30) \
            or _starts_with(line, _cue(cues, "byline_prefixes"), 6):
        return False
    if line[-1] in ",;:" or (line[-1] in ".!" and words[-1].rstrip(".") not in _cue(cues, "abbreviations")):
        return False
    nxt = lines[i + 1].text.strip() if i + 1 < len(lines) else ""
    if not nxt or _starts_with(nxt, _cue(cues, "byline_prefixes"), 6) or _byline(nxt, cues) \
            or _is_dateline(nxt):
        return True
    after_blank = i + 2 >= len(lines) or lines[i + 2].blank  # a subtitle line, then a blank line
    return line[-1] not in "-–—" and (nxt[0].isupper() or nxt[0] in "\"“'‘") and after_blank


def _find_dateline(lines: list[_Line], body: int, cues: dict) -> tuple[Region | None, str | None]:
    """A press dateline or byline among the first lines of the body, before its running text."""
    for k in range(body, min(len(lines), body + DATELINE_LINES)):
        line = lines[k]
        content = line.text.lstrip()
        offset = line.start + len(line.text) - len(content)
        # "**LEEDS, 4 March 2024** --": Markdown emphasis around a dateline (blanked, same length)
        bare = re.sub(r"\*+", lambda e: " " * len(e.group()), content) if content.startswith("*") else content
        marks = len(bare) - len(bare.lstrip())
        if m := DATELINE.match(bare.lstrip()) or AGENCY_DATELINE.match(bare.lstrip()):
            return (Region(offset, offset + marks + len(m.group().rstrip()), "dateline"),
                    m.groupdict().get("date"))
        if b := _byline(content, cues):
            return Region(offset, offset + len(content.rstrip()), "byline"), b.group("date")
        if content and (len(content.split()) > 30 or content.rstrip()[-1] in ".!?\"”"):
            # running text: a date after this is not the dateline; but a short deck line under the
            # headline may end in a stop when the dateline comes right after it
            nxt = _next_nonblank(lines, k + 1)
            deck = (len(content.split()) <= 30 and nxt < len(lines)
                    and bool(DATELINE.match(lines[nxt].text.strip())))
            if not deck:
                break
    return None, None


def _skip_preamble(text: str, lines: list[_Line], pos: int, cues: dict) -> int:
    """Past author lines ("By Ren Okafor") and a letter's "Dear colleagues," line."""
    for ln in lines:
        start = _strip_span(text, pos, len(text))[0]
        if ln.end < start or ln.blank:
            continue
        s = ln.text.strip()
        if ln.start > start or not (_starts_with(s, _cue(cues, "byline_prefixes"), 6) or (
                s[-1] in ",:" and _starts_with(s, _cue(cues, "salutations"), 8))):
            break
        pos = ln.end
    return pos


# --- boilerplate --------------------------------------------------------------------------

def find_boilerplate(text: str, lines: list[_Line], scan_from: int, cues: dict) -> list[Region]:
    """About sections, forward-looking disclaimers, media contacts, text after an end marker."""
    fls = _phrase_re(_cue(cues, "forward_looking"))
    fls_more = _phrase_re(_cue(cues, "forward_looking_supporting"))
    ends = {m.strip() for m in _cue(cues, "end_markers")}
    start = next((k for k, ln in enumerate(lines) if ln.start >= scan_from), len(lines))
    kinds: dict[int, str] = {}  # line -> end | about | contact | fls (a paragraph's first line)
    prev_fls = False
    for k in range(start, len(lines)):
        ln, heading = lines[k], _heading_text(lines[k].text)
        para_start = k == 0 or lines[k - 1].blank
        if ln.blank:
            continue
        if ln.text.strip() in ends:
            kinds[k] = "end"
        elif _about_heading(heading, text, ln.end, cues):
            kinds[k] = "about"
        elif _contact_heading(heading, ln.text.strip(), cues):
            kinds[k] = "contact"
        elif para_start:
            para = text[ln.start:lines[_para_end(lines, k)].end]
            if (fls and fls.search(para)) or (prev_fls and fls_more and fls_more.search(para)):
                kinds[k] = "fls"
        if para_start:
            prev_fls = kinds.get(k) == "fls"
    regions: list[Region] = []
    k = start
    while k < len(lines):
        kind, j = kinds.get(k), k + 1
        if kind == "about":  # to the next cue or Markdown heading
            while j < len(lines) and kinds.get(j) is None and not _MD_HEADING.match(lines[j].text):
                j += 1
        elif kind == "fls":  # a run of disclaimer paragraphs
            j = _para_end(lines, k) + 1
            while (n := _next_nonblank(lines, j)) < len(lines) and kinds.get(n) == "fls":
                j = _para_end(lines, n) + 1
        elif kind == "contact":
            j = _contact_end(lines, k + 1, kinds)
        if kind in (None, "end") or (j == k + 1 and kind == "contact"
                                     and not _CONTACT_DETAIL.search(lines[k].text)):
            k += 1  # also: a bare "Contact" line with nothing contact-like after it
            continue
        last = max(i for i in range(k, j) if not lines[i].blank)
        label = {"about": "about", "fls": "forward-looking", "contact": "media-contact"}[kind]
        regions.append(Region(lines[k].start + len(lines[k].text) - len(lines[k].text.lstrip()),
                              lines[last].end, label))
        k = j
    marker = next((k for k in range(start, len(lines)) if kinds.get(k) == "end"
                   and not any(r.start <= lines[k].start < r.end for r in regions)), None)
    if marker is not None:  # everything after it that is not already a section
        cut, gaps = lines[marker].start, []
        for r in sorted((r for r in regions if r.start >= cut), key=lambda r: r.start):
            gaps.append((cut, r.start))
            cut = r.end
        for a, b in gaps + [(cut, len(text))]:
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


def _about_heading(s: str, text: str, line_end: int, cues: dict) -> bool:
    """An exact cue ("About us"), or "About Acme Corp." with "Acme" in the lines after it."""
    m = _phrase_re(_cue(cues, "about_headings")) if s and len(s.split()) <= 8 else None
    m = m and m.match(s)
    if not m:
        return False
    rest = s[m.end():].strip()
    if not rest:
        return True
    if not rest[0].isupper() or s[-1] in "!?":
        return False
    name = next((w for w in re.findall(r"[A-Z][\w&'’-]*", rest) if w not in ("The", "A", "An")), None)
    return bool(name) and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text[line_end:line_end + 400]) is not None


def _contact_heading(s: str, raw: str, cues: dict) -> bool:
    """"Media contact", "Press contacts:", "Media inquiries: jo@acme.example", "For more
    information, contact:"; a cue opening a longer line needs a final colon or contact detail."""
    low = s.lower()
    for p in (c.lower() for c in _cue(cues, "contact_headings")):
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
    """The line after a contact block whose heading is above line ``j``: short name/title
    lines, and further paragraphs of such lines when they hold an email, phone or URL."""
    while j < len(lines):
        if not lines[j].blank:
            if kinds.get(j) or not _contactish(lines[j].text):
                return j
            j += 1
            continue
        nxt = _next_nonblank(lines, j)
        para = lines[nxt:_para_end(lines, nxt) + 1] if nxt < len(lines) else []
        if not para or any(kinds.get(i) for i in range(nxt, nxt + len(para))) \
                or not all(_contactish(p.text) for p in para) \
                or not any(_CONTACT_DETAIL.search(p.text) for p in para):
            return j
        j = nxt + len(para)
    return j
