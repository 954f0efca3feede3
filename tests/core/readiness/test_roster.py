"""Staff by name and role, and their training: the complement counted from the roster, the
untrained found, and bad rows named by their paths."""

from __future__ import annotations

import datetime

from hypothesis import given
from hypothesis import strategies as st

from sandogh.core.definition.geography import Geography
from sandogh.core.definition.problems import Problem
from sandogh.core.readiness import (
    COMPLEMENT,
    Session,
    SessionKind,
    Staffing,
    StaffRole,
    Worker,
    attended,
    session_problems,
    worker_problems,
)
from sandogh.core.readiness.roster import staffing_of, untrained
from tests.core.readiness.kerman import ELECTION_DAY, KERMAN, STATIONS

GEOGRAPHY = Geography.of(ELECTION_DAY)
STATION = STATIONS[0]
HEAD = Worker(STATION, "2980001111", "مریم احمدی", StaffRole.HEAD)
SECRETARY = Worker(STATION, "2980002222", "علی رضایی", StaffRole.SECRETARY)
USER = Worker(STATION, "2980003333", "زهرا کریمی", StaffRole.SYSTEM_USER)
TRAINING = Session(
    1,
    SessionKind.TRAINING,
    datetime.date(2024, 6, 20),
    "فرمانداری کرمان",
    "آموزش اعضای شعب",
    (HEAD.person, SECRETARY.person),
)
BRIEFING = Session(
    2,
    SessionKind.BRIEFING,
    datetime.date(2024, 7, 1),
    "سالن شهیدان نژاد فلاح",
    "نشست توجیهی",
    (USER.person,),
)


def test_the_complement_is_the_laws_five_members_the_governors_representative_and_a_user() -> None:
    members = sum(COMPLEMENT[r] for r in (StaffRole.HEAD, StaffRole.SECRETARY, StaffRole.MEMBER))
    assert members == 5
    assert COMPLEMENT[StaffRole.GOVERNOR_REP] == COMPLEMENT[StaffRole.SYSTEM_USER] == 1
    assert "inspector" not in {r.value for r in StaffRole}  # observers are not staff


def test_a_briefing_is_recorded_per_person_but_only_training_trains() -> None:
    workers = [HEAD, SECRETARY, USER]
    assert untrained(workers, [TRAINING, BRIEFING]) == (USER,)
    assert list(attended(USER.person, [TRAINING, BRIEFING])) == [BRIEFING]
    assert staffing_of(workers, [TRAINING, BRIEFING]) == (
        Staffing(STATION, StaffRole.HEAD, 1, 1),
        Staffing(STATION, StaffRole.SECRETARY, 1, 1),
        Staffing(STATION, StaffRole.SYSTEM_USER, 1, 0),
    )


def test_a_worker_at_no_station_with_a_bad_code_and_name_is_refused_on_every_count() -> None:
    bad = Worker(KERMAN, "29 80", " مریم", StaffRole.MEMBER)
    assert worker_problems(GEOGRAPHY, bad) == [
        Problem("station", f"{KERMAN} is not a polling station"),
        Problem("person", "'29 80' is not a code of 1–40 letters and digits"),
        Problem("name", "the name begins or ends with spaces"),
    ]
    assert worker_problems(GEOGRAPHY, HEAD) == []


def test_a_session_names_only_people_of_the_roster_once_each() -> None:
    bad = Session(
        0, SessionKind.TRAINING, TRAINING.held, " ", "x\x00", ("nobody", HEAD.person, HEAD.person)
    )
    assert session_problems(bad, [HEAD.person]) == [
        Problem("number", "is not positive: 0"),
        Problem("place", "is empty"),
        Problem("topic", "is not one line of at most 200"),
        Problem("attendees[0]", "nobody is not on any station's roster"),
        Problem("attendees[2]", f"{HEAD.person} is named twice"),
    ]
    assert session_problems(TRAINING, [HEAD.person, SECRETARY.person]) == []


def test_a_persian_name_with_the_zero_width_non_joiner_is_a_name() -> None:
    worker = Worker(STATION, "2980004444", "علی‌اکبر شاه‌محمدی", StaffRole.MEMBER)
    assert worker_problems(GEOGRAPHY, worker) == []


@given(
    placed=st.lists(
        st.tuples(st.sampled_from(STATIONS), st.sampled_from(StaffRole), st.booleans()),
        max_size=30,
    )
)
def test_the_roster_counts_every_person_once_and_never_more_trained_than_named(
    placed: list[tuple[str, StaffRole, bool]],
) -> None:
    workers = [Worker(s, f"p{i}", f"کارمند {i}", r) for i, (s, r, _) in enumerate(placed)]
    taught = tuple(w.person for w, (_, _, t) in zip(workers, placed, strict=True) if t)
    sessions = [Session(1, SessionKind.TRAINING, TRAINING.held, "کرمان", "آموزش", taught)]
    rows = staffing_of(workers, sessions)
    assert sum(r.assigned for r in rows) == len(workers)
    assert (
        sum(r.trained for r in rows)
        == len(taught)
        == len(workers) - len(untrained(workers, sessions))
    )
    assert all(r.trained <= r.assigned for r in rows)
