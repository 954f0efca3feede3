"""A stored decision is held to the log entry it names: there, sealed, and recording it."""

from __future__ import annotations

import dataclasses
import datetime

from sandogh.core.access import Grant, Role
from sandogh.core.log import Checkpoint, Disposition, Event, EventType, chain
from sandogh.core.supervision import Certification, Decision, StationVoid, void_json
from sandogh.core.supervision.recorded import certification_unrecorded, void_unrecorded

AT = datetime.datetime(2024, 7, 6, 9, 30, tzinfo=datetime.UTC)
VOID = StationVoid("ST-0801-0001", None, Decision("no seal", "هیات ۷"))
VOIDED = Event(
    AT,
    "hoseini",
    "supervisor",
    "ST-0801-0001",
    EventType.STATION_VOIDED,
    Disposition.DONE,
    {"election": "e", "void": 3, **void_json(VOID), "acting_at": "IR-08"},
)
ENTRY = chain(None, VOIDED)
LOGGED = Checkpoint(ENTRY.sequence, ENTRY.hash)


def _why(logged: Checkpoint | None, entry: object, **changes: object) -> str | None:
    facts: dict[str, object] = {"election": "e", "number": 3, "void": VOID, "by": "hoseini"}
    facts.update(changes)
    return void_unrecorded(logged, entry, at=AT, **facts)  # type: ignore[arg-type]


def test_a_void_its_entry_records_is_believed() -> None:
    assert _why(LOGGED, ENTRY) is None


def test_a_void_without_its_entry_is_refused_with_the_reason() -> None:
    assert _why(None, None) == "it names no log entry"
    assert _why(LOGGED, None) == "the log holds no entry 1"
    assert _why(Checkpoint(1, "0" * 64), ENTRY) == f"entry 1 has hash {ENTRY.hash}, not {'0' * 64}"
    resealed = dataclasses.replace(ENTRY, event=dataclasses.replace(VOIDED, actor="x"))
    assert _why(LOGGED, resealed) == "entry 1 does not hash to the hash it carries"
    assert _why(LOGGED, ENTRY, number=4) == "entry 1 records void 3, not 4"
    assert _why(LOGGED, ENTRY, by="rezaei") is not None


def test_a_certification_is_held_to_a_result_certified_entry() -> None:
    made = Certification("e", "president", None, "hoseini", Grant(Role.SUPERVISOR, "IR"), AT, "d")
    certified = chain(
        None,
        Event(
            AT,
            "hoseini",
            "supervisor",
            "IR",
            EventType.RESULT_CERTIFIED,
            Disposition.DONE,
            {
                "election": "e",
                "contest": "president",
                "constituency": None,
                "digest": "d",
                "acting_at": "IR",
            },
        ),
    )
    logged = Checkpoint(1, certified.hash)
    assert certification_unrecorded(logged, certified, made) is None
    assert certification_unrecorded(LOGGED, ENTRY, made) == (
        "entry 1 records station-voided (done), not result-certified"
    )
    other = dataclasses.replace(made, digest="e")
    assert (
        certification_unrecorded(logged, certified, other) == "entry 1 records digest 'd', not 'e'"
    )
