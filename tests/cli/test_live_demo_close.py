"""The live demo's end of day: the kiosk's box is closed, counted and reported as its head and
secretary would, from wherever its staff left it; round 2 is certified by the demo's board account
once every station of it has reported, and otherwise the demo says, in Persian and English, how
many reported and why the rest did not, certifying nothing."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from sandogh.cli.demo import EXAMPLE, ROUNDS, load_rounds
from sandogh.cli.demo_candidacy import BOARD, BOARD_REFERENCES
from sandogh.cli.importing import import_tally_file
from sandogh.cli.live_demo_close import UNUSED_CARDS, certify_round, close_kiosk
from sandogh.cli.live_demo_text import say
from sandogh.core.report import Mismatch, ReportKind, decode_report, decode_signed
from sandogh.core.report.records import Choice
from sandogh.core.station.lifecycle import Phase
from tests.station.build import BALLOT, COUNTERS, issued, national_code, voting_station

RUNOFF, STEM = ROUNDS[1]


def _said(console: Console) -> str:
    return " ".join(console.export_text().split())


def test_the_kiosk_is_closed_counted_and_reported_by_its_head_and_secretary(
    tmp_path: Path,
) -> None:
    station = voting_station(tmp_path, ballot=BALLOT[:1])
    box = station.box
    card = issued(box.check_in(national_code(1)))
    box.cast(card.token, [Choice("president", ("25",))])
    issued(box.check_in(national_code(2)))  # checked in, walked away: the close names the card
    assert close_kiosk(box, COUNTERS) is Phase.VOTING  # found voting: closed it
    assert box.status().phase is Phase.REPORTED
    with box.store.transaction() as tx:
        reconciled, final = tx.reconciled(), tx.signed(ReportKind.FINAL.value)
    assert reconciled is not None
    assert (reconciled["cast"], reconciled["papers_counted"]) == (1, 1)
    assert reconciled["staff"] == ["person-1", "person-2", "person-3"]
    assert final is not None
    assert final in station.centre.reports  # sent
    signed = decode_signed(final)
    assert {s.key for s in signed.staff} == {key.public_key for _, key in COUNTERS}
    report = decode_report(signed.report)
    assert report.sheets[0].counts.cast == 1
    # the unused card is explained in words, as the core asks of every close (S23 A1)
    assert report.reconciliation is not None
    assert report.reconciliation.mismatches() == (Mismatch.UNUSED,)
    assert report.reconciliation.explanation == UNUSED_CARDS
    # reported already (by hand, at the kiosk): nothing more, and the demo says so (S23 A7)
    assert close_kiosk(box, COUNTERS) is Phase.REPORTED
    assert box.status().phase is Phase.REPORTED
    assert "پیش‌تر بسته، شمرده و گزارش کرده بودند" in say("kiosk_found_reported", "fa", station="s")


def test_round_2_is_certified_by_the_board_once_complete_and_said_in_persian_until_then(
    tmp_path: Path,
) -> None:
    quiet = Console(file=io.StringIO())
    store = load_rounds(f"sqlite:///{tmp_path / 'd.sqlite'}", "fa", quiet, results=[ROUNDS[0][0]])
    said = Console(record=True, width=200)
    assert not certify_round(store, RUNOFF, said, "fa")
    assert "دور دوم کامل نیست: ۰ از ۲٬۴۲۷ شعبه گزارش دادند؛ ۲٬۴۲۷ شعبه" in _said(said)
    with store() as work:
        assert not work.certifications.in_force(RUNOFF)
    import_tally_file(store, EXAMPLE / f"{STEM}-results.csv", RUNOFF, quiet, "en")
    said = Console(record=True, width=200)
    assert certify_round(store, RUNOFF, said, "en")
    assert "round 2 is complete, and the results of kerman-1403-r2 are certified" in _said(said)
    with store() as work:
        assert [c.by for c in work.certifications.in_force(RUNOFF)] == [BOARD.username]
        # each round its own decision (S23 A7: both cited «صورتجلسه هیئت نظارت ۱۴۰۳/۱»)
        certified = work.certifications.in_force(RUNOFF)[0]
    assert certified.reference == BOARD_REFERENCES[2] != BOARD_REFERENCES[1]
