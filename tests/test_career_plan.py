"""helpers.career.plan and the lesson 17 widget: steps with reasons, unknowns, saving without overwriting."""
import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from helpers import career, data, widgets
from helpers.career.education import EDUCATION_LEVELS
from helpers.career.plan import FULL_TIME_HOURS, RULES, Profile, make_plan, save_plan

LADDER = data.load("career_ladder")
PATHS = data.load("education_paths").set_index("path")


def titles(plan):
    return [s.title for s in plan.steps]


def test_high_school_to_entry_level_full_time():
    plan = make_plan(Profile(hours_per_week=FULL_TIME_HOURS, target=1, start="2027-01"))
    assert titles(plan) == ["Study: Certificate program", "Sit the CCA exam",
                            "Apply for Entry-level Medical Records Technician roles"]
    assert plan.steps[0].months == PATHS.at["Certificate program", "months_max"] and plan.pace == "full time"
    assert plan.steps[0].start == pd.Timestamp("2027-01-01") and plan.steps[1].start == plan.steps[0].end
    assert plan.steps[1].months == 4  # 120 days, rounded up to whole months
    assert all(s.why for s in plan.steps)
    assert plan.credentials == ("CCA",) and plan.ce["AHIMA"]["total"] == 20


def test_part_time_doubles_study():
    slow = make_plan(Profile(hours_per_week=FULL_TIME_HOURS - 1, target=1, start="2027-01"))
    assert slow.pace == "part time" and slow.steps[0].months == 2 * PATHS.at["Certificate program", "months_max"]


def test_senior_needs_the_associate_and_one_credential_not_two():
    plan = make_plan(Profile(hours_per_week=40, target=3, start="2027-01"))
    t = titles(plan)
    assert t[0] == "Study: Associate degree in health information technology" and "Sit the RHIT exam" in t
    assert "Sit the CCS exam" not in t and t[-1] == "Apply for Senior Medical Records Technician roles"
    work = [s for s in plan.steps if s.kind == "work"]
    assert sum(s.months for s in work) == 60  # 5+ years for senior, counted after the studies
    assert all("$" in s.salary and "tag G" in s.salary for s in work)


def test_rhia_holder_aiming_at_director_is_never_sent_to_the_ccs():
    """An RHIA covers the RHIT: a level asking for the RHIT or the CCS is met, so no CCS exam is added."""
    plan = make_plan(Profile(education="Bachelor's degree, CAHIIM-accredited HIM program", credentials=("RHIA",),
                             hours_per_week=40, target=5, start="2027-01"))
    t = titles(plan)
    assert not any(s.kind == "exam" for s in plan.steps), t
    assert "Sit the CCS exam" not in t and t[-1] == "Apply for Director of Health Information Management roles"
    assert plan.credentials == ("RHIA",)
    # and the plan says plainly that the ladder was not written for bachelor's graduates
    assert any("bachelor's graduate" in n for n in plan.notes) and "Where the ladder does not fit you" in plan.to_markdown()
    assert "Where the ladder does not fit you" in widgets.plan_html(plan)


def test_rhit_holder_aiming_at_director_is_told_what_is_missing():
    plan = make_plan(Profile(education="Associate degree, CAHIIM-accredited HIT program", credentials=("RHIT",),
                             hours_per_week=40, target=5, start="2027-01"))
    t = titles(plan)
    assert t[:2] == ["Study: Bachelor's degree in health information management", "Sit the RHIA exam"]
    assert "Sit the CCS exam" not in t  # the RHIT already meets the technician levels
    assert plan.notes  # after the bachelor's, the ladder's years may not fit either


def test_a_technician_plan_has_no_bachelors_note():
    plan = make_plan(Profile(education="Associate degree, CAHIIM-accredited HIT program", credentials=("RHIT",),
                             hours_per_week=40, target=3, start="2027-01"))
    assert plan.notes == [] and "Where the ladder does not fit you" not in plan.to_markdown()


def test_ccs_is_added_only_once_a_route_is_met():
    # an associate degree in another subject cannot open the RHIT, so the senior level's RHIT-or-CCS means the CCS
    plan = make_plan(Profile(education="Associate degree (other subject)", hours_per_week=40, target=3, start="2027-01"))
    ccs = next(s for s in plan.steps if s.title == "Sit the CCS exam")
    assert "route" in ccs.why and "tag S" in ccs.why
    before = plan.steps[:plan.steps.index(ccs)]
    assert sum(s.months for s in before if s.kind == "work") >= 12 and "Sit the CCA exam" in titles(plan)


def test_ccs_waits_for_a_route(monkeypatch):
    """When no CCS route is met yet, the plan adds the coding work the nearest route needs before the exam."""
    from helpers.career import credentials
    real = credentials.data.load

    def load(name):
        table = real(name)
        if name == "eligibility_routes":  # pretend every CCS route asks for 100 months of coding work
            table.loc[table["credential"] == "CCS", "experience_months"] = 100
        return table
    monkeypatch.setattr(credentials.data, "load", load)
    plan = make_plan(Profile(education="Associate degree (other subject)", hours_per_week=40, target=3, start="2027-01"))
    i = titles(plan).index("Sit the CCS exam")
    wait = plan.steps[i - 1]
    assert wait.kind == "work" and "CCS route" in wait.why and wait.months == 100 - 60
    assert "You then meet its route" in plan.steps[i].why


def test_mid_level_accepts_any_credential():
    plan = make_plan(Profile(hours_per_week=40, target=2, start="2027-01"))
    assert "Sit the CCS exam" not in titles(plan) and plan.credentials == ("CCA",)


def test_existing_experience_and_credentials_shorten_the_plan():
    fresh = make_plan(Profile(education="Associate degree, CAHIIM-accredited HIT program", hours_per_week=40, target=3))
    seasoned = make_plan(Profile(education="Associate degree, CAHIIM-accredited HIT program", credentials=("RHIT", "CCS"),
                                 experience_months=60, hours_per_week=40, target=3))
    assert seasoned.current_level == "Senior Medical Records Technician"
    assert titles(seasoned) == ["Apply for Senior Medical Records Technician roles"] and seasoned.total_months == 0
    assert fresh.total_months > seasoned.total_months


def test_management_needs_a_bachelors_and_unknown_experience_stays_unknown():
    plan = make_plan(Profile(target=4, hours_per_week=40, start="2027-01"))
    assert titles(plan)[:2] == ["Study: Bachelor's degree in health information management", "Sit the RHIA exam"]
    unknown = [s for s in plan.steps if s.months is None]
    assert unknown and "no number of years" in unknown[0].why
    assert plan.total_months is None and plan.steps[-1].end is None
    assert "unknown" in plan.to_markdown()


def test_associate_counts_as_half_a_bachelors_and_says_so():
    plan = make_plan(Profile(education="Associate degree, CAHIIM-accredited HIT program", target=4, hours_per_week=40))
    first = plan.steps[0]
    assert first.months == PATHS.loc[PATHS.index.str.startswith("Bachelor"), "months_max"].iloc[0] - 24
    assert "ask the school" in first.why


def test_still_in_high_school_cannot_be_dated():
    plan = make_plan(Profile(education="Still in high school", target=1))
    assert plan.steps[0].title == "Finish high school or a GED" and plan.steps[0].months is None
    assert plan.total_months is None and plan.timeline_rows()["date"].isna().all()


def test_a_bachelors_in_another_subject_goes_through_the_certificate():
    plan = make_plan(Profile(education="Bachelor's degree (other subject)", target=5))
    assert plan.steps[0].title == "Approved post-baccalaureate HIM certificate" and plan.steps[0].months is None


@pytest.mark.parametrize("target", [4, 5, "Director of Health Information Management"])
def test_no_bachelors_means_an_explanation_not_a_crash(target):
    with pytest.raises(ValueError, match="Choose step 3"):
        make_plan(Profile(target=target, bachelors_ok=False))
    assert make_plan(Profile(target=3, bachelors_ok=False)).steps  # lower targets still work


def test_a_bachelors_holder_may_say_no_to_another_one():
    plan = make_plan(Profile(education="Bachelor's degree, CAHIIM-accredited HIM program", target=4, bachelors_ok=False))
    assert plan.steps[0].title == "Sit the RHIA exam"


@pytest.mark.parametrize("field, value, words", [
    ("experience_months", "-3", "cannot be negative"), ("experience_months", "lots", "not a number"),
    ("hours_per_week", "0", "above 0"), ("hours_per_week", "", "empty"), ("budget", "a lot", "not an amount"),
    ("budget", "-100", "negative"), ("target", 9, "not a level"), ("target", "boss", "not a level"),
    ("state", "12345", "US state"), ("education", "PhD", "not an education level"), ("credentials", ("XYZ",), "not a credential"),
    ("start", "2026-13", "not a real"),
])
def test_nonsense_inputs_are_explained(field, value, words):
    with pytest.raises(ValueError, match=words):
        make_plan(Profile(**{field: value}))


def test_budget_and_fees():
    plan = make_plan(Profile(education="Associate degree, CAHIIM-accredited HIT program", target=1, budget="$250"))
    assert "$229 to $299" in plan.budget_note and "lower prices" in plan.budget_note
    assert "Tuition" in plan.budget_note
    rich = make_plan(Profile(education="Associate degree, CAHIIM-accredited HIT program", target=1, budget="1k"))
    assert "It covers them." in rich.budget_note
    poor = make_plan(Profile(education="Associate degree, CAHIIM-accredited HIT program", target=1, budget="100"))
    assert "does not cover" in poor.budget_note
    unknown = make_plan(Profile(target=4, budget="5000"))
    assert "Exam fees for RHIA: unknown" in unknown.budget_note  # never counted as $0
    both = make_plan(Profile(education="Associate degree (other subject)", target=3, budget="5000"))
    assert "Exam fees for CCA, CCS: unknown" in both.budget_note
    assert "$0" not in unknown.budget_note


def test_salaries_bls_and_state():
    plan = make_plan(Profile(target=3, state="california"))
    assert list(plan.salaries["level"]) == list(LADDER.loc[LADDER["step"] <= 3, "level"])
    latest = data.load("bls_wages").sort_values("year").iloc[-1]
    assert f"${int(latest['median_annual_usd']):,}" in plan.bls["text"] and latest["reference_period"] in plan.bls["text"]
    assert any("$51,880" in v for v in plan.verify)
    assert not any("$" in v for v in make_plan(Profile(target=3, state="Ohio")).verify)
    assert "Type your state" in make_plan(Profile(target=3)).verify[0]


def test_markdown_has_every_section_and_reason():
    plan = make_plan(Profile(target=2, state="OH", budget="500", start="2027-01"))
    text = plan.to_markdown()
    for heading in ("# My career plan", "## Where I am", "## Steps", "## Pay along the way", "## Continuing education",
                    "## Budget", "## What I must verify for my state", "## Rules this plan follows"):
        assert heading in text
    assert text.count("- Why: ") == len(plan.steps) and RULES[0] in text and data.cite("career_ladder") in text


def test_save_never_overwrites(tmp_path):
    plan = make_plan(Profile(target=1))
    first = save_plan(plan, tmp_path / "my-career-plan.md", folder=tmp_path)
    second = save_plan(plan, "my-career-plan.md", folder=tmp_path)
    third = save_plan(plan, "my-career-plan", folder=tmp_path)
    assert [p.name for p in (first, second, third)] == ["my-career-plan.md", "my-career-plan-2.md", "my-career-plan-3.md"]
    assert first.read_text(encoding="utf-8") == plan.to_markdown()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["my-career-plan-2.md", "my-career-plan-3.md",
                                                          "my-career-plan.md"]  # no temporary file left
    with pytest.raises(ValueError, match="does not exist"):
        save_plan(plan, "no-such-folder/plan.md", folder=tmp_path)
    with pytest.raises(ValueError, match="does not exist"):
        save_plan(plan, "plan.md", folder=tmp_path / "no-such-folder")
    (tmp_path / "plans").mkdir()
    assert save_plan(plan, "plans/june", folder=tmp_path) == (tmp_path / "plans" / "june.md").resolve()


@pytest.mark.parametrize("name", ["../escape.md", "../../escape", "plans/../../escape.md", "/tmp/escape.md",
                                  "~/escape.md"])
def test_save_never_writes_outside_the_learners_folder(tmp_path, name):
    folder = tmp_path / "learner"
    folder.mkdir()
    with pytest.raises(ValueError) as err:
        save_plan(make_plan(Profile(target=1)), name, folder=folder)
    assert "saved only inside" in str(err.value) and "refused, not changed" in str(err.value) and name in str(err.value)
    assert list(tmp_path.rglob("*escape*")) == [] and list(folder.iterdir()) == []


def test_save_accepts_a_full_path_that_is_inside_the_folder(tmp_path):
    assert save_plan(make_plan(Profile(target=1)), tmp_path / "plan", folder=tmp_path).name == "plan.md"


def test_save_never_follows_a_link_out_of_the_folder(tmp_path):
    folder, outside = tmp_path / "learner", tmp_path / "outside.md"
    folder.mkdir()
    (folder / "plan.md").symlink_to(outside)  # a dangling link with the plan's name
    written = save_plan(make_plan(Profile(target=1)), "plan.md", folder=folder)
    assert written.name == "plan-2.md" and not outside.exists()


@pytest.mark.parametrize("name, words", [
    ("x" * 300, "300 characters long; use at most 100"), ("é" * 150 + ".md", "at most 100"),
    ("plan?.md", "cannot contain ?"), ("a\x00b", "cannot contain '\\x00'"), ("", "Type a file name"),
    ("  ", "Type a file name"), ("..", "Type a file name"),
])
def test_save_refuses_an_odd_name_with_a_clear_message(tmp_path, name, words):
    with pytest.raises(ValueError) as err:
        save_plan(make_plan(Profile(target=1)), name, folder=tmp_path)
    assert words in str(err.value)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_save_leaves_no_empty_plan_behind(tmp_path, monkeypatch):
    import errno
    import os

    from helpers.career import plan_model

    plan = make_plan(Profile(target=1))
    save_plan(plan, "plan.md", folder=tmp_path)

    def no_space(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(plan_model.os, "fsync", no_space)
    with pytest.raises(OSError, match="No space left"):
        save_plan(plan, "plan.md", folder=tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["plan.md"]  # no plan-2.md, no temporary file
    monkeypatch.undo()

    def no_links(*args):  # a file system without hard links takes the other way, with the same promise
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(plan_model.os, "link", no_links)
    assert save_plan(plan, "plan.md", folder=tmp_path).name == "plan-2.md"
    monkeypatch.setattr(plan_model.os, "replace", no_space)
    with pytest.raises(OSError, match="No space left"):
        save_plan(plan, "plan.md", folder=tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan-2.md", "plan.md"]
    assert os.path.getsize(tmp_path / "plan-2.md") > 0


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(EDUCATION_LEVELS), st.lists(st.sampled_from(career.credential_names()), max_size=3),
       st.integers(0, 400), st.integers(1, 60), st.integers(1, 5), st.booleans())
def test_every_plan_is_ordered_and_explained(education, held, months, hours, target, bachelors):
    try:
        plan = make_plan(Profile(education=education, credentials=tuple(held), experience_months=months,
                                 hours_per_week=hours, target=target, bachelors_ok=bachelors, start="2027-03"))
    except ValueError as exc:
        assert not bachelors and "bachelor" in str(exc)
        return
    assert plan.steps and all(s.why for s in plan.steps)
    assert [s.number for s in plan.steps] == list(range(1, len(plan.steps) + 1))
    for before, after in zip(plan.steps, plan.steps[1:]):
        assert after.start == before.end
    assert all(s.months is None or s.months >= 0 for s in plan.steps)
    assert plan.steps[-1].title.startswith("Apply for") and plan.target_level in plan.steps[-1].title


# --- the widget ---------------------------------------------------------------------------------
def shows_error(panel) -> bool:
    return "Check your entry" in panel.result.value or "Something went wrong" in panel.result.value


@pytest.fixture
def panel(tmp_path):
    return widgets.career_plan(folder=tmp_path, start="2027-01-01")


def test_widget_every_target_and_education(panel):
    for step in LADDER["step"]:
        panel.controls["target"].value = int(step)
        for level in EDUCATION_LEVELS:
            panel.controls["education"].value = level
            assert not shows_error(panel), (step, level)
            assert "Why:" in panel.result.value and panel.chart.png.startswith(b"\x89PNG")


def test_widget_other_controls(panel):
    panel.controls["credentials"].value = ("RHIT", "CCS")
    panel.controls["education"].value = "Associate degree, CAHIIM-accredited HIT program"
    panel.controls["experience"].value = "60"
    panel.controls["target"].value = 3
    assert "Apply for Senior" in panel.result.value
    panel.controls["hours"].value = "40"
    panel.controls["budget"].value = "2000"
    panel.controls["state"].value = "NJ"
    assert "$54,020" in panel.result.value and not shows_error(panel)
    panel.controls["start"].value = dt.date(2030, 5, 1)
    assert "May 2030" in panel.result.value


@pytest.mark.parametrize("name, text, words", [
    ("experience", "-5", "cannot be negative"), ("hours", "many", "not a number of hours"),
    ("budget", "cheap", "not an amount"), ("state", "!!", "US state"),
])
def test_widget_invalid_entries_show_a_message_and_recover(panel, name, text, words):
    good = panel.controls[name].value
    panel.controls[name].value = text
    assert shows_error(panel) and words in panel.result.value
    panel.controls[name].value = good
    assert not shows_error(panel)


def test_widget_no_bachelors_explains(panel):
    panel.controls["target"].value = 5
    panel.controls["bachelors"].value = False
    assert shows_error(panel) and "Choose step 3" in panel.result.value
    panel.controls["save"].click()
    assert "no plan to save" in panel.saved.value
    panel.controls["bachelors"].value = True
    assert not shows_error(panel)


def test_widget_missing_start_date(panel):
    panel.controls["start"].value = None
    assert shows_error(panel) and "No start date" in panel.result.value
    panel.controls["start"].value = dt.date(2027, 1, 1)
    assert not shows_error(panel)


def test_widget_save_button(panel, tmp_path):
    panel.controls["save"].click()
    assert (tmp_path / "my-career-plan.md").exists() and str(tmp_path) in panel.saved.value
    panel.controls["save"].click()
    assert (tmp_path / "my-career-plan-2.md").exists() and "nothing was overwritten" in panel.saved.value
    panel.controls["filename"].value = "plan?.md"
    panel.controls["save"].click()
    assert "Check your entry" in panel.saved.value
    panel.controls["filename"].value = "june"
    panel.controls["save"].click()
    assert (tmp_path / "june.md").exists() and "nothing was overwritten" not in panel.saved.value


@pytest.mark.parametrize("name, words", [("../escape.md", "saved only inside"), ("/tmp/escape.md", "saved only inside"),
                                         ("p" * 300, "use at most 100")])
def test_widget_save_refuses_a_name_outside_the_folder_or_too_long(panel, tmp_path, name, words):
    panel.controls["filename"].value = name
    panel.controls["save"].click()
    assert "Check your entry" in panel.saved.value and words in panel.saved.value
    assert "Something went wrong" not in panel.saved.value and list(tmp_path.iterdir()) == []
    assert not (tmp_path.parent / "escape.md").exists()


def test_widget_failed_save_is_a_clear_message_and_leaves_no_file(panel, tmp_path, monkeypatch):
    import errno

    from helpers.career import plan_model

    def no_space(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(plan_model.os, "fsync", no_space)
    panel.controls["save"].click()
    assert "could not be saved" in panel.saved.value and "No space left" in panel.saved.value
    assert "Something went wrong" not in panel.saved.value and list(tmp_path.iterdir()) == []


def test_zero_study_hours_are_explained_in_the_plans_own_words():
    from helpers import career
    with pytest.raises(ValueError, match="would never finish a program of study") as err:
        career.make_plan(career.Profile(education="High-school diploma or GED", hours_per_week=0, target=2))
    assert "the course" not in str(err.value)
    with pytest.raises(ValueError, match="would never finish the course"):
        career.parse_hours(0)


def test_a_refused_entry_leaves_no_stale_chart_or_save_message(panel):
    assert panel.chart.layout.display is None
    panel.controls["hours"].value = "0"
    assert shows_error(panel) and panel.chart.layout.display == "none"  # the old chart does not stay
    panel.controls["save"].click()
    assert "no plan to save yet" in panel.saved.value
    panel.controls["hours"].value = "10"  # fixed: the plan and its chart are back, the old message gone
    assert not shows_error(panel) and panel.chart.layout.display is None and panel.saved.value == ""


@pytest.mark.parametrize("typed, expected", [("OH", "Ohio"), ("oh", "Ohio"), ("  new   york ", "New York"),
                                             ("Puerto Rico", "Puerto Rico"), ("dc", "District of Columbia"), ("", "")])
def test_a_state_is_read_by_name_or_code_in_any_case(typed, expected):
    from helpers.career.states import state_name
    assert state_name(typed) == expected


@pytest.mark.parametrize("typed, words", [("Ohoi", "Did you mean Ohio?"), ("zzqxv", "not a US state"),
                                          ("Ontario", "not a US state"), ("XX", "not a US state")])
def test_a_state_that_does_not_exist_is_refused_with_a_suggestion(typed, words):
    with pytest.raises(ValueError, match=words):
        make_plan(Profile(target=3, state=typed))
    if typed == "zzqxv":
        with pytest.raises(ValueError) as err:
            make_plan(Profile(target=3, state=typed))
        assert "Did you mean" not in str(err.value)  # no far-fetched guess
