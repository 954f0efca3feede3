"""Why a guardian refuses a snapshot (docs/e2e.md §8): each fault, a problem typed with it, and
the error that carries every one (`services.tally_origin`); `sandogh guardians` says them in
Persian or English (`locale.e2e_refusals`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from sandogh.core.definition.problems import Problem
from sandogh.core.e2e.signed_json import GuardianFileError


class OriginFault(StrEnum):
    """Why a guardian refuses a snapshot; each has its text in Persian and English
    (`locale.e2e_refusals`: "origin_" and the name in lower case)."""

    NOT_A_STATION = "not-a-station"
    CHAIN_UNREADABLE = "chain-unreadable"
    REPORT_MISSING = "report-missing"
    REPORT_NOT_SIGNED = "report-not-signed"
    STAFF_NOT_ON_RECORD = "staff-not-on-record"
    REPORT_OF_ANOTHER = "report-of-another"
    CLOSE_DIFFERS = "close-differs"
    CHAIN_BROKEN = "chain-broken"
    BOX_NOT_ON_RECORD = "box-not-on-record"
    PROOF_FAILS = "proof-fails"
    BALLOT_COPIED = "ballot-copied"
    RECORD_MISSING = "record-missing"
    RECORD_UNREADABLE = "record-unreadable"
    RECORD_OF_ANOTHER = "record-of-another"
    RECORD_SIGNATURES = "record-signatures"
    AMENDMENT_FAILS = "amendment-fails"
    ANCHOR_DIFFERS = "anchor-differs"
    TALLY_NOT_PRODUCT = "tally-not-product"
    STATION_MISSING = "station-missing"
    NEVER_OPENED_REPORTED = "never-opened-reported"
    NOT_CLOSED_REPORTED = "not-closed-reported"


@dataclass(frozen=True)
class OriginProblem:
    """One problem of a snapshot: its `fault`, where (`path`, the `station` it is of, None for
    the sealed record's) and the English `detail` that `problem` says it with."""

    fault: OriginFault
    path: str
    detail: str
    station: str | None = None

    @property
    def problem(self) -> Problem:
        return Problem(self.path, self.detail)


def typed(
    fault: OriginFault, problems: Iterable[Problem], station: str | None = None, at: str = ""
) -> list[OriginProblem]:
    """`problems` as `fault`s of `station`, their paths under `at`."""
    return [OriginProblem(fault, f"{at} {p.path}".strip(), p.message, station) for p in problems]


class TallyOriginError(GuardianFileError):
    """A snapshot (or a tally) a guardian refuses to decrypt from: `found`, every problem typed."""

    def __init__(self, where: str, found: Sequence[OriginProblem]) -> None:
        self.found = tuple(found)
        super().__init__(where, [each.problem for each in self.found])
