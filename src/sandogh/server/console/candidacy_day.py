"""The election the console's candidacy pages are about, and the names they show of its contests
and constituencies (issue 12, section 1).

Candidacy needs the election's definition loaded: its constituencies place each step
(`services.candidacy_places`), and the use cases refuse every step without it. The pages take the
election asked (`?election=`), else the latest stored; with none stored under that id they say, in
Persian and English, to load its draft first (R6 of the S19 re-attack: they failed with a 500).
"""

from __future__ import annotations

from sandogh.server.console.gate import Page, Shown
from sandogh.services.days import Day


def candidacy_day(page: Page) -> Day:
    """The election day of the page. Candidacy needs the election's definition loaded (its
    constituencies place each step, `services.candidacy_places`): with none, or none under the
    election asked, the page says to load its draft first (R6 of the S19 re-attack)."""
    asked = page.request.query_params.get("election") or page.form.get("election")
    with page.centre.uow() as work:
        held = work.elections.ids()
    if asked in held or (held and not asked):
        return page.day()
    why = page.t("cy_no_definition", election=asked) if asked else page.t("cy_no_election")
    raise Shown(page.render("candidacy_undefined.html", status=409, why=why))


def contest_name(page: Page, contest: str) -> str:
    for known in candidacy_day(page).election.contests:
        if known.id == contest:
            return known.name.fa if page.lang == "fa" else known.name.en
    return contest


def constituency_name(page: Page, contest: str, code: str) -> str:
    """The name of `contest`'s constituency `code` in the day's definition, as `sandogh
    candidates register --constituency` takes it; a unit's name for an applicant registered by
    a unit code; else the code itself."""
    day = candidacy_day(page)
    for known in day.election.contests:
        for constituency in known.constituencies if known.id == contest else ():
            if constituency.id == code:
                return constituency.name.fa if page.lang == "fa" else constituency.name.en
    if code not in day.geography:
        return code
    name = day.geography.unit(code).name
    return name.fa if page.lang == "fa" else name.en
