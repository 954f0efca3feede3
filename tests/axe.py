"""axe-core on a screen the browser tests have open (issue 13: no serious violation on any screen).

axe-core comes bundled in axe-playwright-python; it runs in the page through the DevTools protocol,
which the screens' strict CSP does not govern, so the screens are checked as they are served."""

from typing import Any

from axe_playwright_python.sync_playwright import Axe

# axe's own scale is minor < moderate < serious < critical; the issue asks for none of the top two.
BLOCKING = frozenset({"serious", "critical"})

_AXE = Axe()
#: the check `Axe.run` makes with its default options (only violations come back)
_RUN = 'axe.run({"resultTypes": ["violations"]}).then(results => results)'


def violations(page: Any) -> list[str]:
    """Every serious or critical violation on the page, one line each: rule, impact, where.

    axe-core's 572 KB script is sent into a page once, not before each check of it: a walk
    checks one document's screens again and again (a tenth of a walk's time was sending and
    compiling it anew). A page loaded since has lost it and gets it again."""
    if not page.evaluate("() => typeof window.axe?.run === 'function'"):
        page.evaluate(_AXE.axe_script)
    found = page.evaluate(_RUN)["violations"]
    return [
        f"{rule['id']} ({rule['impact']}): {node['target']} {node.get('failureSummary', '')}"
        for rule in found
        if rule["impact"] in BLOCKING
        for node in rule["nodes"]
    ]


def assert_accessible(page: Any, screen: str) -> None:
    """Fails naming the screen and every blocking violation on it."""
    found = violations(page)
    assert not found, f"{screen}: " + "\n".join(found)
