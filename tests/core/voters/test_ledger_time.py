import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sandogh.core.voters.ledger_time import check_in_hour, offline_tag

IRST = datetime.timezone(datetime.timedelta(hours=3, minutes=30))
SECRET = b"s" * 32


def test_a_check_in_is_kept_as_the_start_of_its_hour_of_tehran() -> None:
    moment = datetime.datetime(2024, 7, 5, 8, 47, 13, 5, tzinfo=IRST)  # 05:17 UTC
    assert check_in_hour(moment) == datetime.datetime(2024, 7, 5, 8, tzinfo=IRST)  # 04:30 UTC
    later = datetime.datetime(2024, 7, 5, 5, 40, tzinfo=datetime.UTC)  # 09:10 in Tehran
    assert check_in_hour(later) == datetime.datetime(2024, 7, 5, 9, tzinfo=IRST)
    with pytest.raises(ValueError, match="no time zone"):
        check_in_hour(datetime.datetime(2024, 7, 5, 8))  # noqa: DTZ001 (the fault under test)


@given(st.datetimes(timezones=st.just(datetime.UTC)))
def test_the_hour_holds_the_moment_and_is_no_finer(moment: datetime.datetime) -> None:
    hour = check_in_hour(moment)
    assert hour <= moment < hour + datetime.timedelta(hours=1)
    assert hour.tzinfo is datetime.UTC
    assert (hour.astimezone(IRST).minute, hour.second, hour.microsecond) == (0, 0, 0)


def test_the_tag_tells_moments_apart_and_the_same_moment_in_any_zone_alike() -> None:
    moment = datetime.datetime(2024, 7, 5, 8, 47, 13, 5, tzinfo=IRST)
    tag = offline_tag(SECRET, "k", moment)
    assert tag == offline_tag(SECRET, "k", moment.astimezone(datetime.UTC))
    assert tag != offline_tag(SECRET, "k", moment + datetime.timedelta(microseconds=1))
    assert tag != offline_tag(b"t" * 32, "k", moment)  # keyed: no secret, no test of moments
    assert tag != offline_tag(SECRET, "other", moment)
