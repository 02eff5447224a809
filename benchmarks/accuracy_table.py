"""Print the README's accuracy table: `finepr eval` on both corpus splits, for each pipeline.

    .venv/bin/python benchmarks/accuracy_table.py [--write-floors]

--write-floors also rewrites tests/corpus/floors.yaml from the figures (each minus 0.01):
do it when finepr got better, and say in the commit which figures moved.
"""
from __future__ import annotations

import math
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    from finepr.analyze import Analyzer
    from finepr.evaluate import evaluate
    from finepr.pipeline import available_trained

    corpus = ROOT / "tests" / "corpus"
    floors: dict[str, dict] = {}
    print("| pipeline | split | docs | scope F1 | duration F1 | conditions F1 | carve-outs F1 | hedges F1 "
          "| action acc. | duration norm. | verdict acc. | omission R | omission P | time |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for model in ["rules"] + available_trained()[:1]:
        analyzer = Analyzer(model=model)
        summaries, _ = evaluate([corpus / "tune", corpus / "score"], analyzer)
        for s in summaries:
            if s.split == "all":
                continue
            f, o = s.fields, s.omissions
            cells = [f[n].f1 for n in ("scope", "duration", "conditions", "carve_outs", "hedges")]
            cells += [s.action_accuracy, s.duration_accuracy, s.verdict_accuracy, o.recall, o.precision]
            print(f"| {analyzer.model} | {s.split} | {s.docs} | "
                  + " | ".join(f"{c or 0:.2f}" for c in cells) + f" | {s.seconds:.1f} s |")
            names = [f"{n}_f1" for n in ("scope", "duration", "conditions", "carve_outs", "hedges")] + [
                "action_accuracy", "duration_accuracy", "verdict_accuracy", "omissions_recall",
                "omissions_precision"]
            key = "rules" if model == "rules" else "trained"
            floors.setdefault(key, {})[s.split] = {
                n: max(0.0, math.floor(((c or 0) - 0.01) * 100) / 100) for n, c in zip(names, cells)}
    print("| target (score split) | | | ≥ 0.85 | ≥ 0.85 | ≥ 0.85 | ≥ 0.85 | ≥ 0.85 | ≥ 0.90 | ≥ 0.90 "
          "| ≥ 0.85 | ≥ 0.80 | ≥ 0.70 | |")

    if "--write-floors" in sys.argv:
        path = corpus / "floors.yaml"
        head = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
        body = yaml.safe_dump(floors, sort_keys=False, default_flow_style=False)
        path.write_text("\n".join(head) + "\n" + body, encoding="utf-8")


if __name__ == "__main__":
    main()
