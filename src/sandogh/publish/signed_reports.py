"""The signed station reports of a published snapshot, each checked before it is re-added.

`verify-results` (issue 5, item 3; DESIGN.md §3, the report as trust anchor) reads every report
the stations' results list, and takes a report's sheets only when its bytes hash to the hash
listed, it reads as a signed report (`core.report.decode_signed`) of that station, kind, election
and definition, the device's and every staff signature verify (`core.report.verify_signed`), and
it is covered. Covered, with the pre-election record taken from a second source (issue 9, section
2; `publish.anchor_check`): its box is on record for the station, every staff signature is by a
key registered there in its role, and a final report carries at least two of them, the head's
among them, and follows the station's zero report by the same box or one it replaced
(`core.anchor.coverage`). Without a record (`--unanchored`), only that its device is a box
`devices.json` lists for the station, which is the checked data's own word. Its build is one
`builds.json` shows approved when it was received (`publish.builds`). Anything else is a
finding naming the station.
"""

from __future__ import annotations

from sandogh.core.anchor import Coverage, check_opened, check_staff
from sandogh.core.counting.tally import TallySheet
from sandogh.core.report import (
    PublicKey,
    ReportError,
    ReportKind,
    SignatureError,
    StationReport,
    decode_report,
    decode_signed,
    verify_signed,
)
from sandogh.core.report.digests import sha256_text
from sandogh.publish.builds import PublishedBuilds, build_finding, read_builds
from sandogh.publish.documents import REPORT_KINDS
from sandogh.publish.findings import Check, Disagreement, Finding
from sandogh.publish.index import ElectionIndex, JSONObject


def _devices(check: Check) -> dict[str, set[str]]:
    relative = f"{check.folder}/devices.json"
    document = check.json(relative, check.election) or {}
    keys: dict[str, set[str]] = {}
    for device in document.get("devices", []):
        keys.setdefault(str(device.get("station")), set()).add(str(device.get("public_key")))
    return keys


def signed_sheets(
    check: Check, index: ElectionIndex, coverage: Coverage | None
) -> tuple[dict[str, tuple[TallySheet, ...]], dict[str, dict[str, JSONObject]]]:
    """The sheets of every final report that passes, by station; and the reports each station's
    results list, by kind. `coverage`: the anchored record's (None: unanchored)."""
    devices = {} if coverage is not None else _devices(check)
    builds = read_builds(check)
    opened: dict[str, PublicKey] = {}  # each station's zero report that passed: its box
    stations = [s for s in index.geography.stations if s in index.voting_stations]
    listed: dict[str, dict[str, JSONObject]] = {}
    first = {s: index.ballot(s)[0] for s in stations}
    paths = [f"{check.folder}/results/{first[s]}/{s}.json" for s in stations]
    for station, (relative, data) in zip(stations, check.source.read_many(paths), strict=True):
        document = check.parse(data, relative, station) or {}
        listed[station] = {
            str(ref.get("kind")): ref
            for ref in document.get("reports") or []
            if isinstance(ref, dict)
        }
    wanted = [(s, kind) for s in stations for kind in REPORT_KINDS if kind in listed[s]]
    reads = check.source.read_many(f"{check.folder}/reports/{s}/{k}.json" for s, k in wanted)
    sheets: dict[str, tuple[TallySheet, ...]] = {}
    for (station, kind), (relative, data) in zip(wanted, reads, strict=True):
        check.reports += data is not None
        report = _check_report(
            check,
            index,
            devices,
            station=station,
            kind=kind,
            relative=relative,
            data=data,
            listed=listed,
            coverage=coverage,
            opened=opened,
            builds=builds,
        )
        if report is not None:
            check.verified += 1
            if kind == "final":
                sheets[station] = report.sheets
                if report.e2e is not None:
                    check.committed[station] = report.e2e
            else:
                opened[station] = report.device
    return sheets, listed


def _check_report(
    check: Check,
    index: ElectionIndex,
    devices: dict[str, set[str]],
    *,
    station: str,
    kind: str,
    relative: str,
    data: bytes | None,
    listed: dict[str, dict[str, JSONObject]],
    coverage: Coverage | None,
    opened: dict[str, PublicKey],
    builds: PublishedBuilds,
) -> StationReport | None:
    """The report, when every check passes; else None, with what failed in `check.found`."""
    found: list[Finding] = []
    if data is None:
        check.found.append(Finding(Disagreement.MISSING, station, relative))
        return None
    listed_hash = listed[station][kind].get("hash")
    if sha256_text(data) != listed_hash:
        found.append(
            Finding(
                Disagreement.REPORT_HASH,
                station,
                relative,
                "hash",
                str(listed_hash),
                sha256_text(data),
            )
        )
    try:
        signed = decode_signed(data)
        report = decode_report(signed.report)
    except (SignatureError, ReportError) as error:
        detail = "; ".join(str(p) for p in error.problems[:3])
        check.found += [*found, Finding(Disagreement.UNREADABLE, station, relative, detail=detail)]
        return None
    expected = {
        "station": station,
        "kind": kind,
        "election": check.election,
        "definition_hash": index.definition_hash,
    }
    said = {
        "station": report.station,
        "kind": report.kind.value,
        "election": report.election,
        "definition_hash": report.definition_hash,
    }
    found += [
        Finding(Disagreement.REPORT, station, relative, name, said[name], value)
        for name, value in expected.items()
        if said[name] != value
    ]
    if coverage is None:
        enrolled = devices.get(station, set())
        if report.device.text not in enrolled:
            shown = ", ".join(sorted(enrolled)) or "—"
            found.append(
                Finding(Disagreement.DEVICE, station, relative, "device", report.device.text, shown)
            )
    try:
        verify_signed(signed, report.device, read=report)  # read from these bytes just above
    except SignatureError as error:
        detail = f"{error.reason}: " + "; ".join(str(p) for p in error.problems[:3])
        found.append(Finding(Disagreement.SIGNATURE, station, relative, detail=detail))
    if coverage is not None:
        try:
            coverage.check_device(station, report.device, report.kind)
            check_staff(signed, report.kind, station, coverage.staff.get(station, ()))
            if report.kind is ReportKind.FINAL:
                check_opened(opened.get(station), coverage.lineage(report.device))
        except SignatureError as error:
            detail = "; ".join(str(p) for p in error.problems[:3])
            found.append(
                Finding(
                    Disagreement.NOT_COVERED,
                    station,
                    relative,
                    error.reason.name.lower(),  # the key of its text: locale's "refused_…"
                    detail=detail,
                )
            )
    unapproved = build_finding(
        builds, report, listed[station][kind].get("received"), station, relative
    )
    if unapproved is not None:
        found.append(unapproved)
    check.found += found
    return None if found else report
