"""A stored decision is held to the log entry it names: there, sealed, and recording it."""

from __future__ import annotations

import dataclasses
import datetime

from sandogh.core.access import Grant, Role
from sandogh.core.log import Checkpoint, Disposition, Event, EventType, chain
from sandogh.core.supervision import Certification, Decision, StationVoid, Undoing, void_json
from sandogh.core.supervision.recorded import (
    certification_unrecorded,
    undoing_unrecorded,
    void_unrecorded,
)

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


MADE = Certification(
    "e", "president", None, "hoseini", Grant(Role.SUPERVISOR, "IR"), AT, "d", "بررسی شد", "۱۲"
)
CERTIFIED = chain(
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
            "reason": "بررسی شد",
            "reference": "۱۲",
            "acting_at": "IR",
        },
    ),
)
UNDONE = Undoing(MADE, "dovom", "supervisor", "IR", AT, "شکایت", "۱۳")
UNDOING = chain(
    CERTIFIED,
    Event(
        AT,
        "dovom",
        "supervisor",
        "IR",
        EventType.CERTIFICATION_UNDONE,
        Disposition.DONE,
        {
            "election": "e",
            "contest": "president",
            "constituency": None,
            "digest": "d",
            "certified_by": "hoseini",
            "certified_as": "supervisor at IR",
            "certification": 1,
            "reason": "شکایت",
            "reference": "۱۳",
            "acting_at": "IR",
        },
    ),
)


def test_a_certification_is_held_to_its_reason_reference_and_role() -> None:
    logged = Checkpoint(1, CERTIFIED.hash)
    assert certification_unrecorded(logged, CERTIFIED, MADE) is None
    blanked = dataclasses.replace(MADE, reason="")
    assert certification_unrecorded(logged, CERTIFIED, blanked) == (
        "entry 1 records reason 'بررسی شد', not None"
    )
    other = dataclasses.replace(MADE, grant=Grant(Role.NATIONAL_HQ, "IR"))
    assert certification_unrecorded(logged, CERTIFIED, other) == (
        "entry 1 was recorded in the role supervisor, not national-hq"
    )


def test_an_undoing_is_held_to_its_own_entry_naming_the_certifications() -> None:
    certified, logged = Checkpoint(1, CERTIFIED.hash), Checkpoint(2, UNDOING.hash)
    assert undoing_unrecorded(logged, UNDOING, UNDONE, certified) is None
    assert undoing_unrecorded(None, None, UNDONE, certified) == "it names no log entry"
    assert undoing_unrecorded(certified, CERTIFIED, UNDONE, certified) == (
        "entry 1 records result-certified (done), not certification-undone"
    )
    for changed, why in (
        ({"reason": "به خواست نامزد"}, "entry 2 records reason 'شکایت', not 'به خواست نامزد'"),
        ({"by": "sevom"}, "entry 2 was recorded by dovom at"),
        ({"place": "IR-08"}, "entry 2 records acting_at 'IR', not 'IR-08'"),
        ({"role": ""}, "entry 2 was recorded in the role supervisor, not "),
    ):
        found = undoing_unrecorded(
            logged, UNDOING, dataclasses.replace(UNDONE, **changed), certified
        )
        assert found is not None
        assert found.startswith(why)
    # the entry undid the certification of entry 1, not of another with the same scope and digest
    assert undoing_unrecorded(logged, UNDOING, UNDONE, Checkpoint(5, "x")) == (
        "entry 2 undoes the certification of entry 1, not of entry 5"
    )
    # an entry written before undoings named the certification and the reference
    details = {
        k: v for k, v in UNDOING.event.details.items() if k not in {"certification", "reference"}
    }
    before = chain(CERTIFIED, dataclasses.replace(UNDOING.event, details=details))
    earlier = dataclasses.replace(UNDONE, reference="")
    assert undoing_unrecorded(Checkpoint(2, before.hash), before, earlier, certified) is None
