"""Where each signed report stands (issue 13): "sign and send" said done while the report sat
unsent. With the centre down a report is queued with its next try's time, then sending once that
time has come; once the centre takes it, received, with the hash of the very bytes it took and
when."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sandogh.core.report import ReportKind
from sandogh.station.web.deliveries import Delivery, report_states
from tests.station.build import Clock
from tests.station.web.kiosk_build import voting_kiosk


def test_a_report_is_queued_then_sending_then_received_with_its_receipt(tmp_path: Path) -> None:
    clock = Clock()
    kiosk = voting_kiosk(tmp_path, clock=clock)
    box = kiosk.box
    kiosk.centre.down = True
    (zero,) = report_states(box, clock(), "fa")
    assert zero.state is Delivery.SENDING  # due at once: the kiosk's resender is on it
    box.sync()
    (zero,) = report_states(box, clock(), "fa")
    assert zero.state is Delivery.QUEUED
    assert zero.queued is not None
    assert zero.queued.next_attempt > clock()
    assert zero.queued.attempts == 1
    clock.advance((zero.queued.next_attempt - clock()).total_seconds())
    assert report_states(box, clock(), "fa")[0].state is Delivery.SENDING
    kiosk.centre.down = False
    box.sync()
    (zero,) = report_states(box, clock(), "fa")
    assert zero.state is Delivery.RECEIVED
    with box.store.transaction() as tx:
        signed = tx.signed(ReportKind.ZERO.value)
    assert signed is not None
    assert zero.receipt is not None
    assert zero.receipt.digest == "sha256:" + hashlib.sha256(signed).hexdigest()
    assert zero.receipt.at == clock()
    box.store.close()
