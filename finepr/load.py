"""Read an announcement (.txt, .md, .html or standard input) into a :class:`Source`.

Plain text and Markdown are analyzed exactly as decoded, so every offset maps
to the line:column an editor shows. HTML goes through trafilatura's main-text
extraction; the analyzed text is then ``title + "\\n\\n" + paragraphs``.
"""
from __future__ import annotations

import codecs
import hashlib
import re
from pathlib import Path

import lxml.html
import trafilatura
from lxml import etree

from finepr.errors import InputError
from finepr.model import Source

KINDS = ("txt", "md", "html")
SUFFIX_KINDS = {"": "txt", ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md",
                ".html": "html", ".htm": "html"}
_BOM = codecs.BOM_UTF8
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Elements outside the article: a title or byline found inside one is not the article's.
_CHROME = {"nav", "footer", "aside", "script", "style", "noscript"}
_DATE_CLASS_WORDS = {"dateline", "byline", "date", "pubdate", "published", "posted", "timestamp", "updated",
                     "meta"}  # "post-meta", "entry-meta": where blogs put the date
_TITLE_SEPARATORS = (" | ", " – ", " — ", " - ", " :: ")
_XML_ENCODING = re.compile(rb"\s*<\?xml[^>]*?encoding=[\"']([A-Za-z0-9._-]+)")
_SPACES = re.compile(r"[ \t\f\v\u00a0]+")


def kind_for_path(path: str) -> str:
    """The kind a file name implies, or an :class:`InputError` for unsupported suffixes."""
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIX_KINDS:
        raise InputError(f"unsupported file type '{suffix}' (finepr reads .txt, .md, .html "
                         "and standard input)", path=path)
    return SUFFIX_KINDS[suffix]


def load_path(path: str) -> Source:
    """Read the file at ``path``; every failure is one :class:`InputError`."""
    p = Path(path)
    if p.is_dir():
        raise InputError("is a directory, not a file (use 'finepr scan' for a folder)", path=path)
    if not p.exists():
        raise InputError("no such file", path=path)
    kind = kind_for_path(path)
    try:
        data = p.read_bytes()
    except PermissionError:
        raise InputError("permission denied: cannot read this file", path=path) from None
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", path=path) from None
    return load_bytes(data, path, kind)


def load_bytes(data: bytes, path: str, kind: str | None = None) -> Source:
    """Build a :class:`Source` from raw bytes; ``kind`` is sniffed (txt/html) when None."""
    digest = hashlib.sha256(data).hexdigest()
    if kind is None:
        kind = "html" if looks_like_html(data) else "txt"
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {KINDS}")
    text = decode(data, path, html=(kind == "html"))
    if kind != "html":
        return Source(path=path, text=text, sha256=digest, kind=kind)
    body_text, title = extract_html(text)
    return Source(path=path, text=body_text, sha256=digest, kind="html",
                  title=(0, len(title)) if title else None)


def looks_like_html(data: bytes) -> bool:
    """True when content (after a BOM and whitespace) is clearly an HTML document."""
    head = data[:4096].removeprefix(_BOM).lstrip().lower()
    if head.startswith((b"<!doctype", b"<html")):
        return True
    return head.startswith(b"<") and any(tag in head for tag in (b"<body", b"<p>", b"<h1"))


def decode(data: bytes, path: str, html: bool = False) -> str:
    """UTF-8 (BOM stripped) or an :class:`InputError` pointing at the first bad byte.

    An HTML page that declares another charset in a ``<meta>`` tag is decoded with it.
    """
    if data.startswith(_UTF16_BOMS):
        raise InputError("the file is UTF-16 encoded; save it as UTF-8", path=path, line=1, column=1)
    data = data.removeprefix(_BOM)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if html:
            declared = _declared_charset(data)
            if declared:
                try:
                    return data.decode(declared)
                except (LookupError, UnicodeDecodeError):
                    pass
        bad = exc.start
        line_start = data.rfind(b"\n", 0, bad) + 1
        line = data.count(b"\n", 0, bad) + 1
        column = len(data[line_start:bad].decode("utf-8")) + 1
        raise InputError(f"not valid UTF-8 (byte 0x{data[bad]:02x}); save the file as UTF-8",
                         path=path, line=line, column=column) from None


def _declared_charset(data: bytes) -> str | None:
    """The non-UTF-8 charset a page declares (XML declaration or ``<meta>``), if any."""
    if xml := _XML_ENCODING.match(data):
        return xml.group(1).decode("ascii")
    try:
        tree = lxml.html.fromstring(data[:8192], parser=lxml.html.HTMLParser(encoding="iso-8859-1"))
    except (etree.ParserError, ValueError):
        return None
    for meta in tree.iter("meta"):
        charset = meta.get("charset")
        if not charset and (meta.get("http-equiv") or "").lower() == "content-type":
            content = meta.get("content") or ""
            charset = content.lower().partition("charset=")[2].split(";")[0]
        charset = (charset or "").strip().lower()
        if charset and charset.replace("-", "") != "utf8":
            return charset
    return None


# --- HTML ---------------------------------------------------------------------------------

def extract_html(html: str) -> tuple[str, str]:
    """The article text of a web page and its title (``""`` when none).

    The text starts with the title, paragraphs are separated by blank lines, and a
    dateline or byline the extractor dropped is put back after the title.
    """
    tree = _parse(html)
    blocks = _trafilatura_blocks(html)
    if tree is not None and len(blocks) <= 1:
        # Short pages go through trafilatura's baseline, which merges every paragraph into
        # one: when the page's own paragraphs are all in that block, use them instead.
        fallback = _fallback_blocks(tree)
        merged = " ".join(" ".join(blocks).split())
        if not blocks or (len(fallback) > 1 and all(
                " ".join(b.removeprefix("- ").split()) in merged for b in fallback)):
            blocks = fallback
    title = _find_title(tree) if tree is not None else ""
    if title:
        for i, block in enumerate(blocks[:3]):
            if block == title:
                del blocks[i]
                break
    byline = _find_byline(tree) if tree is not None else ""
    if byline and not any(byline in block for block in blocks):
        blocks.insert(0, byline)
    if title:
        blocks.insert(0, title)
    return "\n\n".join(blocks), title


def _parse(html: str):
    try:
        return lxml.html.fromstring(html.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError):
        return None


def _clean(text: str) -> str:
    """Collapse runs of spaces inside each line and drop empty lines."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _trafilatura_blocks(html: str) -> list[str]:
    """Paragraph-level blocks of the main text, via trafilatura.

    Balanced settings: ``favor_precision`` drops the headings of short pages, and
    tables stay in because pledges often put their targets in one.
    """
    doc = trafilatura.bare_extraction(html, include_comments=False, include_tables=True,
                                      include_images=False, with_metadata=False)
    body = getattr(doc, "body", None)
    if body is None:
        return []
    for lb in body.iter("lb"):
        lb.tail = "\n" + (lb.tail or "")
    blocks = []
    for el in body:
        if el.tag == "list":
            text = "\n".join("- " + _clean(" ".join(item.itertext())) for item in el.iter("item"))
        elif el.tag == "table":
            text = "\n".join(" | ".join(_clean(" ".join(c.itertext())) for c in row.iter("cell"))
                             for row in el.iter("row"))
        else:
            text = "".join(el.itertext())
        text = _clean(text)
        if text and text.strip("- |"):
            blocks.append(text)
    return blocks


def _in_chrome(el) -> bool:
    """Inside navigation, a footer, a sidebar, or a page header outside the article."""
    for anc in el.iterancestors():
        if anc.tag in _CHROME:
            return True
        if anc.tag == "header" and not any(a.tag in ("article", "main") for a in anc.iterancestors()):
            return True
    return False


def _fallback_blocks(tree) -> list[str]:
    """Text of the ``<body>`` paragraphs when trafilatura finds nothing."""
    body = tree.find(".//body")
    if body is None:
        body = tree
    wanted = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote"}
    blocks = []
    for el in body.iter(*wanted):
        if _in_chrome(el) or any(a.tag in wanted for a in el.iterancestors()):
            continue
        text = _clean(el.text_content())
        if text:
            blocks.append(("- " + text) if el.tag == "li" else text)
    if not blocks:
        text = _clean(body.text_content())
        blocks = [text] if text else []
    return blocks


def _find_title(tree) -> str:
    """The article's ``<h1>``, else the ``<title>`` without a trailing site name."""
    h1s = [h for h in tree.iter("h1") if _clean(h.text_content())]
    for scope in ("article", "main"):
        inside = [h for h in h1s if any(a.tag == scope for a in h.iterancestors())]
        if inside:
            return _clean(inside[0].text_content()).replace("\n", " ")
    outside = [h for h in h1s if not _in_chrome(h)]
    if outside:
        return _clean(outside[0].text_content()).replace("\n", " ")
    titles = [t for t in tree.iter("title") if not any(a.tag == "svg" for a in t.iterancestors())]
    if not titles:
        return ""
    return strip_site_name(_clean(titles[0].text_content()).replace("\n", " "))


def strip_site_name(title: str) -> str:
    """``"Acme pauses X | Acme Newsroom"`` → ``"Acme pauses X"`` (short suffixes only)."""
    for sep in _TITLE_SEPARATORS:
        head, found, tail = title.rpartition(sep)
        if found and len(tail.split()) <= 4 and len(head.split()) >= 3:
            return head.strip()
    return title


def _find_byline(tree) -> str:
    """A short dateline/byline element with a digit in it (``Posted on March 3, 2021``)."""
    for el in tree.iter():
        if not isinstance(el.tag, str) or _in_chrome(el):
            continue
        words = set(re.split(r"[\s_-]+", (el.get("class") or "").lower()))
        if el.tag != "time" and not words & _DATE_CLASS_WORDS:
            continue
        text = _clean(el.text_content()).replace("\n", " ")
        if text and len(text) <= 120 and any(ch.isdigit() for ch in text):
            return text
    return ""


def source_from_text(text: str, path: str = "<text>", kind: str = "txt") -> Source:
    """A :class:`Source` for text already in memory (tests, ``--text``)."""
    return Source(path=path, text=text, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                  kind=kind)


__all__ = ["load_path", "load_bytes", "decode", "extract_html", "looks_like_html", "kind_for_path",
           "strip_site_name", "source_from_text", "SUFFIX_KINDS"]
