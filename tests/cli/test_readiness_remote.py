"""`sandogh readiness plan` refuses a report grace that is no number of hours in its range —
nan, inf, negative, a billion — in one line naming the option, in the command's language (review
S19, F12: nan and inf gave a traceback)."""

from __future__ import annotations

from typer.testing import CliRunner

from sandogh.cli.app import app
from sandogh.cli.readiness_remote import BadNumberError

from ..core.readiness.kerman import BARDSIR_STATIONS
from .test_readiness import PROVINCIAL, db

__all__ = ["db"]  # the fixture, used by name


def test_a_grace_that_is_no_hours_in_range_is_refused_naming_the_option(db: str) -> None:
    plan = ("readiness", "plan", *PROVINCIAL, "--station", BARDSIR_STATIONS[1], "--transport", "x")
    for grace, lang in (("nan", "fa"), ("inf", "en"), ("-5", "fa"), ("1e9", "en")):
        done = CliRunner().invoke(
            app, [*plan, "--report-grace-hours", grace, "--lang", lang, "--db", db]
        )
        assert isinstance(done.exception, BadNumberError), done.output
        said = str(done.exception)
        assert "«--report-grace-hours»" in said
        assert ("باید عددی از ۰ تا ۲۴ ساعت باشد" in said) == (lang == "fa")
        assert ("must be a number of hours from 0 to 24" in said) == (lang == "en")
