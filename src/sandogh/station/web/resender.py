"""The kiosk's own courier run: what the box has queued goes to the centre without a click.

Issue 9, section 4: a signed report is not "sent" until the centre's receipt is back, and the
box retries by itself. While the kiosk serves, this task looks at the outbox every `poll`; when
anything is pending it runs `Box.sync` in a worker thread (the centre may be slow to answer; the
store serialises its own use), which sends only what is due and backs each item off as the
courier does (`courier.Backoff`, bounded). It stops with the kiosk: `stop` ends the loop and
waits for a pass under way to finish.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from sandogh.station.box import Box

POLL_SECONDS = 1.0

_log = logging.getLogger(__name__)


class Resender:
    def __init__(self, box: Box, *, poll: float = POLL_SECONDS) -> None:
        self._box = box
        self._poll = poll
        self._stopping = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._stopping.clear()
        self._task = asyncio.create_task(self._run(), name="kiosk-resender")

    async def stop(self) -> None:
        self._stopping.set()
        if self._task is not None:
            await self._task
            self._task = None

    async def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                await asyncio.to_thread(self._pass)
            except Exception:  # any failure of one pass must not end the retries of the day
                _log.exception("a pass over the outbox failed; the next one retries")
            with contextlib.suppress(TimeoutError):  # the poll's time is up: look again
                await asyncio.wait_for(self._stopping.wait(), self._poll)

    def _pass(self) -> None:
        if self._box.status().outbox.pending:
            self._box.sync()
