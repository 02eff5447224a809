"""`finepr rules test`: run every rule's own examples through the real pipeline.

A rule passes when each ``match`` example yields a span with the rule's id in
``doc.spans["finepr"]`` (and, for an example written as a mapping, the expected
span text, duration kind/value and action), and no ``no_match`` example does.
``todo_match`` examples are known gaps: reported, never failed.

An omission checklist item cannot be tested by matching alone: whether it is
reported depends on the domain being active, a commitment being found, its
``when`` conditions and the ``addressed_by`` phrases. So its examples go through
the whole analysis (``finepr.analyze.Analyzer``): a ``match`` example must be
reported with that omission, a ``no_match`` example must not (it addresses the
dimension, or the dimension does not apply).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from finepr.errors import RuleFileError
from finepr.ruleset.check import is_under, targets_for
from finepr.ruleset.load import LoadedOmission, LoadedRule, RuleSet, collect, is_warning
from finepr.ruleset.schema import ExampleCase
from finepr.ruleset.yamlio import LineList

FAILING = ("FN", "FP", "mismatch")


@dataclass
class ExampleResult:
    """One example's outcome: TP/FN (a match example), FP/TN (no_match), mismatch, gap or fixed (todo)."""

    kind: str  # match | no_match | todo_match
    text: str
    outcome: str
    path: str
    line: int
    column: int = 1
    detail: str = ""

    @property
    def failed(self) -> bool:
        return self.outcome in FAILING


@dataclass
class ItemResult:
    """One rule's or omission item's examples and verdict."""

    id: str
    kind: str  # rule | omission
    pack: str
    category: str
    path: str
    line: int
    column: int = 1
    examples: list[ExampleResult] = field(default_factory=list)
    status: str = "passed"  # passed | failed | skipped
    reason: str = ""  # why it was skipped, or failed with no failing example (--strict)

    def count(self, *outcomes: str) -> int:
        return sum(1 for e in self.examples if e.outcome in outcomes)

    @property
    def failures(self) -> list[ExampleResult]:
        return [e for e in self.examples if e.failed]


@dataclass
class TestRun:
    """The outcome of ``run_examples``: results per item, or the rule-file problems that stopped it."""

    items: list[ItemResult] = field(default_factory=list)
    problems: list[RuleFileError] = field(default_factory=list)
    model: str = ""

    def total(self, status: str) -> int:
        return sum(1 for item in self.items if item.status == status)

    def outcomes(self) -> dict[str, int]:
        keys = ("TP", "FN", "FP", "TN", "mismatch", "gap", "fixed")
        return {k: sum(item.count(k) for item in self.items) for k in keys}

    @property
    def ok(self) -> bool:
        return not self.problems and self.total("failed") == 0

    def closing_line(self) -> str:
        line = f"{self.total('passed')} passed, {self.total('failed')} failed"
        skipped = self.total("skipped")
        return line + (f", {skipped} skipped" if skipped else "")


def run_examples(paths: list[Path], builtin: bool = True, model: str = "rules", strict: bool = False) -> TestRun:
    """Test the examples of every rule and omission item under ``paths`` (or of the built-in packs).

    Args:
        paths: pack folders, folders of packs, or rule files inside a pack.
        builtin: load the built-in packs alongside (they are in the pipeline; only ``paths`` is tested).
        model: ``rules`` or a trained pipeline name (see ``finepr.pipeline.resolve_model``).
        strict: an item lacking ``match`` or ``no_match`` examples fails instead of passing or skipping.

    Returns:
        A TestRun. Invalid rule packs give a TestRun with ``problems`` and no items.

    Raises:
        ModelError: the requested pipeline cannot be loaded.
    """
    ruleset, problems = collect(list(paths), builtin=builtin or not paths)
    problems = [p for p in problems if not is_warning(p)]
    if problems:
        return TestRun(problems=problems)
    targets = targets_for(paths)
    rules = [r for r in ruleset.rules.values() if is_under(r.path, targets)]
    omissions = [o for o in ruleset.omissions.values() if is_under(o.path, targets)]
    try:
        nlp, analyzer = _pipeline(ruleset, model, need_analysis=any(_has_examples(o) for o in omissions))
    except RuleFileError as exc:  # a pattern spaCy rejects: 'rules check' locates all of them
        return TestRun(problems=[exc])
    from finepr.pipeline import has_parser, model_label

    run = TestRun(model=model_label(nlp))
    for loaded in rules:
        run.items.append(_test_rule(loaded, nlp, strict, has_parser(nlp)))
    for loaded in omissions:
        run.items.append(_test_omission(loaded, analyzer, strict))
    return run


def _pipeline(ruleset: RuleSet, model: str, need_analysis: bool):
    """The analysis pipeline (with an Analyzer when omission examples need the whole flow)."""
    if need_analysis:
        from finepr.analyze import Analyzer

        analyzer = Analyzer(model=model, ruleset=ruleset)
        return analyzer.nlp, analyzer
    from finepr.match import attach_matcher
    from finepr.pipeline import build_nlp

    nlp = build_nlp(model)
    attach_matcher(nlp, ruleset)
    return nlp, None


def _has_examples(loaded: LoadedRule | LoadedOmission) -> bool:
    ex = loaded.rule.examples
    return bool(ex.match or ex.no_match or ex.todo_match)


def _item(loaded: LoadedRule | LoadedOmission, kind: str) -> ItemResult:
    category = loaded.rule.category if isinstance(loaded, LoadedRule) else "omission"
    return ItemResult(id=loaded.full_id, kind=kind, pack=loaded.defined_in or loaded.pack, category=category,
                      path=loaded.path, line=loaded.line, column=loaded.column)


def _cases(loaded: LoadedRule | LoadedOmission):
    """(kind, text, case-or-None, line, column) for each example, in file order."""
    examples = loaded.rule.examples
    raw_examples = loaded.raw.get("examples") if isinstance(loaded.raw, dict) else None
    for kind in ("match", "no_match", "todo_match"):
        raw_list = raw_examples.get(kind) if isinstance(raw_examples, dict) else None
        for index, case in enumerate(getattr(examples, kind)):
            line, column = loaded.line, loaded.column
            if isinstance(raw_list, LineList) and index < len(raw_list.marks):
                line, column = raw_list.marks[index]
            text = case.text if isinstance(case, ExampleCase) else case
            yield kind, text, case if isinstance(case, ExampleCase) else None, line, column


def _finish(item: ItemResult, loaded: LoadedRule | LoadedOmission, strict: bool) -> ItemResult:
    examples = loaded.rule.examples
    missing = [k for k in ("match", "no_match") if not getattr(examples, k)]
    if item.failures:
        item.status = "failed"
    elif strict and missing:
        item.status = "failed"
        item.reason = f"no {' and no '.join('examples.' + k for k in missing)} (--strict)"
    elif not (examples.match or examples.no_match):
        item.status = "skipped"
        item.reason = item.reason or "no examples"
    return item


# --- rules ---------------------------------------------------------------------------------------
def _test_rule(loaded: LoadedRule, nlp, strict: bool, parser: bool) -> ItemResult:
    from finepr.match import SPAN_KEY

    item = _item(loaded, "rule")
    rule = loaded.rule
    if rule.dependency and not (rule.phrases or rule.lemma_phrases or rule.patterns) and not parser:
        item.status, item.reason = "skipped", "dependency patterns need a parser: run with --model sm"
        return item
    for kind, text, case, line, column in _cases(loaded):
        doc = nlp(text)  # held: spans do not outlive their Doc
        spans = list(doc.spans[SPAN_KEY])
        mine = [s for s in spans if s.id_ == loaded.full_id]
        outcome, detail = _judge_rule(kind, mine, spans, case, loaded)
        item.examples.append(ExampleResult(kind, text, outcome, loaded.path, line, column, detail))
    return _finish(item, loaded, strict)


def _judge_rule(kind: str, mine: list, spans: list, case: ExampleCase | None, loaded: LoadedRule
                ) -> tuple[str, str]:
    if kind == "todo_match":
        return ("fixed", f"now fires on {_quote(mine[0].text)}: move it to match") if mine else ("gap", "")
    if kind == "no_match":
        return ("FP", f"matched {_quote(mine[0].text)}") if mine else ("TN", "")
    if not mine:
        others = ", ".join(f"{s.id_} {_quote(s.text)}" for s in spans[:3])
        return "FN", f"other rules fired: {others}" if others else "no rule fired"
    if case is None:
        return "TP", ""
    problems = [_expectation_problems(span, case, loaded) for span in mine]
    if any(not p for p in problems):
        return "TP", ""
    return "mismatch", "; ".join(problems[0])


def _expectation_problems(span, case: ExampleCase, loaded: LoadedRule) -> list[str]:
    """What differs between one matched span and the example's expectations (empty: all hold)."""
    found: list[str] = []
    if case.span is not None and span.text != case.span:
        found.append(f"matched {_quote(span.text)}, expected span {_quote(case.span)}")
    if case.kind is not None or case.duration is not None:
        from finepr.durations import normalize_duration

        duration = normalize_duration(span.text, loaded.rule.duration_kind, None)
        if case.kind is not None and duration.kind != case.kind:
            found.append(f"duration kind of {_quote(span.text)} is {duration.kind}, expected {case.kind}")
        if case.duration is not None and duration.value != case.duration:
            found.append(f"duration of {_quote(span.text)} normalizes to {duration.value}, expected {case.duration}")
    if case.action is not None and loaded.rule.action != case.action:
        found.append(f"the rule's action is {loaded.rule.action}, expected {case.action}")
    return found


# --- omission checklist items --------------------------------------------------------------------
def _test_omission(loaded: LoadedOmission, analyzer, strict: bool) -> ItemResult:
    item = _item(loaded, "omission")
    if analyzer is None:  # no examples anywhere among the tested omission items
        return _finish(item, loaded, strict)
    from finepr.load import source_from_text

    for kind, text, case, line, column in _cases(loaded):
        report = analyzer.analyze(source_from_text(text, path="<example>"))
        mine = [o for o in report.omissions if o.rule == loaded.full_id]
        outcome, detail = _judge_omission(kind, mine, report, case, loaded, analyzer.ruleset)
        item.examples.append(ExampleResult(kind, text, outcome, loaded.path, line, column, detail))
    return _finish(item, loaded, strict)


def _judge_omission(kind: str, mine: list, report, case: ExampleCase | None, loaded: LoadedOmission,
                    ruleset: RuleSet) -> tuple[str, str]:
    if kind == "todo_match":
        return ("fixed", "now reported: move it to match") if mine else ("gap", "")
    if kind == "no_match":
        return ("FP", f"reported: {mine[0].message}") if mine else ("TN", "")
    if not mine:
        return "FN", _why_not_reported(report, loaded, ruleset)
    if case is not None and case.span is not None:
        evidence = [o.evidence.text for o in mine if o.evidence is not None]
        if case.span not in evidence:
            found = _quote(evidence[0]) if evidence else "none"
            return "mismatch", f"evidence is {found}, expected {_quote(case.span)}"
    return "TP", ""


def _why_not_reported(report, loaded: LoadedOmission, ruleset: RuleSet) -> str:
    """The likeliest reason an expected omission was not reported, read from the Report."""
    pack = next((p for p in ruleset.packs if p.name == loaded.pack), None)
    domain = pack.manifest.domain if pack else None
    if domain is not None and not domain.always and loaded.pack not in report.domains:
        return (f"pack '{loaded.pack}' is not active for this text (it needs {domain.min_hits} of its domain terms, "
                f"e.g. {', '.join(domain.terms[:4])})")
    if not report.commitments:
        return "no commitment in the company's voice was found in the text"
    text = report.source.text.lower()
    addressed = [p for p in loaded.check.addressed_by if re.search(rf"\b{re.escape(p.lower())}\b", text)]
    if addressed:
        return f"the text addresses it ({', '.join(_quote(p) for p in addressed[:3])} is in addressed_by)"
    when = {k: v for k, v in loaded.check.when.model_dump().items() if v is not None}
    actions = ", ".join(c.action for c in report.commitments)
    return f"its 'when' conditions {when} did not hold for any commitment (actions found: {actions})"


def _quote(text: Any) -> str:
    text = " ".join(str(text).split())
    return '"' + (text if len(text) <= 60 else text[:57] + "...") + '"'
