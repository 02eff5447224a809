"""Where the built-in rule packs live: inside the wheel, or in a source checkout."""
from __future__ import annotations

from importlib import resources
from pathlib import Path


def builtin_rules_dir() -> Path:
    """The directory holding the built-in packs (``rules/`` mapped to ``finepr/_rules``).

    A wheel carries them as ``finepr/_rules``; an editable install or a plain
    checkout has only the top-level ``rules/`` folder next to the package.
    """
    packaged = Path(str(resources.files("finepr"))) / "_rules"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "rules"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError("finepr's built-in rules are missing from this installation")
