import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sandogh.core.voters.eligibility import (
    Ineligibility,
    RegistryRecord,
    eligibility,
    of_age_on,
)
from sandogh.core.voters.national_code import NationalCode

CODE = NationalCode("0013542419")
RUNOFF_DAY = datetime.date(2024, 7, 5)  # the 2024 presidential runoff


def _record(born: datetime.date, *, alive: bool = True, citizen: bool = True) -> RegistryRecord:
    return RegistryRecord(CODE, born, alive, citizen)


def test_eighteen_on_election_day_votes_a_day_younger_does_not() -> None:
    assert eligibility(_record(datetime.date(2006, 7, 5)), RUNOFF_DAY).eligible
    too_young = eligibility(_record(datetime.date(2006, 7, 6)), RUNOFF_DAY)
    assert too_young.reasons == (Ineligibility.UNDER_AGE,)
    assert too_young.of_age_on == datetime.date(2024, 7, 6)
    assert not too_young.eligible


@pytest.mark.parametrize(
    ("election_day", "eligible"),
    [
        (datetime.date(2022, 2, 28), False),  # the 18th year has not yet run out
        (datetime.date(2022, 3, 1), True),
    ],
)
def test_born_on_29_february_of_age_on_1_march(election_day: datetime.date, eligible: bool) -> None:
    # 18 is not a multiple of 4, so the 18th birthday of someone born on 29 February always falls
    # in a common year.
    born = datetime.date(2004, 2, 29)
    assert of_age_on(born, 18) == datetime.date(2022, 3, 1)
    assert eligibility(_record(born), election_day).eligible is eligible


def test_born_on_29_february_of_age_on_29_february_of_a_leap_year() -> None:
    born = datetime.date(2004, 2, 29)
    assert of_age_on(born, 20) == datetime.date(2024, 2, 29)
    assert not eligibility(_record(born), datetime.date(2024, 2, 28), voting_age=20).eligible
    assert eligibility(_record(born), datetime.date(2024, 2, 29), voting_age=20).eligible


def test_every_reason_is_given() -> None:
    result = eligibility(_record(datetime.date(2010, 1, 1), alive=False, citizen=False), RUNOFF_DAY)
    assert result.reasons == (
        Ineligibility.UNDER_AGE,
        Ineligibility.DEAD,
        Ineligibility.NOT_CITIZEN,
    )
    assert (result.national_code, result.election_day) == (CODE, RUNOFF_DAY)


@pytest.mark.parametrize(
    ("alive", "citizen", "reasons"),
    [
        (False, True, (Ineligibility.DEAD,)),
        (True, False, (Ineligibility.NOT_CITIZEN,)),
        (True, True, ()),
    ],
)
def test_the_dead_and_foreigners_do_not_vote(
    alive: bool, citizen: bool, reasons: tuple[Ineligibility, ...]
) -> None:
    adult = _record(datetime.date(1960, 1, 1), alive=alive, citizen=citizen)
    assert eligibility(adult, RUNOFF_DAY).reasons == reasons


@given(st.dates(datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)), st.integers(0, 120))
def test_of_age_is_the_anniversary_or_1_march(born: datetime.date, years: int) -> None:
    day = of_age_on(born, years)
    assert day.year == born.year + years
    if (born.month, born.day) == (2, 29) and day.month == 3:
        assert day == datetime.date(born.year + years, 3, 1)
        assert (day - datetime.timedelta(days=1)).day == 28
    else:
        assert (day.month, day.day) == (born.month, born.day)


@given(
    st.dates(datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)),
    st.dates(datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)),
)
def test_eligible_from_the_day_of_age_on_never_before(
    born: datetime.date, election_day: datetime.date
) -> None:
    result = eligibility(_record(born), election_day)
    assert result.eligible is (election_day >= result.of_age_on)
    assert result.eligible is (election_day >= of_age_on(born, 18))
