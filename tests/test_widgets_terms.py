"""The lesson 04 widgets, driven through their controls like a learner would."""
from __future__ import annotations

import pytest

from helpers import terms, widgets
from helpers.widgets.terms import EXAMPLES, KIND_COLOURS


def _no_traceback(p):
    assert "Traceback" not in p.result.value and "Something went wrong" not in p.result.value


def test_decomposer_starts_with_a_prompt():
    p = widgets.term_decomposer()
    assert set(p.controls) == {"term", "example"}
    assert "Type a medical word" in p.result.value


@pytest.mark.parametrize("word", EXAMPLES)
def test_every_example_shows_its_parts_colours_and_reading(word):
    p = widgets.term_decomposer()
    p.controls["example"].value = word
    assert p.controls["term"].value == word
    text = p.result.value
    parts = terms.decompose(word)
    for row in parts.itertuples():
        assert row.piece in text and KIND_COLOURS[row.kind] in text
        assert row.kind in text
    assert terms.read_term(word).replace("[", "").split(" + ")[0] in text
    assert "Reading" in text
    _no_traceback(p)


def test_unknown_pieces_are_shown_dashed_and_named():
    p = widgets.term_decomposer()
    p.controls["term"].value = "cellulitis"
    text = p.result.value
    assert "dashed" in text and "Not in the course&#x27;s word-part table: &#x27;cellul&#x27;" in text
    p.controls["term"].value = "pericarditis"
    assert "dashed" not in p.result.value and "Not in the course" not in p.result.value


@pytest.mark.parametrize("entry, text", [
    ("12 mg", "contains digits"),
    ("acute appendicitis", "more than one word"),
    ("hepat!tis", "characters other than letters"),
    ("   ", "Type a medical word"),
])
def test_bad_entries_show_a_message_then_recover(entry, text):
    p = widgets.term_decomposer()
    p.controls["term"].value = entry
    assert text in p.result.value
    _no_traceback(p)
    p.controls["term"].value = "hepatomegaly"
    assert "enlargement + liver" in p.result.value


def test_browser_filters_by_kind_system_and_search():
    b = widgets.word_part_browser()
    assert set(b.controls) == {"kind", "system", "search"}
    assert f"{len(terms.word_parts())} word part(s)" in b.result.value
    for kind in b.controls["kind"].options:
        b.controls["kind"].value = kind
        for system in b.controls["system"].options:
            b.controls["system"].value = system
            _no_traceback(b)
    b.controls["kind"].value = "suffix"
    b.controls["system"].value = "all"
    suffixes = terms.word_parts(kind="suffix")
    assert f"{len(suffixes)} word part(s)" in b.result.value
    assert "-ectomy" in b.result.value and "cardi/o" not in b.result.value
    b.controls["kind"].value = "combining form"
    b.controls["system"].value = "eye and ear"
    assert "ot/o" in b.result.value and "nephr/o" not in b.result.value


def test_browser_search_and_no_match_message_then_recovery():
    b = widgets.word_part_browser()
    b.controls["search"].value = "kidney"
    assert "nephr/o" in b.result.value and "ren/o" in b.result.value and "cardi/o" not in b.result.value
    b.controls["search"].value = "xyzzy"
    assert "No word part matches" in b.result.value
    b.controls["search"].value = ""
    assert "cardi/o" in b.result.value
    _no_traceback(b)
