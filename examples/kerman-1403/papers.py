"""The ballot-paper register (تعرفه; docs/formats.md, "Readiness registers"): what each station
that votes on paper was sent, and received, before polling day.

The seeds: ballot papers are sent to every polling station, and shortages are a known failure.
Here every semi-electronic station received on time all the papers sent to it (`sheets.
papers_sent`, the same in both rounds), none used yet; the electronic stations of Kerman city have
no row, as the readiness summary asks none of them (`core.readiness.summary`).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from sheets import papers_sent
from stations import Station

from sandogh.core.readiness import PaperStock, Register
from sandogh.formats.readiness_csv import write_register


def paper_register(stations: Sequence[Station]) -> str:
    """The register as `sandogh readiness import papers` reads it."""
    rows = [
        PaperStock(s.code, papers_sent(s), papers_sent(s), 0) for s in stations if not s.electronic
    ]
    written = io.StringIO()
    write_register(Register.PAPERS, rows, written)
    return written.getvalue()
