"""Exam readiness (lesson 18): the RHIT domains, the practice-question bank, practice exams, review.

- :mod:`.bank` reads the bank and the domains and checks every question;
- :mod:`.mapping` maps every lesson objective and workbook problem to the exam's domains;
- :mod:`.practice` draws domain-weighted practice exams, scores them and schedules spaced review.

Nothing is read at import; each function reads the course tables when called.
"""
from __future__ import annotations

from .bank import LETTERS, LEVELS, bank_problems, domains, fact_value, problems, questions
from .mapping import course_items, coverage, stale, unmapped
from .practice import (INTERVALS, ExamReport, draw_exam, due, pace_seconds, questions_by_id, schedule, score,
                       time_allowed)

__all__ = ["LETTERS", "LEVELS", "bank_problems", "domains", "fact_value", "problems", "questions",
           "course_items", "coverage", "stale", "unmapped",
           "INTERVALS", "ExamReport", "draw_exam", "due", "pace_seconds", "questions_by_id", "schedule", "score",
           "time_allowed"]
