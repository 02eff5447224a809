"""finepr: the linter for corporate promises."""
__version__ = "0.1.0"
