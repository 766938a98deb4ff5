"""Lesson 18: the question bank's checks, practice exams, spaced review, the course map, the widget."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from helpers import exam
from helpers.checks import progress
from helpers.exam import bank as bank_mod
from helpers.exam import mapping


_WORDS = ("chart", "coder", "census", "record", "audit", "claim", "index", "policy", "release", "breach",
          "consent", "deadline", "sample", "merge", "weight", "ratio", "guideline", "payer", "schedule", "ledger")


def _question(i: int, domain: int = 1, answer: str = "A", **extra) -> dict:
    import random
    pick = random.Random(i)
    row = {"id": f"Q{i:03d}", "lesson": "coding-systems", "domain": domain, "level": "recall",
           "stem": " ".join(pick.sample(_WORDS, 8)) + f" {i}?",
           "answer": answer, "fact_resource": None, "fact_row": None, "fact_column": None, "figure": None}
    for x in "abcd":
        row[f"option_{x}"] = f"option {x} of {i}"
        row[f"why_{x}"] = f"because {x} ({i})"
    row.update(extra)
    return row


def _bank(n: int = 100) -> pd.DataFrame:
    """A balanced made-up bank: domains in proportion to the exam's weights, answers spread evenly."""
    weights = exam.domains().set_index("domain")
    mid = (weights["weight_low"] + weights["weight_high"]) / 2
    counts = (mid / mid.sum() * n).round().astype(int)
    rows, i = [], 1
    for domain, count in counts.items():
        for _ in range(count):
            rows.append(_question(i, int(domain), "ABCD"[i % 4]))
            i += 1
    return pd.DataFrame(rows)


# -- the real bank ---------------------------------------------------------------------------------

def test_the_real_bank_has_no_problems_and_is_balanced():
    real = exam.questions()
    assert exam.problems(real) == []
    assert exam.bank_problems(real) == []


def test_the_real_bank_has_at_least_200_questions_at_every_level_and_from_every_domain():
    real = exam.questions()
    assert len(real) >= 200
    assert set(real["level"]) == set(exam.LEVELS)
    assert set(real["domain"].astype(int)) == set(range(1, 7))


def test_every_available_lesson_with_exam_content_has_questions():
    real = exam.questions()
    served = mapping._mapped()
    exam_lessons = set(served.loc[served["domain"] > 0, "lesson"])
    assert exam_lessons - set(real["lesson"]) == set()


def test_fact_backed_questions_exist_and_match_their_rows():
    real = exam.questions()
    backed = real[real["fact_resource"].notna()]
    assert len(backed) >= 5
    for _, q in backed.iterrows():
        value = exam.fact_value(q["fact_resource"], q["fact_row"], q["fact_column"])
        assert bank_mod._figure_matches(q["figure"], value), q["id"]


# -- each check proven both ways ------------------------------------------------------------------

def test_a_clean_made_up_bank_passes():
    made = _bank()
    assert exam.problems(made) == [] and exam.bank_problems(made) == []


@pytest.mark.parametrize("change, expected", [
    ({"why_c": ""}, "needs an explanation"),
    ({"option_b": "option a of 5"}, "same text"),
    ({"answer": "E"}, "is not one of"),
    ({"lesson": "coding"}, "not a lesson id"),
    ({"level": "memory"}, "level 'memory'"),
    ({"domain": 7}, "domain 7"),
    ({"fact_resource": "certifications", "fact_row": "credential=RHIT", "fact_column": "exam_items",
      "figure": "130", "stem": "Does the exam have 130 questions?"}, "says 150"),
    ({"fact_resource": "certifications", "fact_row": "credential=RHIT", "fact_column": "exam_items",
      "figure": "150"}, "appears in neither"),
    ({"fact_resource": "certifications", "fact_row": "credential=RHIT"}, "needs fact_resource"),
    ({"fact_resource": "certifications", "fact_row": "body=AHIMA", "fact_column": "exam_items",
      "figure": "150"}, "matches"),
])
def test_a_plausible_mistake_in_one_question_is_named(change, expected):
    made = _bank()
    index = made.index[made["id"] == "Q005"][0]
    for key, value in change.items():
        made.loc[index, key] = value
    found = exam.problems(made)
    assert any("Q005" in f and expected in f for f in found), found


def test_a_right_fact_backed_question_passes():
    made = _bank()
    index = made.index[made["id"] == "Q005"][0]
    made.loc[index, ["stem", "fact_resource", "fact_row", "fact_column", "figure"]] = [
        "How many questions does the RHIT exam have, scored and unscored?", "certifications",
        "credential=RHIT", "exam_items", "150"]
    made.loc[index, "option_" + made.loc[index, "answer"].lower()] = "150"
    assert exam.problems(made) == []


def test_two_stems_alike_and_a_repeated_id_are_caught():
    made = _bank()
    made.loc[7, "stem"] = made.loc[3, "stem"].replace("?", ", exactly?")
    made.loc[9, "id"] = made.loc[8, "id"]
    found = exam.problems(made)
    assert any("too alike" in f and made.loc[3, "id"] in f for f in found)
    assert any("used more than once" in f for f in found)


def test_a_bank_that_favours_one_letter_or_one_domain_is_unbalanced():
    made = _bank()
    letters = made.assign(answer="C")
    assert any("answer C is right in" in f for f in exam.bank_problems(letters))
    heavy = made.assign(domain=1)
    assert any("domain 1" in f for f in exam.bank_problems(heavy))


def test_fact_value_reads_one_row_and_refuses_a_vague_selector():
    assert exam.fact_value("certifications", "credential=RHIT", "exam_items") == 150
    with pytest.raises(ValueError, match="no column"):
        exam.fact_value("certifications", "credential=RHIT", "items")
    with pytest.raises(ValueError, match="column=value"):
        exam.fact_value("certifications", "RHIT", "exam_items")


# -- practice exams ---------------------------------------------------------------------------------

def test_an_exam_follows_the_weights_and_is_the_same_for_the_same_number():
    made = _bank(300)
    ids = exam.draw_exam(150, seed=4, bank=made)
    assert ids == exam.draw_exam(150, seed=4, bank=made) != exam.draw_exam(150, seed=5, bank=made)
    assert len(set(ids)) == 150
    per_domain = made.set_index("id").loc[ids, "domain"].value_counts()
    # middles 22, 16, 16, 16, 14, 10 of 94, times 150: 35.1, 25.5, 25.5, 25.5, 22.3, 16.0; the three
    # seats left after the whole parts go to the largest remainders, ties in domain order
    assert per_domain.to_dict() == {1: 35, 2: 26, 3: 26, 4: 25, 5: 22, 6: 16}


def test_a_short_domain_gives_what_it_has_and_the_rest_comes_from_others():
    made = _bank(100)
    made = made[(made["domain"] != 6) | (made.index % 5 == 0)]
    ids = exam.draw_exam(60, seed=0, bank=made)
    assert len(ids) == len(set(ids)) == 60


def test_exclude_leaves_out_questions_seen_while_enough_others_remain():
    made = _bank(100)
    seen = exam.draw_exam(30, seed=1, bank=made)
    fresh = exam.draw_exam(30, seed=2, bank=made, exclude=seen)
    assert not set(seen) & set(fresh)


@pytest.mark.parametrize("n, seed, message", [(0, 1, "at least 1"), (True, 1, "whole number"), (2.5, 1, "whole number"),
                                              (10, -1, "at least 0"), (10_000, 1, "fewer")])
def test_draw_exam_refuses_bad_input(n, seed, message):
    with pytest.raises(ValueError, match=message):
        exam.draw_exam(n, seed=seed, bank=_bank())


def test_scoring_counts_right_wrong_and_blank_per_domain():
    made = _bank()
    ids = ["Q001", "Q002", "Q003", "Q040"]
    answers = made.set_index("id")["answer"]
    wrong = {"A": "B", "B": "C", "C": "D", "D": "A"}[answers["Q002"]]
    report = exam.score(ids, {"Q001": answers["Q001"].lower(), "Q002": wrong, "Q003": None,
                              "Q040": answers["Q040"]}, bank=made)
    assert report.rows["correct"].tolist() == [True, False, False, True]
    assert report.percent == 50.0 and report.missed == ["Q002", "Q003"]
    assert report.by_domain["questions"].sum() == 4 and report.by_domain["correct"].sum() == 2
    assert "coding-systems" in report.by_domain["lessons to review"].str.cat()


def test_scoring_refuses_a_letter_that_is_not_an_option_and_an_unknown_id():
    with pytest.raises(ValueError, match="A, B, C or D"):
        exam.score(["Q001"], {"Q001": "E"}, bank=_bank())
    with pytest.raises(ValueError, match="No question has the id 'Q999'"):
        exam.score(["Q999"], {}, bank=_bank())
    with pytest.raises(ValueError, match="draw an exam first"):
        exam.score([], {}, bank=_bank())


def test_time_allowed_follows_the_real_exam_pace():
    assert exam.pace_seconds() == pytest.approx(3.5 * 3600 / 150)
    assert exam.time_allowed(150) == dt.timedelta(hours=3, minutes=30)
    assert exam.time_allowed(1) == dt.timedelta(minutes=2)  # 84 seconds, rounded up


# -- spaced review ------------------------------------------------------------------------------

def test_a_miss_comes_back_after_1_then_3_then_7_days_and_then_retires():
    day = dt.date(2026, 12, 1)
    state = exam.schedule({}, {"Q001": False}, today=day)
    assert state == {"Q001": {"stage": 0, "due": "2026-12-02"}}
    state = exam.schedule(state, {"Q001": True}, today="2026-12-02")
    assert state == {"Q001": {"stage": 1, "due": "2026-12-05"}}
    state = exam.schedule(state, {"Q001": True}, today="2026-12-05")
    assert state == {"Q001": {"stage": 2, "due": "2026-12-12"}}
    assert exam.schedule(state, {"Q001": True}, today="2026-12-12") == {}


def test_a_miss_at_any_review_starts_over_and_a_right_answer_not_under_review_changes_nothing():
    state = {"Q001": {"stage": 2, "due": "2026-12-12"}}
    assert exam.schedule(state, {"Q001": False}, today="2026-12-12") == {"Q001": {"stage": 0, "due": "2026-12-13"}}
    assert exam.schedule(state, {"Q002": True}, today="2026-12-12") == state
    assert state == {"Q001": {"stage": 2, "due": "2026-12-12"}}  # not changed in place


def test_due_lists_the_longest_waiting_first_skips_damaged_entries_and_refuses_a_bad_date():
    state = {"Q003": {"stage": 0, "due": "2026-12-03"}, "Q001": {"stage": 1, "due": "2026-12-01"},
             "Q002": {"stage": 0, "due": "2026-12-09"}, "Q004": {"due": "soon"}, "Q005": "broken"}
    assert exam.due(state, today="2026-12-05") == ["Q001", "Q003"]
    assert exam.due(state, today="2026-11-30") == []
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        exam.due(state, today="5 December")


# -- the course map ---------------------------------------------------------------------------------

def test_every_objective_and_workbook_problem_is_mapped_and_nothing_stale():
    items = exam.course_items()
    assert len(items) > 100
    assert exam.unmapped(items) == [] and exam.stale(items) == []


def test_an_item_missing_from_the_map_and_a_stale_row_are_both_caught():
    items = exam.course_items()
    more = pd.concat([items, pd.DataFrame([{"lesson": "capstone", "item": "q99", "text": "new"}])])
    assert exam.unmapped(more) == ["capstone q99"]
    fewer = items[~((items["lesson"] == "capstone") & (items["item"] == "q5"))]
    assert exam.stale(fewer) == ["capstone q5"]


def test_objectives_are_read_from_the_lesson():
    from helpers.exam.mapping import _ROOT, objectives
    found = objectives(_ROOT / "notebooks" / "13-healthcare-statistics.ipynb")
    assert len(found) == 4 and found[1].startswith("Compute the average daily census")
    wrapped = objectives(_ROOT / "notebooks" / "09-health-data-standards.ipynb")
    assert all(text.endswith(".") for text in wrapped), wrapped  # a bullet wrapped over two lines is whole


def test_coverage_shares_add_up_and_mark_a_thin_domain():
    table = exam.coverage()
    assert table["share"].sum() == pytest.approx(100, abs=0.5)
    assert (table["thin"] == (table["share"] < table["weight_low"])).all()
    assert table.loc[table["name"] == "Leadership", "items"].iloc[0] > 0


# -- the progress file ------------------------------------------------------------------------------

def test_sections_are_saved_beside_the_problems_and_a_damaged_one_reads_as_empty(tmp_path):
    path = tmp_path / "progress.json"
    assert progress.update_section("exams", lambda old: old + [{"right": 3}], path) == []
    progress.record_event("x.q1", "x", outcome="correct", path=path)
    assert progress.read_section("exams", path) == ([{"right": 3}], [])
    assert progress.load_progress(path)[0]["problems"]["x.q1"]["outcome"] == "correct"
    progress.update_section("review", lambda old: "not a dict", path)
    value, notices = progress.read_section("review", path)
    assert value == {} and "could not be read" in notices[0]


def test_nothing_is_saved_when_progress_is_off(monkeypatch, tmp_path):
    monkeypatch.setenv(progress.PROGRESS_ENV, "off")
    assert progress.update_section("exams", lambda old: old + [1]) == []
    assert progress.read_section("exams") == ([], [])


# -- the widget -------------------------------------------------------------------------------------

def _answer_all(panel, right: bool) -> None:
    rows = exam.questions_by_id(panel.ids)
    for i, (_, q) in enumerate(rows.iterrows()):
        letter = q["answer"] if right else {"A": "B", "B": "C", "C": "D", "D": "A"}[q["answer"]]
        choice = panel.controls["choice"]
        choice.value = next(o for o in choice.options if o.startswith(letter + "."))
        if i < len(rows) - 1:
            panel.controls["next"].click()


def test_the_widget_scores_an_exam_saves_it_and_brings_misses_back_the_next_day(tmp_path):
    from helpers import widgets
    path = tmp_path / "progress.json"
    panel = widgets.practice_exam(today="2026-12-01", progress_file=path)
    panel.controls["size"].value = 10
    panel.controls["number"].value = 3
    panel.controls["start"].click()
    assert "Question 1 of 10" in panel.question.value
    _answer_all(panel, right=False)
    panel.controls["finish"].click()
    assert "0 of 10 right" in panel.result.value and "Questions to look at again" in panel.result.value
    assert panel.chart.png.startswith(b"\x89PNG")
    history, _ = progress.read_section("exams", path)
    assert history[-1]["questions"] == 10 and len(history[-1]["missed"]) == 10

    later = widgets.practice_exam(today="2026-12-02", progress_file=path)
    assert later.controls["mode"].options[1] == "Review my misses (10 due)"
    later.controls["mode"].value = later.controls["mode"].options[1]
    later.controls["size"].value = 10
    later.controls["start"].click()
    _answer_all(later, right=True)
    later.controls["finish"].click()
    assert "10 of 10 right" in later.result.value
    review, _ = progress.read_section("review", path)
    assert {v["due"] for v in review.values()} == {"2026-12-05"}


def test_the_widget_says_what_to_do_when_nothing_is_due_or_nothing_was_started(tmp_path):
    from helpers import widgets
    panel = widgets.practice_exam(today="2026-12-01", progress_file=tmp_path / "p.json")
    panel.controls["finish"].click()  # disabled in the browser; pressed anyway from code
    assert "Press Start first" in panel.result.value
    panel.controls["mode"].value = panel.controls["mode"].options[1]
    panel.controls["start"].click()
    assert "No missed question is due" in panel.result.value and "Traceback" not in panel.result.value


def test_a_timed_exam_reports_the_time_against_the_pace(tmp_path):
    from helpers import widgets
    ticks = iter([0.0, 0.0, 30.0, 900.0])
    panel = widgets.practice_exam(today="2026-12-01", progress_file=tmp_path / "p.json",
                                  clock=lambda: next(ticks))
    panel.controls["size"].value = 10
    panel.controls["timed"].value = True
    panel.controls["start"].click()
    panel.controls["next"].click()
    assert "Time used 0:00:30 of 0:14:00 allowed" in panel.status.value
    panel.controls["finish"].click()
    assert "Time used 0:15:00, over the 0:14:00" in panel.result.value
