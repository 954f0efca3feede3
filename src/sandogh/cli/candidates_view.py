"""What `sandogh candidates calendar|list` show: a calendar's stages in Jalali days; every
applicant's standing and the lists published, as a table in the reader's language or as JSON
(docs/cli-json.md), never an applicant's personal data."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from sandogh.core.candidacy.calendar import Calendar
from sandogh.core.candidacy.records import record_json
from sandogh.core.canonical_json import JSONValue
from sandogh.core.definition.model import Election
from sandogh.locale.candidacy import CATALOGUE, name_text, stage_name, window_text
from sandogh.locale.dates import format_jalali
from sandogh.locale.definition_names import contest_name, place_name
from sandogh.locale.language import Lang
from sandogh.locale.messages import text_in
from sandogh.services.candidacy_files import Files


def print_calendar(out: Console, calendar: Calendar, words: Lang) -> None:
    """Each schedule's stages with their windows in Jalali days."""
    for schedule in calendar.schedules:
        title = text_in(
            CATALOGUE,
            "schedule_title",
            words,
            kind=CATALOGUE[words][f"kind_{schedule.kind.value}"],
            round=schedule.round,
            contests=", ".join(schedule.contests),
        )
        table = Table(title=title)
        table.add_column(CATALOGUE[words]["col_stage"])
        table.add_column(CATALOGUE[words]["col_window"])
        for window in schedule.windows:
            table.add_row(stage_name(window.stage, words), window_text(window, words))
        out.print(table)


def print_files(out: Console, recorded: Files, words: Lang, election: Election | None) -> None:
    """Every applicant's standing, contests and constituencies by the names `election`'s stored
    definition gives them."""
    table = Table()
    for column in ("col_applicant", "col_name", "col_contest", "col_constituency", "col_standing"):
        table.add_column(CATALOGUE[words][column])
    for number, file in sorted(recorded.files.items()):
        person = file.registration.person
        standing = "withdrawn" if file.withdrew is not None else file.standing()
        table.add_row(
            name_text(str(number), words),
            person.name_fa if words == "fa" else person.name_en,
            contest_name(election, file.registration.contest, words),
            place_name(election, file.registration.contest, file.registration.constituency, words),
            name_text(standing or "pending", words),
        )
    out.print(table)
    for published in recorded.published:
        day = format_jalali(published.day, words)
        count = len(published.applicants)
        contest = contest_name(election, published.contest, words)
        said = text_in(CATALOGUE, "published", words, contest=contest, day=day, count=count)
        out.print(said, markup=False)


def files_json(recorded: Files) -> dict[str, JSONValue]:
    """`candidates list --json` (docs/cli-json.md): no applicant's personal data."""
    applicants: list[JSONValue] = []
    for number, file in sorted(recorded.files.items()):
        registration = file.registration
        answered: list[JSONValue] = [a.value for a in sorted(file.answered())]
        applicants.append(
            {
                "applicant": number,
                "name": {"fa": registration.person.name_fa, "en": registration.person.name_en},
                "contest": registration.contest,
                "constituency": registration.constituency,
                "registered": registration.day.isoformat(),
                "answered": answered,
                "decisions": [record_json(d) for d in file.decisions],
                "objection": None if file.objection is None else record_json(file.objection),
                "standing": file.standing() or "pending",
                "withdrew": None if file.withdrew is None else file.withdrew.day.isoformat(),
            }
        )
    return {
        "election": recorded.calendar.election,
        "applicants": applicants,
        "published": [record_json(p) for p in recorded.published],
        "commitments": [record_json(c) for c in recorded.commitments],
        "draws": [record_json(d) for d in recorded.draws],
    }
