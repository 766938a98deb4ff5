"""The coding widgets (lesson 05 code explorer, lesson 06 case coder), driven through their controls like a learner would."""
from __future__ import annotations


import pytest

from helpers import coding, widgets


@pytest.fixture(scope="module")
def explorer():
    return widgets.code_explorer()


def _no_traceback(p):
    text = p.result.value
    assert "Traceback" not in text and "Something went wrong" not in text


def test_starts_with_a_prompt_and_no_results(explorer):
    p = widgets.code_explorer()
    assert set(p.controls) == {"words", "billable_only", "results"}
    assert p.controls["results"].options == ()
    assert "Type one or more words" in p.result.value


@pytest.mark.parametrize("words, first", [
    ("cervical sprain", "S13.4"),
    ("merkel carcinoma", "C4A"),
    ("essential hypertension", "I10"),
    ("COVID", "Z11.52"),
])
def test_words_list_codes_and_show_the_first(explorer, words, first):
    p = explorer
    p.controls["billable_only"].value = False
    p.controls["words"].value = words
    options = p.controls["results"].options
    assert options and options[0][1] == first
    assert p.controls["results"].value == first
    assert "code(s) found" in p.result.value
    assert f"{first}: " in p.result.value and "Where it sits" in p.result.value
    _no_traceback(p)


def test_picking_a_code_shows_its_details_notes_and_seventh_characters(explorer):
    p = explorer
    p.controls["billable_only"].value = False
    p.controls["words"].value = "penicillins accidental"
    codes = [value for _label, value in p.controls["results"].options]
    assert "T36.0X1A" in codes
    p.controls["results"].value = "T36.0X1A"
    text = p.result.value
    assert "Poisoning by penicillins, accidental (unintentional), initial encounter" in text
    assert "Billable" in text and "Not billable" not in text
    assert "7th characters" in text and "sequela" in text
    assert "written at T36" in text  # the category's Excludes1 note applies to the code
    assert "chapter <code>19</code>" in text
    p.controls["results"].value = "T36.0X1"
    assert "Not billable" in p.result.value and "needs a 7th character" in p.result.value


def test_billable_only_filters_the_list_both_ways(explorer):
    p = explorer
    p.controls["billable_only"].value = False
    p.controls["words"].value = "cervical sprain"
    all_codes = [v for _l, v in p.controls["results"].options]
    p.controls["billable_only"].value = True
    billable = [v for _l, v in p.controls["results"].options]
    assert "S13.4" in all_codes and "S13.4" not in billable
    assert set(billable) < set(all_codes)
    assert coding.validate_icd10cm(billable)["billable"].all()
    p.controls["billable_only"].value = False
    assert [v for _l, v in p.controls["results"].options] == all_codes


@pytest.mark.parametrize("entry", [" e11.9 ", "E119", "M1A", "t36.0x1a"])
def test_a_valid_code_typed_in_the_box_is_shown(explorer, entry):
    p = explorer
    p.controls["words"].value = entry
    code = coding.normalise(entry)
    assert p.controls["results"].value == code
    assert "is in the ICD-10-CM code set" in p.result.value and f"{code}: " in p.result.value


@pytest.mark.parametrize("entry, words", [
    ("S62.5X0A", "closest parent: S62.5"),
    ("A00-A09", "a block of categories"),
    ("E1", "too short"),
    ("Z99.999", "not in the ICD-10-CM code set"),
])
def test_invalid_codes_give_a_message_then_the_widget_recovers(explorer, entry, words):
    p = explorer
    p.controls["words"].value = entry
    assert "Check your entry" in p.result.value and words in p.result.value
    assert p.controls["results"].options == ()
    _no_traceback(p)
    p.controls["words"].value = "asthma"
    assert p.controls["results"].options and "code(s) found" in p.result.value


@pytest.mark.parametrize("entry", ["", "   ", "xyzzy plugh", "!!!", "fracture ???", "ract"])
def test_empty_or_unmatched_searches_give_a_message(explorer, entry):
    p = explorer
    p.controls["words"].value = "asthma"
    p.controls["words"].value = entry
    assert p.controls["results"].options == ()
    assert "Type one or more words" in p.result.value or "No code description contains" in p.result.value
    _no_traceback(p)
    p.controls["words"].value = "wrist"
    assert p.controls["results"].value is not None


def test_long_result_lists_are_capped_with_a_note(explorer):
    p = explorer
    p.controls["billable_only"].value = False
    p.controls["words"].value = "fracture"
    assert len(p.controls["results"].options) == 50
    assert "The first 50 are listed" in p.result.value


def test_picking_clears_nothing_when_list_is_empty(explorer):
    p = explorer
    p.controls["words"].value = "xyzzy"
    p.controls["results"].value = None
    assert "No code description contains" in p.result.value


def test_code_details_say_the_verdict_once():
    from helpers.widgets.coding import code_details_html

    assert "Billable</b>: a valid code with no subcodes." in code_details_html("E11.9")
    category = code_details_html("E11")
    assert "Not billable</b>: category with subcodes: add characters." in category and "not billable" not in category


# -- lesson 06: the case coder ----------------------------------------------------------------
def _text(p):
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", " ", p.result.value))


def _check(p, case_id, codes):
    p.controls["case"].value = case_id
    p.controls["codes"].value = codes
    p.controls["check"].click()
    _no_traceback(p)
    return _text(p)


def test_case_coder_offers_the_lesson_and_practice_cases_but_never_the_workbooks():
    p = widgets.case_coder()
    assert set(p.controls) == {"case", "codes", "check"}
    offered = {value for _label, value in p.controls["case"].options}
    uses = coding.load_cases().set_index("case_id")["used_in"]
    assert {uses[c] for c in offered} == {"lesson", "practice"}
    assert "Type your codes and press Check" in p.result.value
    assert "Rationale" not in p.result.value  # not before a first try


def test_the_rationale_appears_after_the_first_try_and_stays_for_that_case():
    p = widgets.case_coder()
    p.controls["case"].value = "C02"
    assert "Rationale" not in p.result.value and "laparoscopic appendectomy" in p.result.value
    text = _check(p, "C02", "K35.80")
    assert "Rationale" in text and "Answer key" in text and "0DTJ4ZZ" in text
    p.controls["case"].value = "C01"
    assert "Rationale" not in p.result.value
    p.controls["case"].value = "C02"
    assert "Rationale" in p.result.value


def test_a_right_answer_scores_100_and_each_wrong_kind_is_shown():
    p = widgets.case_coder()
    assert "accuracy 100%" in _check(p, "C01", "i21.4\nI10\nE785")
    text = _check(p, "C01", "I10, I21.4, E78, J18.9, I21.44")
    for kind in ("right code, wrong sequence", "valid code, not billable", "not supported by the note",
                 "missing", "not a code"):
        assert kind in text, kind
    assert "accuracy 0%" in text


def test_running_accuracy_pools_the_last_check_of_each_case():
    p = widgets.case_coder()
    assert "over 1 case(s) checked: 100%" in _check(p, "C01", "I21.4, I10, E78.5")
    assert "over 2 case(s) checked: 60%" in _check(p, "C06", "S82.51XD")  # 3 of 3, then 0 of 2
    assert "over 2 case(s) checked: 100%" in _check(p, "C06", "S82.51XA")  # a new try replaces the old


@pytest.mark.parametrize("entry, words", [
    ("", "The box is empty"),
    ("  \n ", "The box is empty"),
    (" ,;, ", "No code was entered"),
    ("12345", "looks like a CPT code"),
    ("I21.44", "not in the ICD-10-CM code set"),
    ("hello world", "not a code"),
])
def test_empty_boxes_typos_and_cpt_like_numbers_give_a_message_never_a_traceback(entry, words):
    p = widgets.case_coder()
    text = _check(p, "C01", entry)
    assert words in text
    assert "Traceback" not in text
