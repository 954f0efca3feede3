"""An E2E box's chain through the real HTTP API (docs/e2e.md §7, docs/api.md): refused before
its station's final report, taken once after it, junk refused as malformed, every refusal with
its reason in Persian and English; and the enrolment document carries the E2E context once the
ceremony record is loaded."""

from __future__ import annotations

import dataclasses
import datetime

import httpx
import pytest

from sandogh.core.definition.geography import Geography
from sandogh.core.report import E2ECommitment
from sandogh.core.report.ballot import station_ballot
from sandogh.core.report.digests import sha256_text
from sandogh.core.supervision.modes import encrypts
from sandogh.locale.e2e_refusals import EN, FA
from sandogh.server.chains import chain_refusal_text
from sandogh.services.chains import ChainRefusal
from sandogh.services.e2e_ceremony import load_ceremony
from sandogh.station.ports import CentreRefusedError
from sandogh.wire import api_paths
from tests.e2e_build import Chain, ceremony
from tests.services.build import final, signed, zero

from .live import ELECTION, Live, device, kerman, stations

NOW = datetime.datetime(2024, 7, 5, 4, 0, tzinfo=datetime.UTC)
VOTES = {"president": [("21",), ("25",), ()]}


def test_a_chain_follows_its_final_report_and_is_taken_once(live: Live) -> None:
    election = kerman().election
    geography = Geography.of(election)
    first, second = [s for s in stations() if encrypts(geography, s)][:2]  # an electronic box's
    station, key = first, device(1)
    guardians = ceremony(ELECTION, kerman().definition_hash)
    load_ceremony(live.uow, election_id=ELECTION, record=guardians.data, now=NOW)
    with live.enrolled(key, station) as box:
        zero_bytes = signed(zero(election, station, key), key)
        box.send_report(zero_bytes)
        ballot = station_ballot(geography, station)
        chain = Chain(guardians.context, station, ballot, key.public_key, sha256_text(zero_bytes))
        chain.add({"president": ["25"]}, challenged=True)
        for (chosen,) in zip(VOTES["president"], strict=True):
            chain.add({"president": list(chosen)})
        with pytest.raises(CentreRefusedError) as early:
            box.send_chain(chain.data)
        assert early.value.reason == "no-final-report"
        commitment = E2ECommitment(chain.close.hex(), chain.tally_hash.hex())
        report = dataclasses.replace(final(election, station, key, VOTES), e2e=commitment)
        box.send_report(signed(report, key))
        taken = box.send_chain(chain.data)
        again = box.send_chain(chain.data)
        with pytest.raises(CentreRefusedError) as junk:
            box.send_chain(b'{"station": "x"}\n{"close": "y"}\n')
    assert {k: taken[k] for k in ("election", "station", "cast", "challenged", "duplicate")} == {
        "election": ELECTION,
        "station": station,
        "cast": 3,
        "challenged": 1,
        "duplicate": False,
    }
    assert again["duplicate"] is True
    assert junk.value.reason == "no-final-report"  # no final report closes with "y"
    with live.client(device(2), operator=True) as operator:
        document = operator.enrol(election=ELECTION, station=second)
    assert document["e2e"] == {
        "group": "ristretto255",
        "joint_key": guardians.record.joint_key.hex(),
        "extended_hash": guardians.record.extended_hash.hex(),
    }


def test_a_chain_must_be_sent_as_json_lines(live: Live) -> None:
    answer = httpx.post(
        live.url + api_paths.BALLOT_CHAINS, content=b"{}", headers={"content-type": "text/plain"}
    )
    assert answer.status_code == 415
    junk = httpx.post(
        live.url + api_paths.BALLOT_CHAINS,
        content=b"not json",
        headers={"content-type": api_paths.CHAIN_MEDIA_TYPE},
    )
    assert (junk.status_code, junk.json()["error"]) == (400, "malformed")
    assert junk.json()["text"] == chain_refusal_text(ChainRefusal.MALFORMED)
    empty = httpx.post(
        live.url + api_paths.BALLOT_CHAINS,
        content=b"",
        headers={"content-type": api_paths.CHAIN_MEDIA_TYPE},
    )
    assert (empty.status_code, empty.json()["problems"][0]["message"]) == (
        400,
        "the file is empty: a chain file is a start line, its ballots and a close line",
    )


@pytest.mark.parametrize("reason", list(ChainRefusal))
def test_every_refusal_of_a_chain_says_why_in_persian_and_english(reason: ChainRefusal) -> None:
    said = chain_refusal_text(reason)
    key = "chain_refused_" + reason.name.lower()
    assert said == {"fa": FA[key], "en": EN[key]}
    assert reason.value not in said["fa"]
