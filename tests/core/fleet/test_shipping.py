"""Shipping (`core.fleet.shipping`): national → province → county → station, in order only."""

import datetime

import pytest

from sandogh.core.definition.geography import Geography
from sandogh.core.fleet import STEPS, Handover, ShippingError, Step, check_handover

from ..readiness.kerman import BARDSIR, ELECTION_DAY, KERMAN, KERMAN_STATIONS, PROVINCE

AT = datetime.datetime(2024, 6, 20, 9, 0, tzinfo=datetime.UTC)
GEOGRAPHY = Geography.of(ELECTION_DAY)
PLACES = ("IR", PROVINCE, PROVINCE, KERMAN, KERMAN, *(KERMAN_STATIONS[0],) * 3)


def _chain(n: int) -> list[Handover]:
    return [Handover("SB-1", s, p, "x", AT) for s, p in zip(STEPS[:n], PLACES, strict=False)]


def test_the_whole_chain_in_order_is_taken() -> None:
    done: list[Handover] = []
    for handover in _chain(len(STEPS)):
        check_handover(GEOGRAPHY, done, handover)
        done.append(handover)


@pytest.mark.parametrize("n", range(len(STEPS)))
def test_any_step_but_the_next_is_refused_naming_the_box_and_the_step(n: int) -> None:
    done = _chain(n)
    for step in STEPS:
        if step is STEPS[n]:
            continue
        with pytest.raises(ShippingError) as refused:
            check_handover(GEOGRAPHY, done, Handover("SB-1", step, PLACES[n], "x", AT))
        assert refused.value.serial == "SB-1"
        assert refused.value.expected is STEPS[n]
        assert "SB-1" in str(refused.value)
        assert STEPS[n].value in str(refused.value)


def test_a_box_goes_only_where_its_holder_sends_it() -> None:
    with pytest.raises(ShippingError) as elsewhere:  # Bardsir is not the station's county
        check_handover(GEOGRAPHY, _chain(3), Handover("SB-1", Step.SENT_TO_COUNTY, "IR", "x", AT))
    assert [p.path for p in elsewhere.value.problems] == ["place"]
    sent = _chain(5)
    with pytest.raises(ShippingError):  # received at a county it was not sent to
        check_handover(
            GEOGRAPHY, sent[:4], Handover("SB-1", Step.RECEIVED_BY_COUNTY, BARDSIR, "x", AT)
        )
    from_bardsir = [*sent[:3], Handover("SB-1", Step.SENT_TO_COUNTY, BARDSIR, "x", AT)]
    from_bardsir.append(Handover("SB-1", Step.RECEIVED_BY_COUNTY, BARDSIR, "x", AT))
    with pytest.raises(ShippingError):  # a county sends only to its own stations
        check_handover(
            GEOGRAPHY,
            from_bardsir,
            Handover("SB-1", Step.SENT_TO_STATION, KERMAN_STATIONS[0], "x", AT),
        )
