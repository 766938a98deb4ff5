"""Audits a records technician runs: samples, chart completion, coding accuracy, the MPI.

Four small audits, each a plain pandas function:

- **Sampling** (`_common`): :func:`audit_sample` draws a reproducible random sample.
- **Chart completion** (`completion`): the synthetic extract holds no documents, so
  :func:`make_chart_completion` makes a *synthetic* chart-completion table (one row per
  inpatient stay, seeded, with planted deficiencies); :func:`chart_deficiencies` lists
  what is wrong with each chart and :func:`chart_status` says which incomplete charts are
  past the completion deadline (delinquent). The time limits come from the course table
  ``audit_rules`` (see :func:`completion_rules`), never from this code.
- **Coding accuracy** (`accuracy`): :func:`auditor_review` simulates an auditor re-coding a sample and
  :func:`agreement_by_encounter` / :func:`accuracy_rate` score the coder.
- **Master patient index** (`duplicates`): :func:`duplicate_rate`, :func:`label_pairs`,
  :func:`score_pairs`, :func:`error_type_counts` and :func:`threshold_table` measure duplicates and the
  matcher.

Rates are returned in percent (``12.5`` means 12.5%), as in :mod:`helpers.stats`.

>>> import pandas as pd
>>> patients = pd.DataFrame({"patient_id": ["P1", "P2", "P3", "P4"]})
>>> pairs = pd.DataFrame({"id_a": ["P1"], "id_b": ["P2"]})
>>> duplicate_rate(pairs, patients)   # 2 of the 4 records are in a duplicate pair
50.0
>>> score_pairs(pairs, pd.DataFrame({"id_a": ["P2", "P3"], "id_b": ["P1", "P4"]}))
{'true_positives': 1, 'false_positives': 0, 'missed': 1, 'precision': 100.0, 'recall': 50.0}
"""
from __future__ import annotations

from ._common import audit_sample
from .accuracy import accuracy_rate, agreement_by_encounter, auditor_review
from .completion import (CHART_COLUMNS, DEFICIENCIES, chart_deficiencies, chart_status, completion_rules,
                         make_chart_completion)
from .duplicates import ERROR_GROUPS, duplicate_rate, error_type_counts, label_pairs, score_pairs, threshold_table

__all__ = ["audit_sample", "completion_rules", "make_chart_completion", "chart_deficiencies", "chart_status",
           "auditor_review", "agreement_by_encounter", "accuracy_rate", "duplicate_rate", "label_pairs",
           "score_pairs", "error_type_counts", "threshold_table", "DEFICIENCIES", "ERROR_GROUPS", "CHART_COLUMNS"]
