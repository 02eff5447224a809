"""How far two annotators agree, next to how far finepr agrees with the first.

    .venv/bin/python benchmarks/agreement.py [REFERENCE_DIR] [SECOND_DIR]

REFERENCE_DIR (default tests/corpus/score) holds NAME.txt/.md/.html with NAME.gold.yaml; SECOND_DIR
(default tests/corpus/agreement) holds a second, independent NAME.gold.yaml for some of them. Each
second annotation is scored against the first exactly as `finepr eval` scores finepr (a phrase
matches when the character ranges overlap; a duration by its normalized value; an omission by its
dimension id or by sharing half its words), and finepr is scored on the same documents. Two careful
annotators' agreement is about as high as any reader of the same guideline can be expected to
reach against one of them.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from finepr.evaluate import (SPAN_FIELDS, TEXT_SUFFIXES, Counts, Gold, _overlaps, _words,  # noqa: E402
                             load_gold, occurrences, same_duration)

FIELDS = SPAN_FIELDS


def _phrases(gold: Gold, name: str) -> list[str]:
    if name == "duration":
        return [gold.duration.phrase] if gold.duration and gold.duration.phrase else []
    return list(getattr(gold, name))


def span_agreement(text: str, first: list[str], second: list[str]) -> Counts:
    """The second annotator's phrases scored against the first's, as eval scores finepr's spans."""
    a = [occurrences(text, p) for p in first]
    b = [occurrences(text, p) for p in second]
    counts = Counts()
    for ranges in a:
        if any(_overlaps(r, s) for r in ranges for other in b for s in other):
            counts.tp_gold += 1
        else:
            counts.fn += 1
    for ranges in b:
        if any(_overlaps(r, s) for r in ranges for other in a for s in other):
            counts.tp_pred += 1
        else:
            counts.fp += 1
    return counts


def _same_item(item: str, other: str) -> bool:
    if item.strip().lower() == other.strip().lower():
        return True
    words = _words(item)
    return bool(words) and len(words & _words(other)) * 2 >= len(words)


def omission_agreement(first: list[str], second: list[str]) -> Counts:
    counts = Counts()
    for item in first:
        if any(_same_item(item, o) for o in second):
            counts.tp_gold += 1
        else:
            counts.fn += 1
    for item in second:
        if any(_same_item(item, o) for o in first):
            counts.tp_pred += 1
        else:
            counts.fp += 1
    return counts


def compare(pairs: list[tuple[str, Gold, Gold]]) -> dict:
    """Totals over (text, first, second) triples."""
    fields = {name: Counts() for name in FIELDS}
    omissions = Counts()
    action = duration = verdict = 0
    for text, first, second in pairs:
        for name in FIELDS:
            fields[name].add(span_agreement(text, _phrases(first, name), _phrases(second, name)))
        omissions.add(omission_agreement(first.omissions, second.omissions))
        action += first.action == second.action
        verdict += first.gap == second.gap
        a = first.duration.normalized if first.duration else "unspecified"
        b = second.duration.normalized if second.duration else "unspecified"
        duration += same_duration(a, b)
    n = len(pairs) or 1
    return {"docs": len(pairs), "fields": fields, "action": action / n, "duration": duration / n,
            "verdict": verdict / n, "omissions": omissions}


def _row(label: str, result: dict) -> str:
    f, o = result["fields"], result["omissions"]
    cells = [f[n].f1 for n in FIELDS] + [result["action"], result["duration"], result["verdict"], o.recall,
                                         o.precision]
    return f"| {label} | {result['docs']} | " + " | ".join(f"{c or 0:.2f}" for c in cells) + " |"


def main() -> None:
    import shutil
    import tempfile

    from finepr.analyze import Analyzer
    from finepr.evaluate import evaluate
    from finepr.load import load_path

    reference = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "corpus" / "score"
    second_dir = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "tests" / "corpus" / "agreement"
    triples, texts = [], []
    for path in sorted(second_dir.glob("*.gold.yaml")):
        stem = path.name[: -len(".gold.yaml")]
        text_path = next((reference / (stem + s) for s in TEXT_SUFFIXES if (reference / (stem + s)).exists()), None)
        if text_path is None:
            raise SystemExit(f"{path}: no {stem}.txt/.md/.html in {reference}")
        texts.append((text_path, reference / f"{stem}.gold.yaml"))
        triples.append((load_path(str(text_path)).text, load_gold(reference / f"{stem}.gold.yaml"), load_gold(path)))
    print("| compared with the first annotation | docs | scope F1 | duration F1 | conditions F1 | carve-outs F1 "
          "| hedges F1 | action acc. | duration norm. | verdict acc. | omission R | omission P |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    print(_row("second annotator", compare(triples)))
    # finepr on the same documents, scored against the first annotation
    with tempfile.TemporaryDirectory() as tmp:
        split = Path(tmp) / "same"
        split.mkdir()
        for text_path, gold_path in texts:
            shutil.copy(text_path, split / text_path.name)
            shutil.copy(gold_path, split / gold_path.name)
        analyzer = Analyzer(model="rules")
        summaries, _ = evaluate([split], analyzer)
        s = next(x for x in summaries if x.split != "all")
        print(_row(f"finepr ({analyzer.model})", {
            "docs": s.docs, "fields": s.fields, "action": s.action_accuracy, "duration": s.duration_accuracy,
            "verdict": s.verdict_accuracy, "omissions": s.omissions}))


if __name__ == "__main__":
    main()
