"""A box opens only where the competent body approved its station's voting mode (issue 12,
section 2): an electronic station whose enrolment lacks an approval for a contest of its ballot
refuses to open, saying so on the operator's screen in Persian; the approval stored at enrolment
is what the box reads again when opened later."""

from __future__ import annotations

from pathlib import Path

import pytest

from sandogh.locale.messages import text
from sandogh.station.box import Box
from sandogh.station.directory import StationDirectory
from sandogh.station.fake_centre import FakeCentre
from sandogh.station.printers import FilePrinter
from sandogh.station.setup import OfflinePolicy
from sandogh.station.voting_mode import NOT_APPROVED, ModeNotApprovedError

from .build import BALLOT, DEFINITION_HASH, ELECTION, PAPERS, STAFF, STATION


def _enrolled(folder: Path, mode: str, approved: tuple[str, ...]) -> Box:
    store, key = StationDirectory(folder).create()
    centre = FakeCentre(
        election=ELECTION, definition_hash=DEFINITION_HASH, ballot=BALLOT, staff=STAFF
    )
    centre.mode, centre.approved = mode, approved
    box = Box(store, key, centre, FilePrinter(folder / "printer.jsonl"))
    box.enrol(election=ELECTION, station=STATION, policy=OfflinePolicy.PROVISIONAL)
    return box


def test_an_electronic_box_without_every_approval_does_not_open(tmp_path: Path) -> None:
    first, second = (c.contest for c in BALLOT)
    box = _enrolled(tmp_path / "a", "electronic", (first,))
    with pytest.raises(ModeNotApprovedError) as refused:
        box.open(PAPERS)
    assert refused.value.contests == (second,)
    assert "تأیید نکرده" in text(NOT_APPROVED, "fa")
    assert not any("a" <= ch <= "z" for ch in text(NOT_APPROVED, "fa").lower())

    _enrolled(tmp_path / "b", "electronic", (first, second)).open(PAPERS)
    _enrolled(tmp_path / "c", "semi-electronic", ()).open(PAPERS)  # needs no approval
