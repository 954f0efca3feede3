"""The contracts of DeviceRepository and ReportRepository, on the in-memory fake, SQLite and
PostgreSQL: ballot boxes enrolled per election by public key, and signed reports kept once."""

from __future__ import annotations

import dataclasses
import datetime

import pytest

from sandogh.services.ports import Device, StoredReport

from .contract import DUPLICATE, ELECTION, REFUSED, NewUnitOfWork, store_election
from .elections_for_tests import station_code

TEHRAN = datetime.timezone(datetime.timedelta(hours=3, minutes=30))
MORNING = datetime.datetime(2024, 7, 4, 18, 30, 0, 250, tzinfo=TEHRAN)


def device(station: int, key: str, *, hours: int = 0) -> Device:
    return Device(ELECTION, station_code(station), key, MORNING + datetime.timedelta(hours=hours))


def report(
    station: int, kind: str = "final", *, key: str = "k1", body: bytes = b""
) -> StoredReport:
    signed = b'{"format":"sandogh/station-report@1"}\x00\xff' + body
    return StoredReport(
        ELECTION,
        station_code(station),
        kind,
        key,
        f"sha256:{len(signed):064x}",
        signed,
        MORNING + datetime.timedelta(hours=26),
    )


def _enrolled(new_unit_of_work: NewUnitOfWork, *devices: Device) -> None:
    store_election(new_unit_of_work)
    with new_unit_of_work() as uow:
        for each in devices:
            uow.devices.add(each)
        uow.commit()


def test_a_device_comes_back_as_enrolled(new_unit_of_work: NewUnitOfWork) -> None:
    later, first, other = device(1, "k2", hours=2), device(1, "k1"), device(2, "k3")
    _enrolled(new_unit_of_work, later, first, other)
    with new_unit_of_work() as uow:
        assert uow.devices.get(ELECTION, "k1") == first
        assert uow.devices.get(ELECTION, "k9") is None
        assert uow.devices.get("tehran-1403", "k1") is None
        assert uow.devices.of_station(ELECTION, station_code(1)) == [first, later]
        assert uow.devices.of_station(ELECTION, station_code(3)) == []
        assert uow.devices.of_election(ELECTION) == [first, later, other]
        assert uow.devices.of_election("tehran-1403") == []
        # a group of check-ins reads its boxes at once (`services.check_in_batches`)
        assert uow.devices.of_keys(ELECTION, ["k1", "k3", "k9"]) == {"k1": first, "k3": other}
        assert uow.devices.of_keys("tehran-1403", ["k1"]) == {}
        assert uow.devices.of_keys(ELECTION, []) == {}


def test_a_key_is_enrolled_once_per_election(new_unit_of_work: NewUnitOfWork) -> None:
    _enrolled(new_unit_of_work, device(1, "k1"))
    with new_unit_of_work() as uow, pytest.raises(DUPLICATE):
        uow.devices.add(device(2, "k1"))
    store_election(new_unit_of_work, "kerman-1403-r1")
    with new_unit_of_work() as uow:
        uow.devices.add(dataclasses.replace(device(1, "k1"), election="kerman-1403-r1"))
        uow.commit()


def test_a_device_must_be_enrolled_for_a_station_of_the_election(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    store_election(new_unit_of_work)
    with new_unit_of_work() as uow, pytest.raises(REFUSED):
        uow.devices.add(device(4, "k1"))
    with new_unit_of_work() as uow, pytest.raises(REFUSED):
        uow.devices.add(dataclasses.replace(device(1, "k1"), election="tehran-1403"))


def test_a_revocation_keeps_its_first_time(new_unit_of_work: NewUnitOfWork) -> None:
    _enrolled(new_unit_of_work, device(1, "k1"), device(1, "k2"))
    noon = MORNING + datetime.timedelta(hours=17)
    with new_unit_of_work() as uow:
        uow.devices.revoke(ELECTION, "k1", noon)
        assert uow.devices.get(ELECTION, "k1") == dataclasses.replace(
            device(1, "k1"), revoked_at=noon
        )
        uow.commit()
    with new_unit_of_work() as uow:
        uow.devices.revoke(ELECTION, "k1", noon + datetime.timedelta(hours=1))
        uow.commit()
    with new_unit_of_work() as uow:
        assert [d.revoked_at for d in uow.devices.of_station(ELECTION, station_code(1))] == [
            noon,
            None,
        ]


def test_revoking_a_device_not_enrolled_is_refused(new_unit_of_work: NewUnitOfWork) -> None:
    _enrolled(new_unit_of_work, device(1, "k1"))
    with new_unit_of_work() as uow, pytest.raises(REFUSED):
        uow.devices.revoke(ELECTION, "k9", MORNING)


def test_enrolments_rolled_back_are_not_kept(new_unit_of_work: NewUnitOfWork) -> None:
    _enrolled(new_unit_of_work, device(1, "k1"))
    with new_unit_of_work() as uow:
        uow.devices.add(device(2, "k2"))
        uow.devices.revoke(ELECTION, "k1", MORNING)
    with new_unit_of_work() as uow:
        assert uow.devices.get(ELECTION, "k2") is None
        assert uow.devices.get(ELECTION, "k1") == device(1, "k1")


def test_a_report_comes_back_byte_for_byte(new_unit_of_work: NewUnitOfWork) -> None:
    _enrolled(new_unit_of_work, device(1, "k1"), device(2, "k2"))
    written = [report(2, "zero", key="k2"), report(1), report(1, "zero", body=b"\n"), report(2)]
    with new_unit_of_work() as uow:
        for each in written:
            uow.reports.add(dataclasses.replace(each, device=f"k{each.station[-1]}"))
        uow.commit()
    with new_unit_of_work() as uow:
        assert uow.reports.get(ELECTION, station_code(1), "zero") == report(1, "zero", body=b"\n")
        assert uow.reports.get(ELECTION, station_code(3), "zero") is None
        stored = list(uow.reports.all(ELECTION))
        assert [(r.station, r.kind, r.device) for r in stored] == [
            (station_code(1), "final", "k1"),
            (station_code(1), "zero", "k1"),
            (station_code(2), "final", "k2"),
            (station_code(2), "zero", "k2"),
        ]
        assert stored[0] == report(1)
        assert list(uow.reports.all("tehran-1403")) == []
        # whether a group of check-ins' stations' final reports are in, at once
        asked = [station_code(1), station_code(2), station_code(3)]
        assert uow.reports.received_at(ELECTION, asked, "final") == {
            station_code(1): report(1).received_at,
            station_code(2): report(2).received_at,
        }
        assert uow.reports.received_at("tehran-1403", asked, "final") == {}


def test_the_first_report_of_some_stations_is_the_one_received_first(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    _enrolled(new_unit_of_work, device(1, "k1"), device(2, "k2"), device(3, "k3"))
    hour = datetime.timedelta(hours=1)
    with new_unit_of_work() as uow:
        uow.reports.add(dataclasses.replace(report(1, "zero"), received_at=MORNING))
        uow.reports.add(
            dataclasses.replace(report(2, "zero", key="k2"), received_at=MORNING + hour)
        )
        uow.reports.add(report(2, key="k2"))
        uow.commit()
    with new_unit_of_work() as uow:
        first = uow.reports.first
        one, two, three = station_code(1), station_code(2), station_code(3)
        found = first(ELECTION, {one, two})
        assert found is not None
        assert (found.station, found.kind, found.received_at) == (one, "zero", MORNING)
        found = first(ELECTION, {two, three, "IR"})  # units that are no station match nothing
        assert found is not None
        assert (found.station, found.kind) == (two, "zero")
        assert first(ELECTION, {three}) is None
        assert first("tehran-1403", {one}) is None


def test_a_report_is_stored_once_per_station_and_kind(new_unit_of_work: NewUnitOfWork) -> None:
    _enrolled(new_unit_of_work, device(1, "k1"))
    with new_unit_of_work() as uow:
        uow.reports.add(report(1))
        uow.commit()
    with new_unit_of_work() as uow, pytest.raises(DUPLICATE):
        uow.reports.add(report(1, body=b"changed"))
    with new_unit_of_work() as uow:
        assert uow.reports.get(ELECTION, station_code(1), "final") == report(1)


def test_a_report_must_come_from_an_enrolled_device_of_a_station(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    _enrolled(new_unit_of_work, device(1, "k1"))
    with new_unit_of_work() as uow, pytest.raises(REFUSED):
        uow.reports.add(report(1, key="k9"))
    with new_unit_of_work() as uow, pytest.raises(REFUSED):
        uow.reports.add(report(4))
