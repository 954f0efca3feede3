"""What the `sandogh station` commands print: reports, syncs and the box's status, in the command's
language (`--lang`, Persian unless English is asked for; issue 13), the election, station,
contests and candidates by the names the enrolment gave (`station.ballot_names`). `--json` keeps
the machine's words (docs/cli-json.md)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from rich.console import Console

from sandogh.core.report import ReportKind, StationReport
from sandogh.locale import Lang, format_int, to_persian_digits
from sandogh.locale.box_commands import CATALOGUE
from sandogh.locale.dates import format_moment
from sandogh.locale.messages import text_in
from sandogh.locale.printouts import CATALOGUE as PRINTED
from sandogh.station.ballot_names import BallotNames, with_code
from sandogh.station.courier import SyncOutcome

if TYPE_CHECKING:
    from sandogh.station.box import Status


def say(key: str, lang: Lang, **values: str | int) -> str:
    """The line `key` of the station commands' catalogue (else the main one's) in `lang`."""
    return text_in(CATALOGUE, key, lang, **values)


def _code(code: str, lang: Lang) -> str:
    return to_persian_digits(code) if lang == "fa" else code


def print_sync(out: Console, outcome: SyncOutcome, lang: Lang) -> None:
    left = outcome.outbox
    line = say(
        "station_sent", lang, sent=outcome.delivered, waiting=left.pending, refused=left.refused
    )
    if left.next_attempt is not None and left.pending:
        line += "؛ " if lang == "fa" else "; "
        line += say("station_next_try", lang, at=format_moment(left.next_attempt, lang))
    out.print(line, markup=False)
    if outcome.incidents:
        out.print(say("station_new_incidents", lang, count=outcome.incidents), markup=False)


def print_report(out: Console, report: StationReport, lang: Lang, names: BallotNames) -> None:
    title = "print_zero" if report.kind is ReportKind.ZERO else "print_final"
    out.print(
        say(
            "station_report",
            lang,
            title=text_in(PRINTED, title, lang),
            number=report.sequence,
            station=names.station(report.station, lang),
            ballots=report.cvr_count,
        ),
        markup=False,
    )
    for sheet in sorted(report.sheets, key=lambda sheet: names.place(sheet.contest)):
        counts = sheet.counts
        out.print(
            say(
                "station_sheet",
                lang,
                contest=names.contest(sheet.contest, lang),
                cast=counts.cast,
                valid=counts.valid,
                invalid=counts.invalid_total,
                used=counts.papers_used,
                received=counts.papers_received,
            ),
            markup=False,
        )
        for code, votes in counts.votes.items():
            name = names.candidate(sheet.contest, code, lang)
            candidate = f"{_code(code, lang)} {name}".strip()
            out.print(say("station_votes", lang, candidate=candidate, votes=votes), markup=False)
    if report.e2e is not None:  # what ties the figures to the E2E record (docs/e2e.md §7)
        for key, value in (
            ("print_e2e_close", report.e2e.chain_close),
            ("print_e2e_tally", report.e2e.tally_hash),
        ):
            out.print(f"  {text_in(PRINTED, key, lang)} {value}", markup=False)


def status_lines(status: Status, lang: Lang, names: BallotNames) -> list[str]:
    """The box's status, a figure a line, as the kiosk's status panel names them."""
    setup, outbox = status.setup, status.outbox
    minutes = int(status.extended_by / datetime.timedelta(minutes=1))
    shown: list[tuple[str, str | int]] = [
        ("station_election", with_code(names.election(setup.election, lang), setup.election)),
        ("station_station", with_code(names.station(setup.station, lang), setup.station)),
        ("definition_hash", setup.definition_hash),
        ("station_device", status.device),
        ("box_phase", say("box_phase_" + status.phase.value.replace("-", "_"), lang)),
        ("station_extended_by", say("station_minutes", lang, minutes=minutes)),
        ("box_cards_issued", status.cards_issued),
        ("box_cards_used", status.cards_used),
        ("box_records", status.records),
        ("station_outbox", outbox.pending),
        ("station_outbox_refused", outbox.refused),
        ("station_incidents", status.incidents),
    ]
    lines = [f"{say(label, lang)}: {_value(value, lang)}" for label, value in shown]
    if outbox.next_attempt is not None and outbox.pending:
        lines.append(say("station_next_try", lang, at=format_moment(outbox.next_attempt, lang)))
    policy = say(f"station_policy_{setup.policy.value}", lang)
    lines.insert(4, say("station_policy", lang, policy=policy))
    return lines


def _value(value: str | int, lang: Lang) -> str:
    return format_int(value, lang) if isinstance(value, int) else value


def status_json(status: Status) -> dict[str, object]:
    next_attempt = status.outbox.next_attempt
    return {
        "election": status.setup.election,
        "station": status.setup.station,
        "definition_hash": status.setup.definition_hash,
        "device": status.device,
        "policy": status.setup.policy.value,
        "phase": status.phase.value,
        "extended_by_minutes": int(status.extended_by / datetime.timedelta(minutes=1)),
        "cards_issued": status.cards_issued,
        "cards_used": status.cards_used,
        "ballots": status.records,
        "outbox": {
            "pending": status.outbox.pending,
            "refused": status.outbox.refused,
            "next_attempt": None if next_attempt is None else next_attempt.isoformat(),
        },
        "incidents": status.incidents,
    }
