"""Lesson 14 widgets, driven the way a learner drives them (MRT_HOME always a temporary folder)."""
import pytest

from helpers import career, data, store, widgets


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv(store.STORE_ENV, str(tmp_path / "mrt"))
    return tmp_path / "mrt"


def shows_error(panel) -> bool:
    return "Check your entry" in panel.result.value or "Something went wrong" in panel.result.value


SKILLS = list(data.load("skills")["skill"])


# -- job posting matcher ----------------------------------------------------------------------
def test_matcher_starts_with_a_prompt():
    p = widgets.job_posting_matcher()
    assert "Paste the text of a job posting" in p.result.value and not shows_error(p)
    assert list(p.controls) == ["sample", "posting"]


def test_matcher_every_sample():
    p = widgets.job_posting_matcher()
    options = list(p.controls["sample"].options)
    assert options[1:] == list(career.SAMPLE_POSTINGS) and len(options) == 4
    for title in options[1:]:
        p.controls["sample"].value = title
        assert p.controls["posting"].value == career.SAMPLE_POSTINGS[title]
        assert "Skills this posting asks for" in p.result.value and not shows_error(p)
        assert "<code>" in p.result.value, "the matched words are shown"
        assert "not saved a self-assessment" in p.result.value
    assert "RHIT" in p.result.value and "Registered Health Information Technician" in p.result.value
    # Choosing "paste your own" keeps the text, so the learner can edit it.
    p.controls["sample"].value = options[0]
    assert p.controls["posting"].value == career.SAMPLE_POSTINGS[options[-1]]


def test_matcher_shows_words_and_counts():
    p = widgets.job_posting_matcher()
    p.controls["posting"].value = "Coder with ICD-10-CM skills; CPC-A or CCS; HIPAA."
    v = p.result.value
    assert "Skills this posting asks for: 2 of 15" in v
    assert "<code>ICD-10-CM</code>" in v and "<code>HIPAA</code>" in v
    assert "<b>CPC</b>" in v and "AAPC" in v and "<b>CCS</b>" in v and "CCS-P" not in v
    assert "Not mentioned:" in v and "Persistence" in v


def test_matcher_uses_saved_ratings():
    store.save_ratings({s: 4 for s in SKILLS} | {"Medical coding": 1, "Confidentiality": 2})
    p = widgets.job_posting_matcher()
    p.controls["posting"].value = "Coder; HIPAA; attention to detail."
    v = p.result.value
    assert "1 of 5: build it up (lesson 05)" in v and "2 of 5: build it up (lesson 10)" in v
    assert "rated below 3 by you:</b> Medical coding, Confidentiality" in v
    p.controls["posting"].value = "attention to detail"
    assert "Good news" in p.result.value and "4 of 5" in p.result.value


def test_matcher_partial_ratings_show_not_rated():
    store.save_ratings({"Organization": 5})
    p = widgets.job_posting_matcher()
    p.controls["posting"].value = "Organized, HIPAA"
    assert "5 of 5" in p.result.value and "not rated" in p.result.value


def test_matcher_corrupt_store_says_so_and_still_works(home):
    home.mkdir(parents=True)
    (home / "learner.json").write_text("{broken")
    p = widgets.job_posting_matcher()
    p.controls["posting"].value = "HIPAA"
    assert "could not be read" in p.result.value and "Confidentiality" in p.result.value
    assert (home / "learner.json.corrupt-1").exists()


@pytest.mark.parametrize("text, words", [
    ("", "Paste the text of a job posting"),
    ("   \n  ", "Paste the text of a job posting"),
    ("Lorem ipsum dolor sit amet", "No skill or credential words were found"),
])
def test_matcher_empty_and_no_match_messages(text, words):
    p = widgets.job_posting_matcher()
    p.controls["posting"].value = "HIPAA"
    p.controls["posting"].value = text
    assert words in p.result.value and not shows_error(p)
    p.controls["posting"].value = "HIPAA"  # and it recovers
    assert "Confidentiality" in p.result.value


def test_matcher_long_text_is_capped_and_says_so():
    p = widgets.job_posting_matcher()
    p.controls["posting"].value = "HIPAA " + "word " * 5000
    assert "only the first 10,000 were read" in p.result.value and "Confidentiality" in p.result.value


def test_matcher_failure_shows_a_message(monkeypatch):
    p = widgets.job_posting_matcher()
    monkeypatch.setattr(widgets.jobs.career, "match_posting", lambda *a, **k: 1 / 0)
    p.controls["posting"].value = "HIPAA"
    assert "Something went wrong" in p.result.value


def test_matcher_escapes_html():
    p = widgets.job_posting_matcher()
    p.controls["posting"].value = "<script>alert(1)</script> HIPAA"
    assert "<script>" not in p.result.value


# -- interview cards --------------------------------------------------------------------------
def card_question(p) -> str:
    return next(c.question for c in career.INTERVIEW_CARDS
                if c.question.replace("'", "&#x27;") in p.result.value)


def test_cards_next_previous_wrap_around():
    p = widgets.interview_cards(seed=0)
    n = len(career.INTERVIEW_CARDS)
    seen = []
    for _ in range(n):
        seen.append(card_question(p))
        assert f"Card {len(seen)} of {n}" in p.result.value
        p.controls["next"].click()
    assert seen == [c.question for c in career.INTERVIEW_CARDS]
    assert "Card 1 of" in p.result.value  # wrapped round
    p.controls["previous"].click()
    assert f"Card {n} of {n}" in p.result.value and card_question(p) == seen[-1]


def test_cards_tips_toggle():
    p = widgets.interview_cards(seed=0)
    assert "A good answer covers" not in p.result.value and "tick Show tips" in p.result.value
    p.controls["tips"].value = True
    first = career.INTERVIEW_CARDS[0]
    assert "A good answer covers" in p.result.value and first.tips[0] in p.result.value
    p.controls["next"].click()
    assert career.INTERVIEW_CARDS[1].tips[0].replace("'", "&#x27;") in p.result.value  # tips stay on
    p.controls["tips"].value = False
    assert "A good answer covers" not in p.result.value


def test_cards_shuffle_is_seeded():
    def orders(seed):
        p = widgets.interview_cards(seed=seed)
        out = []
        for _ in range(3):
            p.controls["shuffle"].click()
            assert "Card 1 of" in p.result.value
            cards = []
            for _ in range(len(career.INTERVIEW_CARDS)):
                cards.append(card_question(p))
                p.controls["next"].click()
            assert sorted(cards) == sorted(c.question for c in career.INTERVIEW_CARDS)
            out.append(cards)
        return out

    a, b = orders(7), orders(7)
    assert a == b, "the same seed gives the same shuffles"
    assert len({tuple(x) for x in a}) > 1, "each shuffle gives a new order"
    assert orders(8) != a


# -- thank-you note ---------------------------------------------------------------------------
def test_note_writer_every_field():
    p = widgets.thank_you_note_writer()
    assert "Dear Ms. Rivera," in p.result.value and "[your name]" in p.result.value
    for name, value in [("interviewer", "Dr. Chen"), ("position", "Coding Specialist"),
                        ("discussed", "the audit schedule"), ("your_name", "Sam Lee")]:
        p.controls[name].value = value
        assert value in p.result.value and not shows_error(p)


@pytest.mark.parametrize("field, value, words", [
    ("interviewer", "", "interviewer&#x27;s name is empty"),
    ("position", " ", "position is empty"),
    ("discussed", "z" * 250, "under 200"),
    ("your_name", "[your name]", "placeholder"),
])
def test_note_writer_invalid_then_recovers(field, value, words):
    p = widgets.thank_you_note_writer()
    p.controls[field].value = value
    assert shows_error(p) and words in p.result.value
    p.controls[field].value = "Fine text"
    assert not shows_error(p) and "Fine text" in p.result.value
