"""The kiosk's ballot marks a candidate who withdrew after printing: the centre's enrolment
document names them and each contest's screen lists them, Persian first (issue 12). The same
document names the election and the station, which the box's printouts carry (issue 13)."""

from __future__ import annotations

import json

from sandogh.core.access import Grant, Role
from sandogh.core.candidacy.withdrawal import Printing
from sandogh.server.enrolment import _document
from sandogh.services.acting import Actor
from sandogh.services.devices import enrol_device
from sandogh.services.memory import MemoryStore, MemoryUnitOfWork
from sandogh.services.outcome_decisions import withdraw
from sandogh.station.ballot_names import read_names
from tests.services.build import DEVICE, LATER, NOW, ROUND_2, ROUND_2_DAY, ST_1, load

EXECUTIVE = Actor("ejraei", Grant(Role.COUNTY_HQ, "IR-08-0801"))


def test_a_withdrawal_after_printing_is_marked_on_the_boxs_ballot() -> None:
    store = MemoryStore()

    def uow() -> MemoryUnitOfWork:
        return MemoryUnitOfWork(store)

    load(uow, ROUND_2_DAY)
    withdraw(uow, EXECUTIVE, ROUND_2, "parliament", "31", printing=Printing.AFTER, now=NOW)
    enrolment = enrol_device(
        uow,
        election_id=ROUND_2,
        station=ST_1,
        public_key_hex=DEVICE.public_key.raw.hex(),
        now=LATER,
    )
    assert [(w.candidate, w.printing) for w in enrolment.withdrawn] == [("31", Printing.AFTER)]
    document = _document(enrolment)
    assert document["withdrawn"] == [
        {"contest": "parliament", "candidate": "31", "printing": "after-printing"}
    ]
    names = read_names(json.dumps(document, ensure_ascii=False))
    assert names.withdrawn_in("parliament", "fa") == "۳۱ نامزد 31"
    assert names.withdrawn_in("parliament", "en") == "31 31"
    assert names.withdrawn_in("president", "fa") == ""
    assert names.election(ROUND_2, "fa") == enrolment.name.fa
    assert names.station(ST_1, "en") == enrolment.unit.name.en
    assert read_names(None).station(ST_1, "fa") == ST_1  # a document without names: the code
