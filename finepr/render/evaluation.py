"""Tables for `finepr eval`: per split, span P/R/F1, accuracies, omissions, time."""
from __future__ import annotations

import json
from typing import TextIO

from finepr.evaluate import SPAN_FIELDS, DocResult, Summary


def _pct(value: float | None) -> str:
    return "   –" if value is None else f"{value:4.2f}"


def table(summaries: list[Summary], model: str) -> list[str]:
    lines = [f"finepr eval · pipeline {model}"]
    for s in summaries:
        lines.append("")
        lines.append(f"split {s.split}: {s.docs} documents, {s.seconds:.2f} s")
        lines.append(f"  {'field':22} {'P':>5} {'R':>5} {'F1':>5}   gold found/missed  predicted right/wrong")
        for name in SPAN_FIELDS:
            c = s.fields[name]
            lines.append(f"  {name.replace('_', '-'):22} {_pct(c.precision):>5} {_pct(c.recall):>5} "
                         f"{_pct(c.f1):>5}   {c.tp_gold:5}/{c.fn:<5}          {c.tp_pred:5}/{c.fp:<5}")
        o = s.omissions
        lines.append(f"  {'omissions':22} {_pct(o.precision):>5} {_pct(o.recall):>5} {_pct(o.f1):>5}   "
                     f"{o.tp_gold:5}/{o.fn:<5}          {o.tp_pred:5}/{o.fp:<5}")
        lines.append(f"  action accuracy {s.action_accuracy:.2f} · duration normalization "
                     f"{s.duration_accuracy:.2f} · verdict accuracy {s.verdict_accuracy:.2f}")
    return lines


def details(results: list[DocResult]) -> list[str]:
    lines = []
    for r in results:
        if not r.misses:
            continue
        lines.append(f"{r.path} ({r.split}):")
        for m in r.misses:
            lines.append(f"  {m['field']:20} {m['kind']:16} {m['quote']}")
    return lines


def write(summaries: list[Summary], results: list[DocResult], model: str, fmt: str, out: TextIO,
          show_details: bool = False) -> None:
    if fmt == "json":
        payload = {"model": model, "splits": [s.to_dict() for s in summaries]}
        if show_details:
            payload["documents"] = [{"id": r.id, "path": r.path, "split": r.split, "misses": r.misses,
                                     "action": r.action, "duration": r.duration, "verdict": r.verdict}
                                    for r in results]
        out.write(json.dumps(payload, indent=2) + "\n")
        return
    lines = table(summaries, model)
    if show_details:
        lines += ["", "details (every miss and false alarm):"] + details(results)
    out.write("\n".join(lines) + "\n")
