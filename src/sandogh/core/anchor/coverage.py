"""Whether a signed station report is covered: its box on record, its staff registered, its
station opened by a zero report of the same box.

Issue 9, section 2: "The centre refuses a final report without the required registered staff
signatures or without an earlier zero report from that device", and a verifier "refuses anything
not covered" by the pre-election record and its amendments (DESIGN.md §6). The same checks serve
the centre (`services.report_checks`, with the staff the store registered, and the record once
sealed) and `sandogh verify-results` (with the record taken from a second source); each raises
`SignatureError` with its `Refusal`:

- `NOT_IN_RECORD`: the box is on record for no station, or for another one;
- `REPLACED_DEVICE`: the box was replaced by an amendment, and a final report is no longer its to
  sign (its zero report, made before, still opened the station);
- `UNREGISTERED_STAFF`: a staff signature by a key not registered for the station (made up, or
  another station's);
- `STAFF_ROLE_MISMATCH`: a key registered for the station signs under a role not its own;
- `MISSING_STAFF`: a final report signed by fewer than `REQUIRED_STAFF` distinct registered members
  of the station's staff, or by none as its head (رئیس شعبه);
- `NO_ZERO_REPORT`: a final report with no earlier zero report of the same box, or of a box it
  replaced.

Whether each signature verifies is `core.report.verify_signed`'s to say, before these.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sandogh.core.anchor.amendments import Amendment
from sandogh.core.anchor.record import PreElectionRecord
from sandogh.core.definition.problems import Problem
from sandogh.core.report.errors import Refusal, SignatureError
from sandogh.core.report.keys import PublicKey
from sandogh.core.report.report import ReportKind
from sandogh.core.report.signatures import SignedReport, StaffRole
from sandogh.core.report.staff import RegisteredStaff

#: distinct registered members of a station's staff who sign its final report, its head among them
REQUIRED_STAFF = 2
#: every reason these checks refuse a report for; each has its text in Persian and English
#: (`locale.messages`, "refused_" and the reason's name in lower case)
COVERAGE_REASONS = (
    Refusal.NOT_IN_RECORD,
    Refusal.REPLACED_DEVICE,
    Refusal.UNREGISTERED_STAFF,
    Refusal.STAFF_ROLE_MISMATCH,
    Refusal.MISSING_STAFF,
    Refusal.NO_ZERO_REPORT,
)


@dataclass(frozen=True)
class Coverage:
    """What a record and its amendments cover, by station."""

    devices: Mapping[str, frozenset[PublicKey]]  # every box ever on record, replaced ones too
    staff: Mapping[str, tuple[RegisteredStaff, ...]]  # who signs for the station now
    predecessor: Mapping[PublicKey, PublicKey]  # a box → the box it replaced
    e2e: bool = False  # the record seals the guardians' key: every box's final report commits

    @classmethod
    def of(cls, record: PreElectionRecord, amendments: Iterable[Amendment] = ()) -> Coverage:
        """The coverage of `record` and `amendments`, which the caller has verified."""
        # the record's stations as they are, and only those amendments touch made anew: a
        # national record holds 58,640 stations and a few amendments at most
        devices = {s.station: frozenset(s.devices) for s in record.stations}
        staff = {s.station: s.staff for s in record.stations}
        predecessor = {}
        for amendment in amendments:
            if amendment.device is not None:
                devices[amendment.station] = devices.get(amendment.station, frozenset()) | {
                    amendment.device
                }
                if amendment.replaces is not None:
                    predecessor[amendment.device] = amendment.replaces
            elif amendment.staff is not None:
                members = {m.key: m for m in staff.get(amendment.station, ())}
                if amendment.replaces is not None:
                    members.pop(amendment.replaces, None)
                members[amendment.staff.key] = amendment.staff
                staff[amendment.station] = tuple(members.values())
        return cls(devices, staff, predecessor, record.e2e is not None)

    @property
    def replaced(self) -> frozenset[PublicKey]:
        return frozenset(self.predecessor.values())

    def lineage(self, device: PublicKey) -> frozenset[PublicKey]:
        """`device` and every box it replaced, one after the other."""
        found = [device]
        while found[-1] in self.predecessor and self.predecessor[found[-1]] not in found:
            found.append(self.predecessor[found[-1]])
        return frozenset(found)

    def check_device(self, station: str, device: PublicKey, kind: ReportKind) -> None:
        """Raise `NOT_IN_RECORD` or `REPLACED_DEVICE` (see the module docstring)."""
        if device not in self.devices.get(station, frozenset()):
            elsewhere = [code for code, keys in self.devices.items() if device in keys]
            where = f"is on record for {elsewhere[0]}" if elsewhere else "is on record nowhere"
            raise SignatureError(
                Refusal.NOT_IN_RECORD,
                [Problem("device", f"{device.text} {where}, not for {station}")],
            )
        if kind is ReportKind.FINAL and device in self.replaced:
            raise SignatureError(
                Refusal.REPLACED_DEVICE,
                [Problem("device", f"{device.text} was replaced by an amendment to the record")],
            )


def check_staff(
    signed: SignedReport, kind: ReportKind, station: str, registered: Iterable[RegisteredStaff]
) -> None:
    """Raise `SignatureError` when a staff signature of `signed` is not by a key registered for
    `station` in the role it signs under, or when a final report lacks the signatures it needs
    (see the module docstring). `registered`: the station's staff."""
    members = {member.key: member for member in registered}
    unregistered = []
    mismatched = []
    for i, staff in enumerate(signed.staff):
        member = members.get(staff.key)
        if member is None:
            unregistered.append(
                Problem(f"staff[{i}]", f"{staff.key.text} is not registered for {station}")
            )
        elif member.role is not staff.role:
            mismatched.append(
                Problem(
                    f"staff[{i}]",
                    f"{member.person} is registered as {member.role}, signs as {staff.role}",
                )
            )
    if unregistered:
        raise SignatureError(Refusal.UNREGISTERED_STAFF, unregistered)
    if mismatched:
        raise SignatureError(Refusal.STAFF_ROLE_MISMATCH, mismatched)
    if kind is not ReportKind.FINAL:
        return
    problems = []
    if len(signed.staff) < REQUIRED_STAFF:
        problems.append(
            Problem(
                "staff",
                f"signed by {len(signed.staff)} of the station's staff; "
                f"a final report needs {REQUIRED_STAFF}",
            )
        )
    if all(staff.role is not StaffRole.HEAD for staff in signed.staff):
        problems.append(Problem("staff", "the station's head has not signed"))
    if problems:
        raise SignatureError(Refusal.MISSING_STAFF, problems)


def check_opened(zero_device: PublicKey | None, lineage: frozenset[PublicKey]) -> None:
    """Raise `NO_ZERO_REPORT` unless the station's zero report was signed by a box of `lineage`:
    the final report's box and every box it replaced (`Coverage.lineage`; without a record, the
    box alone)."""
    if zero_device is None:
        raise SignatureError(
            Refusal.NO_ZERO_REPORT,
            [Problem("kind", "the station has no zero report: it was never shown empty")],
        )
    if zero_device not in lineage:
        raise SignatureError(
            Refusal.NO_ZERO_REPORT,
            [Problem("device", f"the station's zero report is of another box, {zero_device.text}")],
        )
