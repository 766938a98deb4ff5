"""helpers.career.jobs: the posting matcher, interview cards and the thank-you note."""
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import career, data

CERTS = data.load("certifications")
CREDENTIALS = dict(zip(CERTS["credential"], CERTS["name"]))


def test_keyword_rules_cover_exactly_the_fifteen_skills():
    assert list(career.SKILL_KEYWORDS) == list(data.load("skills")["skill"])
    for skill, words in career.SKILL_KEYWORDS.items():
        assert len(words) >= 5, skill
        assert len(set(w.lower() for w in words)) == len(words), f"duplicate keyword in {skill}"


@pytest.mark.parametrize("skill", list(career.SKILL_KEYWORDS))
def test_every_keyword_finds_its_skill(skill):
    for word in career.SKILL_KEYWORDS[skill]:
        found = career.match_posting(f"We need someone with {word} every day.").skills
        assert skill in found, (skill, word)


@pytest.mark.parametrize("text, skill, words", [
    ("Detail-oriented and ACCURATE", "Attention to detail", ["Detail-oriented", "ACCURATE"]),
    ("meet deadlines", "Time management", ["deadlines"]),
    ("ICD-10-CM and ICD-10-PCS coding", "Medical coding", ["ICD-10-CM", "ICD-10-PCS", "coding"]),
    ("fast\npaced unit", "Time management", ["fast paced"]),
    ("HIPAA, HIPAA and hipaa", "Confidentiality", ["HIPAA"]),  # each word once, ignoring case
])
def test_matches_show_the_words_found(text, skill, words):
    assert career.match_posting(text).skills[skill] == words


@pytest.mark.parametrize("text, skill", [
    ("Our organization values you.", "Organization"),  # "organization" alone is too common
    ("Observe the dress code.", "Medical coding"),
    ("Recoding the office", "Medical coding"),  # whole words only
    ("Come to the Medical Ctr", "Legal compliance"),
    ("The telephoned report", "Communication"),
])
def test_no_false_matches_on_parts_of_words(text, skill):
    assert skill not in career.match_posting(text).skills


@pytest.mark.parametrize("text, expected", [
    ("RHIT required", {"RHIT": ["RHIT"]}),
    ("RHIT or RHIT-eligible", {"RHIT": ["RHIT"]}),
    ("a Registered Health Information Technician (RHIT)",
     {"RHIT": ["Registered Health Information Technician", "RHIT"]}),
    ("CCS-P preferred", {"CCS-P": ["CCS-P"]}),  # not also CCS
    ("CCS and CCS-P", {"CCS": ["CCS"], "CCS-P": ["CCS-P"]}),
    ("Certified Coding Specialist - Physician-based", {"CCS-P": ["Certified Coding Specialist - Physician-based"]}),
    ("CPC-A welcome, CPC preferred", {"CPC": ["CPC-A", "CPC"]}),
    ("certified professional coder", {"CPC": ["certified professional coder"]}),
    ("Lakeside Medical Ctr; rhit", {}),  # codes only in capitals
    ("CTR and RHIA", {"RHIA": ["RHIA"], "ODS": ["CTR"]}),  # in the table's order; CTR is the ODS's former name
    ("ODS-C or CTR", {"ODS": ["ODS-C", "CTR"]}),
])
def test_credentials(text, expected):
    assert career.match_posting(text, CREDENTIALS).credentials == expected


def test_every_credential_code_and_name_is_found():
    for code, name in CREDENTIALS.items():
        assert code in career.match_posting(f"Holds {code}.", CREDENTIALS).credentials
        assert code in career.match_posting(f"Holds the {name.upper()} credential.", CREDENTIALS).credentials


@pytest.mark.parametrize("title", list(career.SAMPLE_POSTINGS))
def test_sample_postings_are_labelled_invented_and_match_something(title):
    text = career.SAMPLE_POSTINGS[title]
    assert title.startswith("Invented sample") and text.startswith("INVENTED SAMPLE POSTING")
    m = career.match_posting(text, CREDENTIALS)
    assert len(m.skills) >= 5 and not m.truncated


def test_samples_name_credentials():
    found = [career.match_posting(t, CREDENTIALS).credentials for t in career.SAMPLE_POSTINGS.values()]
    assert found[1] == {"CCS": ["CCS"], "CPC": ["CPC", "CPC-A"]}
    assert found[2] == {"RHIT": ["RHIT", "Registered Health Information Technician"]}


def test_long_text_is_capped():
    text = "filler " * 3000 + "HIPAA"
    m = career.match_posting(text)
    assert m.truncated and m.length == len(text) and m.read == career.MAX_POSTING_CHARS
    assert "Confidentiality" not in m.skills
    assert "Confidentiality" in career.match_posting(text, max_chars=len(text)).skills


def test_no_matches():
    m = career.match_posting("Lorem ipsum dolor sit amet.", CREDENTIALS)
    assert not m.found_anything and m.skills == {} and m.credentials == {}


@pytest.mark.parametrize("text, words", [("", "empty"), ("  \n\t", "empty"), (None, "as text"), (42, "as text")])
def test_bad_posting(text, words):
    with pytest.raises(ValueError, match=words):
        career.match_posting(text)


@pytest.mark.parametrize("bad", [0, -1, 2.5, True])
def test_bad_max_chars(bad):
    with pytest.raises(ValueError, match="max_chars"):
        career.match_posting("x", max_chars=bad)


def test_custom_keywords_and_empty_rules():
    m = career.match_posting("Knows Epic well", keywords={"EHR skills": ["epic"], "Nothing": [" "]})
    assert m.skills == {"EHR skills": ["Epic"]}
    assert career.match_posting("Knows Epic well", keywords={"EHR": "epic"}).skills == {"EHR": ["Epic"]}


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gives_words_that_really_occur(text):
    if not text.strip():
        return
    m = career.match_posting(text, CREDENTIALS)
    flat = " ".join(text.split()).lower()
    for words in [*m.skills.values(), *m.credentials.values()]:
        for word in words:
            parts = [p for p in re.split(r"[\s\-]+", word.lower()) if p]
            assert all(p in flat for p in parts)
    assert set(m.skills) <= set(career.SKILL_KEYWORDS) and set(m.credentials) <= set(CREDENTIALS)


# -- skills_to_build ----------------------------------------------------------------------
def test_skills_to_build():
    ratings = {"Medical coding": 1, "Organization": 4, "Persistence": 0, "Communication": 3}
    asked = ["Medical coding", "Organization", "Persistence", "Communication", "Adaptability"]
    assert career.skills_to_build(asked, ratings) == ["Persistence", "Medical coding"]
    assert career.skills_to_build(asked, ratings, below=4) == ["Persistence", "Medical coding", "Communication"]
    assert career.skills_to_build(asked, None) == [] and career.skills_to_build(asked, {}) == []
    assert career.skills_to_build([], ratings) == []


@pytest.mark.parametrize("bad", [-1, 6, 2.5, True])
def test_skills_to_build_bad_threshold(bad):
    with pytest.raises(ValueError, match="below"):
        career.skills_to_build([], {}, below=bad)


# -- interview cards --------------------------------------------------------------------------
def test_interview_cards():
    cards = career.INTERVIEW_CARDS
    assert 10 <= len(cards) <= 15
    assert len({c.question for c in cards}) == len(cards)
    for card in cards:
        assert card.question.strip().endswith(("?", ".")) and 2 <= len(card.tips) <= 4
        assert all(t.strip().endswith(".") for t in card.tips)


@given(st.integers(1, 40), st.integers(0, 2**32))
def test_card_order_is_a_seeded_permutation(n, seed):
    order = career.card_order(n, seed)
    assert sorted(order) == list(range(n)) and order == career.card_order(n, seed)


def test_card_order_changes_with_the_seed():
    assert len({tuple(career.card_order(14, s)) for s in range(5)}) > 1


@pytest.mark.parametrize("bad", [0, -2, 1.5, True, "3"])
def test_card_order_bad(bad):
    with pytest.raises(ValueError, match="at least one card"):
        career.card_order(bad)


# -- thank-you note -----------------------------------------------------------------------------
def test_thank_you_note():
    note = career.thank_you_note("  Ms.  Rivera ", "Medical Records Clerk", "the new scanning project.", "Sam")
    lines = note.splitlines()
    assert lines[0] == "Dear Ms. Rivera," and lines[-1] == "Sam"
    assert "the Medical Records Clerk position" in note and "talked about the new scanning project." in note
    assert "project.." not in note
    assert career.thank_you_note("Dr. Chen", "Coder", "audits").endswith("[your name]")


@pytest.mark.parametrize("kwargs, words", [
    ({"interviewer": ""}, "interviewer's name is empty"),
    ({"position": "   "}, "position is empty"),
    ({"discussed": "..."}, "thing you discussed is empty"),
    ({"interviewer": "x" * 61}, "under 60"),
    ({"discussed": "y" * 201}, "under 200"),
    ({"interviewer": "[name]"}, "placeholder"),
    ({"position": "<job title>"}, "placeholder"),
    ({"your_name": 5}, "as text"),
    ({"interviewer": None}, "as text"),
])
def test_thank_you_note_validation(kwargs, words):
    args = {"interviewer": "Ms. Rivera", "position": "Clerk", "discussed": "training", **kwargs}
    with pytest.raises(ValueError, match=words):
        career.thank_you_note(**args)
