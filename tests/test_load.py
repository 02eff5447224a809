"""finepr.load: reading .txt/.md/.html files and standard input into a Source."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from finepr.errors import InputError
from finepr.load import load_bytes, load_path, looks_like_html, strip_site_name
from finepr.model import line_col

RELEASE = (
    "Harbor Freight Lines pauses drone deliveries over homes\n"
    "\n"
    "BOSTON, May 4, 2023 — Harbor Freight Lines will suspend residential drone deliveries "
    "for twelve months.\n"
    "The pause does not cover deliveries to hospitals.\n"
)

NEWSROOM_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Lumen Grid ends coal financing by 2030 | Lumen Grid Newsroom</title>
  <script>window.analytics = {track: function () {}};</script>
  <style>.cookie-banner { position: fixed; }</style>
</head>
<body>
  <div class="cookie-banner" id="consent">
    <p>This website stores cookies on your device to personalise content. Choose Accept to
       continue or read our cookie notice.</p>
    <button>Accept</button><button>Reject</button>
  </div>
  <header class="masthead">
    <h1 class="logo"><a href="/">Lumen Grid Newsroom</a></h1>
    <nav aria-label="Primary">
      <ul>
        <li><a href="/press">Press releases</a></li>
        <li><a href="/media">Media library</a></li>
        <li><a href="/about">Company</a></li>
        <li><a href="/contact">Contact us</a></li>
      </ul>
    </nav>
  </header>
  <main id="content">
    <article>
      <h1>Lumen Grid ends coal financing by 2030</h1>
      <p class="dateline">DENVER, Sept. 14, 2022 --</p>
      <p>Lumen Grid will stop financing new coal-fired generation immediately and will wind down
         its remaining coal loans by the end of 2030, the utility lender said on Wednesday.</p>
      <p>Loans already signed with rural cooperatives will run to their original maturity, and
         the policy does not apply to metallurgical coal used in steelmaking.</p>
      <h2>Interim targets</h2>
      <p>The lender aims to cut the coal share of its loan book by half before 2026, measured
         against its 2021 portfolio.</p>
      <table>
        <tr><th>Year</th><th>Coal share of lending</th></tr>
        <tr><td>2021</td><td>8 percent</td></tr>
        <tr><td>2026</td><td>4 percent</td></tr>
      </table>
    </article>
    <aside class="sidebar">
      <h3>Latest news</h3>
      <ul>
        <li><a href="/press/1">Lumen Grid names a new treasurer</a></li>
        <li><a href="/press/2">Lumen Grid opens a branch in Tucson</a></li>
      </ul>
      <p>Sign up for newsroom alerts delivered to your inbox every week.</p>
    </aside>
  </main>
  <footer class="site-footer">
    <p>Copyright 2022 Lumen Grid Holdings. All rights reserved.</p>
    <ul><li><a href="/legal">Legal notices</a></li><li><a href="/privacy">Privacy policy</a></li></ul>
  </footer>
</body>
</html>
"""


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


# --- plain text and Markdown -------------------------------------------------------------

def test_txt_text_is_the_file_exactly(tmp_path):
    path = write(tmp_path, "release.txt", RELEASE.encode("utf-8"))
    source = load_path(path)
    assert source.text == RELEASE
    assert source.kind == "txt"
    assert source.path == path
    assert source.title is None
    start = source.text.index("twelve months")
    assert line_col(source.text, start) == (3, 90)  # what an editor shows for that word


def test_crlf_is_kept_so_offsets_match_the_file(tmp_path):
    data = RELEASE.replace("\n", "\r\n").encode("utf-8")
    source = load_path(write(tmp_path, "release.txt", data))
    assert source.text == data.decode("utf-8")
    assert source.text.count("\r\n") == 4
    assert line_col(source.text, source.text.index("The pause")) == (4, 1)


def test_utf8_bom_is_stripped(tmp_path):
    source = load_path(write(tmp_path, "bom.txt", b"\xef\xbb\xbfAcme pledges.\n"))
    assert source.text == "Acme pledges.\n"


def test_sha256_is_of_the_raw_bytes(tmp_path):
    data = b"\xef\xbb\xbfAcme pledges.\r\n"
    source = load_path(write(tmp_path, "bom.txt", data))
    assert source.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("name, kind", [
    ("a.txt", "txt"), ("a.TEXT", "txt"), ("README", "txt"), ("a.md", "md"),
    ("a.markdown", "md"), ("a.html", "html"), ("a.HTM", "html"),
])
def test_kind_by_suffix(tmp_path, name, kind):
    assert load_path(write(tmp_path, name, b"<p>Acme will stop.</p>")).kind == kind


def test_markdown_text_is_the_file_exactly(tmp_path):
    text = "---\ndate: 2021-03-03\n---\n# We are retiring the Pulse tracker\n\nStarting today, we stop.\n"
    source = load_path(write(tmp_path, "post.md", text.encode("utf-8")))
    assert source.text == text
    assert source.kind == "md"


@pytest.mark.parametrize("data", [b"", b"   \n\n\t\n"])
def test_empty_files_load(tmp_path, data):
    source = load_path(write(tmp_path, "empty.txt", data))
    assert source.text == data.decode()


# --- errors ------------------------------------------------------------------------------

@pytest.mark.parametrize("data, line, column", [
    ("Title\n\nCaf\u00e9 pledge\n".encode("latin-1"), 3, 4),
    ("\u00e9t\u00e9".encode("latin-1"), 1, 1),
    # valid multi-byte characters before the bad byte count as one column each
    ("na\u00efve \u2014 ok\n".encode("utf-8") + b"ab\xff", 2, 3),
])
def test_latin1_points_at_the_first_bad_byte(tmp_path, data, line, column):
    path = write(tmp_path, "old.txt", data)
    with pytest.raises(InputError) as info:
        load_path(path)
    err = info.value
    assert (err.path, err.line, err.column) == (path, line, column)
    assert "not valid UTF-8" in err.message and "save the file as UTF-8" in err.message
    assert str(err).startswith(f"{path}:{line}:{column}: ")


def test_latin1_message_names_the_byte(tmp_path):
    with pytest.raises(InputError, match=r"byte 0xe9"):
        load_path(write(tmp_path, "old.txt", "Caf\u00e9".encode("latin-1")))


def test_utf16_is_reported_as_such(tmp_path):
    with pytest.raises(InputError, match="UTF-16"):
        load_path(write(tmp_path, "wide.txt", "Acme".encode("utf-16")))


def test_missing_file(tmp_path):
    path = str(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="no such file") as info:
        load_path(path)
    assert info.value.path == path


def test_directory(tmp_path):
    with pytest.raises(InputError, match="is a directory"):
        load_path(str(tmp_path))


@pytest.mark.parametrize("name, suffix", [("report.pdf", ".pdf"), ("deck.DOCX", ".docx")])
def test_unsupported_suffix(tmp_path, name, suffix):
    path = write(tmp_path, name, b"%PDF-1.4")
    with pytest.raises(InputError) as info:
        load_path(path)
    assert info.value.message == (f"unsupported file type '{suffix}' (finepr reads .txt, .md, "
                                  ".html and standard input)")
    assert info.value.path == path


def test_permission_denied(tmp_path, monkeypatch):
    path = write(tmp_path, "locked.txt", b"secret")

    def refuse(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(InputError, match="permission denied"):
        load_path(path)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any file")
def test_permission_denied_for_real(tmp_path):
    path = write(tmp_path, "locked.txt", b"secret")
    os.chmod(path, 0)
    try:
        with pytest.raises(InputError, match="permission denied"):
            load_path(path)
    finally:
        os.chmod(path, 0o644)


# --- HTML --------------------------------------------------------------------------------

def test_newsroom_page_keeps_only_the_article(tmp_path):
    source = load_path(write(tmp_path, "coal.html", NEWSROOM_PAGE.encode("utf-8")))
    text = source.text
    assert source.kind == "html"
    title = "Lumen Grid ends coal financing by 2030"
    assert source.title == (0, len(title))
    assert text.startswith(title + "\n\n")
    assert text.count(title) == 1
    for kept in ("DENVER, Sept. 14, 2022 --", "wind down its remaining coal loans",
                 "does not apply to metallurgical coal", "Interim targets", "2026 | 4 percent"):
        assert kept in text
    for gone in ("cookies", "Accept", "Press releases", "Media library", "Latest news",
                 "names a new treasurer", "newsroom alerts", "All rights reserved",
                 "Privacy policy", "analytics", "position: fixed", "Lumen Grid Newsroom"):
        assert gone not in text


def test_newsroom_page_paragraphs_are_separated_by_blank_lines(tmp_path):
    text = load_path(write(tmp_path, "coal.html", NEWSROOM_PAGE.encode("utf-8"))).text
    paragraphs = text.split("\n\n")
    assert paragraphs[1] == "DENVER, Sept. 14, 2022 --"
    assert paragraphs[2].startswith("Lumen Grid will stop financing new coal-fired generation")
    assert paragraphs[2].endswith("said on Wednesday.")
    assert "\n" not in paragraphs[2]  # source line wrapping is not kept inside a paragraph
    assert paragraphs[4] == "Interim targets"


def test_title_falls_back_to_title_tag_without_site_name():
    page = ("<html><head><title>Acme retires the Pulse tracker - Acme Blog</title></head><body>"
            "<p>We will stop collecting location pings from the Pulse tracker on 1 July.</p>"
            "</body></html>").encode()
    source = load_bytes(page, "post.html", "html")
    assert source.text == ("Acme retires the Pulse tracker\n\n"
                           "We will stop collecting location pings from the Pulse tracker on 1 July.")
    assert source.title == (0, 30)


def test_byline_dropped_by_the_extractor_is_put_back():
    page = b"""<html><body><article><h1>An update on ad targeting</h1>
    <div class="post-meta byline">By Ren Okafor, <time datetime="2021-03-03">Posted on March 3, 2021</time></div>
    <p>From next quarter we will no longer target ads using browsing history from other sites.
    Advertisers will still be able to upload their own customer lists.</p>
    </article></body></html>"""
    text = load_bytes(page, "post.html", "html").text
    assert text.split("\n\n")[:2] == ["An update on ad targeting", "By Ren Okafor, Posted on March 3, 2021"]


def test_a_meta_line_with_the_date_is_put_back():
    page = b"""<!DOCTYPE html><html lang="en"><head><title>Free shoe repairs | Soleworth</title></head>
    <body><header class="site-header"><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
    <main><article><h1>Free shoe repairs in three stores</h1>
    <p class="meta">Soleworth News &middot; 17 September 2019</p>
    <p>From 1 October 2019, for six months, our stores in Leeds will repair any pair of shoes for free.
    Heels, soles, stitching and zips are all covered.</p>
    <p>Repairs are carried out by our partner cobblers, who have set up a workbench in each store.
    Most repairs take five working days.</p>
    </article></main></body></html>"""
    text = load_bytes(page, "post.html", "html").text
    assert "Soleworth News \u00b7 17 September 2019" in text.split("\n\n")[:3]


def test_tiny_page_falls_back_to_body_paragraphs():
    source = load_bytes(b"<p>We pledge.</p><p>Nothing else.</p>", "<stdin>")
    assert source.kind == "html"
    assert source.text == "We pledge.\n\nNothing else."
    assert source.title is None


@pytest.mark.parametrize("declaration", [
    '<html><head><meta charset="windows-1252">',
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">',
    "<?xml version='1.0' encoding='windows-1252'?><html><head>",
])
def test_html_declaring_another_charset_is_decoded_with_it(declaration):
    page = (declaration + "<title>x</title></head><body>"
            "<h1>Caf\u00e9 chain drops plastic straws</h1><p>The caf\u00e9 chain will stop "
            "handing out plastic straws in all of its stores by the end of the year.</p>"
            "</body></html>").encode("cp1252")
    source = load_bytes(page, "cafe.html", "html")
    assert source.text.startswith("Caf\u00e9 chain drops plastic straws\n\n")


def test_html_without_a_declared_charset_must_be_utf8():
    with pytest.raises(InputError, match="not valid UTF-8"):
        load_bytes("<html><body><p>Caf\u00e9</p></body></html>".encode("latin-1"), "cafe.html", "html")


def test_svg_title_is_not_the_page_title():
    page = b"<html><body><svg><title>menu icon</title></svg><p>We will stop selling Widget.</p></body></html>"
    source = load_bytes(page, "icon.html", "html")
    assert source.title is None
    assert "menu icon" not in source.text


# --- standard input ----------------------------------------------------------------------

@pytest.mark.parametrize("data, kind", [
    (b"<!DOCTYPE html><html><body><p>Acme will stop.</p></body></html>", "html"),
    (b"\n   <html><body><p>Acme will stop.</p></body></html>", "html"),
    (b"<HTML><BODY><P>Acme will stop.</P></BODY></HTML>", "html"),
    (b"<div><h1>Acme</h1><p>Acme will stop.</p></div>", "html"),
    (b"Acme will stop selling widgets.\n", "txt"),
    (b"Acme <b>never</b> uses markup in letters.\n", "txt"),
    (b"# Acme update\n\nAcme will stop.\n", "txt"),
    (b"", "txt"),
])
def test_stdin_kind_is_sniffed(data, kind):
    assert looks_like_html(data) == (kind == "html")
    source = load_bytes(data, "<stdin>")
    assert source.kind == kind
    assert source.path == "<stdin>"
    assert source.sha256 == hashlib.sha256(data).hexdigest()


def test_stdin_text_keeps_crlf():
    data = b"Acme pledge\r\n\r\nAcme will stop.\r\n"
    assert load_bytes(data, "<stdin>").text == data.decode()


@pytest.mark.parametrize("title, expected", [
    ("Acme pauses Widget sales | Acme Newsroom", "Acme pauses Widget sales"),
    ("Acme pauses Widget sales - Acme", "Acme pauses Widget sales"),
    ("Acme pauses Widget sales", "Acme pauses Widget sales"),
    ("Q3 - results", "Q3 - results"),  # too short a head to be a site-name suffix
])
def test_strip_site_name(title, expected):
    assert strip_site_name(title) == expected
