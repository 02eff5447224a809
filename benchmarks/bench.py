"""Speed and memory of `finepr analyze`, against the bare spaCy pipeline, in one run.

    .venv/bin/python benchmarks/bench.py [--repeat 5] [--model rules --model en_core_web_sm]

For each pipeline it times, over the sample announcements repeated N times:
  bare     the spaCy pipeline alone (nlp(text)), no finepr component
  match    the same plus finepr's matcher component (doc.spans["finepr"])
  analyze  the whole finepr analysis (structure, commitments, omissions, verdict)
and prints words per second (best of three interleaved rounds) and the ratio to `bare`. Peak memory (ru_maxrss) is read
in a fresh subprocess per pipeline so one run does not inflate another.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = 3
sys.path.insert(0, str(ROOT))


def corpus(repeat: int):
    from finepr.load import load_path

    paths = sorted(p for p in (ROOT / "samples").iterdir() if p.suffix in (".txt", ".md", ".html"))
    return [load_path(str(p)) for p in paths] * repeat


def measure(model: str, repeat: int) -> dict:
    from finepr.analyze import Analyzer
    from finepr.pipeline import build_nlp, make_doc

    sources = corpus(repeat)
    words = sum(len(s.text.split()) for s in sources)
    start = time.perf_counter()
    bare = build_nlp(model)
    load_bare = time.perf_counter() - start
    start = time.perf_counter()
    analyzer = Analyzer(model=model)
    load_full = time.perf_counter() - start
    bare(sources[0].text), analyzer.analyze(sources[0])  # warm up
    stages = {"bare": lambda s: bare(s.text), "match": lambda s: make_doc(analyzer.nlp, s.text),
              "analyze": analyzer.analyze}
    timings = {name: float("inf") for name in stages}
    for _ in range(ROUNDS):  # interleaved rounds, best of each: the machine's noise hits all alike
        for name, run in stages.items():
            start = time.perf_counter()
            for s in sources:
                run(s)
            timings[name] = min(timings[name], time.perf_counter() - start)
    return {"model": analyzer.model, "docs": len(sources), "words": words, "timings": timings,
            "load_bare": load_bare, "load_full": load_full,
            "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--model", action="append")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.repeat)))
        return
    from finepr.pipeline import available_trained

    models = args.model or (["rules"] + available_trained()[:1])
    rows = []
    for model in models:
        out = subprocess.run([sys.executable, __file__, "--child", model, "--repeat", str(args.repeat)],
                             capture_output=True, text=True, check=True)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    print(f"{'pipeline':44} {'stage':8} {'words/s':>10} {'× bare':>7} {'load s':>7} {'peak MB':>8}")
    for r in rows:
        bare = r["timings"]["bare"]
        for stage, seconds in r["timings"].items():
            load = r["load_bare"] if stage == "bare" else r["load_full"]
            print(f"{r['model']:44} {stage:8} {r['words'] / seconds:10,.0f} {seconds / bare:7.2f} "
                  f"{load:7.2f} {r['maxrss_mb'] if stage == 'analyze' else 0:8.0f}")
    print(f"({rows[0]['docs']} documents, {rows[0]['words']:,} words per pipeline; × bare = time relative "
          f"to the bare spaCy pipeline)")


if __name__ == "__main__":
    main()
