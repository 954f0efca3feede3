"""Where each signed report of the box stands on its way to the centre, for the operator's screen.

Issue 13: "sign and send" said done while the report sat unsent. Each report (and an E2E box's
chain, once its final report is signed) is in one of the states the headquarters' words name:
در صف ارسال (queued: its next automatic try at a time the screen shows), در حال ارسال (sending:
due now, the kiosk's `resender` is on it), رسید دریافت شد (the centre's receipt is back: the hash
of the bytes it took and when, `local_outbox.Receipt`), or refused by the centre, in words.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum

from sandogh.core.report import ReportKind
from sandogh.locale import Lang
from sandogh.station.box import Box
from sandogh.station.local_outbox import OutboxKind, Queued, Receipt
from sandogh.station.web.labels import centre_refusal


class Delivery(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    RECEIVED = "received"
    REFUSED = "refused"


@dataclass(frozen=True)
class ReportState:
    """A signed report of the box, or an E2E box's chain: `name` (zero, final, chain), its
    `state`, its outbox item while queued, the centre's receipt once back (None for one
    delivered before the box kept receipts), and why the centre refused it, in words."""

    name: str
    state: Delivery
    queued: Queued | None = None
    receipt: Receipt | None = None
    refusal: str | None = None


def report_states(box: Box, now: datetime.datetime, lang: Lang) -> list[ReportState]:
    """Every signed report of the box (and its chain), as it stands at `now`."""
    with box.store.transaction() as tx:
        items = [
            (kind.value, OutboxKind.REPORT, kind.value)
            for kind in ReportKind
            if tx.signed(kind.value) is not None
        ]
        final = ReportKind.FINAL.value
        if tx.signed(final) is not None and tx.chain_head() is not None:
            items.append(("chain", OutboxKind.BALLOT_CHAIN, final))
        found = [
            (name, kind, tx.queued(kind, subject), tx.receipt(kind, subject))
            for name, kind, subject in items
        ]
    return [
        _state(name, kind, queued, receipt, now=now, lang=lang)
        for name, kind, queued, receipt in found
    ]


def _state(
    name: str,
    kind: OutboxKind,
    queued: Queued | None,
    receipt: Receipt | None,
    *,
    now: datetime.datetime,
    lang: Lang,
) -> ReportState:
    if queued is None:
        return ReportState(name, Delivery.RECEIVED, receipt=receipt)
    if queued.refused:
        refusal = centre_refusal(kind, queued.refused, lang)
        return ReportState(name, Delivery.REFUSED, queued, refusal=refusal)
    state = Delivery.SENDING if queued.next_attempt <= now else Delivery.QUEUED
    return ReportState(name, state, queued)
