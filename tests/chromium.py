"""How the browser tests start Chromium: the machine's own, headless, with nothing reaching out
(the background services would try hosts this closed network refuses)."""

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
