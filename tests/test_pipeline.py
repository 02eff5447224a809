"""Building the spaCy pipelines: rules-only and trained, sentences, lemmas, line wraps."""
from __future__ import annotations

import pytest

from conftest import TRAINED
from finepr.errors import ModelError
from finepr.pipeline import build_nlp, make_doc, model_label, resolve_model, unwrap


@pytest.fixture(scope="module")
def nlp():
    return build_nlp("rules")


def test_rules_pipeline_needs_no_model(nlp):
    assert nlp.pipe_names == ["sentencizer", "finepr_paragraphs", "lemmatizer", "finepr_lemma_case"]
    assert model_label(nlp) == "finepr-rules-only"


@pytest.mark.parametrize("text, lemmas", [
    ("Organizations Pauses We", ["organization", "pause", "we"]),
    ("We are pausing sales", ["we", "be", "pause", "sale"]),
])
def test_lookup_lemmas_ignore_case(nlp, text, lemmas):
    assert [t.lemma_ for t in nlp(text)] == lemmas


@pytest.mark.parametrize("text, sentences", [
    ("Acme Pauses Sales\n\nAcme will pause sales. It starts today.",
     ["Acme Pauses Sales", "Acme will pause sales.", "It starts today."]),
    ("Media contact:\nJane Doe\njane@acme.example", ["Media contact:", "Jane Doe", "jane@acme.example"]),
    ("- first item\n- second item", ["- first item", "- second item"]),
    # a transcript's shouted title stays with its speaker
    ("MS. PRENDERGAST: Yes. We will publish it.", ["MS. PRENDERGAST: Yes.", "We will publish it."]),
    ("DR. OSEI: No. Mr. Hale agreed.", ["DR. OSEI: No.", "Mr. Hale agreed."]),
    # the quote mark that opens the next sentence belongs to it, straight or curly; a closing one stays
    ('Lee said so. "We hope Congress acts," she said.', ["Lee said so.", '"We hope Congress acts," she said.']),
    ("Lee said so. \u201cWe hope so,\u201d she said.", ["Lee said so.", "\u201cWe hope so,\u201d she said."]),
    ('He said "no." Then he left.', ['He said "no."', "Then he left."]),
])
def test_paragraphs_headings_and_items_start_sentences(nlp, text, sentences):
    assert [s.text.strip() for s in nlp(text).sents if s.text.strip()] == sentences


@pytest.mark.parametrize("text, expected", [
    ("From today we will stop selling our face\nmatching service to police.",
     "From today we will stop selling our face matching service to police."),
    ("Short title\nNext line", "Short title\nNext line"),  # a short line keeps its break
    ("A long line that runs on past forty characters\n- a list item", None),
    ("A long line that runs on past forty characters\r\nand wraps", "A long line that runs on past forty characters  and wraps"),
])
def test_unwrap_keeps_every_offset(text, expected):
    out = unwrap(text)
    assert len(out) == len(text)
    assert out == (text if expected is None else expected)


def test_make_doc_keeps_the_original_text(nlp):
    text = "We will stop selling the face recognition\nservice to police departments today."
    doc = make_doc(nlp, text)
    assert doc.user_data["finepr_text"] == text and len(doc.text) == len(text)


@pytest.mark.parametrize("model, message", [
    ("klingon", "unknown model 'klingon'"),
    ("en_core_web_lg", "pip install 'finepr[trained]'"),
])
def test_unavailable_models_say_what_to_do(model, message):
    with pytest.raises(ModelError, match=message.replace("[", r"\[").replace("]", r"\]")):
        resolve_model(model)


@pytest.mark.trained
@pytest.mark.skipif(not TRAINED, reason="no trained pipeline installed")
def test_trained_pipeline_parses_and_names_itself():
    nlp = build_nlp("sm")
    assert "parser" in nlp.pipe_names and "finepr_paragraphs" in nlp.pipe_names
    assert model_label(nlp).startswith("en_core_web_sm 3.8")
    doc = nlp("Acme Halts Sales\n\nAcme will halt sales to police.")
    assert doc[1].lemma_ == "halt"  # Title Case, tagged PROPN, still lemmatized
    assert sum(1 for t in doc if t.dep_ == "ROOT") == 2
