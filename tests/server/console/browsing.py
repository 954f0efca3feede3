"""How the console's browser tests see it: a county office's laptop, and the log-in form."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.server.operators_live import PASSWORD

VIEWPORT = {"width": 1366, "height": 800}


def log_in(page: Page, url: str, username: str, password: str = PASSWORD, code: str = "") -> None:
    page.goto(f"{url}/console/login")
    page.fill("#username", username)
    page.fill("#password", password)
    page.fill("#totp", code)
    page.click("form.stack button[type=submit]")
