import dataclasses
import hashlib
import json
import random
from typing import TypeVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.core.counting.reconcile import check_counts
from sandogh.core.counting.tally import Counts, InvalidKind, TallySheet
from sandogh.core.report import (
    BallotContest,
    CastVoteRecord,
    Choice,
    E2ECommitment,
    Papers,
    ReportError,
    ReportKind,
    StationReport,
    cvr_digest,
    decode_report,
    encode_report,
    report_from_records,
    report_hash,
    station_ballot,
    zero_report,
)

from .build import DEFINITION_HASH, DEVICE, STATION, kerman, report, reports

_K = TypeVar("_K")

RUNOFF = Counts(
    papers_received=1050,
    papers_used=640,
    papers_unused=405,
    papers_spoiled=5,
    cast=635,
    valid=623,
    invalid={InvalidKind.BLANK: 9, InvalidKind.ILLEGIBLE: 1, InvalidKind.NON_CANDIDATE: 2},
    votes={"25": 238, "21": 385},
)


def test_the_canonical_bytes_of_the_docs_formats_station() -> None:
    data = encode_report(report([TallySheet(STATION, "president", RUNOFF)], sequence=2))
    assert data == (
        b'{"cvr_count":0,"cvr_digest":"sha256:' + b"cd" * 32 + b'",'
        b'"definition_hash":"sha256:' + b"ab" * 32 + b'",'
        b'"device":"' + DEVICE.public_key.text.encode() + b'",'
        b'"election":"kerman-1403-r2","format":"sandogh/station-report@1","kind":"final",'
        b'"sequence":2,"sheets":{"president":{"cast":635,'
        b'"invalid":{"blank":9,"illegible":1,"multiple-names":0,"non-candidate":2},'
        b'"papers_received":1050,"papers_spoiled":5,"papers_unused":405,"papers_used":640,'
        b'"valid":623,"void":0,"votes":{"21":385,"25":238}}},"station":"ST-0801-0001"}'
    )
    made = report([TallySheet(STATION, "president", RUNOFF)], sequence=2)
    assert report_hash(made) == "sha256:" + hashlib.sha256(data).hexdigest()


def test_a_report_holds_its_sheets_sorted_with_every_invalid_kind() -> None:
    made = report(
        [TallySheet(STATION, "president", RUNOFF), TallySheet(STATION, "council", Counts())]
    )
    assert [sheet.contest for sheet in made.sheets] == ["council", "president"]
    assert made.sheets[1].counts.invalid == {
        InvalidKind.BLANK: 9,
        InvalidKind.ILLEGIBLE: 1,
        InvalidKind.NON_CANDIDATE: 2,
        InvalidKind.MULTIPLE_NAMES: 0,
        InvalidKind.CROSSED_OUT: 0,
    }


def test_crossed_out_ballots_are_written_only_where_counted() -> None:
    # A report signed before the kind existed keeps its bytes (the test above); one with
    # crossed-out ballots (مخدوش, counted on paper) writes them and reads back with them.
    crossed = dataclasses.replace(
        RUNOFF, cast=638, invalid={**RUNOFF.invalid, InvalidKind.CROSSED_OUT: 3}
    )
    made = report([TallySheet(STATION, "president", crossed)])
    data = encode_report(made)
    assert b'"invalid":{"blank":9,"crossed-out":3,"illegible":1,' in data
    assert decode_report(data) == made
    counts = decode_report(data).sheets[0].counts
    assert check_counts(counts, where=STATION, contest="president", seats=1) == ()
    # 0 is never written: the same report has one form, so one hash
    without = encode_report(report([TallySheet(STATION, "president", RUNOFF)]))
    zero = without.replace(b'"invalid":{"blank":9,', b'"invalid":{"blank":9,"crossed-out":0,')
    with pytest.raises(ReportError, match="canonical"):
        decode_report(zero)


def test_a_report_that_cannot_be_names_every_field() -> None:
    with pytest.raises(ReportError) as caught:
        StationReport(
            election="",
            definition_hash="sha256:xyz",
            station=STATION,
            device=DEVICE.public_key,
            kind=ReportKind.FINAL,
            sequence=-1,
            sheets=(
                TallySheet(STATION, "president", Counts(cast=-5)),
                TallySheet("ST-9", "president", Counts(votes={"21": -1})),
            ),
            cvr_count=0,
            cvr_digest=cvr_digest(()),
        )
    assert [p.path for p in caught.value.problems] == [
        "election",
        "definition_hash",
        "sequence",
        "sheets[president]",
        "sheets[president].cast",
        "sheets[president].station",
        "sheets[president].votes[21]",
    ]


def test_a_zero_report_counts_nothing_and_lists_every_candidate() -> None:
    ballot = station_ballot(kerman(), STATION)
    zero = zero_report(
        election="kerman-1403-r2",
        definition_hash=DEFINITION_HASH,
        station=STATION,
        device=DEVICE.public_key,
        sequence=0,
        ballot=ballot,
    )
    assert zero.kind is ReportKind.ZERO
    assert (zero.cvr_count, zero.cvr_digest) == (0, cvr_digest(()))
    assert [sheet.contest for sheet in zero.sheets] == ["council", "parliament", "president"]
    for sheet, contest in zip(zero.sheets, sorted(ballot, key=lambda c: c.contest), strict=True):
        assert sheet.counts.votes == dict.fromkeys(contest.candidates, 0)
        assert sheet.counts.cast == sheet.counts.papers_used == sheet.counts.invalid_total == 0
        assert check_counts(sheet.counts, where=STATION, contest=contest.contest, seats=1) == ()
    assert decode_report(encode_report(zero)) == zero


def test_a_zero_report_with_anything_counted_is_refused() -> None:
    with pytest.raises(ReportError) as caught:
        report(
            [TallySheet(STATION, "president", Counts(papers_received=900, papers_unused=900))],
            kind=ReportKind.ZERO,
            cvr_count=1,
        )
    assert [p.path for p in caught.value.problems] == ["cvr_count", "cvr_digest"]
    with pytest.raises(ReportError) as caught:
        report(
            [TallySheet(STATION, "president", RUNOFF)],
            kind=ReportKind.ZERO,
            cvr_digest=cvr_digest(()),
        )
    assert [p.path for p in caught.value.problems] == [
        "sheets[president].papers_used",
        "sheets[president].papers_spoiled",
        "sheets[president].cast",
        "sheets[president].valid",
        "sheets[president].invalid[blank]",
        "sheets[president].invalid[illegible]",
        "sheets[president].invalid[non-candidate]",
        "sheets[president].votes[25]",
        "sheets[president].votes[21]",
    ]


def test_a_final_report_counts_the_records_with_their_digest() -> None:
    ballot = station_ballot(kerman(), "ST-0802-0001")
    cvrs = [
        CastVoteRecord((Choice("president", ("25",)), Choice("parliament", ("41",)))),
        CastVoteRecord((Choice("president", ("21",)), Choice("parliament"))),
    ]
    final = report_from_records(
        kind=ReportKind.FINAL,
        election="kerman-1403-r2",
        definition_hash=DEFINITION_HASH,
        station="ST-0802-0001",
        device=DEVICE.public_key,
        sequence=1,
        ballot=ballot,
        records=iter(cvrs),  # read once only
        papers={"president": Papers(5, 2, 3, 0), "parliament": Papers(5, 2, 3, 0)},
    )
    assert (final.cvr_count, final.cvr_digest) == (2, cvr_digest(cvrs))
    assert {sheet.contest: sheet.counts.votes for sheet in final.sheets} == {
        "parliament": {"41": 1, "42": 0},
        "president": {"21": 1, "25": 1},
    }


@settings(max_examples=100)
@given(made=reports())
def test_a_report_reads_back_from_its_bytes(made: StationReport) -> None:
    data = encode_report(made)
    assert decode_report(data) == made
    assert encode_report(decode_report(data)) == data


@settings(max_examples=100)
@given(made=reports(), shuffle=st.randoms(use_true_random=False))
def test_the_bytes_do_not_depend_on_the_order_things_were_built_in(
    made: StationReport, shuffle: random.Random
) -> None:
    def shuffled_dict(items: dict[_K, int]) -> dict[_K, int]:
        pairs = list(items.items())
        shuffle.shuffle(pairs)
        return dict(pairs)

    sheets = [
        dataclasses.replace(
            sheet,
            counts=dataclasses.replace(
                sheet.counts,
                invalid=shuffled_dict({k: n for k, n in sheet.counts.invalid.items() if n}),
                votes=shuffled_dict(dict(sheet.counts.votes)),
            ),
        )
        for sheet in made.sheets
    ]
    shuffle.shuffle(sheets)
    rebuilt = dataclasses.replace(made, sheets=tuple(sheets))
    assert encode_report(rebuilt) == encode_report(made)
    assert report_hash(rebuilt) == report_hash(made)


def _document() -> dict[str, object]:
    loaded = json.loads(encode_report(report([TallySheet(STATION, "president", RUNOFF)])))
    assert isinstance(loaded, dict)
    return loaded


def _sheet(document: dict[str, object]) -> dict[str, object]:
    sheets = document["sheets"]
    assert isinstance(sheets, dict)
    sheet = sheets["president"]
    assert isinstance(sheet, dict)
    return sheet


def _bytes(document: object) -> bytes:
    return json.dumps(document, sort_keys=True, separators=(",", ":")).encode()


def _refused(data: bytes) -> list[str]:
    with pytest.raises(ReportError) as caught:
        decode_report(data)
    return [p.path for p in caught.value.problems]


def test_an_unknown_or_missing_field_is_named() -> None:
    document = _document()
    document["extra"] = 1
    del document["sequence"]
    assert _refused(_bytes(document)) == ["sequence", "extra"]
    document = _document()
    _sheet(document)["spoiled"] = 1
    del _sheet(document)["invalid"]
    assert _refused(_bytes(document)) == ["sheets[president].invalid", "sheets[president].spoiled"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("sequence", -1, "must be from 0 to"),
        ("sequence", "1", "must be a whole number, not a string"),
        ("sequence", True, "must be a whole number, not true/false"),
        ("sequence", 2**53, "must be from 0 to"),
        ("cvr_count", None, "not null"),
        ("kind", "closing", "'closing' is not of the form"),
        ("device", "ed25519:00", "is not of the form"),
        ("definition_hash", "sha1:" + "ab" * 20, "is not of the form"),
        ("station", "", "must not be empty"),
        ("sheets", [], "must be an object, not a list"),
    ],
)
def test_a_field_of_a_wrong_type_or_range_is_named(field: str, value: object, message: str) -> None:
    document = _document()
    document[field] = value
    with pytest.raises(ReportError, match=message) as caught:
        decode_report(_bytes(document))
    assert [p.path for p in caught.value.problems] == [field]


def test_every_bad_figure_of_a_sheet_is_named() -> None:
    document = _document()
    sheet = _sheet(document)
    sheet["cast"] = -635
    sheet["valid"] = 1.5
    sheet["votes"] = {"21": "385", "25": 238}
    sheet["invalid"] = {"blank": 9, "illegible": 1, "multiple-names": 0, "non-candidate": -2}
    data = _bytes(document).replace(b'"valid":1.5', b'"valid":623.0')
    assert _refused(data) == [
        "sheets[president].cast",
        "sheets[president].valid",
        "sheets[president].invalid[non-candidate]",
        "sheets[president].votes[21]",
    ]


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"not json",
        b"\xff\xfe",
        b"[1]",
        b'{"format":1}',
    ],
)
def test_what_is_not_a_report_is_refused(data: bytes) -> None:
    with pytest.raises(ReportError):
        decode_report(data)


def test_bytes_that_are_not_canonical_are_refused() -> None:
    data = encode_report(report([TallySheet(STATION, "president", RUNOFF)]))
    spaced = json.dumps(json.loads(data), sort_keys=True).encode()
    reversed_keys = dict(reversed(json.loads(data).items()))
    unsorted = json.dumps(reversed_keys, separators=(",", ":")).encode()
    for variant in (spaced, unsorted, data + b"\n", data.replace(b'"void":0', b'"void":-0')):
        with pytest.raises(ReportError, match="canonical form"):
            decode_report(variant)


def test_text_that_utf_8_cannot_carry_is_refused() -> None:
    # a lone surrogate: JSON can escape one, UTF-8 (so the canonical form) cannot hold it
    document = _document()
    document["station"] = "\ud800"
    assert _refused(_bytes(document)) == [""]
    with pytest.raises(ReportError) as caught:
        dataclasses.replace(report(), station="\udfff", sheets=())
    assert [p.path for p in caught.value.problems] == ["station", "sheets"]


def test_another_format_version_is_refused() -> None:
    document = _document()
    document["format"] = "sandogh/station-report@2"
    assert _refused(_bytes(document)) == ["format"]


E2E = E2ECommitment(chain_close="0a" * 32, tally_hash="0b" * 32)


def test_an_e2e_final_report_commits_to_its_chain_and_tally() -> None:
    made = dataclasses.replace(report([TallySheet(STATION, "president", RUNOFF)]), e2e=E2E)
    data = encode_report(made)
    assert b'"device":' in data
    assert (
        b'"e2e":{"chain_close":"' + b"0a" * 32 + b'","tally_hash":"' + b"0b" * 32 + b'"},' in data
    )
    assert data.index(b'"device"') < data.index(b'"e2e"') < data.index(b'"election"')
    assert decode_report(data) == made
    plain = report([TallySheet(STATION, "president", RUNOFF)])
    assert decode_report(encode_report(plain)).e2e is None
    assert report_hash(made) != report_hash(plain)


def test_a_malformed_e2e_commitment_is_named() -> None:
    document = _document()
    document["e2e"] = {"chain_close": "0A" * 32, "tally": "0b" * 32}
    assert _refused(_bytes(document)) == ["e2e.tally_hash", "e2e.tally"]
    document["e2e"] = {"chain_close": "0A" * 32, "tally_hash": "0b" * 31}
    assert _refused(_bytes(document)) == ["e2e.chain_close", "e2e.tally_hash"]
    document["e2e"] = []
    assert _refused(_bytes(document)) == ["e2e"]


def test_a_zero_report_commits_to_no_chain() -> None:
    zero = zero_report(
        election="kerman-1403-r2",
        definition_hash=DEFINITION_HASH,
        station=STATION,
        device=DEVICE.public_key,
        sequence=1,
        ballot=(BallotContest("president", 1, ("21", "25")),),
    )
    with pytest.raises(ReportError, match="commits to no chain"):
        dataclasses.replace(zero, e2e=E2E)
