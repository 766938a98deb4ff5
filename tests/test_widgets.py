"""Widgets driven the way a learner drives them: every option, and entries that make no sense."""
import pytest

from helpers import data, quiz, widgets

PNG = b"\x89PNG\r\n\x1a\n"


def shows_error(panel) -> bool:
    return "Check your entry" in panel.result.value or "Something went wrong" in panel.result.value


def test_course_planner_valid_entries():
    p = widgets.course_planner()
    for text in ["1", "3", "4.5", "10 hours", "40"]:
        p.controls["hours"].value = text
        assert "week" in p.result.value and not shows_error(p), text
    p.controls["hours"].value = "1"
    one = p.result.value
    p.controls["hours"].value = "40"
    assert one != p.result.value, "the answer should change with the hours"


def test_course_planner_says_published_so_far_only_while_some_lessons_are_missing(monkeypatch):
    lessons = data.load("lessons")
    lessons["available"] = True
    monkeypatch.setattr(widgets.intro.data, "load", lambda name: lessons.copy())
    full = widgets.course_planner().result.value
    assert "published so far" not in full and f"the whole course of {len(lessons)} lessons" in full
    lessons.loc[lessons.index[-1], "available"] = False
    partial = widgets.course_planner().result.value
    assert f"the {len(lessons) - 1} lessons published so far" in partial and "the whole course of" in partial


@pytest.mark.parametrize("text", ["", "abc", "0", "-3", "1000", "nan", "3 days"])
def test_course_planner_invalid_entries_show_a_message(text):
    p = widgets.course_planner()
    p.controls["hours"].value = text
    assert shows_error(p), text
    p.controls["hours"].value = "5"  # and it recovers
    assert not shows_error(p)


def test_responsibility_explorer_every_area():
    p = widgets.responsibility_explorer()
    areas = data.load("responsibilities")
    assert list(p.controls["area"].options) == list(areas["area"])
    for row in areas.itertuples():
        p.controls["area"].value = row.area
        assert row.example.split(" ")[0] in p.result.value
        assert f"Lesson {row.lesson}" in p.result.value


def test_skills_self_assessment_every_skill_and_value():
    p = widgets.skills_self_assessment()
    skills = list(data.load("skills")["skill"])
    assert list(p.controls) == skills
    first_png = p.chart.png
    assert first_png.startswith(PNG)
    for skill in skills:
        for value in (0, 5):
            p.controls[skill].value = value
            assert not shows_error(p)
    # Everything is now 5: no skills left to build, and the chart changed.
    assert "none: well done" in p.result.value and "5.0 of 5" in p.result.value
    assert p.chart.png != first_png


def test_skills_slider_rejects_out_of_range_values():
    """Sliders clamp: a learner cannot enter 9, the widget stays within 0-5."""
    p = widgets.skills_self_assessment()
    slider = p.controls["Organization"]
    slider.value = 9
    assert slider.value == 5 and not shows_error(p)


def test_faq_every_question():
    p = widgets.faq_browser()
    faq = data.load("faq")
    for row in faq.itertuples():
        p.controls["question"].value = row.question
        assert row.answer[:20] in p.result.value.replace("&#x27;", "'")
        assert f"lesson {row.lesson}" in p.result.value


def test_a_failing_callback_shows_a_message_not_a_traceback(monkeypatch):
    p = widgets.course_planner()
    monkeypatch.setattr(widgets.intro.career, "weeks_to_finish", lambda *a: 1 / 0)
    p.controls["hours"].value = "4"
    assert "Something went wrong" in p.result.value and "ZeroDivisionError" in p.result.value


def test_source_note_names_source_date_and_tag():
    note = widgets.source_note("certification_pay").value
    assert "AAPC" in note and "as of 2022" in note and "tag S" in note


QUESTION = quiz.question("Pick A", [("A", True, "right because A"), ("B", False, "B is wrong"), ("C", False, "C is wrong")])


def test_quiz_every_option_gives_its_feedback():
    box = quiz.quiz([QUESTION, QUESTION])
    assert box.answer(0, "A") == "Correct! right because A"
    assert box.answer(1, "B") == "Not quite. B is wrong"
    assert box.score_text() == "1 of 2 correct so far."
    assert box.answer(1, "C") == "Not quite. C is wrong"
    assert box.answer(1, "A").startswith("Correct!")
    assert box.score_text() == "2 of 2 correct so far."


def test_quiz_check_without_a_choice_asks_for_one():
    box = quiz.quiz([QUESTION])
    assert box._on_check(0) == "Choose an answer first, then press Check."
    assert box.results == [None]


@pytest.mark.parametrize("options, words", [
    ([("A", True, "x")], "at least two"),
    ([("A", True, "x"), ("B", True, "y")], "exactly one correct"),
    ([("A", False, "x"), ("B", False, "y")], "exactly one correct"),
    ([("A", True, "x"), ("A", False, "y")], "same text"),
    ([("A", True, "x"), ("B", False, " ")], "needs feedback"),
])
def test_quiz_rejects_badly_written_questions(options, words):
    with pytest.raises(ValueError, match=words):
        quiz.question("Q?", options)


def test_quiz_needs_questions():
    with pytest.raises(ValueError, match="at least one question"):
        quiz.quiz([])


@pytest.mark.parametrize("lesson", sorted(data.load("quizzes")["lesson"].unique()))
def test_every_lesson_quiz_is_well_formed_and_answerable(lesson):
    box = quiz.lesson_quiz(lesson)
    assert len(box.questions) >= 3
    for i, q in enumerate(box.questions):
        for option in q.options:
            assert box.answer(i, option.text).startswith("Correct!" if option.correct else "Not quite.")
        right = next(o.text for o in q.options if o.correct)
        box.answer(i, right)
    assert box.score_text() == f"{len(box.questions)} of {len(box.questions)} correct so far."


def test_lesson_quiz_unknown_lesson():
    with pytest.raises(ValueError, match="no self-check for lesson '99'"):
        quiz.lesson_quiz("99")


# -- lesson 01 self-assessment: saving ratings (helpers.store) and the fast chart ---------------
@pytest.fixture(autouse=True)
def _learner_home(tmp_path, monkeypatch):
    """Every widget test reads and writes the learner's file in a temporary folder, never in ~."""
    from helpers import store

    monkeypatch.setenv(store.STORE_ENV, str(tmp_path / "mrt"))
    return tmp_path / "mrt"


def test_skills_save_button_saves_and_a_new_widget_starts_from_it(_learner_home):
    from helpers import store

    p = widgets.skills_self_assessment()
    assert p.save_status.value == ""  # nothing saved yet, nothing said
    p.controls["Medical coding"].value = 5
    p.controls["Organization"].value = 0
    p.save_button.click()
    assert "Saved your ratings to" in p.save_status.value and str(_learner_home) in p.save_status.value
    saved, notices = store.load_ratings()
    assert notices == [] and saved["Medical coding"] == 5 and saved["Organization"] == 0 and len(saved) == 15
    again = widgets.skills_self_assessment()
    assert again.controls["Medical coding"].value == 5 and again.controls["Organization"].value == 0
    assert "ratings you saved earlier (15 skills)" in again.save_status.value
    assert again.chart.png == p.chart.png
    fresh = widgets.skills_self_assessment(use_saved=False)
    assert fresh.controls["Medical coding"].value == 2


def test_skills_save_error_is_a_message_and_recovers(_learner_home, monkeypatch):
    from helpers import store

    _learner_home.parent.mkdir(parents=True, exist_ok=True)
    _learner_home.write_text("a file, not a folder")
    p = widgets.skills_self_assessment()
    p.save_button.click()
    assert "could not be saved" in p.save_status.value and "MRT_HOME" in p.save_status.value
    assert not shows_error(p), "the chart and summary are unaffected"
    monkeypatch.setenv(store.STORE_ENV, str(_learner_home.parent / "elsewhere"))
    p.save_button.click()
    assert "Saved your ratings to" in p.save_status.value


def test_skills_corrupt_saved_file_is_reported_not_wiped(_learner_home):
    _learner_home.mkdir(parents=True)
    (_learner_home / "learner.json").write_text("{half a file")
    p = widgets.skills_self_assessment()
    assert "could not be read" in p.save_status.value and p.controls["Organization"].value == 2
    assert (_learner_home / "learner.json.corrupt-1").read_text() == "{half a file"


def test_skills_chart_fast_path_is_pixel_identical_to_the_full_chart():
    import io

    import numpy as np
    from PIL import Image

    from helpers import charts

    skills = list(data.load("skills")["skill"])
    renderer = charts.SkillsProfileRenderer(skills, data.cite("skills"), target=3, dpi=80)
    rng = np.random.default_rng(0)
    ratings = [2] * 15
    # A first full draw, then moves of one slider (only that row is redrawn), then several at once.
    for moved in (15, 1, 1, 1, 1, 1, 1, 2, 3, 15):
        for i in rng.choice(15, moved, replace=False):
            ratings[i] = int(rng.integers(0, 6))
        fast = np.asarray(Image.open(io.BytesIO(renderer.png(ratings))).convert("RGB"))
        full = charts.to_png(charts.skills_profile(skills, ratings, data.cite("skills"), target=3), dpi=80)
        slow = np.asarray(Image.open(io.BytesIO(full)).convert("RGB"))
        assert fast.shape == slow.shape and (fast == slow).all(), ratings


@pytest.mark.parametrize("ratings, words", [([1, 2], "one rating per skill"), ([6] + [0] * 14, "0 to 5"),
                                            ([None] + [0] * 14, "0 to 5"), ([2.5] + [0] * 14, "0 to 5")])
def test_skills_chart_fast_path_refuses_bad_ratings(ratings, words):
    from helpers import charts

    renderer = charts.SkillsProfileRenderer(list(data.load("skills")["skill"]), "Source: s")
    with pytest.raises(ValueError, match=words):
        renderer.png(ratings)


def test_quiz_order_does_not_give_the_answer_away():
    """Across all lesson quizzes the correct option appears in more than one position, always the same way."""
    positions = []
    for lesson in sorted(data.load("quizzes")["lesson"].unique()):
        box = quiz.lesson_quiz(lesson)
        for q, choice in zip(box.questions, box.choices):
            right = next(o.text for o in q.options if o.correct)
            assert list(choice.options) == quiz.display_order(q) == quiz.display_order(q)
            assert sorted(choice.options) == sorted(o.text for o in q.options)
            positions.append(list(choice.options).index(right))
    assert len(set(positions)) >= 2 and positions.count(0) < 0.6 * len(positions)


def test_source_note_for_per_row_tags_says_where_the_tags_are():
    note = widgets.source_note("education_paths").value
    assert "verification tags per row (column tag)" in note and "tag per row" not in note


def test_quiz_feedback_says_its_verdict_once():
    q = quiz.question("Pick A", [("A", True, "Right: because A"), ("B", False, "No: B is wrong"),
                                 ("C", False, "No tag makes C right")])
    assert q.grade("A")[1] == "Correct! Because A"
    assert q.grade("B")[1] == "Not quite. B is wrong"
    assert q.grade("C")[1] == "Not quite. No tag makes C right"  # a sentence that starts with "No" keeps it


def test_faq_answers_are_cited_to_the_table_they_rest_on():
    p = widgets.faq_browser()
    note = p.children[-1]
    p.controls["question"].value = "What are the prospects for the next decade?"
    assert "Bureau of Labor Statistics" in note.value and "Career guide" not in note.value
    p.controls["question"].value = "Can I work from home?"
    assert "Career guide" in note.value
    assert set(data.load("faq")["source_table"].dropna()) <= set(data.names())
