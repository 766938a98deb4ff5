"""Instructor tools: build and validate the workbooks, grade a class, make JupyterHub links.

One command line for all of them::

    python -m helpers.instructor build [--check]            student workbooks from the sources
    python -m helpers.instructor validate [--lesson NN]     prove every problem and run every notebook
    python -m helpers.instructor grade SUBMISSIONS --out grades.csv [--lesson NN]
    python -m helpers.instructor link HUB REPO --lesson NN  an nbgitpuller link that opens a lesson
    python -m helpers.instructor layout                    which helper modules each lesson uses
    python -m helpers.instructor nbgrader-course FOLDER    an nbgrader course folder made from the sources

Learners never need this package: what runs in a learner's notebook lives in
:mod:`helpers.checks`. Importing it loads nothing; each tool loads on first use.

>>> import helpers.instructor as instructor
>>> sorted(instructor.COMMANDS)
['build', 'grade', 'layout', 'link', 'nbgrader-course', 'validate']
"""
from __future__ import annotations

__all__ = ["COMMANDS"]

#: Each command and the module whose ``main(argv)`` runs it.
COMMANDS = {"build": "build", "validate": "validate", "grade": "grade", "link": "hublink", "layout": "layout",
            "nbgrader-course": "nbgrader_course"}
