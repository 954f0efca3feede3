"""The live demo's end of day (`cli.live_demo`): the kiosk's box closed, counted, signed by its
head and secretary and reported, as its head would at the close of polls (issue 13), then round 2
certified by the demo's supervisory board account, as round 1 is (`cli.demo_preparation`), once
every station has reported; when some have not (`--province N`, or an E2E day, whose electronic
stations only a box of their own could report), the certification is refused and the demo says
how many reported and why the rest did not. On an E2E day the kiosk's box is closed only if
someone voted at it (`end_of_day`)."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from pathlib import Path

from rich.console import Console

from sandogh.cli.demo_candidacy import BOARD, BOARD_REASON, BOARD_REFERENCES
from sandogh.cli.live_demo_text import say
from sandogh.cli.simulated_ballots import CONTEST
from sandogh.cli.simulated_station import SYNC_PASSES
from sandogh.core.report import SigningKey, StaffRole
from sandogh.core.station.lifecycle import Phase
from sandogh.formats.key_file import read_key_file
from sandogh.locale.language import Lang
from sandogh.services.certifications import IncompleteResultsError, certify
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.station.box import Box
from sandogh.station.web.closing import reconciliation


def end_of_day(
    box: Box,
    station: str,
    staff: Sequence[tuple[StaffRole, Path]],
    store: UnitOfWorkFactory,
    election: str,
    out: Console,
    lang: Lang,
    decrypt: Callable[[bool], None] | None,
) -> None:
    """The kiosk's box of `station` closed by its `staff`, then on an E2E day the guardians'
    `decrypt` (told whether the kiosk closed), then round 2 certified if every station has
    reported. On an E2E day a kiosk no one voted at stays open: the guardians' check of a tally
    takes a chain with no cast ballot for one that does not carry the contest, and would refuse
    the record."""
    closed = decrypt is None or box.status().records > 0
    if closed:
        found = close_kiosk(box, [(role, read_key_file(path)) for role, path in staff])
        # what the demo itself did, from where the staff left the box (S23 A7: it said it had
        # closed, counted and reported a box its staff had already reported by hand)
        out.print(say(_DONE.get(found, "kiosk_closed"), lang, station=station))
    else:
        out.print(say("kiosk_left_open", lang, station=station))
    if decrypt is not None:
        decrypt(closed)
    certify_round(store, election, out, lang)


#: the staff's words at the scripted close for the cards charged and never used: the demo's
#: simulated voters who checked in at the kiosk and never cast (its only possible mismatch, as
#: it counts one paper copy a ballot)
UNUSED_CARDS = (
    "رأی‌دهنده‌ای که کارت تعرفه‌اش شارژ شد تا پایان رأی‌گیری رأی نداد؛ کارت او بی‌استفاده ماند."
)


#: what the end of day says it did, by the phase the staff left the box in
_DONE = {
    Phase.CLOSED: "kiosk_counted",
    Phase.COUNTED: "kiosk_signed",
    Phase.REPORTED: "kiosk_found_reported",
}


def close_kiosk(box: Box, keys: Sequence[tuple[StaffRole, SigningKey]]) -> Phase:
    """Close the kiosk's box where its staff left it: voting closed with the figures reconciled
    (the paper copies are one a ballot, as the box printed them), counted with the keys of its
    head and secretary, the final report signed by both and sent. The phase it was found in."""
    status = box.status()
    if status.phase is Phase.VOTING:
        persons = [member.person for member in status.setup.staff]
        figures = reconciliation(box, status.records)
        words = UNUSED_CARDS if figures.mismatches() else ""
        box.close(figures.kept(words), persons)
    if box.status().phase is Phase.CLOSED:
        box.count({CONTEST: 0}, staff=keys)
    if box.status().phase is Phase.COUNTED:
        box.report(keys)
    for _ in range(SYNC_PASSES):
        if box.sync().outbox.pending == 0:
            break
    return status.phase


def certify_round(store: UnitOfWorkFactory, election: str, out: Console, lang: Lang) -> bool:
    """Round 2's contest certified by the demo's board once every station has reported; else
    the refusal said with its figures. Whether it was certified."""
    try:
        certify(
            store,
            BOARD,
            election,
            CONTEST,
            reason=BOARD_REASON,
            reference=BOARD_REFERENCES[2],
            now=datetime.datetime.now(datetime.UTC),
        )
    except IncompleteResultsError as refused:
        left = refused.total - refused.reported
        out.print(
            say("round_incomplete", lang, reported=refused.reported, total=refused.total, left=left)
        )
        return False
    out.print(say("round_certified", lang, election=election, by=BOARD.username))
    return True
