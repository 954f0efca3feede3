"""What `verify-results` finds, and the reading of a snapshot's files that records it.

Each disagreement is a `Finding` naming the station or unit, the published file and, for a
figure, its path in the file (`publish.differences`); a file that is missing or does not read is
one too, recorded as it is read (`Check`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sandogh.core.anchor.record import PreElectionRecord
from sandogh.core.report import PublicKey
from sandogh.core.report.report import E2ECommitment
from sandogh.publish.differences import Difference, differences
from sandogh.publish.sources import Source


class Disagreement(StrEnum):
    MISSING = "missing"  # a file the snapshot must hold is not there
    UNREADABLE = "unreadable"  # a file that does not read as what it must be
    DEFINITION = "definition"  # definition.json does not hash to the snapshot's definition hash
    REPORT = "report"  # a report names another station, kind, election or definition
    REPORT_HASH = "report-hash"  # the report's bytes do not hash to the hash listed for it
    DEVICE = "device"  # signed by a key devices.json does not list for the station
    SIGNATURE = "signature"  # a signature that does not verify
    UNSIGNED = "unsigned"  # published figures of a station without a signed final report
    FIGURE = "figure"  # a published figure differs from the re-added one
    # against the pre-election record taken from a second source (issue 9, section 2)
    ANCHOR = "anchor"  # the record, its signatures or its amendments do not hold
    NOT_COVERED = "not-covered"  # a report the record and its amendments do not cover
    # against the published audit folder (`--audit DIR`, docs/audit.md §6.5)
    AUDIT = "audit"  # a hand-count correction the audit does not bear out
    # against the log key the record names (`publish.decisions_check`, issue 12 review F4)
    DECISIONS = "decisions"  # supervision.json not as the log key's attestation lists it
    # a lot whose seed is not the one its committed secret fixes (review S19 F1)
    LOT = "lot"
    # a certification's undoing with no reason or before it, or two in force over one scope
    CERTIFICATION = "certification"
    # against the published approved builds (issue 12, `publish.builds`)
    BUILD = "build"  # a report signed under a build not approved when it was received
    # against the published code draw (issue 12 §1, `publish.candidacy_file`)
    CANDIDACY = "candidacy"  # codes or candidates that are not what the published draw gives
    # against an electronic station's signed final report (`publish.e2e_presence`, S20 F11)
    E2E_RECORD = "e2e-record"  # a chain or tally it commits to missing, or of another hash


class Vouched(StrEnum):
    """Whose word an election's supervisory decisions are (`publish.decisions_check`)."""

    NOTHING = "nothing"  # no supervision.json, and none attested
    LOG_KEY = "log-key"  # the log key the anchored record names
    PUBLISHER = "publisher"  # the publisher's alone: unanchored, or the record names no log key


@dataclass(frozen=True)
class Finding:
    """One disagreement: `where` is the station or unit (or the election), `file` the published
    file concerned, `figure` the figure's path in it; values as published and as re-added."""

    kind: Disagreement
    where: str
    file: str
    figure: str = ""
    published: str = ""
    expected: str = ""
    detail: str = ""


def figure_finding(where: str, relative: str, difference: Difference) -> Finding:
    return Finding(
        Disagreement.FIGURE,
        where,
        relative,
        difference.path,
        difference.published,
        difference.expected,
    )


@dataclass
class Check:
    """One election of a snapshot being checked: what was read, and what was found."""

    source: Source
    election: str
    found: list[Finding] = field(default_factory=list)
    reports: int = 0  # signed reports read
    verified: int = 0  # of them, every check passed
    documents: int = 0  # published files compared with the re-added figures
    not_checked: list[str] = field(default_factory=list)
    reading: str = ""  # the file being read, where a failure that names no file is found
    covered: int | None = None  # amendments the anchor given vouches for; None: not anchored
    amendments: int = 0  # amendments published and verified
    head: str = ""  # the published chain's head: the last amendment's hash, else the record's
    log_keys: tuple[PublicKey, ...] = ()  # the event log's keys the anchored record names
    record: PreElectionRecord | None = None  # the anchored record, once every check of it held
    decisions: Vouched = Vouched.NOTHING
    # stations whose final report that passed commits to an E2E chain, with what it commits to
    # (`publish.e2e_split`, `publish.e2e_presence`)
    committed: dict[str, E2ECommitment] = field(default_factory=dict)

    @property
    def folder(self) -> str:
        return f"data/{self.election}"

    def json(self, relative: str, where: str) -> Any:
        """The JSON file at `relative`, or None (a finding) when it is missing or unreadable."""
        return self.parse(self.source.read(relative), relative, where)

    def parse(self, data: bytes | None, relative: str, where: str) -> Any:
        if data is None:
            self.found.append(Finding(Disagreement.MISSING, where, relative))
            return None
        try:
            return json.loads(data)
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            self.found.append(Finding(Disagreement.UNREADABLE, where, relative, detail=str(error)))
            return None

    def compare(self, where: str, relative: str, published: Any, expected: Any) -> None:
        """Record every figure where `published` differs from `expected`."""
        self.documents += 1
        self.found += [figure_finding(where, relative, d) for d in differences(published, expected)]
