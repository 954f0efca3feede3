"""`e2e/absent.json`: the voting stations an E2E record has no chain of, each with why
(docs/e2e.md §9; `verify-election`'s V20 checks every reason).

A station's chain can be missing from the record for five reasons, each held by the verifier to
what the publisher cannot rewrite — the definition, the sealed pre-election record's boxes, the
box-signed reports: `no-box` (the sealed record gives the station no ballot box; while there is
none, the snapshot's `devices.json`), `paper-ballots` (it has a box, and the definition gives it
the semi-electronic or paper mode: the box checks voters in, the ballots are marked on paper and
counted by hand, and its signed sheet stands beside the E2E tally, docs/e2e.md "Mixed-mode
elections"), `not-opened` (no zero report), `not-closed` (a zero report,
no final report) and `no-e2e` (a final report without an `e2e` commitment). A station whose final
report commits to a chain that has not come is listed under none: the record is then incomplete,
and V20 says so. `no-e2e` holds only in an election whose sealed record carries no guardians' key
(a box enrolled before there was one): once it does, the centre refuses such a report
(`services.ingest`) and V20 the reason (as it does with no sealed record); one the store holds
all the same is listed as what its files show, and V20 names it. A station voting on paper with
no box is `no-box`, in an E2E election too.

The reasons are read from the election's folder of the snapshot being written — its reports,
`anchor/` and `devices.json`, which each regeneration writes before the record — so that they
are the files the verifier reads, not another account of them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from sandogh.core.canonical_json import canonical_json

FORMAT = "sandogh/e2e-absent@1"


def absent_stations(
    folder: Path, voting: Iterable[str], recorded: Iterable[str], on_paper: Iterable[str] = ()
) -> dict[str, str]:
    """Every station of `voting` with no chain in `recorded`, by code, with its reason, from the
    election's snapshot folder `folder` (`data/<election>`); `on_paper` are the stations whose
    mode the definition gives as semi-electronic or paper (`core.supervision.modes.encrypts`)."""
    chained, paper = set(recorded), set(on_paper)
    boxed = _boxed(folder)
    absent: dict[str, str] = {}
    for station in sorted(set(voting) - chained):
        reports = folder / "reports" / station
        if station not in boxed:
            absent[station] = "no-box"
        elif station in paper:
            absent[station] = "paper-ballots"
        elif (reports / "final.json").is_file():
            signed = json.loads((reports / "final.json").read_bytes())
            if "e2e" not in signed["report"]:
                absent[station] = "no-e2e"
        else:
            absent[station] = "not-closed" if (reports / "zero.json").is_file() else "not-opened"
    return absent


def _boxed(folder: Path) -> set[str]:
    """The stations given a box: by the sealed record and its amendments once there is one (what
    `verify-election` reads), else by `devices.json` (not revoked)."""
    record = folder / "anchor" / "record.json"
    if record.is_file():
        stations = json.loads(record.read_bytes())["stations"]
        boxed = {s["station"] for s in stations if s["devices"]}
        amendments = folder / "anchor" / "amendments.json"
        if amendments.is_file():
            listed = json.loads(amendments.read_bytes())["amendments"]
            boxed |= {a["amendment"]["station"] for a in listed if a["amendment"]["device"]}
        return boxed
    devices = folder / "devices.json"
    if not devices.is_file():
        return set()
    enrolled = json.loads(devices.read_bytes())["devices"]
    return {d["station"] for d in enrolled if d["revoked_at"] is None}


def absent_json(absent: dict[str, str]) -> bytes:
    return canonical_json(
        {
            "format": FORMAT,
            "stations": [
                {"station": station, "reason": reason} for station, reason in sorted(absent.items())
            ],
        }
    )
