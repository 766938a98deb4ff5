"""explain.errors(): a helper's bad-input message instead of a traceback, and bugs still visible."""
import pytest

from helpers import career, explain


def test_a_refused_value_is_shown_as_its_message(capsys):
    with explain.errors():
        career.milestones("Certificate program", "2026-13", "part time")
    out = capsys.readouterr().out
    assert out.startswith("Check your entry: ") and "2026-13" in out and "Traceback" not in out


def test_nothing_is_shown_when_nothing_goes_wrong(capsys):
    with explain.errors():
        table = career.milestones("Certificate program", "2026-09", "part time")
    assert len(table) > 0 and capsys.readouterr().out == ""


def test_a_bug_is_not_hidden():
    with pytest.raises(ZeroDivisionError):
        with explain.errors():
            1 / 0
