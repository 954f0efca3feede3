"""What a certification covers and freezes, and the digest anyone can recompute."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import replace

from sandogh.core.access import Grant, Role
from sandogh.core.counting.tally import Counts, InvalidKind, TallySheet
from sandogh.core.supervision import (
    CandidateVoid,
    Certification,
    ConstituencyVoid,
    Decision,
    StationVoid,
    certified_over,
    decision_problems,
    freezes_sheet,
    input_digest,
    scope_problems,
    scope_units,
    touches,
)

from ..counting.build import counts, kerman

GEOGRAPHY = kerman()
HASH = "sha256:" + "d" * 64
AT = datetime.datetime(2024, 7, 7, 10, 0, tzinfo=datetime.UTC)
DECISION = Decision("stuffed", "ref-1")
P1 = Certification(
    "test", "parliament", "P1", "hoseini", Grant(Role.SUPERVISOR, "IR-08-0801"), AT, HASH
)
PARLIAMENT = replace(P1, constituency=None, grant=Grant(Role.SUPERVISOR, "IR"))


def test_the_digest_is_sha256_of_the_canonical_record() -> None:
    sheet = TallySheet(
        "ST-4", "parliament", counts({"41": 7, "42": 1}, invalid={InvalidKind.BLANK: 1})
    )
    void = ConstituencyVoid("parliament", "P2", DECISION)
    record = (
        '{"constituency":"P2","contest":"parliament","definition_hash":"' + HASH + '",'
        '"election":"test","sheets":[{"cast":9,"invalid":{"blank":1},"papers_received":9,'
        '"papers_spoiled":0,"papers_unused":0,"papers_used":9,"station":"ST-4","valid":8,'
        '"void":0,"votes":{"41":7,"42":1}}],"voids":[{"candidate":null,"case":null,'
        '"constituency":"P2","contest":"parliament","kind":"constituency","reason":"stuffed",'
        '"reference":"ref-1","stations":[]}]}'
    )
    expected = "sha256:" + hashlib.sha256(record.encode()).hexdigest()
    assert (
        input_digest(GEOGRAPHY, HASH, "parliament", "P2", sheets=[sheet], voids=[void]) == expected
    )


def test_crossed_out_ballots_are_in_the_digest_only_where_counted() -> None:
    # A sheet read from a report lists 0 crossed-out; one stored before the kind, none: a
    # certification taken before still matches the digest verify-results takes again now.
    before = counts({"41": 7, "42": 1}, invalid={InvalidKind.BLANK: 1})
    now = replace(before, invalid={**before.invalid, InvalidKind.CROSSED_OUT: 0})
    crossed = replace(before, cast=10, invalid={**before.invalid, InvalidKind.CROSSED_OUT: 1})

    def digest(c: Counts) -> str:
        sheet = TallySheet("ST-4", "parliament", c)
        return input_digest(GEOGRAPHY, HASH, "parliament", "P2", sheets=[sheet], voids=[])

    assert digest(now) == digest(before) != digest(crossed)


def test_the_digest_covers_exactly_the_scope() -> None:
    p1 = [
        TallySheet("ST-1", "parliament", counts({"31": 8, "32": 4}, valid=9)),
        TallySheet("ST-3", "parliament", counts({"33": 6}, valid=6)),
    ]
    elsewhere = [
        TallySheet("ST-4", "parliament", counts({"41": 7})),
        TallySheet("ST-1", "president", counts({"21": 7})),
    ]

    def digest(sheets: list[TallySheet], voids: list[StationVoid] | None = None) -> str:
        return input_digest(GEOGRAPHY, HASH, "parliament", "P1", sheets=sheets, voids=voids or [])

    base = digest(p1 + elsewhere)
    assert digest(list(reversed(p1 + elsewhere))) == base  # by station, whatever the order
    assert digest(p1) == base  # other constituencies and contests are not in it
    assert digest(p1 + elsewhere, [StationVoid("ST-4", None, DECISION)]) == base
    assert digest(p1 + elsewhere, [StationVoid("ST-3", None, DECISION)]) != base
    changed = [p1[0], TallySheet("ST-3", "parliament", counts({"33": 5}, valid=6))]
    assert digest(changed) != base


def test_a_certification_freezes_the_sheets_and_voids_of_its_scope() -> None:
    assert freezes_sheet(GEOGRAPHY, P1, "ST-1", "parliament")
    assert freezes_sheet(GEOGRAPHY, P1, "ST-3", "parliament")
    assert not freezes_sheet(GEOGRAPHY, P1, "ST-4", "parliament")  # P2
    assert not freezes_sheet(GEOGRAPHY, P1, "ST-1", "president")
    assert freezes_sheet(GEOGRAPHY, PARLIAMENT, "ST-4", "parliament")

    assert touches(GEOGRAPHY, StationVoid("ST-1", None, DECISION), "parliament", "P1")
    assert not touches(GEOGRAPHY, StationVoid("ST-1", "president", DECISION), "parliament", "P1")
    assert touches(
        GEOGRAPHY, CandidateVoid("parliament", "31", ("ST-3",), DECISION), "parliament", None
    )
    assert not touches(
        GEOGRAPHY, CandidateVoid("parliament", "41", ("ST-4",), DECISION), "parliament", "P1"
    )
    assert touches(GEOGRAPHY, ConstituencyVoid("parliament", "P2", DECISION), "parliament", None)
    assert not touches(
        GEOGRAPHY, ConstituencyVoid("parliament", "P2", DECISION), "parliament", "P1"
    )


def test_the_scope_and_the_places_a_certifier_must_cover() -> None:
    assert scope_units(GEOGRAPHY, "parliament", "P1") == ("IR-08-0801",)
    assert scope_units(GEOGRAPHY, "parliament", None) == ("IR-08-0801", "IR-08-0802")
    assert scope_units(GEOGRAPHY, "president", None) == ("IR",)
    assert scope_problems(GEOGRAPHY, "parliament", "P1") == []
    assert [str(p) for p in scope_problems(GEOGRAPHY, "council", None)] == [
        "contest: the election has no contest 'council'"
    ]
    assert [str(p) for p in scope_problems(GEOGRAPHY, "parliament", "P7")] == [
        "constituency: contest parliament has no 'P7'"
    ]


def test_a_whole_contest_certification_covers_each_constituency() -> None:
    assert list(certified_over([P1], "parliament", "P1")) == [P1]
    assert list(certified_over([P1], "parliament", "P2")) == []
    assert list(certified_over([P1], "parliament", None)) == []
    assert list(certified_over([PARLIAMENT], "parliament", "P2")) == [PARLIAMENT]


def test_a_certification_and_its_undoing_say_why_in_words_and_by_which_decision() -> None:
    assert decision_problems("ارقام بررسی شد", "هیئت ۱۴۰۳/۷") == []
    assert decision_problems("checked", "7") == []  # a reference may be a number alone
    for reason, reference in (("", ""), (" ـ ", "..."), ("—", "/")):
        problems = decision_problems(reason, reference)
        assert [p.path for p in problems] == ["reason", "reference"]
        assert problems[0].fa.startswith("دلیل تأیید صحت")
        assert "شماره تصمیم هیئت نظارت" in problems[1].fa
    (undoing,) = decision_problems("", "هیئت ۱۴۰۳/۸", undoing=True)
    assert undoing.fa.startswith("دلیل لغو تأیید صحت")
    assert "an undoing of a certification" in undoing.message
