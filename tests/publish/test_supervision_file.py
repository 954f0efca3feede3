"""`supervision.json`'s certifications: each with its reason, decision and undoing, read back as
written; a file written before them reads as certifications in force with blank words."""

from __future__ import annotations

import datetime
from dataclasses import replace

from sandogh.cli.verification_view import finding_text
from sandogh.core.access import Grant, Role
from sandogh.core.supervision import Certification, Undoing
from sandogh.publish.findings import Disagreement
from sandogh.publish.supervision_file import (
    certification_findings,
    read_supervision,
    supervision_json,
)

AT = datetime.datetime(2024, 7, 7, 10, 0, tzinfo=datetime.UTC)
MADE = Certification(
    "e", "president", None, "nazer", Grant(Role.SUPERVISOR, "IR"), AT, "sha256:d", "بررسی شد", "۱۲"
)
P1 = Certification(
    "e", "parliament", "P1", "nazer", Grant(Role.SUPERVISOR, "IR"), AT, "sha256:e", "دیده شد", "۷"
)
UNDONE = Undoing(P1, "dovom", "supervisor", "IR", AT + datetime.timedelta(hours=1), "شکایت", "۱۳")


def test_certifications_and_their_undoings_read_back_as_written() -> None:
    document = supervision_json("e", [], [MADE], undone=[UNDONE])
    assert [c["undone"] is None for c in document["certifications"]] == [True, False]
    read = read_supervision(document, "e")
    assert (read.certifications, read.undone) == ((MADE,), (UNDONE,))
    assert certification_findings(read.certifications, read.undone, "s.json") == []


def test_a_file_written_before_reasons_reads_as_certifications_in_force() -> None:
    (item,) = supervision_json("e", [], [MADE])["certifications"]
    older = {k: v for k, v in item.items() if k not in {"reason", "reference", "undone"}}
    document = {"format": "sandogh/supervision@1", "election": "e", "voids": []}
    read = read_supervision({**document, "certifications": [older]}, "e")
    blank = replace(MADE, reason="", reference="")
    assert (read.certifications, read.undone) == ((blank,), ())


def test_what_a_file_cannot_say_of_its_certifications_is_named() -> None:
    early = Undoing(P1, "dovom", "supervisor", "IR", AT - datetime.timedelta(days=1), " ", "")
    twice = replace(MADE, constituency="P1")
    found = certification_findings([MADE, twice], [early], "s.json")
    assert [(f.kind, f.where, f.detail) for f in found] == [
        (Disagreement.CERTIFICATION, "parliament/P1", "reason"),
        (Disagreement.CERTIFICATION, "parliament/P1", "early"),
        (Disagreement.CERTIFICATION, "president/P1", "twice"),
    ]
    said = [finding_text(f, "fa") for f in found]  # as `sandogh verify-results` says them
    assert said[0] == "parliament/P1: لغو تأیید صحت در s.json دلیلی با کلمات ندارد"
    assert "پیش از خود تأیید صحت" in said[1]
    assert "would have been refused" in finding_text(found[2], "en")
