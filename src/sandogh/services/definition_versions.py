"""The stored definition's next version, before the ballots are printed (issue 12, section 1).

The code draw gives a contest its drawn candidates (`core.candidacy.draw.with_candidates`) and a
withdrawal before printing takes one off (`core.candidacy.withdrawal.without`): each is a new
version of the election's definition, with a new hash, stored in place of the one stored and
logged (DEFINITION_REWRITTEN, naming the hash it replaces and the step that made it), in the one
transaction of that step.

"Before printing" ends with the election's first box enrolment (DEVICE_ENROLLED): enrolment
loads the definition into a box — its ballot, and the definition hash every report of the box is
checked against (`services.devices`, `services.report_checks`) — and the ballot papers are
printed from that same definition for the day. The calendar has no stage of its own for printing
(`core.candidacy.calendar.Stage`); the final list is published before it and the boxes enrolled
after. A day counted on paper alone may have no box: its first imported results
(RESULTS_IMPORTED) end it as surely. From the first of these entries on the definition is never
rewritten: `PrintedError` names it, and a withdrawal is then recorded as after printing (stored,
marked on the ballot, used in outcomes).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from sandogh.core.definition.model import Election
from sandogh.core.definition.validate import require_valid
from sandogh.core.errors import SandoghError
from sandogh.core.log import EventType, JSONValue
from sandogh.core.log.chain import Entry
from sandogh.locale.dates import format_jalali
from sandogh.locale.digits import to_persian_digits
from sandogh.locale.language import Lang
from sandogh.locale.messages import text_in
from sandogh.locale.outcome_decisions import CATALOGUE
from sandogh.services.acting import Actor, acted
from sandogh.services.elections import root_of
from sandogh.services.ports import StoredElection, UnitOfWork


@dataclass(frozen=True)
class Canonical:
    """How a definition is written (`formats.definition_file`, an adapter the services may not
    import): its canonical bytes and the hash of them."""

    bytes_of: Callable[[Election], bytes]
    hash_of: Callable[[Election], str]


class PrintedError(SandoghError):
    """The definition was loaded into a box, or results of it imported (`entry`, the first):
    never rewritten."""

    def __init__(self, election: str, entry: Entry) -> None:
        self.election = election
        self.station = entry.event.place
        self.at = entry.event.time
        boxed = entry.event.type is EventType.DEVICE_ENROLLED

        def said(lang: Lang) -> str:
            day = format_jalali(self.at.date(), lang)
            number = str(entry.sequence)
            return text_in(
                CATALOGUE,
                "printed" if boxed else "printed_results",
                lang,
                election=election,
                station=self.station,
                day=day,
                entry=to_persian_digits(number) if lang == "fa" else number,
            )

        self.fa, self.en = said("fa"), said("en")
        super().__init__(f"{self.en} — {self.fa}")


class NotTheStoredDefinitionError(SandoghError):
    """A draw asked on a draft that is not the definition stored under its id."""

    def __init__(self, election: str, stored: str, given: str) -> None:
        self.election = election
        self.stored = stored

        def said(lang: Lang) -> str:
            return text_in(
                CATALOGUE, "not_stored", lang, election=election, stored=stored, given=given
            )

        self.fa, self.en = said("fa"), said("en")
        super().__init__(f"{self.en} — {self.fa}")


def printed(work: UnitOfWork, election: str) -> Entry | None:
    """The entry that ended "before printing": the election's first box enrolment or results
    imported, if any."""
    found = [
        entry
        for kind in (EventType.DEVICE_ENROLLED, EventType.RESULTS_IMPORTED)
        for entry in work.events.of_type(kind, election)[:1]
    ]
    return min(found, key=lambda e: e.sequence, default=None)


def rewrite(
    work: UnitOfWork,
    actor: Actor,
    stored: StoredElection,
    new: Election,
    canonical: Canonical,
    *,
    because: str,
    now: datetime.datetime,
) -> str:
    """Store `new` as the election's definition in place of `stored`, logged; its hash. Refused
    once a box holds the definition (`PrintedError`). The caller commits."""
    election = stored.election.id
    entry = printed(work, election)
    if entry is not None:
        raise PrintedError(election, entry)
    if new.units != stored.election.units or new.version != stored.election.version + 1:
        raise ValueError(f"{election}: a rewrite changes the candidates only, one version on")
    require_valid(new)
    new_hash = canonical.hash_of(new)
    work.elections.rewrite(new, new_hash, canonical.bytes_of(new))
    details: dict[str, JSONValue] = {
        "election": election,
        "definition_hash": new_hash,
        "replaces": stored.definition_hash,
        "version": new.version,
        "because": because,
    }
    event = acted(actor, now, EventType.DEFINITION_REWRITTEN, root_of(new), details)
    work.events.record(event)
    return new_hash
