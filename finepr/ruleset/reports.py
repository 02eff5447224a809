"""Render a ``rules test`` run: text for people, JUnit XML for CI dashboards, GitHub annotations.

Each renderer returns the whole output as a string; the command writes it. The
text and GitHub outputs end with the closing line ``N passed, N failed[, N skipped]``;
JUnit XML is stdout-clean (the command writes the closing line to stderr).
"""
from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

from finepr.ruleset.examples import ExampleResult, ItemResult, TestRun


def display_path(path: str | None) -> str:
    """A path relative to the working directory when it lies under it (as editors and CI expect)."""
    if not path:
        return ""
    try:
        return os.path.relpath(path) if Path(path).resolve().is_relative_to(Path.cwd()) else path
    except ValueError:  # another drive on Windows
        return path


def _where(example: ExampleResult | ItemResult) -> str:
    return f"{display_path(example.path)}:{example.line}:{example.column}"


_KIND_TEXT = {"FN": "match example did not fire", "FP": "no_match example fired",
              "mismatch": "match example fired with the wrong result", "gap": "known gap (todo_match)",
              "fixed": "todo_match example now fires"}


def describe(example: ExampleResult) -> str:
    """One sentence about an example that failed or is a known gap."""
    kind = _KIND_TEXT.get(example.outcome, example.outcome)
    if example.kind == "todo_match" and example.outcome == "fixed" and "reported" in example.detail:
        kind = "todo_match example is now reported"
    detail = f": {example.detail}" if example.detail else ""
    text = " ".join(example.text.split())
    return f"{kind}{detail}  [{text if len(text) <= 80 else text[:77] + '...'}]"


def _tally(item: ItemResult) -> str:
    parts = []
    for kind, good in (("match", ("TP",)), ("no_match", ("TN",))):
        total = sum(1 for e in item.examples if e.kind == kind)
        if total:
            ok = sum(1 for e in item.examples if e.kind == kind and e.outcome in good)
            parts.append(f"{kind} {ok}/{total}")
    gaps = item.count("gap")
    if gaps:
        parts.append(f"{gaps} known gap{'s' if gaps > 1 else ''}")
    return "  ".join(parts)


def confusion_lines(run: TestRun) -> list[str]:
    """The example confusion matrix: rows are what an example expects, columns what happened."""
    o = run.outcomes()
    w = max(len(str(o[k])) for k in ("TP", "FN", "FP", "TN"))
    cell = 3 + w
    lines = [
        f"{'examples':<18}{'fired':<{cell + 3}}{'silent'}",
        f"{'  match':<18}TP {o['TP']:>{w}}   FN {o['FN']:>{w}}",
        f"{'  no_match':<18}FP {o['FP']:>{w}}   TN {o['TN']:>{w}}",
    ]
    if o["mismatch"]:
        lines.append(f"  fired with the wrong span, kind, duration or action: {o['mismatch']}")
    if o["gap"] or o["fixed"]:
        lines.append(f"  todo_match: {o['gap']} known gap(s), {o['fixed']} now fire (move them to match)")
    return lines


def render_text(run: TestRun) -> str:
    out: list[str] = []
    for item in run.items:
        label = {"passed": "PASS", "failed": "FAIL", "skipped": "SKIP"}[item.status]
        tail = _tally(item) if item.status != "skipped" else f"({item.reason})"
        out.append(f"{label}  {item.id:<40} {tail}".rstrip())
        if item.reason and item.status == "failed":
            out.append(f"      {_where(item)}: {item.reason}")
        for example in item.examples:
            if example.failed or example.outcome in ("gap", "fixed"):
                out.append(f"      {_where(example)}: {describe(example)}")
    out.append("")
    out.append(f"model: {run.model}")
    out.extend(confusion_lines(run))
    out.append(run.closing_line())
    return "\n".join(out) + "\n"


def render_junit(run: TestRun) -> str:
    """JUnit XML: one testsuite per pack, one testcase per rule or omission item."""
    root = ET.Element("testsuites", name="finepr rules test")
    suites: dict[str, ET.Element] = {}
    for item in run.items:
        suite = suites.get(item.pack)
        if suite is None:
            suite = suites[item.pack] = ET.SubElement(root, "testsuite", name=item.pack)
        case = ET.SubElement(suite, "testcase", classname=f"{item.pack}.{item.kind}", name=item.id,
                             file=display_path(item.path), line=str(item.line))
        if item.status == "failed":
            lines = [f"{_where(e)}: {describe(e)}" for e in item.failures]
            if item.reason:
                lines.insert(0, f"{_where(item)}: {item.reason}")
            failure = ET.SubElement(case, "failure", message=lines[0].split(": ", 1)[1], type="example")
            failure.text = "\n".join(lines)
        elif item.status == "skipped":
            ET.SubElement(case, "skipped", message=item.reason)
        gaps = [f"{_where(e)}: {describe(e)}" for e in item.examples if e.outcome in ("gap", "fixed")]
        if gaps:
            ET.SubElement(case, "system-out").text = "\n".join(gaps)
    for element in [root, *suites.values()]:
        cases = element.iter("testcase")
        statuses = [("failure" if c.find("failure") is not None else "skipped" if c.find("skipped") is not None
                     else "ok") for c in cases]
        element.set("tests", str(len(statuses)))
        element.set("failures", str(statuses.count("failure")))
        element.set("skipped", str(statuses.count("skipped")))
        element.set("errors", "0")
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(level: str, path: str, line: int, column: int, title: str, message: str) -> str:
    """One GitHub Actions workflow command (``::error file=…,line=…::message``)."""
    props = f"file={_escape_property(display_path(path))},line={line},col={column},title={_escape_property(title)}"
    return f"::{level} {props}::{_escape_data(message)}"


def render_github(run: TestRun) -> str:
    out: list[str] = []
    for item in run.items:
        title = f"finepr rules test: {item.id}"
        if item.reason and item.status == "failed":
            out.append(annotation("error", item.path, item.line, item.column, title, item.reason))
        for example in item.examples:
            if example.failed:
                out.append(annotation("error", example.path, example.line, example.column, title, describe(example)))
            elif example.outcome in ("gap", "fixed"):
                out.append(annotation("notice", example.path, example.line, example.column, title, describe(example)))
    out.append(run.closing_line())
    return "\n".join(out) + "\n"


RENDERERS = {"text": render_text, "junit": render_junit, "github": render_github}
