"""The operations centre's console: server-rendered pages under /console (issue 4, item 6).

Persian and right to left first, English at `?lang=en`; the log-in shares the API's limits, every
page checks the operator's rights at the unit it shows (`gate`), and the atlas draws the stations
with the maps the results site uses (`sandogh.maps`: Leaflet and OpenStreetMap boundaries).
"""

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from sandogh.maps import MAPS
from sandogh.server.console import (
    audit_board,
    audit_page,
    candidacy_draw_page,
    candidacy_page,
    decisions_page,
    fleet_page,
    follow_up,
    pages,
    preparation_page,
    readiness_page,
    supervision,
)
from sandogh.server.console.gate import PREFIX, Shown, show

STATIC = Path(__file__).parent / "static"


def install(app: FastAPI) -> None:
    """Add the console's pages, its static files and the maps' files to `app`."""
    routers = (
        pages,
        supervision,
        follow_up,
        readiness_page,
        audit_page,
        audit_board,
        candidacy_page,
        candidacy_draw_page,
        preparation_page,
        decisions_page,
        fleet_page,
    )
    for router in (module.router for module in routers):
        app.include_router(router)
    app.add_exception_handler(Shown, show)
    app.mount(f"{PREFIX}/static", StaticFiles(directory=STATIC), name="console-static")
    for part in ("leaflet", "boundaries"):
        app.mount(f"{PREFIX}/maps/{part}", StaticFiles(directory=MAPS / part), name=f"maps-{part}")
