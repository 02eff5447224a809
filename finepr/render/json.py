"""JSON and JSON Lines output: ``Report.to_dict()`` exactly, the contract of DESIGN.md.

Written with ``json.dumps`` only; report text never passes through Rich markup.
"""
from __future__ import annotations

import json
from typing import Sequence

from finepr.model import Report


def to_json(reports: Sequence[Report]) -> str:
    """One report as a JSON object, several (or none) as a JSON list; indented by 2.

    Args:
        reports: the reports to serialize.
    Returns:
        The JSON text, without a trailing newline; non-ASCII characters kept as they are.
    """
    data = reports[0].to_dict() if len(reports) == 1 else [r.to_dict() for r in reports]
    return json.dumps(data, indent=2, ensure_ascii=False)


def to_jsonl(reports: Sequence[Report]) -> str:
    """One compact JSON object per report, one per line (each line ends with a newline)."""
    return "".join(
        json.dumps(r.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n" for r in reports
    )
