"""Records: what a finished commitment reports as its scope, conditions and exceptions."""
from __future__ import annotations

import pytest

from conftest import run

HEAD = "Acme Update\n\nBOSTON, May 1, 2023 — "


@pytest.mark.parametrize("second, scope", [
    # a threshold inside a coverage statement is the condition, annotated once (docs/annotation.md §2.3)
    ("The policy applies to companies that earn more than 30% of their revenue from coal.", []),
    ("The ban covers any can holding more than 150mg of caffeine per litre.", []),
    # a coverage statement with no threshold in it stays scope
    ("The rule covers drinks sold in our cafés.", ["covers drinks sold in our cafés"]),
])
def test_a_threshold_in_a_coverage_statement_is_a_condition_not_scope(rules_analyzer, second, scope):
    c = run(rules_analyzer, HEAD + "Acme will stop selling energy drinks and coal insurance. " + second).commitments[0]
    assert [s.text for s in c.scope] == scope
