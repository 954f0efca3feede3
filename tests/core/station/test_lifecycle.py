import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sandogh.core.station.lifecycle import (
    ALLOWED,
    NEXT_PHASE,
    Action,
    ActionRefusedError,
    Close,
    Count,
    Event,
    Extend,
    Open,
    Phase,
    Report,
    ReportAgain,
    StartVoting,
    StationState,
    require,
    transition,
)

ZERO = "a" * 64
REPORT = "b" * 64
SIGNED_AGAIN = "c" * 64
HOURS = datetime.timedelta(hours=1)
ORDER = list(Phase)


def _event(action: Action) -> Event:
    """A well-formed event for each action that is one."""
    events: dict[Action, Event] = {
        Action.OPEN: Open(ZERO),
        Action.START_VOTING: StartVoting(),
        Action.EXTEND: Extend(),
        Action.CLOSE: Close(),
        Action.COUNT: Count(),
        Action.REPORT: Report(REPORT),
        Action.REPORT_AGAIN: ReportAgain(SIGNED_AGAIN),
    }
    return events[action]


EVENT_ACTIONS = {*NEXT_PHASE, Action.EXTEND, Action.REPORT_AGAIN}


def _in(phase: Phase) -> StationState:
    state = StationState()
    day: list[Event] = [Open(ZERO), StartVoting(), Close(), Count(), Report(REPORT)]
    for event in day:
        if state.phase == phase:
            return state
        state = transition(state, event)
    return state


def test_the_day_of_a_station_extended_twice_to_midnight() -> None:
    state = StationState()
    assert state.phase == Phase.SET_UP
    state = transition(state, Open(ZERO))
    assert (state.phase, state.zero_report) == (Phase.OPEN, ZERO)
    state = transition(state, StartVoting())
    for _ in range(2):  # 2024: from 20:00 to midnight in 2-hour steps
        state = transition(state, Extend())
    assert (state.phase, state.extended_by) == (Phase.VOTING, 4 * HOURS)
    require(state, Action.CHECK_IN)
    require(state, Action.CAST)
    state = transition(state, Close())
    state = transition(state, Count())
    state = transition(state, Report(REPORT))
    assert state == StationState(Phase.REPORTED, ZERO, 4 * HOURS, REPORT)


def test_the_phases_come_in_order_each_by_one_action() -> None:
    leads = sorted(NEXT_PHASE.items(), key=lambda item: ORDER.index(item[1]))
    for index, (action, phase) in enumerate(leads, start=1):
        assert ORDER[index] == phase
        assert action in ALLOWED[ORDER[index - 1]]


@pytest.mark.parametrize("phase", list(Phase))
@pytest.mark.parametrize("action", list(Action))
def test_every_action_outside_its_phase_is_refused_naming_both(
    phase: Phase, action: Action
) -> None:
    state = _in(phase)
    if action in ALLOWED[phase]:
        require(state, action)
        return
    with pytest.raises(ActionRefusedError) as refused:
        require(state, action)
    assert (refused.value.phase, refused.value.action) == (phase, action)
    assert str(refused.value).startswith(f"station is {phase}: cannot {action}: it allows ")
    if action in EVENT_ACTIONS:
        with pytest.raises(ActionRefusedError):
            transition(state, _event(action))


def test_a_refusal_lists_what_is_allowed() -> None:
    with pytest.raises(
        ActionRefusedError, match=r"^station is closed: cannot check-in: it allows only count$"
    ):
        require(_in(Phase.CLOSED), Action.CHECK_IN)
    with pytest.raises(
        ActionRefusedError, match=r"^station is reported: cannot cast: it allows only report-again$"
    ):
        require(_in(Phase.REPORTED), Action.CAST)
    with pytest.raises(ActionRefusedError, match=r"station is set-up: cannot start-voting"):
        transition(StationState(), StartVoting())


def test_checking_in_and_casting_only_while_voting() -> None:
    voting = {phase for phase in Phase if Action.CHECK_IN in ALLOWED[phase]}
    assert voting == {phase for phase in Phase if Action.CAST in ALLOWED[phase]} == {Phase.VOTING}


@pytest.mark.parametrize("digest", ["", "0" * 63, "A" * 64, "g" * 64, "0" * 65])
def test_opening_needs_the_digest_of_the_zero_report(digest: str) -> None:
    with pytest.raises(ActionRefusedError, match="is not a SHA-256 hex digest"):
        transition(StationState(), Open(digest))
    with pytest.raises(ActionRefusedError, match="station is counted: cannot report"):
        transition(_in(Phase.COUNTED), Report(digest))


def test_a_report_the_centre_refused_is_signed_again_and_the_station_stays_reported() -> None:
    reported = _in(Phase.REPORTED)
    again = transition(reported, ReportAgain(SIGNED_AGAIN))
    assert again == StationState(Phase.REPORTED, ZERO, datetime.timedelta(0), SIGNED_AGAIN)
    assert transition(again, ReportAgain(REPORT)).report == REPORT  # refused again, signed again
    assert reported.report == REPORT  # a new state: the one it came from is unchanged


@pytest.mark.parametrize("phase", [p for p in Phase if p is not Phase.REPORTED])
def test_only_a_reported_station_signs_its_report_again(phase: Phase) -> None:
    with pytest.raises(ActionRefusedError, match=f"station is {phase}: cannot report-again"):
        transition(_in(phase), ReportAgain(SIGNED_AGAIN))


@pytest.mark.parametrize("digest", ["", "0" * 63, "A" * 64, "g" * 64])
def test_a_report_signed_again_is_named_by_its_digest(digest: str) -> None:
    with pytest.raises(ActionRefusedError, match="is not a SHA-256 hex digest"):
        transition(_in(Phase.REPORTED), ReportAgain(digest))


@pytest.mark.parametrize("by", [datetime.timedelta(0), -HOURS])
def test_an_extension_must_be_positive(by: datetime.timedelta) -> None:
    with pytest.raises(ActionRefusedError, match="an extension must be positive"):
        transition(_in(Phase.VOTING), Extend(by))


def test_transition_makes_a_new_state() -> None:
    state = StationState()
    transition(state, Open(ZERO))
    assert state == StationState()


events = st.one_of(
    st.builds(Open, st.sampled_from([ZERO, "not a digest"])),
    st.just(StartVoting()),
    st.builds(Extend, st.sampled_from([2 * HOURS, HOURS, datetime.timedelta(0)])),
    st.just(Close()),
    st.just(Count()),
    st.builds(Report, st.sampled_from([REPORT, ""])),
    st.builds(ReportAgain, st.sampled_from([SIGNED_AGAIN, REPORT, "x"])),
)


def _well_formed(event: Event) -> bool:
    match event:
        case Open(zero_report=digest) | Report(report=digest) | ReportAgain(report=digest):
            return digest in {ZERO, REPORT, SIGNED_AGAIN}
        case Extend(by=by):
            return by > datetime.timedelta(0)
        case _:
            return True


@given(st.lists(events, max_size=40))
def test_random_events_never_reach_a_phase_out_of_order(sequence: list[Event]) -> None:
    state = StationState()
    accepted: list[Event] = []
    for event in sequence:
        if event.action not in ALLOWED[state.phase] or not _well_formed(event):
            with pytest.raises(ActionRefusedError) as refused:
                transition(state, event)
            assert (refused.value.phase, refused.value.action) == (state.phase, event.action)
            continue
        after = transition(state, event)
        step = ORDER.index(after.phase) - ORDER.index(state.phase)
        assert step == (1 if event.action in NEXT_PHASE else 0)
        assert event.action in ALLOWED[state.phase]
        accepted.append(event)
        state = after
    reached = [NEXT_PHASE[e.action] for e in accepted if e.action in NEXT_PHASE]
    assert reached == ORDER[1 : ORDER.index(state.phase) + 1]
    assert (state.zero_report is not None) is (state.phase != Phase.SET_UP)
    assert (state.report is not None) is (state.phase == Phase.REPORTED)
    signed = [e.report for e in accepted if isinstance(e, Report | ReportAgain)]
    assert state.report == (signed[-1] if signed else None)  # the last signed supersedes
    extensions = [e.by for e in accepted if isinstance(e, Extend)]
    assert state.extended_by == sum(extensions, datetime.timedelta(0))
