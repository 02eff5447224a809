"""finepr's measured accuracy on the development corpus must not fall below its floors."""
from __future__ import annotations

import pytest
import yaml

from conftest import ROOT, TRAINED

CORPUS = ROOT / "tests" / "corpus"
FLOORS = yaml.safe_load((CORPUS / "floors.yaml").read_text(encoding="utf-8"))


def measured(summary) -> dict[str, float]:
    values = {f"{name}_f1": counts.f1 or 0.0 for name, counts in summary.fields.items()}
    values.update(action_accuracy=summary.action_accuracy, duration_accuracy=summary.duration_accuracy,
                  verdict_accuracy=summary.verdict_accuracy,
                  omissions_recall=summary.omissions.recall or 0.0,
                  omissions_precision=summary.omissions.precision or 0.0)
    return values


@pytest.mark.parametrize("key", ["rules", pytest.param("trained", marks=pytest.mark.trained)])
def test_corpus_scores_stay_above_their_floors(analyzers, key):
    from finepr.evaluate import evaluate

    if key == "trained" and not TRAINED:
        pytest.skip("no trained pipeline installed")
    model = "rules" if key == "rules" else TRAINED[0]
    summaries, results = evaluate([CORPUS / "tune", CORPUS / "score"], analyzers(model))
    assert len(results) >= 40
    by_split = {s.split: s for s in summaries}
    below = []
    for split, floors in FLOORS[key].items():
        values = measured(by_split[split])
        below += [f"{split}.{name}: {values[name]:.3f} < floor {floor}" for name, floor in floors.items()
                  if values[name] < floor]
    assert not below, "finepr got worse on the corpus:\n" + "\n".join(below)
