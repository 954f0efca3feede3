"""Every failure the kiosk can meet is said in words, Persian and English (issue 13): each refusal
the box can give is walked, and pages that meet them over HTTP carry no machine word and no
exception text."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from sandogh.core.candidacy.calendar import OutsideWindowError, Stage
from sandogh.core.definition.model import VotingMode
from sandogh.core.definition.problems import Problem
from sandogh.core.errors import SandoghError
from sandogh.core.report import StaffRole
from sandogh.core.station.lifecycle import ALLOWED, Action, ActionRefusedError, Phase
from sandogh.locale.messages import text
from sandogh.station.errors import (
    AlreadyEnrolledError,
    BallotFlowError,
    BallotFlowRefusal,
    BallotRejectedError,
    CardRefusal,
    CardRefusedError,
    CentreAnswerError,
    EnrolmentDocumentError,
    EntryError,
    NotEnrolledError,
    PaperAccountError,
    QrError,
    StaffKeyError,
    StaffKeyRefusal,
    StationError,
    StationFilesError,
)
from sandogh.station.polling_days import OutsidePollingError
from sandogh.station.ports import CentreRefusedError, CentreUnreachableError
from sandogh.station.voting_mode import ModeNotApprovedError
from sandogh.station.web.error_words import EN, FA, error_key, error_text
from tests.station.build import national_code
from tests.station.web.kiosk_build import Kiosk, client, csrf_of, http_log_in, serving, voting_kiosk

PROBLEM = [Problem("contests.president", "an-english-detail")]
#: Every refusal of an action by the station's phase.
PHASE_REFUSALS = [
    ActionRefusedError(phase, action, "it allows nothing")
    for phase in Phase
    for action in Action
    if action not in ALLOWED[phase]
]
#: One failure of every kind the kiosk's screens can meet, each refusal reason of each.
FAILURES: list[SandoghError] = [
    *PHASE_REFUSALS,
    *(CardRefusedError(reason) for reason in CardRefusal),
    *(BallotFlowError(reason) for reason in BallotFlowRefusal),
    *(StaffKeyError(reason, PROBLEM) for reason in StaffKeyRefusal),
    ModeNotApprovedError(VotingMode.ELECTRONIC, ("president",)),
    OutsidePollingError(
        OutsideWindowError("president", Stage.POLLING, None, datetime.date(2024, 6, 28))
    ),
    CentreRefusedError("unapproved-build", "the build is not approved"),
    CentreRefusedError("no-such-reason-yet", "something new"),
    CentreUnreachableError("connection refused"),
    BallotRejectedError(PROBLEM),
    NotEnrolledError(),
    AlreadyEnrolledError("2024-president", "0001"),
    EnrolmentDocumentError(PROBLEM),
    CentreAnswerError(PROBLEM),
    PaperAccountError(PROBLEM),
    EntryError("the sheets differ", PROBLEM),
    StationFilesError("the key file is world-readable"),
    QrError(PROBLEM),
    StationError("a failure of a kind yet to come"),
]
LATIN = re.compile(r"[A-Za-z]")


@pytest.mark.parametrize("failure", FAILURES, ids=lambda f: f"{type(f).__name__}:{f}"[:60])
def test_every_failure_is_said_in_persian_and_english_words(failure: SandoghError) -> None:
    fa = error_text(failure, "fa", lambda contest: {"president": "ریاست جمهوری"}[contest])
    en = error_text(failure, "en")
    assert fa
    assert en
    assert fa != en
    assert not LATIN.search(fa.replace("QR", "")), fa  # no English word or machine code
    assert str(failure) not in (fa, en)
    assert "an-english-detail" not in fa + en


def test_each_refusal_has_its_own_words() -> None:
    """The table names each reason: none falls through to the general words unless unknown."""
    # the last: a kind yet to come; the window's refusal is said with its stage and window
    said = {error_key(f) for f in FAILURES[:-1] if not isinstance(f, OutsidePollingError)}
    assert "kiosk_error_other" not in said
    assert error_key(FAILURES[-1]) == "kiosk_error_other"
    own = {k for k in said if k in FA}
    assert own == set(FA) - {"kiosk_error_other"}
    assert FA.keys() == EN.keys()
    for reason in StaffKeyRefusal:  # said by the main catalogue, in both languages
        assert text(reason.value, "fa") != text(reason.value, "en")


def test_a_voter_in_the_booth_when_voting_ends_is_told_to_ask_the_staff() -> None:
    for action in (Action.CAST, Action.CHECK_IN):
        for phase in (Phase.CLOSED, Phase.COUNTED, Phase.REPORTED):
            said = error_text(ActionRefusedError(phase, action, ""), "fa")
            assert said is not None
            assert "پایان یافته" in said
    said = error_text(ActionRefusedError(Phase.CLOSED, Action.CAST, ""), "fa")
    assert said is not None
    assert "رئیس و اعضای شعبه" in said


@pytest.fixture
def kiosk(tmp_path: Path) -> Iterator[Kiosk]:
    with serving(voting_kiosk(tmp_path)) as served:
        yield served


def test_no_machine_word_reaches_a_page(kiosk: Kiosk) -> None:
    """The staff count before closing and a voter's ballot meets a station closed under them:
    each page says why in the staff's or the voter's words, never the failure's own text."""
    machine = {str(f) for f in FAILURES} | {r.value for r in (*CardRefusal, *BallotFlowRefusal)}
    machine |= {f"cannot {a.value}" for a in Action} | {p.value for p in Phase if "-" in p.value}
    pages: list[str] = []
    with client(kiosk) as staff:
        http_log_in(staff, kiosk.keys[StaffRole.HEAD])
        http_log_in(staff, kiosk.keys[StaffRole.SUPERVISOR])
        csrf = csrf_of(staff.get("/operator").text)
        staff.post("/operator/count", data={"csrf": csrf})
        pages.append(staff.get("/operator").text)
        assert FA["kiosk_early_count"] in pages[-1]
        staff.post("/operator/look-up", data={"csrf": csrf, "national_code": national_code(7)})
        staff.post("/operator/check-in", data={"csrf": csrf})
        token = re.search(r'id="card-token" dir="ltr">([^<]+)<', staff.get("/operator").text)
        assert token is not None
    with client(kiosk) as voter:
        csrf = csrf_of(voter.get("/vote").text)
        voter.post("/vote", data={"csrf": csrf, "token": token.group(1)})
        for code in ("25", "", "31", ""):  # a code, then on to the next contest; then review
            voter.post("/vote", data={"csrf": csrf, "key": "code", "code": code})
        kiosk.box.close()  # the staff close the station while the voter is in the booth
        for _ in range(2):
            voter.post("/vote", data={"csrf": csrf, "key": "confirm"})
        pages.append(voter.get("/vote").text)
        assert FA["kiosk_late_cast"] in pages[-1]
    assert kiosk.box.status().records == 0
    for page in pages:
        assert [word for word in machine if word in page] == []
