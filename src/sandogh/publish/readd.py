"""Re-adding a snapshot's signed sheets and comparing what they give with its published files:
steps 4 and 5 of `sandogh verify-results` (`publish.verify`).

The sheets of every final report that passed are re-added over the geography of the definition,
with the published voids and certified hand-count corrections applied as the centre applies them;
every document the snapshot must hold is built again from the totals by the publisher's own code
(`publish.documents`, `publish.csv_files`) and compared with the published one, figure by figure.
"""

from __future__ import annotations

from typing import Any

from sandogh.core.counting.aggregate import Total, aggregate
from sandogh.core.counting.conformity import nonconformities
from sandogh.core.counting.tally import TallySheet
from sandogh.core.counting.turnout import eligible_voters
from sandogh.core.supervision import (
    CorrectionError,
    Effect,
    VoidError,
    apply_voids,
    correct_totals,
)
from sandogh.publish.csv_files import (
    in_layout,
    sheet_rows,
    station_sheets,
    stations_csv,
    totals_csv,
)
from sandogh.publish.differences import line_differences
from sandogh.publish.documents import (
    COMPLETE,
    PARTIAL,
    REPORT_KINDS,
    UNIT_RESULT_V1,
    UNIT_RESULT_V2,
    Progress,
    snapshot_json,
    unit_result_json,
    unit_result_v1,
    unit_result_v2,
    units_json,
)
from sandogh.publish.findings import Check, Disagreement, Finding, figure_finding
from sandogh.publish.index import ElectionIndex, JSONObject
from sandogh.publish.published import TOTALS_CSV
from sandogh.publish.standings import outcome_json
from sandogh.publish.supervision_file import (
    Supervision,
    SupervisionFileError,
    certification_findings,
    lot_findings,
    read_supervision,
)
from sandogh.publish.totals import reported_stations
from sandogh.services.outcomes import decide_constituency
from sandogh.services.tallied import Tallied


def readd(check: Check, index: ElectionIndex, sheets: dict[str, tuple[TallySheet, ...]]) -> Tallied:
    geography = index.geography
    every = [sheet for each in sheets.values() for sheet in each]
    unfit = nonconformities(geography, every)
    for problem in unfit:
        relative = f"{check.folder}/reports/{problem.station}/final.json"
        detail = f"{problem.contest}: {problem.mismatch}" + (
            f" {problem.candidate}" if problem.candidate else ""
        )
        check.found.append(
            Finding(Disagreement.UNREADABLE, problem.station, relative, detail=detail)
        )
        sheets.pop(problem.station, None)
    if unfit:
        every = [sheet for each in sheets.values() for sheet in each]
    published = _supervision(check)
    where = f"{check.folder}/supervision.json"
    check.found.extend(lot_findings(published.lots, where))
    check.found.extend(certification_findings(published.certifications, published.undone, where))
    voided: tuple[Effect, ...] = ()
    if published.voids:
        try:
            applied, voided = apply_voids(geography, every, published.voids)
            every = list(applied)
        except VoidError as error:
            check.found.append(
                Finding(Disagreement.UNREADABLE, check.election, where, detail=str(error))
            )
    totals = aggregate(geography, every)
    corrections = published.corrections
    try:
        totals = correct_totals(geography, totals, corrections)
    except CorrectionError as error:
        corrections = ()
        check.found.append(
            Finding(Disagreement.UNREADABLE, check.election, where, detail=str(error))
        )
    eligible = dict(eligible_voters(geography))
    return Tallied(
        index.stored,
        geography,
        totals,
        eligible,
        voided,
        published.certifications,
        corrections,
        published.lots,
        published.withdrawals,
        undone=published.undone,
    )


def _supervision(check: Check) -> Supervision:
    """The published voids, certifications and corrections; none when the snapshot has no
    such file."""
    relative = f"{check.folder}/supervision.json"
    data = check.source.read(relative)
    if data is None:
        return Supervision()
    document = check.parse(data, relative, check.election)
    if document is None:
        return Supervision()
    try:
        return read_supervision(document, check.election)
    except SupervisionFileError as error:
        check.found.append(
            Finding(Disagreement.UNREADABLE, check.election, relative, detail=str(error))
        )
        return Supervision()


def compare_results(
    check: Check,
    index: ElectionIndex,
    tallied: Tallied,
    listed: dict[str, dict[str, JSONObject]],
) -> None:
    for contest in index.stored.election.contests:
        totals = tallied.totals.units[contest.id]
        voided = tallied.voided_by_unit(contest.id)
        codes = list(totals)
        paths = [f"{check.folder}/results/{contest.id}/{code}.json" for code in codes]
        for code, (relative, data) in zip(codes, check.source.read_many(paths), strict=True):
            published = check.parse(data, relative, code)
            if published is None:
                continue
            station = code in index.voting_stations
            if station and _unsigned(check, code, relative, published, totals[code]):
                continue
            expected = unit_result_json(
                index,
                contest.id,
                code,
                totals,
                eligible=tallied.eligible[code],
                updated=None,
                reports=None,
                voided=voided,
                corrected=tallied.corrected_in(contest.id, code),
            )
            expected["updated"] = published.get("updated")
            if station:
                expected["reports"] = _reports_expected(listed.get(code, {}))
            written = published.get("format") if isinstance(published, dict) else None
            if written == UNIT_RESULT_V1:
                expected = unit_result_v1(expected)  # written before voids had figures
            elif written == UNIT_RESULT_V2:
                expected = unit_result_v2(expected)  # before voided stations left turnout
            check.compare(code, relative, published, expected)


def _unsigned(check: Check, station: str, relative: str, published: Any, total: Total) -> bool:
    """Whether `station`'s published file shows figures that no passing final report gives."""
    stations = published.get("stations") if isinstance(published, dict) else None
    shown = stations.get("reported") if isinstance(stations, dict) else None
    if shown and not total.stations_reported:
        check.found.append(
            Finding(Disagreement.UNSIGNED, station, relative, "stations.reported", str(shown), "0")
        )
        return True
    return False


def _reports_expected(listed: dict[str, JSONObject]) -> list[JSONObject]:
    """The station's reports as its first contest's file lists them (each was checked against its
    file): a listing that differs between the station's contests shows as a difference."""
    return [listed[kind] for kind in REPORT_KINDS if kind in listed]


def compare_rest(
    check: Check, index: ElectionIndex, tallied: Tallied, snapshot: JSONObject
) -> None:
    folder, election = check.folder, check.election
    statuses: dict[str, str] = {}
    for contest in index.stored.election.contests:
        complete = True
        paths = [f"{folder}/outcomes/{contest.id}/{k.id}.json" for k in contest.constituencies]
        read = check.source.read_many(paths)
        for k, (relative, data) in zip(contest.constituencies, read, strict=True):
            decided = decide_constituency(tallied, contest, k, index.standing(contest.id, k.id))
            complete = complete and decided.complete
            where = f"{contest.id}/{k.id}"
            published = check.parse(data, relative, where)
            if published is not None:
                expected = outcome_json(index, contest, decided, updated=None)
                expected["updated"] = published.get("updated")
                check.compare(where, relative, published, expected)
        statuses[contest.id] = COMPLETE if complete else PARTIAL
    reported = len(reported_stations(tallied, index.voting_stations))
    as_of = snapshot.get("as_of")
    if not isinstance(as_of, dict):
        as_of = {}
    progress = Progress(
        sequence=snapshot.get("sequence", 0),
        log_sequence=snapshot.get("log_sequence", 0),
        updated=None,
        stations_reported=reported,
        stations_total=len(index.voting_stations),
    )
    expected = snapshot_json(index, progress, statuses, as_of)
    expected["updated"] = snapshot.get("updated")
    check.compare(election, f"{folder}/snapshot.json", snapshot, expected)
    units = check.json(f"{folder}/units.json", election)
    if units is not None:
        check.compare(election, f"{folder}/units.json", units, units_json(index))
    _compare_csv(check, index, tallied, snapshot, as_of)


def _compare_csv(
    check: Check,
    index: ElectionIndex,
    tallied: Tallied,
    snapshot: JSONObject,
    as_of: dict[str, Any],
) -> None:
    for group, stations in index.sheet_groups().items():
        relative = f"{check.folder}/csv/stations/{group}.csv"
        rows = {station: sheet_rows(station_sheets(tallied, station)) for station in stations}
        _compare_lines(check, group, relative, stations_csv(rows), layout=True)
    relative = f"{check.folder}/{TOTALS_CSV}"
    if as_of.get(TOTALS_CSV) == snapshot.get("sequence"):
        _compare_lines(check, check.election, relative, b"".join(totals_csv(index, tallied)))
    else:
        check.not_checked.append(relative)


def _compare_lines(
    check: Check, where: str, relative: str, expected: bytes, *, layout: bool = False
) -> None:
    published = check.source.read(relative)
    if published is None:
        check.found.append(Finding(Disagreement.MISSING, where, relative))
        return
    if layout:  # a station CSV published before a later invalid kind had its column
        expected = in_layout(expected, published)
    check.documents += 1
    check.found += [
        figure_finding(where, relative, d) for d in line_differences(published, expected)
    ]
