"""The kiosk's own courier run (`resender`): it sends what is queued without being asked, keeps
going while the centre is down, and stops when asked, waiting for a pass under way."""

from __future__ import annotations

import asyncio
import datetime
from pathlib import Path

from sandogh.station.courier import Backoff
from sandogh.station.web.resender import Resender
from tests.chromium import run_apart
from tests.station.web.kiosk_build import utc_now, voting_kiosk

BACKOFF = Backoff(first=datetime.timedelta(seconds=0.05), cap=datetime.timedelta(seconds=0.1))


def test_the_resender_sends_by_itself_and_stops_when_asked(tmp_path: Path) -> None:
    kiosk = voting_kiosk(tmp_path, clock=utc_now, backoff=BACKOFF)
    kiosk.centre.down = True

    async def day() -> int:
        resender = Resender(kiosk.box, poll=0.02)
        resender.start()
        await asyncio.sleep(0.3)
        tried = kiosk.centre.calls
        kiosk.centre.down = False
        for _ in range(100):
            if kiosk.centre.reports:
                break
            await asyncio.sleep(0.02)
        await resender.stop()
        return tried

    calls_before = kiosk.centre.calls
    tried = run_apart(day())
    assert tried - calls_before >= 2  # it kept trying while the centre was down
    assert len(kiosk.centre.reports) == 1  # the zero report, once the centre was back
    assert kiosk.box.status().outbox.pending == 0
    kiosk.box.store.close()
