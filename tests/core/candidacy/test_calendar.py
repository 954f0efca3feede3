import dataclasses
import datetime

import pytest

from sandogh.core.candidacy.calendar import (
    Calendar,
    Kind,
    OutsideWindowError,
    Schedule,
    Stage,
    Window,
    calendar_problems,
    polling_window,
    require,
    require_polling,
)

D = datetime.date


def runoff(*windows: Window, extensions: tuple[datetime.time, ...] = ()) -> Schedule:
    return Schedule(Kind.PARLIAMENT, 2, ("majlis",), windows, datetime.time(18), extensions)


# 1403 Majlis runoff (seeds/002): names 11 Ordibehesht, campaign 13–20 Ordibehesht to 08:00,
# polling 21 Ordibehesht = 10 May 2024.
RUNOFF = (
    Window(Stage.FINAL_LIST, D(2024, 4, 30), D(2024, 4, 30)),
    Window(Stage.CAMPAIGN, D(2024, 5, 2), D(2024, 5, 9), datetime.time(8)),
    Window(Stage.SILENCE, D(2024, 5, 9), D(2024, 5, 9)),
    Window(Stage.POLLING, D(2024, 5, 10), D(2024, 5, 10)),
    Window(Stage.RESULTS, D(2024, 5, 11), D(2024, 5, 12)),
    Window(Stage.COMPLAINTS, D(2024, 5, 13), D(2024, 5, 19)),
)


def test_the_runoff_of_the_seeds_is_a_valid_calendar() -> None:
    assert calendar_problems(Calendar("r", (runoff(*RUNOFF),))) == ()


def test_every_problem_is_named_with_its_path() -> None:
    final, campaign, silence, polling, results, _ = RUNOFF
    bad = runoff(
        final,
        dataclasses.replace(campaign, closes=None),  # so the silence day overlaps it
        silence,
        results,  # before polling: out of order
        polling,
        dataclasses.replace(final, stage=Stage.CAMPAIGN, last=D(2024, 4, 1)),
        extensions=(datetime.time(17),),
    )
    found = {(p.path, p.message.split(" ")[0]) for p in calendar_problems(Calendar("r", (bad,)))}
    assert found == {
        ("schedules[0].stages[2].first", "silence"),  # overlaps the campaign
        ("schedules[0].stages[4].stage", "polling"),  # out of order
        ("schedules[0].stages[5].last", "campaign:"),  # ends before it starts
        ("schedules[0].stages[5].stage", "campaign"),  # twice, and out of order
        ("schedules[0].stages", "parliament"),  # complaints missing
        ("schedules[0].extensions[0]", "17:00"),  # does not extend 18:00
    }


def test_a_first_round_needs_its_vetting_stages_and_a_contest_is_scheduled_once() -> None:
    first = Schedule(Kind.PARLIAMENT, 1, ("majlis",), RUNOFF)
    again = Schedule(Kind.PRESIDENT, 1, ("majlis",), RUNOFF)
    found = calendar_problems(Calendar("e", (first, again)))
    assert [p.path for p in found] == [
        "schedules[0].stages",
        "schedules[1].contests",
        "schedules[1].stages",
    ]
    assert "registration, executive-review, supervisory-review" in found[0].message
    assert found[2].message.endswith("lacks: registration, supervisory-review")


def test_require_refuses_a_day_outside_the_window_naming_stage_and_window() -> None:
    schedule = runoff(*RUNOFF)
    campaign = require(schedule, "majlis", Stage.CAMPAIGN, D(2024, 5, 9), datetime.time(7, 59))
    assert campaign.stage is Stage.CAMPAIGN
    with pytest.raises(OutsideWindowError) as refused:
        require(schedule, "majlis", Stage.CAMPAIGN, D(2024, 5, 9), datetime.time(8))
    assert refused.value.window == RUNOFF[1]
    assert "2024-05-02 to 2024-05-09 until 08:00" in str(refused.value)
    with pytest.raises(OutsideWindowError) as no_stage:
        require(schedule, "majlis", Stage.REGISTRATION, D(2024, 5, 1))
    assert no_stage.value.window is None


def test_polling_closes_at_the_last_extension_else_at_the_usual_hour() -> None:
    usual = runoff(*RUNOFF)
    extended = runoff(*RUNOFF, extensions=(datetime.time(20), datetime.time(22)))
    assert polling_window(usual) == dataclasses.replace(RUNOFF[3], closes=datetime.time(18))
    require_polling(extended, "majlis", D(2024, 5, 10), datetime.time(21, 59))
    with pytest.raises(OutsideWindowError, match="until 22:00"):
        require_polling(extended, "majlis", D(2024, 5, 10), datetime.time(22))
    with pytest.raises(OutsideWindowError, match="until 18:00"):
        require_polling(usual, "majlis", D(2024, 5, 10), datetime.time(18, 30))
    with pytest.raises(OutsideWindowError, match="2024-05-10 to 2024-05-10"):
        require_polling(extended, "majlis", D(2024, 5, 11), datetime.time(9))
