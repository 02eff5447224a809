"""Check a gold split: YAML fields and vocabulary, every phrase verbatim in the text
(for HTML: the visible text inside <article>, scripts and styles skipped), 200-600 words.

Usage: python3 check_gold.py DIR
Prints a note for phrases that occur more than once or in the title (the first occurrence should
be the one meant), and for omissions written as free words; exits 1 on any error.
Needs only PyYAML; does not import finepr (annotation stays blind).
"""
import collections
import glob
import os
import re
import sys
from html.parser import HTMLParser

import yaml

ACTIONS = {"ban", "pause", "moratorium", "exit", "phase_out", "limit", "pledge", "target",
           "policy_change", "other"}
DOMAINS = {"surveillance", "climate", "privacy-platform", "retail"}
IDS = set("""end-of-term enforcement verification existing-customers definitions other-products
geography interim-milestones federal-agencies immigration-enforcement military foreign-governments
private-sector data-retention research resellers scope-3 offsets absolute-vs-intensity
financed-emissions existing-clients paid-vs-free alternative-tracking issue-ads
organic-content""".split())
FIELDS = ("id", "domain", "headline_claim", "actor", "action", "object", "scope", "duration",
          "conditions", "carve_outs", "hedges", "omissions", "gap")


class ArticleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = self.skip = 0
        self.out = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        if tag in ("script", "style"):
            self.skip += 1
        if tag in ("p", "h1", "h2", "h3", "br", "li", "div"):
            self.out.append("\n")

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.out.append(data)


def main(d):
    bad = 0
    rows = []
    for g in sorted(glob.glob(os.path.join(d, "*.gold.yaml"))):
        name = os.path.basename(g)
        base = g[: -len(".gold.yaml")]

        def err(msg):
            nonlocal bad
            bad += 1
            print("ERR", name, msg)

        src = [p for p in (base + ".txt", base + ".md", base + ".html") if os.path.exists(p)]
        if len(src) != 1:
            err("no single source file")
            continue
        raw = open(src[0], encoding="utf-8").read()
        if src[0].endswith(".html"):
            parser = ArticleText()
            parser.feed(raw)
            text = "".join(parser.out)
        else:
            text = raw
        y = yaml.safe_load(open(g, encoding="utf-8"))
        for k in FIELDS:
            if k not in y:
                err("missing " + k)
        if y.get("id") != os.path.basename(base):
            err("id does not match file name")
        if y.get("domain") not in DOMAINS:
            err("domain")
        if y.get("action") not in ACTIONS:
            err("action")
        if y.get("gap") not in {"none", "minor", "major"}:
            err("gap")
        dur = y.get("duration") or {}
        n = str(dur.get("normalized"))
        ok = (re.fullmatch(r"P(\d+[YMWD])+", n) or re.fullmatch(r"date:\d{4}(-\d\d(-\d\d)?)?", n)
              or n in ("permanent", "open_ended", "unspecified")
              or re.fullmatch(r'conditional:".+"', n) or re.fullmatch(r"vague:\w+", n))
        if not ok:
            err("duration.normalized " + n)
        if n == "unspecified" and dur.get("phrase"):
            err("unspecified duration with a phrase")
        if n != "unspecified" and not dur.get("phrase"):
            err("duration without a phrase")
        phrases = [("scope", p) for p in y.get("scope", [])]
        if dur.get("phrase"):
            phrases.append(("duration", dur["phrase"]))
        for k in ("conditions", "carve_outs", "hedges"):
            phrases += [(k, p) for p in y.get(k, [])]
        title = text.strip().split("\n")[0]
        for k, p in phrases:
            if p not in text:
                err(f"{k} not verbatim: {p!r}")
            elif text.count(p) > 1 or p in title:
                print("  note", name, k, repr(p), "occurs", text.count(p), "times",
                      "(also in title)" if p in title else "")
        for o in y.get("omissions", []):
            if o not in IDS:
                print("  free-word omission", name, repr(o))
        words = len(re.findall(r"\w+", text))
        if not 200 <= words <= 600:
            err(f"{words} words")
        rows.append((y.get("domain"), y.get("gap"), os.path.basename(src[0]), words))
    for r in rows:
        print(*r)
    print(len(rows), "documents;", dict(collections.Counter(r[0] for r in rows)),
          dict(collections.Counter(r[1] for r in rows)))
    print("errors:", bad)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))))
