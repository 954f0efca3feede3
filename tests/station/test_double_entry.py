import dataclasses
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.core.counting.tally import Counts, InvalidKind
from sandogh.core.report import cvr_digest, decode_signed, verify_signed
from sandogh.core.station import ActionRefusedError, Phase
from sandogh.station.double_entry import (
    DoubleEntry,
    Mismatch,
    Operator,
    compare,
    sheet_counts,
    sheet_fields,
)
from sandogh.station.errors import EntryError
from sandogh.station.qr import join_qr_parts

from .build import COUNTERS, Station, voting_station

# A paper station's sheets, as counted by hand: 122 ballots for president (Jalili 61,
# Pezeshkian 52, and the invalid the seeds name: blank 4, crossed out (مخدوش) 2, names not among
# the candidates 3), 118 for the Majlis of two seats. The signed report carries the crossed-out.
PRESIDENT = Counts(
    papers_received=500,
    papers_used=122,
    papers_unused=376,
    papers_spoiled=2,
    cast=122,
    valid=113,
    invalid={InvalidKind.BLANK: 4, InvalidKind.NON_CANDIDATE: 3, InvalidKind.CROSSED_OUT: 2},
    votes={"21": 61, "25": 52},
)
PARLIAMENT = Counts(
    papers_received=500,
    papers_used=120,
    papers_unused=380,
    cast=118,
    valid=110,
    invalid={InvalidKind.BLANK: 8},
    votes={"31": 70, "32": 55, "33": 40, "34": 30},
)


def _closed(tmp_path: Path) -> tuple[Station, DoubleEntry]:
    station = voting_station(tmp_path)
    station.box.close()
    return station, DoubleEntry(station.box.store)


def test_sheets_entered_alike_by_both_operators_are_signed_as_entered(tmp_path: Path) -> None:
    station, entry = _closed(tmp_path)
    for operator in Operator:
        entry.enter("president", operator, PRESIDENT)
        entry.enter("parliament", operator, PARLIAMENT)
    assert entry.mismatches("president") == ()
    counted = station.box.count_paper()
    assert {s.contest: s.counts for s in counted.sheets} == {
        "president": dataclasses.replace(
            PRESIDENT, invalid={kind: PRESIDENT.invalid.get(kind, 0) for kind in InvalidKind}
        ),
        "parliament": dataclasses.replace(
            PARLIAMENT, invalid={kind: PARLIAMENT.invalid.get(kind, 0) for kind in InvalidKind}
        ),
    }
    assert (counted.cvr_count, counted.cvr_digest) == (0, cvr_digest(()))
    station.box.report(COUNTERS)
    data = join_qr_parts(station.printer.jobs()[-1].qr)
    assert verify_signed(decode_signed(data), station.box.key.public_key) == counted
    assert b'"crossed-out":2' in data


def test_mismatches_are_listed_field_by_field_and_must_be_resolved(tmp_path: Path) -> None:
    station, entry = _closed(tmp_path)
    slip = dataclasses.replace(PRESIDENT, valid=131, votes={"21": 16, "25": 52})
    entry.enter("president", Operator.FIRST, PRESIDENT)
    assert entry.entered("president") == (Operator.FIRST,)
    with pytest.raises(EntryError, match="not entered twice"):
        entry.mismatches("president")
    entry.enter("president", Operator.SECOND, slip)
    for operator in Operator:
        entry.enter("parliament", operator, PARLIAMENT)
    assert entry.mismatches("president") == (
        Mismatch("valid", 113, 131),
        Mismatch("votes[21]", 61, 16),
    )
    with pytest.raises(EntryError) as unresolved:
        station.box.count_paper()
    assert [p.path for p in unresolved.value.problems] == ["president.valid", "president.votes[21]"]
    assert station.box.status().phase is Phase.CLOSED
    entry.resolve("president", "valid", 113)
    assert entry.mismatches("president") == (Mismatch("votes[21]", 61, 16),)
    entry.resolve("president", "votes[21]", 61)
    counted = station.box.count_paper()
    assert counted.sheets[1].counts.votes == {"21": 61, "25": 52}


def test_an_entry_is_made_once_and_only_fields_in_dispute_are_resolved(tmp_path: Path) -> None:
    _, entry = _closed(tmp_path)
    entry.enter("president", Operator.FIRST, PRESIDENT)
    with pytest.raises(EntryError, match="already entered"):
        entry.enter("president", Operator.FIRST, PRESIDENT)
    entry.enter("president", Operator.SECOND, dataclasses.replace(PRESIDENT, cast=121))
    with pytest.raises(EntryError, match="cannot be resolved"):
        entry.resolve("president", "valid", 113)
    with pytest.raises(EntryError, match="cannot be resolved"):
        entry.resolve("president", "cast", -1)


def test_an_entry_must_fit_the_ballot(tmp_path: Path) -> None:
    _, entry = _closed(tmp_path)
    with pytest.raises(EntryError) as caught:
        entry.enter("president", Operator.FIRST, dataclasses.replace(PRESIDENT, votes={"21": 5}))
    assert [p.path for p in caught.value.problems] == ["president.votes[25]"]
    with pytest.raises(EntryError) as caught:
        entry.enter(
            "president",
            Operator.FIRST,
            dataclasses.replace(PRESIDENT, cast=-1, votes={"21": 1, "25": 1, "99": 1}),
        )
    assert [p.path for p in caught.value.problems] == ["president.cast", "president.votes[99]"]
    with pytest.raises(EntryError, match="council"):
        entry.enter("council", Operator.FIRST, PRESIDENT)


def test_sheets_are_entered_only_once_voting_is_closed(tmp_path: Path) -> None:
    station = voting_station(tmp_path)
    with pytest.raises(ActionRefusedError):
        DoubleEntry(station.box.store).enter("president", Operator.FIRST, PRESIDENT)


figures = st.integers(0, 10**6)


@settings(max_examples=100)
@given(
    st.builds(
        Counts,
        papers_received=figures,
        papers_used=figures,
        cast=figures,
        invalid=st.dictionaries(st.sampled_from(InvalidKind), figures),
        votes=st.dictionaries(st.text("0123456789", min_size=1, max_size=3), figures),
    ),
    st.dictionaries(st.sampled_from(sorted(sheet_fields(PRESIDENT))), figures),
)
def test_fields_name_every_figure_and_compare_finds_every_difference(
    counts: Counts, changes: dict[str, int]
) -> None:
    fields = sheet_fields(counts)
    assert sheet_fields(sheet_counts(fields)) == fields
    changed = {**fields, **{k: v for k, v in changes.items() if k in fields}}
    assert {m.field for m in compare(fields, changed)} == {
        k for k in fields if fields[k] != changed[k]
    }
