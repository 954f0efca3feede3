"""A store rewritten by hand, as someone holding the database's file would: the rewrites the
read-side checks must refuse (the outsider's F2 of session 24)."""

from __future__ import annotations

from sqlalchemy import Engine, select, text, update

from sandogh.store.tables import TallySheetRow

#: the kept totals of every unit above a station of the county IR-08-0801
_ABOVE = (
    "UPDATE results_total_votes SET votes = votes + (CASE candidate WHEN '25' THEN 1 ELSE -1 END)"
    " WHERE contest = 'president' AND scope = 'unit' AND candidate IN ('21', '25')"
    " AND code IN ('IR', 'IR-08', 'IR-08-0801')"
)


def move_a_vote(engine: Engine, station: str) -> None:
    """One president vote of `station` (in IR-08-0801) moved from 21 to 25, on its sheet and in
    the kept totals of every unit above it: every figure still reconciles with every other."""
    sheet = (TallySheetRow.station == station, TallySheetRow.contest == "president")
    with engine.begin() as connection:
        (was,) = connection.execute(select(TallySheetRow.votes).where(*sheet)).one()
        moved = {**was, "21": was["21"] - 1, "25": was["25"] + 1}
        connection.execute(update(TallySheetRow).where(*sheet).values(votes=moved))
        connection.execute(text(_ABOVE))
