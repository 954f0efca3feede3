"""The ports of what signs for a station: its boxes, its registered staff and the reports they
send."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import Protocol

from sandogh.core.report import PublicKey
from sandogh.core.report.staff import RegisteredStaff


@dataclass(frozen=True)
class Device:
    """A ballot box enrolled for one station with its Ed25519 public key (hex)."""

    election: str
    station: str
    public_key: str
    enrolled_at: datetime.datetime
    revoked_at: datetime.datetime | None = None


class DeviceRepository(Protocol):
    def add(self, device: Device) -> None:
        """Callers check first that the key is not enrolled for the election."""

    def get(self, election_id: str, public_key: str) -> Device | None: ...

    def of_keys(self, election_id: str, public_keys: Collection[str]) -> Mapping[str, Device]:
        """The devices of `public_keys` enrolled for the election, by key, in one read."""

    def revoke(self, election_id: str, public_key: str, at: datetime.datetime) -> None: ...

    def of_station(self, election_id: str, station: str) -> list[Device]:
        """Sorted by enrolment, then key."""

    def of_election(self, election_id: str) -> list[Device]:
        """Sorted by station, enrolment, then key: every box in one read, not one a station."""


class StaffRepository(Protocol):
    """The staff registered per station (`core.report.staff`), each key once per election."""

    def add(self, staff: RegisteredStaff) -> None:
        """Callers check first that the key is not registered for the election."""

    def find(self, election_id: str, key: PublicKey) -> RegisteredStaff | None: ...

    def of_station(self, election_id: str, station: str) -> list[RegisteredStaff]:
        """Sorted by role, then key."""

    def of_election(self, election_id: str) -> list[RegisteredStaff]:
        """Sorted by station, role, then key."""


@dataclass(frozen=True)
class StoredReport:
    """A signed station report as received: its bytes, exactly, and their SHA-256."""

    election: str
    station: str
    kind: str  # core.report.ReportKind value
    device: str  # public key hex
    report_hash: str
    signed: bytes
    received_at: datetime.datetime


class ReportRepository(Protocol):
    def get(self, election_id: str, station: str, kind: str) -> StoredReport | None: ...

    def received_at(
        self, election_id: str, stations: Collection[str], kind: str
    ) -> Mapping[str, datetime.datetime]:
        """When each of `stations` that sent its report of `kind` sent it, in one read."""

    def add(self, report: StoredReport) -> None:
        """Callers check first; (election, station, kind) is unique."""

    def all(self, election_id: str) -> Iterator[StoredReport]: ...

    def first(self, election_id: str, stations: Collection[str]) -> StoredReport | None:
        """The report received first (by time, then station and kind) from one of `stations`,
        of any kind: polling there had begun by then (`services.withdrawal_deadline`)."""
