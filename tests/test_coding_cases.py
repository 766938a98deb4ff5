"""Lesson 06's case notes and their scoring: every key is real, every kind of feedback is proven both ways."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from helpers import coding, data
from helpers.audit.accuracy import accuracy_rate
from helpers.coding import cases as cs

ROOT = Path(__file__).resolve().parents[1]
CASES = data.load("coding_cases")
IDS = CASES["case_id"].tolist()
POA_VALUES = set("YNUW1")
#: Codes that may carry POA "1" (exempt): the categories of the exempt list that the keys use.
EXEMPT_PREFIXES = ("Z37", "Z3A", "Z79")


def _key_codes(c: dict) -> list[str]:
    return [c["principal_dx"], *c["secondary_dx"]]


# -- the cases and their keys -----------------------------------------------------------------
def test_there_are_at_least_thirty_cases_of_both_settings_and_every_use():
    assert len(CASES) >= 30 and CASES["case_id"].is_unique
    assert set(CASES["setting"]) == {"inpatient", "outpatient"}
    assert set(CASES["used_in"]) == {"lesson", "workbook", "practice"}
    assert (CASES["used_in"] == "workbook").sum() >= 5


def test_every_diagnosis_code_of_every_key_is_valid_and_billable():
    codes = [code for case_id in IDS for code in _key_codes(coding.case(case_id))]
    checked = coding.validate_icd10cm(codes)
    bad = checked[~(checked["valid"] & checked["billable"])]
    assert bad.empty, bad.to_dict("records")
    # written as the code set writes them (upper case, with the dot), so the key can be compared as text
    assert checked["code"].tolist() == codes


def test_the_key_check_fails_on_a_code_that_is_not_billable_or_not_real():
    checked = coding.validate_icd10cm(["E11", "I21.44", "I21.4"])
    assert (checked["valid"] & checked["billable"]).tolist() == [False, False, True]


@pytest.mark.parametrize("case_id", IDS)
def test_each_key_is_well_formed(case_id):
    c = coding.case(case_id)
    codes = _key_codes(c)
    assert len(set(codes)) == len(codes), "a code is listed twice"
    if c["setting"] == "inpatient":
        assert len(c["poa"]) == len(codes), "one POA indicator per diagnosis"
        assert set(c["poa"]) <= POA_VALUES
        for code, flag in zip(codes, c["poa"]):
            assert (flag == "1") == code.startswith(EXEMPT_PREFIXES), (code, flag)
    else:
        assert c["poa"] == [] and c["pcs"] == [], "POA and ICD-10-PCS belong to inpatient stays"
    for pcs in c["pcs"]:
        assert coding.check_pcs_format(pcs), pcs
    assert c["rationale"].strip() and c["guideline"].strip()
    assert len(c["note"]) < 600, "a note of a few lines"


def test_every_guideline_section_cited_names_a_real_part_of_the_guidelines():
    section = re.compile(r"(I|II|III|IV)(\.[A-Z](\.\d+(\.[a-z](\.\d+)?)?)?)?|Appendix I")
    for text in [*CASES["guideline"], *data.load("coding_guidelines")["section"]]:
        for part in re.split(r"[;,]\s*", text):
            assert section.fullmatch(part.strip()), part


def test_the_conventions_table_gives_a_real_example_code_for_each_convention():
    table = data.load("coding_guidelines")
    assert table["example_code"].map(lambda c: bool(coding.validate_icd10cm(c)["valid"].iloc[0])).all()
    assert {"excludes1", "excludes2", "code_first", "placeholder_x", "seventh_character", "combination",
            "etiology_manifestation", "signs_symptoms", "uncertain_inpatient", "uncertain_outpatient",
            "principal_dx", "nec_nos", "poa"} <= set(table["convention_id"])


def test_answer_key_lists_principal_secondaries_and_procedures_in_order():
    key = coding.answer_key("C02")
    assert key["role"].tolist() == ["principal", "procedure"]
    assert key["code"].tolist() == ["K35.80", "0DTJ4ZZ"]
    assert "Resection" in key["description"].iloc[1]
    assert coding.answer_key("C03")["role"].tolist() == ["first-listed", "secondary"]


# -- every kind of feedback, right and wrong ---------------------------------------------------
def kinds(case_id, codes):
    return coding.score_case(case_id, codes)[["code", "kind"]].values.tolist()


@pytest.mark.parametrize("case_id", IDS)
def test_the_key_itself_scores_every_code_right(case_id):
    c = coding.case(case_id)
    feedback = coding.score_case(case_id, [*_key_codes(c), *c["pcs"]])
    assert set(feedback["kind"]) == {cs.RIGHT}
    assert coding.case_accuracy(case_id, [*_key_codes(c), *c["pcs"]]) == 100.0


def test_codes_are_read_in_any_case_with_or_without_dot_and_any_separator():
    assert kinds("C01", "i214\n i10 ;e78.5") == [["I21.4", cs.RIGHT], ["I10", cs.RIGHT], ["E78.5", cs.RIGHT]]


def test_wrong_sequence_when_the_principal_is_not_first_and_right_when_it_is():
    assert kinds("C01", "I10, I21.4, E78.5") == [["I10", cs.WRONG_SEQUENCE], ["I21.4", cs.WRONG_SEQUENCE],
                                                 ["E78.5", cs.RIGHT]]
    assert kinds("C01", "I21.4, I10, E78.5")[0] == ["I21.4", cs.RIGHT]


def test_wrong_sequence_when_a_manifestation_precedes_its_underlying_disease():
    assert kinds("C28", "N39.0, F02.B0, G20.A1")[1] == ["F02.B0", cs.WRONG_SEQUENCE]
    assert kinds("C28", "N39.0, G20.A1, F02.B0")[2] == ["F02.B0", cs.RIGHT]
    assert kinds("C05", "F02.80, G30.1") == [["F02.80", cs.WRONG_SEQUENCE], ["G30.1", cs.WRONG_SEQUENCE]]


def test_a_valid_code_that_is_not_billable_is_named_and_its_billable_code_stays_missing():
    assert kinds("C06", "S82.51") == [["S82.51", cs.NOT_BILLABLE], ["S82.51XA", cs.MISSING]]
    assert kinds("C06", "S82.51XA") == [["S82.51XA", cs.RIGHT]]


def test_a_real_code_the_note_does_not_support():
    # outpatient 'possible pneumonia': coding the pneumonia is not supported
    assert kinds("C03", "J18.9") == [["J18.9", cs.NOT_SUPPORTED], ["R05.9", cs.MISSING], ["R50.9", cs.MISSING]]
    assert kinds("C06", "S82.51XD")[0] == ["S82.51XD", cs.NOT_SUPPORTED]  # a later encounter's 7th character
    assert kinds("C02", "K35.80, 0FT44ZZ")[1] == ["0FT44ZZ", cs.NOT_SUPPORTED]  # a PCS code of another operation


def test_an_external_cause_code_is_not_in_the_keys_and_says_why():
    feedback = coding.score_case("C21", "S61.411A, W26.0XXA")
    assert feedback["kind"].tolist() == [cs.RIGHT, cs.NOT_SUPPORTED]
    assert "external cause" in feedback["detail"].iloc[1]
    assert "external cause" not in coding.score_case("C03", "J18.9")["detail"].iloc[0]


def test_a_missing_code_is_reported_and_a_complete_answer_has_none():
    missing = coding.score_case("C02", "K35.80")
    assert missing[missing["kind"] == cs.MISSING]["code"].tolist() == ["0DTJ4ZZ"]
    assert missing["position"].isna().tolist() == [False, True]
    assert cs.MISSING not in set(coding.score_case("C02", "K35.80 0DTJ4ZZ")["kind"])


def test_typos_and_cpt_like_numbers_are_not_codes_with_a_reason():
    feedback = coding.score_case("C01", "I21.4, I21.44, 12345, I10, E78.5")
    assert feedback["kind"].tolist() == [cs.RIGHT, cs.NOT_A_CODE, cs.NOT_A_CODE, cs.RIGHT, cs.RIGHT]
    assert "not in the ICD-10-CM code set" in feedback["detail"].iloc[1]
    assert "CPT" in feedback["detail"].iloc[2]
    assert feedback["kind"].iloc[0] == cs.RIGHT


def test_a_code_listed_twice_counts_once_right_and_once_as_an_error():
    assert kinds("C01", "I21.4, i214, I10, E78.5")[:2] == [["I21.4", cs.RIGHT], ["I21.4", cs.REPEATED]]


def test_every_kind_of_feedback_can_occur():
    seen = set()
    for codes in ["I10, I21.4, E78, J18.9, I21.44", "I21.4, I21.4"]:
        seen |= set(coding.score_case("C01", codes)["kind"])
    assert seen == set(cs.KINDS)


# -- accuracy, the coding-audit measure of lesson 12 -------------------------------------------
def test_accuracy_is_lesson_12s_accuracy_rate_on_the_feedback_rows():
    feedback = coding.score_case("C01", "I21.4, I10, J18.9")
    # rows: I21.4 right, I10 right, J18.9 not supported, E78.5 missing -> 2 of 4
    assert coding.case_accuracy("C01", "I21.4, I10, J18.9") == 50.0
    assert accuracy_rate(feedback.assign(encounter_id="C01")) == 50.0


def test_overall_accuracy_pools_the_codes_of_every_case():
    answers = {"C01": "I21.4, I10, E78.5", "C06": "S82.51XD"}  # 3 of 3 right, then 0 of 2
    assert coding.accuracy(answers) == 60.0
    table = coding.accuracy_by_case(answers)
    assert table.values.tolist() == [["C01", 3, 3, 100.0], ["C06", 2, 0, 0.0]]
    assert coding.accuracy({"C01": "I21.4, I10, E78.5", "C06": "S82.51XA"}) == 100.0


# -- refusals ---------------------------------------------------------------------------------
@pytest.mark.parametrize("entry", ["", "  ,; \n", [], ["  "]])
def test_an_empty_entry_is_refused_with_a_sentence(entry):
    with pytest.raises(ValueError, match="No code was entered"):
        coding.score_case("C01", entry)


@pytest.mark.parametrize("call, match", [
    (lambda: coding.case("C99"), "There is no case 'C99'"),
    (lambda: coding.score_case(None, "I10"), "There is no case"),
    (lambda: coding.score_case("C01", 12), "Give the codes as text"),
    (lambda: coding.load_cases("exam"), "used_in must be"),
    (lambda: coding.accuracy({}), "dictionary of case id"),
    (lambda: coding.accuracy(["C01"]), "dictionary of case id"),
])
def test_bad_input_is_refused_with_a_sentence(call, match):
    with pytest.raises(ValueError, match=match):
        call()


# -- the workbook never uses a case the lesson shows ------------------------------------------
def _case_ids_in(path: Path) -> set[str]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return _case_ids_in_text("\n".join("".join(cell["source"]) for cell in nb["cells"]))


def test_the_lesson_shows_no_workbook_case_and_the_workbook_uses_only_its_own():
    use = CASES.set_index("case_id")["used_in"]
    lesson = _case_ids_in(ROOT / "notebooks" / "06-coding-in-practice.ipynb")
    workbook = _case_ids_in(ROOT / "exercises" / "source" / "06-coding-in-practice.ipynb")
    assert lesson and workbook
    assert {use[c] for c in lesson} <= {"lesson", "practice"}
    assert {use[c] for c in workbook} == {"workbook"}
    assert not lesson & workbook


def test_the_checker_of_case_ids_finds_them():
    assert _case_ids_in_text("coding.score_case('C11', x); C1 and C123 are not ids") == {"C11"}


def _case_ids_in_text(text: str) -> set[str]:
    return set(re.findall(r"\bC\d\d\b", text))


def test_loading_is_typed_and_filtered():
    assert isinstance(coding.load_cases(), pd.DataFrame)
    assert set(coding.load_cases(["lesson", "workbook"])["used_in"]) == {"lesson", "workbook"}


def _answers_shown(text: str) -> list[str]:
    """The ICD-10-CM codes that answer the lesson 06 workbook's value problems and appear in ``text``."""
    from helpers.checks import workbook
    from helpers.checks.problems import ValueProblem

    shown = []
    for problem in workbook("coding-in-practice"):
        if isinstance(problem, ValueProblem):
            expected = problem.expected()
            for value in expected if isinstance(expected, list) else [expected]:
                looks_like_a_code = isinstance(value, str) and re.fullmatch(r"[A-Z]\d[\dA-Z](\.[\dA-Z]{1,4})?", value)
                if looks_like_a_code and value in text:
                    shown.append(f"{problem.key}: {value}")
    return shown


def test_the_student_workbook_and_the_lesson_never_show_the_code_a_question_asks_for():
    student = (ROOT / "exercises" / "06-coding-in-practice-exercises.ipynb").read_text(encoding="utf-8")
    assert _answers_shown(student) == []
    lesson = (ROOT / "notebooks" / "06-coding-in-practice.ipynb").read_text(encoding="utf-8")
    assert _answers_shown(lesson) == []
    assert _answers_shown(student + ' batch = {"C12": "J12.9"}') == ["coding-in-practice.q3: J12.9"]
