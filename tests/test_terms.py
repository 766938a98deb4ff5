"""helpers.terms: the word-part table, decompose, read_term and build_term."""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import data, terms


@pytest.fixture(scope="module")
def table():
    return terms.word_parts()


# -- the table ---------------------------------------------------------------------------------
def test_table_has_every_kind_and_system_and_a_hundred_or_more_rows(table):
    assert len(table) >= 100
    assert set(table["kind"]) == set(terms.KINDS)
    assert set(table["system"]) == set(terms.SYSTEMS)
    assert table["part"].is_unique


def test_notation_matches_kind(table):
    for row in table.itertuples():
        assert terms.split_part(row.part)[0] == row.kind, row.part


def test_every_example_contains_its_part_and_decomposes_fully(table):
    for row in table.itertuples():
        parts = terms.decompose(row.example)
        assert parts.attrs["unknown"] == [], (row.part, row.example)
        assert row.part in set(parts["part"]), (row.part, row.example, list(parts["part"]))


def test_tags_are_honest(table):
    assert set(table["tag"]) <= {"V", "S", "U"}
    checked = table[table["tag"] != "U"]
    assert checked["seen_at"].notna().all()
    assert table.loc[table["tag"] == "U", "seen_at"].isna().all()
    assert table.loc[table["tag"] == "V", "seen_at"].str.startswith("https://medlineplus.gov/").all()
    assert data.source("word_parts")["verification"].startswith("per row")


def test_brief_procedure_and_diagnostic_suffixes_are_present(table):
    suffixes = set(table.loc[table["kind"] == "suffix", "part"])
    assert {"-ectomy", "-otomy", "-ostomy", "-plasty", "-scopy", "-gram", "-graph", "-itis", "-al", "-ic"} <= suffixes


def test_do_not_use_list_matches_the_joint_commission_items():
    dnu = data.load("do_not_use_abbreviations")
    text = " ".join(dnu["do_not_use"])
    for item in ["U, u", "IU", "Q.D.", "Q.O.D.", "Trailing zero", "leading zero", "MS", "MSO4", "MgSO4"]:
        assert item in text
    assert data.source("do_not_use_abbreviations")["verification"] == "V"


# -- word_parts --------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", terms.KINDS)
def test_word_parts_filters_by_kind(kind):
    got = terms.word_parts(kind=kind)
    assert len(got) > 0 and (got["kind"] == kind).all()


def test_word_parts_filters_by_kind_and_system_and_ignores_case():
    got = terms.word_parts(kind="Combining Form", system=" Urinary ")
    assert {"nephr/o", "ren/o", "cyst/o"} <= set(got["part"])
    assert (got["system"] == "urinary").all()


@pytest.mark.parametrize("kwargs, text", [
    ({"kind": "root"}, "kind='root' is not one of"),
    ({"system": "heart"}, "system='heart' is not one of"),
    ({"kind": 3}, "kind=3 is not one of"),
])
def test_word_parts_rejects_unknown_filters(kwargs, text):
    with pytest.raises(ValueError, match=text):
        terms.word_parts(**kwargs)


# -- decompose ---------------------------------------------------------------------------------
@pytest.mark.parametrize("term, parts, pieces", [
    ("gastroenterology", ["gastr/o", "enter/o", "-logy"], ["gastro", "entero", "logy"]),
    ("cholecystectomy", ["cholecyst/o", "-ectomy"], ["cholecyst", "ectomy"]),
    ("bradycardia", ["brady-", "cardi/o", "-ia"], ["brady", "card", "ia"]),
    ("hepatomegaly", ["hepat/o", "-megaly"], ["hepato", "megaly"]),
    ("arthroscopy", ["arthr/o", "-scopy"], ["arthro", "scopy"]),
    ("pericarditis", ["peri-", "cardi/o", "-itis"], ["peri", "card", "itis"]),
    ("hypoxia", ["hypo-", "ox/o", "-ia"], ["hyp", "ox", "ia"]),
    ("anemia", ["an-", "-emia"], ["an", "emia"]),
    ("osteoarthritis", ["oste/o", "arthr/o", "-itis"], ["osteo", "arthr", "itis"]),
    ("Gastro-esophageal", ["gastr/o", "esophag/o", "-eal"], ["gastro", "esophag", "eal"]),
    ("  HYPOTHYROIDISM ", ["hypo-", "thyroid/o", "-ism"], ["hypo", "thyroid", "ism"]),
])
def test_decompose_known_terms(term, parts, pieces):
    got = terms.decompose(term)
    assert list(got["part"]) == parts
    assert list(got["piece"]) == pieces
    assert "".join(got["piece"]) == term.strip().lower().replace("-", "")
    assert got.attrs["unknown"] == []


def test_decompose_reports_the_combining_vowel():
    got = terms.decompose("gastroenteritis")
    assert list(got["combining_vowel"]) == ["kept", "dropped", ""]


def test_decompose_reports_unknown_pieces_and_never_guesses():
    got = terms.decompose("cellulitis")
    assert list(got["kind"]) == ["unknown", "suffix"]
    assert got.loc[0, "piece"] == "cellul" and got.loc[0, "part"] == ""
    assert got.loc[0, "meaning"] == "not in the word-part table"
    assert got.attrs["unknown"] == ["cellul"]
    whole = terms.decompose("qwrtz")
    assert list(whole["kind"]) == ["unknown"] and whole.attrs["unknown"] == ["qwrtz"]
    assert terms.decompose("epilepsy").attrs["unknown"] == ["lepsy"]


@pytest.mark.parametrize("bad, text", [
    ("", "The term is empty"),
    ("   ", "The term is empty"),
    (None, "must be text in quotes"),
    (42, "must be text in quotes"),
    ("h3patitis", "contains digits"),
    ("acute appendicitis", "more than one word"),
    ("hepat!tis", "characters other than letters"),
])
def test_decompose_rejects_bad_input_with_a_learner_message(bad, text):
    with pytest.raises(ValueError, match=text):
        terms.decompose(bad)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=25))
def test_decompose_pieces_always_spell_the_word(word):
    got = terms.decompose(word)
    assert "".join(got["piece"]) == word
    assert set(got["kind"]) <= {"prefix", "combining form", "suffix", "unknown"}
    assert got.attrs["unknown"] == list(got.loc[got["kind"] == "unknown", "piece"])


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_built_terms_decompose_back_without_unknown_pieces(draw_data):
    table = terms.word_parts()
    forms = list(table.loc[table["kind"] == "combining form", "part"])
    suffixes = list(table.loc[table["kind"] == "suffix", "part"])
    chosen = draw_data.draw(st.lists(st.sampled_from(forms), min_size=1, max_size=2))
    suffix = draw_data.draw(st.sampled_from(suffixes))
    word = terms.build_term(*chosen, suffix)
    assert terms.decompose(word).attrs["unknown"] == []


# -- read_term ---------------------------------------------------------------------------------
@pytest.mark.parametrize("term, reading", [
    ("pericarditis", "inflammation + around + heart"),
    ("hepatomegaly", "enlargement + liver"),
    ("gastroenterology", "study of + stomach + small intestine"),
    ("bradycardia", "condition + slow + heart"),
    ("cellulitis", "inflammation + [cellul: not in the table]"),
])
def test_read_term_puts_the_suffix_first(term, reading):
    assert terms.read_term(term) == reading


def test_read_term_accepts_a_decomposed_table_and_rejects_other_tables():
    assert terms.read_term(terms.decompose("otitis")) == "inflammation + ear"
    with pytest.raises(ValueError, match="has no column 'kind'"):
        terms.read_term(pd.DataFrame({"piece": ["x"], "meaning": ["y"]}))


# -- build_term --------------------------------------------------------------------------------
@pytest.mark.parametrize("parts, word", [
    (("hepat/o", "-megaly"), "hepatomegaly"),
    (("gastr/o", "-itis"), "gastritis"),
    (("gastr/o", "enter/o", "-logy"), "gastroenterology"),
    (("cardi/o", "-itis"), "carditis"),
    (("peri-", "cardi/o", "-itis"), "pericarditis"),
    (("brady-", "cardi/o", "-ia"), "bradycardia"),
    (("hypo-", "ox/o", "-ia"), "hypoxia"),
    (("an-", "-emia"), "anemia"),
    (("arthr/o", "-scopy"), "arthroscopy"),
    (("cholecyst/o", "-ectomy"), "cholecystectomy"),
    ((" Col/O ", "-ostomy"), "colostomy"),
])
def test_build_term_applies_the_combining_vowel_rule(parts, word):
    assert terms.build_term(*parts) == word
    assert terms.build_term(list(parts)) == word


@pytest.mark.parametrize("parts, text", [
    ((), "Give at least one"),
    (("cardi/o",), "ends with a suffix"),
    (("peri-",), "ends with a suffix"),
    (("cardi",), "is not written as a word part"),
    (("-itis", "cardi/o"), "cannot come after '-itis'"),
    (("cardi/o", "peri-", "-itis"), "cannot come after 'cardi/o'"),
    (("cardi/o", "-ia", "-itis"), "cannot come after '-ia'"),
    (("cardi/o", 5), "must be text in quotes"),
])
def test_build_term_rejects_bad_parts(parts, text):
    with pytest.raises(ValueError, match=text):
        terms.build_term(*parts)


def test_split_part():
    assert terms.split_part("chol/e") == ("combining form", "chol", "e")
    with pytest.raises(ValueError, match="slash before its vowel"):
        terms.split_part("cardi/x")


@pytest.mark.parametrize("term, parts", [
    ("atrial", ["atri/o", "-al"]),            # not a- + tri- + -al
    ("organism", ["", "-ism"]),               # an unknown stretch is not chopped into short parts
    ("laparoscopic", ["lapar/o", ""]),
])
def test_unknown_stretches_are_not_chopped_into_short_parts(term, parts):
    assert list(terms.decompose(term)["part"]) == parts
