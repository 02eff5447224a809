"""Shared fixtures: analyzers for both pipelines (the trained one skips when absent)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from finepr.pipeline import available_trained

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
CONTRACT = ROOT.parent / "shared" / "tools" / "check-contract"

TRAINED = available_trained()
MODELS = ["rules"] + [pytest.param(TRAINED[0], marks=pytest.mark.trained, id="trained")] if TRAINED else ["rules"]


@pytest.fixture(scope="session")
def analyzers():
    from finepr.analyze import Analyzer

    cache: dict[str, Analyzer] = {}

    def get(model: str = "rules") -> Analyzer:
        if model not in cache:
            cache[model] = Analyzer(model=model)
        return cache[model]

    return get


@pytest.fixture(params=MODELS)
def analyzer(request, analyzers):
    """The analyzer of each installed pipeline in turn."""
    return analyzers(request.param)


@pytest.fixture(scope="session")
def rules_analyzer(analyzers):
    return analyzers("rules")


def run(analyzer, text: str, path: str = "test.txt", **kwargs):
    """Analyze ``text`` as the file ``path`` would be."""
    from finepr.load import load_bytes

    kind = {"md": "md", "html": "html"}.get(path.rsplit(".", 1)[-1], "txt")
    return analyzer.analyze(load_bytes(text.encode("utf-8"), path, kind), **kwargs)


@pytest.fixture(scope="session")
def contract():
    """The contract checker of ../shared/tools, imported as a module."""
    if not CONTRACT.exists():
        pytest.skip("../shared/tools/check-contract is not beside this checkout")
    from importlib.machinery import SourceFileLoader

    loader = SourceFileLoader("check_contract", str(CONTRACT))
    spec = importlib.util.spec_from_loader("check_contract", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module
