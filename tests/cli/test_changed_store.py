"""What a read command says over a store changed outside sandogh (the outsider's F2, F3 and F7
of session 24): `results show` (everything, a unit, a contest), `outcome` and `results
check-totals` each refuse, in one line in the command's language, naming what no longer holds;
never "nothing was stored", which a read has no business saying. In-process, as `sandogh` runs."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import Engine, delete, text, update

from sandogh.cli.app import main
from sandogh.core.access import Grant, Role
from sandogh.core.supervision import Decision, StationVoid
from sandogh.services.acting import Actor
from sandogh.services.certifications import certify
from sandogh.services.voids import void
from sandogh.store.engine import make_engine
from sandogh.store.tables import VoidRow
from sandogh.store.unit_of_work import SqlUnitOfWork
from tests.cli.test_supervise import db  # noqa: F401 (the loaded store, a fixture)
from tests.services.build import LATER, ROUND_2, ST_1, ST_3
from tests.services.test_supervision import CERTIFYING, SUPERVISOR
from tests.store.rewritten import move_a_vote

NATIONAL = Actor("tehrani", Grant(Role.SUPERVISOR, "IR"))
LATIN = re.compile(r"[A-Za-z]{3,}")
READS = (
    ("results", "show"),
    ("results", "show", "--unit", "IR-08-0801"),
    ("results", "show", "--contest", "president"),
    ("outcome",),
    ("results", "check-totals"),
)
Said = Callable[..., tuple[int, str]]


@pytest.fixture
def sandogh(db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Said:  # noqa: F811
    def run(*args: str) -> tuple[int, str]:
        monkeypatch.setattr(sys, "argv", ["sandogh", *args, "--db", db])
        with pytest.raises(SystemExit) as ended:
            main()
        return int(ended.value.code or 0), capsys.readouterr().err

    return run


@pytest.fixture
def engine(db: str) -> Iterator[Engine]:  # noqa: F811
    made = make_engine(db)
    yield made
    made.dispose()


def _refused(sandogh: Said, reads: tuple[tuple[str, ...], ...], persian: str, english: str) -> None:
    for args in reads:
        code, said = sandogh(*args)
        (line,) = said.splitlines()
        assert (code, persian in line) == (1, True), (args, said)
        assert LATIN.search(line.replace("sandogh", "")) is None, line
        assert "ذخیره نشد" not in line
    code, said = sandogh(*reads[0], "--lang", "en")
    assert code == 1
    assert english in said


def test_a_certified_result_rewritten_consistently_is_refused_by_every_read(
    sandogh: Said, engine: Engine
) -> None:
    certify(
        lambda: SqlUnitOfWork(engine, now=LATER),
        NATIONAL,
        ROUND_2,
        "president",
        **CERTIFYING,
        now=LATER,
    )
    move_a_vote(engine, ST_1)
    _refused(sandogh, READS, "تأیید صحت آن (رویداد", "are not those its certification (log entry")


def _voided(engine: Engine) -> None:
    decided = StationVoid(ST_3, None, Decision("صندوق بی‌مهر", "هیئت ۱۴۰۳/۱۲"))
    void(lambda: SqlUnitOfWork(engine, now=LATER), SUPERVISOR, ROUND_2, decided, now=LATER)


def test_a_deleted_void_is_refused_by_every_read(sandogh: Said, engine: Engine) -> None:
    _voided(engine)
    with engine.begin() as connection:
        connection.execute(delete(VoidRow))
    _refused(sandogh, READS, "ابطال رویداد", "The void of log entry")


def test_a_void_row_that_makes_no_void_is_said_to_be_changed_not_unstored(
    sandogh: Said, engine: Engine
) -> None:
    """F7's last bullet: the parts of a constituency void with no constituency's contest."""
    _voided(engine)
    with engine.begin() as connection:
        connection.execute(
            update(VoidRow).values(kind="constituency", constituency="IR", stations=[])
        )
    _refused(
        sandogh,
        READS,
        "ابطال شماره ۱ در پایگاه داده خوانده نمی‌شود و بیرون از سامانه تغییر کرده است",
        "The stored void 1 does not read as one (the parts stored do not make a constituency",
    )


#: the reads of an uncertified round that read the station's sheet (the others its kept totals)
SHEET_READS = (
    ("results", "show", "--unit", ST_1),
    ("outcome",),
    ("results", "check-totals"),
)


@pytest.mark.parametrize("votes", ['{"21": -5, "25": 22}', '{"21": "abc", "25": 22}', "not json"])
def test_a_sheet_whose_votes_sandogh_never_stores_is_said_to_be_changed(
    sandogh: Said, engine: Engine, votes: str
) -> None:
    """The outsider's N2 of session 25, in an uncertified round: a negative count was counted,
    text or bad JSON failed every read unforeseen, with a traceback file."""
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE tally_sheets SET votes = :votes WHERE station = :station"),
            {"votes": votes, "station": ST_1},
        )
    _refused(
        sandogh,
        SHEET_READS,
        f"صورتجلسه شعبه \u2066{ST_1}\u2069 در پایگاه داده خوانده نمی‌شود و بیرون از سامانه",
        f"The stored tally sheet of {ST_1} does not read as one",
    )


def test_a_sheet_naming_an_unknown_candidate_is_refused_in_the_command_language(
    sandogh: Said, engine: Engine
) -> None:
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE tally_sheets SET votes = :votes WHERE station = :station"),
            {"votes": '{"99": 5}', "station": ST_1},
        )
    reads = (("outcome",), ("results", "check-totals"))
    _refused(sandogh, reads, "نامزدی را نام می‌برد که در حوزه انتخابیه شعبه نامزد نیست", "names a")


def test_a_void_whose_stations_are_not_json_is_said_to_be_changed(
    sandogh: Said, engine: Engine
) -> None:
    _voided(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE voids SET stations = 'not json'"))
    _refused(sandogh, READS, "ابطال شماره ۱ در پایگاه داده خوانده نمی‌شود", "The stored void 1")
