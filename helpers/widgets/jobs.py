"""The widgets of lesson 14: job-posting matcher, interview practice cards, thank-you note.

>>> p = job_posting_matcher()
>>> p.controls["posting"].value = "Coder wanted. CPC required."
>>> "Medical coding" in p.result.value and "CPC" in p.result.value
True
"""
from __future__ import annotations

import html
import random
from typing import Any

import ipywidgets as w

from .. import career, data, store
from .base import Panel, message, safe, source_note

__all__ = ["job_posting_matcher", "interview_cards", "thank_you_note_writer"]

_OWN = "(paste your own posting below)"
_LOW = 3  # ratings below this are flagged, as in lesson 01's target


def _words(words: list[str]) -> str:
    return ", ".join(f"<code>{html.escape(x)}</code>" for x in words)


def _skills_table(found: dict[str, list[str]], ratings: dict[str, int] | None, lessons: dict[str, str]) -> str:
    rows = []
    for skill, words in found.items():
        if ratings is None or skill not in ratings:
            rating = "<i>not rated</i>"
        elif ratings[skill] < _LOW:
            rating = f'<b style="color:#A63A00">{ratings[skill]} of 5: build it up (lesson {lessons[skill]})</b>'
        else:
            rating = f"{ratings[skill]} of 5"
        rows.append(f"<tr><td>{html.escape(skill)}</td><td>{_words(words)}</td><td>{rating}</td></tr>")
    head = "<tr><th align='left'>Skill</th><th align='left'>Words that matched</th><th align='left'>Your rating</th></tr>"
    return f"<table>{head}{''.join(rows)}</table>"


def job_posting_matcher() -> Panel:
    """Paste a job posting: see which of the fifteen skills and which credentials it asks for, and why.

    Skills come from keyword rules (``career.SKILL_KEYWORDS``); credentials from the
    ``certifications`` table. If you saved your lesson 01 ratings, skills you rated
    below 3 are flagged.

    >>> p = job_posting_matcher()
    >>> p.controls["sample"].value = p.controls["sample"].options[1]
    >>> "INVENTED" in p.controls["posting"].value and "Skills this posting asks for" in p.result.value
    True
    """
    certs = data.load("certifications")
    credentials = dict(zip(certs["credential"], certs["name"]))
    bodies = dict(zip(certs["credential"], certs["body"]))
    skills = data.load("skills")
    lessons = dict(zip(skills["skill"], skills["lesson"]))
    sample = w.Dropdown(options=[_OWN, *career.SAMPLE_POSTINGS], value=_OWN, description="Sample:",
                        layout=w.Layout(width="600px"))
    posting = w.Textarea(value="", placeholder="Paste the text of a job posting here.",
                         description="Posting:", continuous_update=False,
                         layout=w.Layout(width="600px", height="180px"))
    result = w.HTML()

    def load_sample(_change: Any = None) -> None:
        if sample.value in career.SAMPLE_POSTINGS:
            posting.value = career.SAMPLE_POSTINGS[sample.value]

    @safe(result)
    def update(_change: Any = None) -> None:
        if not posting.value.strip():
            result.value = message("Paste the text of a job posting into the box, or choose an invented "
                                   "sample above, to see what it asks for.", "info")
            return
        match = career.match_posting(posting.value, credentials)
        ratings, notices = store.load_ratings()
        parts = [message(n, "info") for n in notices]
        if match.truncated:
            parts.append(message(f"This text is long ({match.length:,} characters): only the first "
                                 f"{match.read:,} were read. Paste the requirements part of the posting "
                                 "to check all of it.", "info"))
        if not match.found_anything:
            parts.append(message("No skill or credential words were found. Check that you pasted the posting's "
                                 "duties and requirements; the rules are listed in career.SKILL_KEYWORDS.",
                                 "info"))
            result.value = "".join(parts)
            return
        missing = [s for s in lessons if s not in match.skills]
        parts.append(f"<h4>Skills this posting asks for: {len(match.skills)} of {len(lessons)}</h4>")
        parts.append(_skills_table(match.skills, ratings, lessons) if match.skills else "<p>None found.</p>")
        if missing:
            parts.append(f"<p><b>Not mentioned:</b> {html.escape(', '.join(missing))}.</p>")
        if match.credentials:
            items = "".join(f"<li><b>{html.escape(c)}</b> ({html.escape(credentials[c])}, {html.escape(bodies[c])}): "
                            f"matched {_words(words)}</li>" for c, words in match.credentials.items())
            parts.append(f"<h4>Credentials named</h4><ul>{items}</ul>")
        else:
            parts.append("<p><b>Credentials named:</b> none of the credentials in the course's table.</p>")
        low = career.skills_to_build(match.skills, ratings, below=_LOW)
        if ratings is None:
            parts.append("<p><i>You have not saved a self-assessment, so your ratings are not shown. In lesson 01, "
                         "rate yourself and press Save my ratings.</i></p>")
        elif low:
            parts.append(f"<p><b>Asked for, and rated below {_LOW} by you:</b> {html.escape(', '.join(low))}. "
                         "In your resume and interview, show how you are building these.</p>")
        else:
            parts.append(f"<p><b>Good news:</b> you rated every skill this posting asks for at {_LOW} or more.</p>")
        result.value = "".join(parts)

    sample.observe(load_sample, names="value")
    posting.observe(update, names="value")
    update()
    return Panel({"sample": sample, "posting": posting}, [sample, posting, result, source_note("certifications")],
                 result)


def interview_cards(seed: int | None = None) -> Panel:
    """Practice common interview questions one card at a time; tick "Show tips" for what a good answer covers.

    ``seed`` fixes the order that Shuffle produces (for tests); by default it differs each time.

    >>> p = interview_cards(seed=1)
    >>> p.controls["next"].click()
    >>> "Card 2 of" in p.result.value
    True
    """
    cards = career.INTERVIEW_CARDS
    rng = random.Random(seed)  # each Shuffle draws a new order from this
    state = {"order": list(range(len(cards))), "at": 0}
    previous = w.Button(description="Previous", icon="arrow-left")
    following = w.Button(description="Next", icon="arrow-right")
    shuffle = w.Button(description="Shuffle", icon="random")
    tips = w.Checkbox(value=False, description="Show tips", indent=False)
    result = w.HTML()

    @safe(result)
    def show(_change: Any = None) -> None:
        card = cards[state["order"][state["at"]]]
        body = (f"<p><small>Card {state['at'] + 1} of {len(cards)}</small></p>"
                f"<h4>{html.escape(card.question)}</h4>")
        if tips.value:
            items = "".join(f"<li>{html.escape(t)}</li>" for t in card.tips)
            body += f"<p><b>A good answer covers:</b></p><ul>{items}</ul>"
        else:
            body += "<p><i>Answer out loud first, then tick Show tips.</i></p>"
        result.value = body

    def step(by: int) -> None:
        state["at"] = (state["at"] + by) % len(cards)
        show()

    def reshuffle(_button: Any = None) -> None:
        state["order"] = career.card_order(len(cards), rng.randrange(2**32))
        state["at"] = 0
        show()

    previous.on_click(safe(result)(lambda _b: step(-1)))
    following.on_click(safe(result)(lambda _b: step(1)))
    shuffle.on_click(safe(result)(reshuffle))
    tips.observe(show, names="value")
    show()
    controls = {"previous": previous, "next": following, "shuffle": shuffle, "tips": tips}
    return Panel(controls, [w.HBox([previous, following, shuffle, tips]), result], result)


def thank_you_note_writer() -> Panel:
    """Fill in three details (and your name) to get a short thank-you note to send after an interview.

    >>> p = thank_you_note_writer()
    >>> p.controls["interviewer"].value = "Mr. Okafor"
    >>> "Dear Mr. Okafor," in p.result.value
    True
    """
    style = {"description_width": "170px"}
    layout = w.Layout(width="560px")
    fields = {
        "interviewer": w.Text(value="Ms. Rivera", description="Interviewer's name:", style=style, layout=layout),
        "position": w.Text(value="Medical Records Clerk", description="Position:", style=style, layout=layout),
        "discussed": w.Text(value="how new staff are trained on the EHR", description="One thing you discussed:",
                            style=style, layout=layout),
        "your_name": w.Text(value="", placeholder="optional", description="Your name:", style=style,
                            layout=layout),
    }
    result = w.HTML()

    @safe(result)
    def update(_change: Any = None) -> None:
        note = career.thank_you_note(**{k: f.value for k, f in fields.items()})
        result.value = (f'<pre style="white-space:pre-wrap;font-family:inherit;border:1px solid #ccc;'
                        f'padding:8px;max-width:560px">{html.escape(note)}</pre>')

    for f in fields.values():
        f.observe(update, names="value")
    update()
    return Panel(dict(fields), [*fields.values(), result], result)
