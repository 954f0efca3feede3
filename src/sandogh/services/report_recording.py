"""What a station report's intake records beside its use case (`services.ingest`): the entry of
the log that says a report was taken or refused (`report_event`), a refusal in a unit of work of
its own, so that it survives the rollback of the one it refuses (`record_refusal`: a report its
device really signed gets its event and an incident for the supervisors; one not shown to come
from an enrolled device is counted per source and minute instead, `services.refusals`), and the
incident that marks a report taken after its stage's window (`late_report`).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from sandogh.core.candidacy.calendar import OutsideWindowError
from sandogh.core.log import Disposition, Event, EventType, JSONValue
from sandogh.services.check_in_bounds import raise_incident
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.ports import Incident, IncidentKind, UnitOfWork
from sandogh.services.refusals import DEVICE_ROLE, count_refusal
from sandogh.services.report_refusal import Claim, ReportRefusal, ReportRefusedError

_SHOWN_PROBLEMS = 5  # problems an event carries; the error carries them all
_BUILD_REFUSALS = frozenset({ReportRefusal.UNAPPROVED_BUILD, ReportRefusal.REVOKED_BUILD})


def report_event(
    now: datetime.datetime,
    claim: Claim,
    type_: EventType,
    disposition: Disposition,
    details: Mapping[str, JSONValue],
) -> Event:
    """The log's entry of a report taken or refused, by its device at its station."""
    return Event(
        time=now,
        actor=f"ed25519:{claim.device}",
        role=DEVICE_ROLE,
        place=claim.station,
        type=type_,
        disposition=disposition,
        details={"election": claim.election, "kind": claim.kind.value, "device": claim.device}
        | dict(details),
    )


def record_refusal(
    uow: UnitOfWorkFactory, refused: ReportRefusedError, now: datetime.datetime, source: str
) -> None:
    """Record a refusal in its own transaction: the refused one has rolled back. One that does
    not show its sender to be anyone is counted instead (`services.refusals`)."""
    details: dict[str, JSONValue] = {
        "reason": refused.reason.value,
        "received": refused.received,
        "problems": [str(p) for p in refused.problems[:_SHOWN_PROBLEMS]],
    }
    if refused.reason.unproven or refused.claim is None:
        count_refusal(uow, source=source, reason=refused.reason.value, now=now, details=details)
        return
    with uow() as work:
        if refused.incident is not None:
            work.incidents.add(refused.incident)
        if refused.reason in _BUILD_REFUSALS and refused.claim.build is not None:
            # the box proved it runs this build: the fleet register shows it not updated
            work.fleet.attest(
                refused.claim.election, refused.claim.device, refused.claim.build, now
            )
        work.events.record(
            report_event(now, refused.claim, EventType.REPORT_REFUSED, Disposition.REFUSED, details)
        )
        work.commit()


def late_report(
    work: UnitOfWork, claim: Claim, late: OutsideWindowError, now: datetime.datetime
) -> Incident:
    """The incident that marks a report taken after its stage's window, for the supervisors."""
    window = late.window
    incident = Incident(
        claim.election,
        IncidentKind.LATE_REPORT,
        (claim.station,),
        now,
        {
            "kind": claim.kind.value,
            "stage": late.stage.value,
            "contest": late.contest,
            "first": "" if window is None else window.first.isoformat(),
            "last": "" if window is None else window.last.isoformat(),
            "closes": "" if window is None or window.closes is None else window.closes.isoformat(),
            "received": now.isoformat(),
        },
    )
    raise_incident(work, incident, f"ed25519:{claim.device}")
    return incident
