"""The first job (lesson 14): reading a job posting, interview practice, the thank-you note.

The posting matcher uses plain keyword rules, written out below in
:data:`SKILL_KEYWORDS`, so a learner can see exactly why a skill was found.

>>> m = match_posting("Seeking a detail-oriented coder; RHIT preferred.", {"RHIT": "Registered Health Information Technician"})
>>> m.skills["Attention to detail"], m.skills["Medical coding"], m.credentials
(['detail-oriented'], ['coder'], {'RHIT': ['RHIT']})
"""
from __future__ import annotations

import random
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .course import RATING_MAX, RATING_MIN

__all__ = [
    "SKILL_KEYWORDS", "CREDENTIAL_ALIASES", "MAX_POSTING_CHARS", "SAMPLE_POSTINGS", "PostingMatch",
    "match_posting", "skills_to_build", "InterviewCard", "INTERVIEW_CARDS", "card_order",
    "thank_you_note",
]

#: Keyword rules, one list per skill of the ``skills`` table. How they match: a keyword
#: matches as a whole word or phrase, in any letter case, with or without a plural "s",
#: and a space, a hyphen or a line break between its words all count as the same.
#: So "detail oriented" finds "Detail-oriented", and "deadline" finds "deadlines".
#: Plain words that are too common in postings (such as "organization" in "our
#: organization", or "code" in "dress code") are left out on purpose.
SKILL_KEYWORDS: dict[str, tuple[str, ...]] = {
    "Attention to detail": ("attention to detail", "detail oriented", "detail focused", "accuracy",
                            "accurate", "accurately", "precision", "meticulous", "error free"),
    "Technical proficiency": ("EHR", "EMR", "electronic health record", "electronic medical record",
                              "Epic", "Meditech", "Cerner", "encoder", "software", "computer skills",
                              "computer literate", "Microsoft Office", "Excel", "spreadsheet"),
    "Medical terminology, anatomy and physiology": ("medical terminology", "terminology", "anatomy",
                                                    "physiology", "pathophysiology", "pharmacology",
                                                    "disease process"),
    "Organization": ("organized", "organizational", "organize", "organizing", "filing",
                     "records management", "file management"),
    "Data entry speed and accuracy": ("data entry", "typing", "keyboarding", "words per minute", "wpm",
                                      "ten key", "10 key", "data input", "enter data", "scan",
                                      "scanning", "index", "indexing"),
    "Communication": ("communication", "communicate", "communicating", "verbal", "written and oral",
                      "correspondence", "query", "queries", "telephone", "phone"),
    "Medical coding": ("coding", "coder", "ICD-10-CM", "ICD-10-PCS", "ICD-10", "ICD", "CPT", "HCPCS",
                       "DRG", "MS-DRG", "abstracting", "code assignment", "assign codes"),
    "Confidentiality": ("confidentiality", "confidential", "HIPAA", "privacy", "PHI",
                        "protected health information", "release of information", "security"),
    "Time management": ("time management", "deadline", "prioritize", "prioritizing", "turnaround time",
                        "productivity", "fast paced", "multitask", "multitasking", "timely"),
    "Problem solving": ("problem solving", "solve problems", "resolve", "resolving", "troubleshoot",
                        "troubleshooting", "discrepancy", "discrepancies", "reconcile", "investigate",
                        "critical thinking", "analytical"),
    "Interpersonal skills": ("interpersonal", "team player", "teamwork", "collaborate", "collaboration",
                             "customer service", "courteous", "rapport", "work well with others"),
    "Persistence": ("follow up", "following up", "persistence", "persistent", "self motivated",
                    "self starter", "tenacious", "independently", "see tasks through"),
    "Adaptability": ("adaptable", "adaptability", "adapt", "flexible", "flexibility", "willingness to learn",
                     "learn new", "changing", "change"),
    "Legal compliance": ("compliance", "compliant", "regulation", "regulatory", "federal and state",
                         "state and federal", "legal", "law", "Joint Commission", "retention", "subpoena",
                         "accreditation"),
    "Quality control": ("quality assurance", "quality control", "quality review", "quality improvement",
                        "audit", "auditing", "chart review", "record review", "completeness", "deficiency",
                        "deficiencies", "validate", "validation"),
}

#: Extra names for a credential besides its code and its full name (from the
#: ``certifications`` table). CPC-A is what a new CPC holder is called until two
#: years of experience are shown; the ODS was the CTR (Certified Tumor Registrar) until
#: NCRA renamed it in 2024, and postings still use the old name.
CREDENTIAL_ALIASES: dict[str, tuple[str, ...]] = {"CPC": ("CPC-A",), "ODS": ("ODS-C", "CTR", "Certified Tumor Registrar")}

#: Only this many characters of a posting are read; longer text is cut (and the learner told).
MAX_POSTING_CHARS = 10_000

#: Three short job postings, invented for practice. Any likeness to a real employer is chance.
SAMPLE_POSTINGS: dict[str, str] = {
    "Invented sample 1: Medical Records Clerk, community hospital": (
        "INVENTED SAMPLE POSTING (for practice only)\n"
        "Medical Records Clerk, Health Information Management department, Lakeside Community Hospital.\n"
        "Full time, day shift. We train new staff on our EHR.\n"
        "You will: scan and index paper documents into the electronic health record; keep files organized; "
        "answer telephone requests from clinics; route release of information requests to the right person; "
        "follow up with physicians on unsigned reports.\n"
        "You have: high-school diploma; fast, accurate data entry (35 words per minute); strong attention to "
        "detail; a clear understanding of patient confidentiality and HIPAA; a friendly, courteous manner "
        "and good teamwork. Medical terminology course preferred."
    ),
    "Invented sample 2: Medical Coding Specialist, physician practice": (
        "INVENTED SAMPLE POSTING (for practice only)\n"
        "Medical Coding Specialist, Riverbend Family Medicine (a practice of six physicians).\n"
        "Assign ICD-10-CM diagnosis codes and CPT/HCPCS procedure codes to office visits; review "
        "documentation for completeness and send queries to providers; resolve claim denials with the "
        "billing team; take part in quarterly coding audits.\n"
        "Requirements: CPC, CPC-A or CCS credential; knowledge of anatomy, physiology and medical "
        "terminology; ability to meet deadlines and productivity targets; comfortable working independently. "
        "Experience with Epic a plus."
    ),
    "Invented sample 3: Health Information Technician, nursing home group": (
        "INVENTED SAMPLE POSTING (for practice only)\n"
        "Health Information Technician, Maple Grove Senior Living (four long-term care facilities).\n"
        "Maintain resident records in line with federal and state regulations and record retention rules; "
        "run monthly chart reviews and track deficiencies; help staff adapt to a new EHR; prepare "
        "reports for the quality improvement committee.\n"
        "Qualifications: Associate degree in health information technology; RHIT (Registered Health "
        "Information Technician) or RHIT-eligible; working knowledge of Microsoft Office and Excel; "
        "strong organizational and communication skills; flexible and willing to travel between sites."
    ),
}


def _pattern(term: str, plural: bool = True) -> str:
    """Regex for a keyword: whole words, an optional plural s, spaces and hyphens interchangeable."""
    words = [re.escape(w) for w in re.split(r"[\s\-]+", term.strip()) if w]
    ending = "s?" if plural and term.strip()[-1].isalpha() else ""
    return r"(?<!\w)" + r"[\s\-]+".join(words) + ending + r"(?!\w)"


@dataclass(frozen=True)
class PostingMatch:
    """What a posting asks for: ``skills`` and ``credentials`` map each one found to the words that matched.

    ``truncated`` is True when the posting was longer than ``MAX_POSTING_CHARS`` and
    only its beginning was read; ``length`` is the length of the text given.
    """

    skills: dict[str, list[str]]
    credentials: dict[str, list[str]]
    truncated: bool = False
    length: int = 0
    read: int = 0

    @property
    def found_anything(self) -> bool:
        return bool(self.skills or self.credentials)


def _found(regex: re.Pattern[str], text: str) -> list[str]:
    """Matched words in order of first appearance, each once (ignoring case)."""
    words: list[str] = []
    for m in regex.finditer(text):
        word = " ".join(m.group(0).split())
        if word.lower() not in (w.lower() for w in words):
            words.append(word)
    return words


def _credentials_found(text: str, credentials: Mapping[str, str]) -> dict[str, list[str]]:
    """Credential codes (capitals, whole token), aliases and full names (any case); longest term first."""
    terms = []  # (code, regex, term length)
    for code, name in credentials.items():
        code = str(code).strip()
        if not code:
            continue
        for term in (code, *CREDENTIAL_ALIASES.get(code, ())):
            terms.append((code, re.compile(_pattern(term, plural=False)), len(term)))
        if isinstance(name, str) and name.strip():
            terms.append((code, re.compile(_pattern(name, plural=False), re.IGNORECASE), len(name)))
    taken: list[tuple[int, int]] = []
    hits: dict[str, list[tuple[int, str]]] = {}
    for code, regex, _ in sorted(terms, key=lambda t: t[2], reverse=True):
        for m in regex.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue  # part of a longer credential already found ("CCS" inside "CCS-P")
            taken.append(m.span())
            hits.setdefault(code, []).append((m.start(), " ".join(m.group(0).split())))
    found = {}
    for code in (str(c).strip() for c in credentials):  # in the table's order
        words: list[str] = []
        for _, word in sorted(hits.get(code, [])):
            if word.lower() not in (w.lower() for w in words):
                words.append(word)
        if words:
            found[code] = words
    return found


def match_posting(text: str, credentials: Mapping[str, str] | None = None,
                  keywords: Mapping[str, Iterable[str]] | None = None,
                  max_chars: int = MAX_POSTING_CHARS) -> PostingMatch:
    """Find which skills and credentials a job posting asks for, and the words that show it.

    ``credentials`` maps codes to full names (e.g. from the ``certifications``
    table). Codes match only in capitals and as a whole token ("CTR", not the
    "ctr" of "Medical Ctr"; a posting's "CTR" counts as the ODS, its name since
    2024); full names match in any case. When two credentials
    overlap ("CCS-P" contains "CCS") the longer one wins. ``keywords`` defaults
    to :data:`SKILL_KEYWORDS`. Only the first ``max_chars`` characters are read.

    >>> match_posting("Must hold CCS-P. Strong anatomy.", {"CCS": "Certified Coding Specialist", "CCS-P": "x"}).credentials
    {'CCS-P': ['CCS-P']}
    >>> match_posting("   ")
    Traceback (most recent call last):
    ...
    ValueError: The posting is empty. Paste the text of a job posting, or choose a sample.
    """
    if not isinstance(text, str):
        raise ValueError(f"Paste the posting as text; got {type(text).__name__}.")
    if not text.strip():
        raise ValueError("The posting is empty. Paste the text of a job posting, or choose a sample.")
    if isinstance(max_chars, bool) or not isinstance(max_chars, int) or max_chars < 1:
        raise ValueError(f"max_chars must be a whole number above 0; got {max_chars!r}.")
    read = text[:max_chars]
    skills = {}
    for skill, terms in (SKILL_KEYWORDS if keywords is None else keywords).items():
        terms = [terms] if isinstance(terms, str) else terms  # one keyword given as a plain string
        terms = sorted({str(t) for t in terms if str(t).strip()}, key=len, reverse=True)
        if terms:
            words = _found(re.compile("|".join(_pattern(t) for t in terms), re.IGNORECASE), read)
            if words:
                skills[skill] = words
    return PostingMatch(skills, _credentials_found(read, credentials or {}), truncated=len(text) > max_chars,
                        length=len(text), read=len(read))


def skills_to_build(asked: Iterable[str], ratings: Mapping[str, int] | None, below: int = 3) -> list[str]:
    """The skills a posting asks for that the learner rated below ``below`` (lowest first).

    Skills without a rating are left out; with no ratings at all the answer is empty.

    >>> skills_to_build(["Medical coding", "Organization", "Persistence"], {"Medical coding": 1, "Organization": 4})
    ['Medical coding']
    """
    if isinstance(below, bool) or not isinstance(below, int) or not RATING_MIN <= below <= RATING_MAX:
        raise ValueError(f"'below' must be a whole number from {RATING_MIN} to {RATING_MAX}; got {below!r}.")
    if not ratings:
        return []
    low = [s for s in asked if s in ratings and ratings[s] < below]
    return sorted(low, key=lambda s: ratings[s])


@dataclass(frozen=True)
class InterviewCard:
    """One practice question and what a good answer covers."""

    question: str
    tips: tuple[str, ...]


#: Common interview questions for a first records job, each with what a good answer covers.
INTERVIEW_CARDS: tuple[InterviewCard, ...] = (
    InterviewCard("Tell me about yourself.", (
        "Keep it to about a minute, and keep it about work and study.",
        "Your training so far, one piece of hands-on experience (practicum, volunteering, a past job), "
        "and why records work suits you.",
        "Finish with what you would bring to this team.")),
    InterviewCard("Why do you want to work in health information?", (
        "A real reason: you like accurate, orderly work that matters to patients' care.",
        "Show you know the job is mostly at a computer, with few patient contacts.",
        "Link it to something concrete, such as a course you enjoyed or a placement.")),
    InterviewCard("How do you make sure the records you handle are accurate?", (
        "Habits: checking against the source document, checklists, a second look before saving.",
        "Asking when something is unclear rather than guessing.",
        "One short example where checking caught a mistake.")),
    InterviewCard("A physician's note and the diagnosis on the chart do not agree. What do you do?", (
        "You never change clinical content yourself.",
        "You send the provider a clear, neutral query through the approved channel and record it.",
        "You follow up until the record is corrected, and follow the facility's policy.")),
    InterviewCard("How do you protect patients' privacy day to day?", (
        "HIPAA's minimum-necessary idea: use and share only what the task needs.",
        "Checking identity and written authorization before releasing anything.",
        "Small habits: locking the screen, no talk about patients outside work, reporting a slip at once.")),
    InterviewCard("A caller says she is a patient's daughter and asks for his test results. How do you respond?", (
        "Stay polite and explain that you cannot share information over the phone without authorization.",
        "Explain how a request is made and who may make it (the patient, or a legal representative).",
        "Log the call if policy says so, and pass it on when you are unsure.")),
    InterviewCard("Which EHR systems or other software have you used?", (
        "Name them honestly; a training version from your course counts, if you say so.",
        "What you did in them: entering data, finding records, running a report.",
        "How you learn new software: an example of getting up to speed quickly.")),
    InterviewCard("You have a backlog of records and several deadlines. How do you handle it?", (
        "Sort by due date and consequence: legal requests and records holding up bills first.",
        "Tell your supervisor early if a deadline is at risk.",
        "Keep accuracy: working faster must not mean working carelessly.")),
    InterviewCard("Tell me about a time you found and fixed a mistake.", (
        "Use the STAR shape: situation, task, action, result.",
        "Own your part if it was your mistake.",
        "Say what you changed afterwards so it would not happen again.")),
    InterviewCard("How do you keep up with changes to codes and rules?", (
        "The code sets are updated every year; name how you would learn the changes.",
        "Continuing education for a credential, webinars and newsletters from AHIMA or AAPC.",
        "Asking colleagues and reading the facility's policy updates.")),
    InterviewCard("Describe a time you worked with someone who was difficult.", (
        "Stay factual and calm; do not criticize the person.",
        "Show you listened, focused on the shared goal and found a way forward.",
        "Mention when you would involve a supervisor.")),
    InterviewCard("Which credential are you working towards, and when?", (
        "Name it (for example RHIT, CCA or CPC) and a realistic date.",
        "Say why it fits this job.",
        "If you have no plan yet, say how you will decide, and show you know the options.")),
    InterviewCard("Where do you see yourself in five years?", (
        "A realistic next step: a senior technician, a coding role, a credential, more responsibility.",
        "Tie it to paths this employer offers.",
        "Show you plan to stay and grow, not to leave quickly.")),
    InterviewCard("Do you have any questions for us?", (
        "Always have two or three ready.",
        "For example: how new staff are trained, how accuracy and productivity are measured, "
        "which EHR the team uses.",
        "Leave pay and benefits for later, unless the interviewer raises them.")),
)


def card_order(n: int, seed: int | None = None) -> list[int]:
    """A shuffled order of ``n`` cards; the same ``seed`` always gives the same order.

    >>> card_order(5, seed=1) == card_order(5, seed=1)
    True
    >>> sorted(card_order(5, seed=1))
    [0, 1, 2, 3, 4]
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"There must be at least one card to shuffle; got {n!r}.")
    order = list(range(n))
    random.Random(seed).shuffle(order)
    return order


_NOTE_LIMITS = {"interviewer": 60, "position": 80, "discussed": 200, "your_name": 60}


def _field(value: str, name: str, label: str, required: bool = True) -> str:
    if not isinstance(value, str):
        raise ValueError(f"Type the {label} as text; got {type(value).__name__}.")
    clean = " ".join(value.split())
    if required and not clean:
        raise ValueError(f"The {label} is empty. Fill it in before the note can be written.")
    if len(clean) > _NOTE_LIMITS[name]:
        raise ValueError(f"The {label} is {len(clean)} characters long; keep it under "
                         f"{_NOTE_LIMITS[name]} so the note stays short.")
    if any(c in clean for c in "[]<>{}"):
        raise ValueError(f"The {label} still contains a placeholder bracket ({clean!r}); "
                         "replace it with the real words.")
    return clean


def thank_you_note(interviewer: str, position: str, discussed: str, your_name: str = "") -> str:
    """A short thank-you note to send within a day of an interview.

    ``interviewer`` as you would address them ("Ms. Rivera"), ``position`` the job
    title, ``discussed`` one thing you talked about, ``your_name`` how to sign.

    >>> print(thank_you_note("Ms. Rivera", "Medical Records Clerk", "how new staff learn the EHR.", "Sam Lee"))
    Dear Ms. Rivera,
    <BLANKLINE>
    Thank you for meeting with me about the Medical Records Clerk position. I enjoyed our conversation, especially when we talked about how new staff learn the EHR.
    <BLANKLINE>
    It confirmed my interest in the role. I would be glad to bring careful, accurate work to your team, and I am happy to send anything else you need.
    <BLANKLINE>
    Kind regards,
    Sam Lee
    >>> thank_you_note("", "Clerk", "the team")
    Traceback (most recent call last):
    ...
    ValueError: The interviewer's name is empty. Fill it in before the note can be written.
    """
    who = _field(interviewer, "interviewer", "interviewer's name")
    job = _field(position, "position", "position")
    topic = _field(discussed, "discussed", "thing you discussed").rstrip(".!?;, ")
    if not topic:
        raise ValueError("The thing you discussed is empty. Fill it in before the note can be written.")
    name = _field(your_name, "your_name", "your name", required=False) or "[your name]"
    return (
        f"Dear {who},\n\n"
        f"Thank you for meeting with me about the {job} position. I enjoyed our conversation, "
        f"especially when we talked about {topic}.\n\n"
        "It confirmed my interest in the role. I would be glad to bring careful, accurate work to your "
        "team, and I am happy to send anything else you need.\n\n"
        f"Kind regards,\n{name}"
    )
