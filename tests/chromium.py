"""How the browser tests start Chromium, and the one Chromium a test process shares among them.

Chromium is the machine's own, headless, with nothing reaching out (the background services would
try hosts this closed network refuses): `LAUNCH`, for the sync and the async API alike.

Starting Playwright's driver and Chromium takes a second or more on a loaded machine, and each
test module started its own. `browser` (registered for every test by `tests/conftest.py`) is one
Chromium a test process (an xdist worker), started for the first test that asks for it; each
test's pages are contexts of their own (cookies, storage and cache apart), and those it leaves
open are closed when it ends, so that no page of one test (a dashboard that refreshes itself)
keeps running in the next. A module that needs Chromium started otherwise defines its own
`browser` from `playwright` and `LAUNCH`.

While the sync driver runs, asyncio holds this thread's event loop as running (Playwright marks it
so between its calls), and `asyncio.run` here would refuse: a test runs its coroutine with
`run_apart`, on a thread of its own.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import pytest
from playwright.sync_api import Browser, Playwright, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: `playwright.chromium.launch(**LAUNCH)`, sync or async
LAUNCH: dict[str, Any] = {"executable_path": CHROMIUM, "args": CHROMIUM_ARGS}

T = TypeVar("T")


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    """Playwright's driver, once a test process."""
    with sync_playwright() as started:
        yield started


@pytest.fixture(scope="session")
def shared_chromium(playwright: Playwright) -> Iterator[Browser]:
    launched = playwright.chromium.launch(**LAUNCH)
    try:
        yield launched
    finally:
        launched.close()


@pytest.fixture
def browser(shared_chromium: Browser) -> Iterator[Browser]:
    """The test process's Chromium, for this test's pages; they are closed when it ends."""
    yield shared_chromium
    for context in shared_chromium.contexts:
        context.close()


def run_apart(coroutine: Coroutine[Any, Any, T]) -> T:
    """`asyncio.run(coroutine)` on a thread of its own (see above), its result or its error."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="run-apart") as pool:
        return pool.submit(asyncio.run, coroutine).result()
