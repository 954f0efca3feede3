"""The reasons the centre refuses a station report (`services.report_refusal`)."""

from __future__ import annotations

from sandogh.core.anchor import COVERAGE_REASONS
from sandogh.services.report_refusal import ReportRefusal


def test_the_centre_names_every_reason_a_report_is_not_covered() -> None:
    names = {reason.value for reason in ReportRefusal}
    assert {reason.name.lower().replace("_", "-") for reason in COVERAGE_REASONS} <= names
