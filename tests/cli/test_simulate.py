"""`sandogh simulate` (src/sandogh/cli/simulate.py, simulated_day.py, simulated_station.py,
simulated_ballots.py): a small day through the real centre, its semi-electronic stations on paper,
and an E2E day of an electronic station and a semi-electronic one."""

import dataclasses
import json
import random
import shutil
from fractions import Fraction
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from sandogh.cli.anchor import e2e_keys
from sandogh.cli.app import app
from sandogh.cli.simulate import print_e2e
from sandogh.cli.simulated_ballots import Figures, ballots, paper_sheet, scaled
from sandogh.cli.simulated_day import E2EDay, simulate
from sandogh.cli.simulated_e2e import Guardians, decrypt_tallies
from sandogh.core.anchor import (
    Authority,
    Body,
    decode_record,
    encode_record,
    encode_signatures,
    fingerprint,
    short_fingerprint,
    sign_record,
)
from sandogh.core.counting.reconcile import check_counts
from sandogh.core.counting.tally import Counts, InvalidKind
from sandogh.core.report import SigningKey
from sandogh.locale.digits import to_persian_digits
from sandogh.locale.language import Lang
from sandogh.publish.anchor_check import Anchors
from sandogh.publish.e2e_presence import RecordState
from sandogh.publish.findings import Disagreement
from sandogh.publish.published import ANCHOR_RECORD, ANCHOR_SIGNATURES
from sandogh.publish.sources import open_source
from sandogh.publish.verify import verify_snapshot
from sandogh.services.origin_faults import OriginFault, TallyOriginError
from sandogh.station.directory import StationDirectory
from sandogh.verify_election.checks import Check
from sandogh.verify_election.run import verify_election

# ST-0801-0001 of examples/kerman-1403/round2-results.csv
SHEET = Counts(
    papers_received=1594,
    papers_used=911,
    papers_unused=683,
    cast=911,
    valid=897,
    invalid={
        InvalidKind.BLANK: 8,
        InvalidKind.ILLEGIBLE: 2,
        InvalidKind.NON_CANDIDATE: 2,
        InvalidKind.MULTIPLE_NAMES: 1,
        InvalidKind.CROSSED_OUT: 1,
    },
    votes={"21": 435, "25": 462},
)


def test_scale_one_is_the_sheet_itself() -> None:
    assert scaled(SHEET, Fraction(1)) == Figures(911, 897, 14, (("21", 435), ("25", 462)))


def test_a_scaled_sheet_still_adds_up() -> None:
    # 435/10 = 43.5 and 14/10 = 1.4: each part rounded half up on its own
    assert scaled(SHEET, Fraction(1, 10)) == Figures(91, 90, 1, (("21", 44), ("25", 46)))


def test_the_ballots_make_the_figures_with_invalid_ones_blank() -> None:
    figures = scaled(SHEET, Fraction(1, 10))
    cast = ballots(figures, random.Random(0))
    assert len(cast) == 91
    assert sum(1 for c in cast if c.blank) == 1
    assert sum(1 for c in cast if c.codes == ("21",)) == 44


def test_a_paper_sheet_keeps_the_kinds_of_its_invalid_ballots_and_reconciles() -> None:
    figures = scaled(SHEET, Fraction(1, 2))  # 456 cast: 218 + 231 valid, 7 invalid
    paper = paper_sheet(SHEET, figures)
    assert check_counts(paper, where="ST-0801-0001", contest="president", seats=1) == ()
    assert (paper.cast, paper.valid, paper.votes) == (456, 449, {"21": 218, "25": 231})
    # each kind but blank halved, half up; blank what is left
    assert paper.invalid == {
        InvalidKind.BLANK: 3,
        InvalidKind.ILLEGIBLE: 1,
        InvalidKind.NON_CANDIDATE: 1,
        InvalidKind.MULTIPLE_NAMES: 1,
        InvalidKind.CROSSED_OUT: 1,
    }
    # what an electronic box is opened with too: 683 unused × 456/911, rounded down
    assert (paper.papers_received, paper.papers_unused, paper.papers_spoiled) == (797, 341, 0)


def test_a_small_day_through_the_real_centre_stores_what_was_cast(tmp_path: Path) -> None:
    result = simulate(
        stations=3, scale=Fraction(1, 20), db=None, seed=14, threads=3, scratch=tmp_path
    )
    # seed 14 chooses two semi-electronic stations (voters checked in at the box, ballots on
    # paper, the sheet entered twice, blind: at the second one a figure mistyped and read again off
    # the paper) and one of Kerman city (ballots cast on the box)
    assert {s.station: (s.on_paper, s.mismatches) for s in result.stations} == {
        "ST-0804-0101": (True, 0),
        "ST-0808-0037": (False, 0),
        "ST-0819-0016": (True, 1),
    }
    assert result.agrees
    assert result.stored == result.expected
    assert result.expected.cast == result.voters > 0
    assert result.stations_reported == 3
    assert all(s.reports_delivered == 2 and s.reports_refused == 0 for s in result.stations)
    assert all(s.refused == 0 and s.incidents == 0 for s in result.stations)


def test_the_command_prints_the_comparison() -> None:
    done = CliRunner().invoke(
        app, ["simulate", "--stations", "2", "--scale", "0.02", "--lang", "en"]
    )
    assert done.exit_code == 0, done.output
    assert "everything agrees" in done.output
    assert "voters/s end to end" in done.output
    said = " ".join(done.output.split())  # the record's line wraps
    assert "was sealed before polls opened and every report held to it" in said


def test_an_e2e_day_leaves_a_record_that_verify_election_passes(tmp_path: Path) -> None:
    record = tmp_path / "kept"
    result = simulate(
        stations=2,
        scale=Fraction(1, 40),
        db=None,
        seed=7,
        threads=2,
        scratch=tmp_path,
        e2e=True,
        record=record,
    )
    assert result.stored == result.expected
    # one electronic station and one semi-electronic (docs/e2e.md, "Mixed-mode elections"): the
    # semi-electronic box was sent no key, and its paper final report was taken, not refused
    # as `not-e2e` (the old failure); the electronic box's chain was taken and its tally
    # decrypted
    paper, electronic = sorted(result.stations, key=lambda s: not s.on_paper)
    assert (paper.on_paper, electronic.on_paper) == (True, False)
    assert (paper.reports_delivered, electronic.reports_delivered) == (2, 3)
    assert paper.reports_refused == electronic.reports_refused == 0
    assert _e2e_context(tmp_path / paper.station) is None
    assert _e2e_context(tmp_path / electronic.station) is not None
    e2e = result.e2e
    assert e2e is not None
    assert (e2e.chains, e2e.challenged, e2e.record) == (1, 1, record)
    folder = record / "data" / "kerman-1403-r2" / "e2e"
    assert [p.stem for p in (folder / "ballots").glob("*.jsonl")] == [electronic.station]
    assert [p.stem for p in (folder / "tallies").glob("*.json")] == [electronic.station]
    absent = json.loads((folder / "absent.json").read_bytes())["stations"]
    assert {"station": paper.station, "reason": "paper-ballots"} in absent
    assert (record / "kerman-1403-r2" / "ballot.html").is_file()
    assert e2e.failures == ()
    assert result.agrees

    # the record was sealed before polls opened, with the ceremony's keys, and published; the
    # guardians decrypted against its fingerprint, and verify-results passes anchored by it
    election = record / "data" / "kerman-1403-r2"
    sealed = (election / ANCHOR_RECORD).read_bytes()
    assert e2e.anchor == result.anchor == fingerprint(sealed)
    ceremony = Guardians(tmp_path / "guardians").record
    assert decode_record(sealed).e2e == e2e_keys(ceremony)
    assert {s.station for s in decode_record(sealed).stations} >= {
        s.station for s in result.stations
    }
    with open_source(str(record)) as source:
        anchored = verify_snapshot(source, anchors=Anchors((short_fingerprint(result.anchor),)))
    assert anchored.agrees
    (split,) = anchored.elections[0].split  # the runoff's one contest
    assert (split.e2e.stations, split.paper.stations) == (1, 1)
    assert (split.e2e.cast, split.paper.cast) == (electronic.voters, paper.voters)
    assert split.cast == result.expected.cast
    (checked,) = verify_election(str(record), workers=1, anchors=(result.anchor,)).elections
    assert checked.passed
    assert checked.completeness is not None
    assert checked.completeness.absent[paper.station] == "paper-ballots"
    _says_the_split(record, result.anchor, electronic.voters, paper.voters)
    _the_record_deleted(record, tmp_path / "deleted", result.anchor, electronic.station)
    assert checked.sealed is not None
    assert checked.sealed.authenticated

    # the attack: whoever publishes the snapshot puts another record in its place, signed by
    # officials of their own and naming the same boxes; the guardians, given the real
    # fingerprint, refuse to decrypt
    _swap_record(election, sealed)
    with pytest.raises(TallyOriginError) as refused:
        decrypt_tallies(
            Guardians(tmp_path / "guardians"),
            tmp_path / "tallies",
            tmp_path / "again",
            record,
            anchor=result.anchor,
        )
    assert [each.fault for each in refused.value.found] == [OriginFault.ANCHOR_DIFFERS]
    assert not (tmp_path / "again").exists()
    # and verify-election, given it, fails V0 naming the record
    (swapped,) = verify_election(str(record), workers=1, anchors=(result.anchor,)).elections
    first = swapped.ledger.first_failure()
    assert first is not None
    assert first[0] is Check.ANCHOR
    assert first[1].where == "data/kerman-1403-r2/anchor/record.json"


def _e2e_context(folder: Path) -> object:
    """The E2E member of the enrolment document a simulated box received (None: it was sent no
    key, and encrypts nothing)."""
    store, _ = StationDirectory(folder).open()
    try:
        with store.transaction() as tx:
            document = tx.enrolment_document()
    finally:
        store.close()
    assert document is not None
    return json.loads(document).get("e2e")


def _says_the_split(record: Path, anchor: str, e2e: int, paper: int) -> None:
    """verify-results and verify-election say, in Persian and English, which part of the total
    is verified end to end and which rests on the signed paper sheets."""
    said = {}
    for lang in ("fa", "en"):
        for command in ("verify-results", "verify-election"):
            done = CliRunner().invoke(
                app, [command, str(record), "--anchor", anchor, "--lang", lang]
            )
            assert done.exit_code == 0, done.output
            said[lang, command] = " ".join(done.output.split())
    total = e2e + paper
    assert (
        f"{total} ballots = {e2e} at 1 electronic stations, whose encrypted record sandogh "
        "verify-election checks" in said["en", "verify-results"]
    )
    assert (
        f"+ {paper} on the signed paper sheets of 1 semi-electronic" in said["en", "verify-results"]
    )
    assert (
        "Their encrypted record, the chains and decrypted tallies" in said["en", "verify-results"]
    )
    fa = f"{to_persian_digits(str(e2e))} در ۱ شعبه تمام‌الکترونیک، که سیاهه رمزشده‌شان"
    assert fa in said["fa", "verify-results"]
    # verify-results checks no proof: it calls nothing verified end to end (review S20 F11)
    assert "= {e2e} verified end to end" not in said["en", "verify-results"]
    assert "سرتاسری وارسی‌شده (" not in said["fa", "verify-results"]
    assert (
        "Not verified end to end: the 1 stations voting on paper" in said["en", "verify-election"]
    )
    assert "سرتاسری وارسی نشده" in said["fa", "verify-election"]


def _the_record_deleted(record: Path, copy: Path, anchor: str, station: str) -> None:
    """Review S20 F11: with the chains and tallies deleted from the snapshot, verify-results
    said the same as of the whole record, "verified end to end" among it. Now it names each file
    the station's signed final report commits to and the snapshot lacks, and says the record is
    incomplete, in Persian and English; a tally of another hash is found too."""
    shutil.copytree(record, copy)
    e2e = copy / "data" / "kerman-1403-r2" / "e2e"
    tally = e2e / "tallies" / f"{station}.json"
    changed = json.loads(tally.read_bytes())
    changed["contests"][0]["ballots"] += 1
    tally.write_text(json.dumps(changed))
    with open_source(str(copy)) as source:
        (altered,) = verify_snapshot(source, anchors=Anchors((anchor,))).elections
    assert [(f.kind, f.where, f.figure, f.detail) for f in altered.findings] == [
        (Disagreement.E2E_RECORD, station, "tally_hash", "differs")
    ]
    shutil.rmtree(e2e / "ballots")
    shutil.rmtree(e2e / "tallies")
    with open_source(str(copy)) as source:
        (checked,) = verify_snapshot(source, anchors=Anchors((anchor,))).elections
    assert checked.e2e_record is RecordState.INCOMPLETE
    assert [(f.kind, f.where, f.file, f.detail) for f in checked.findings] == [
        (Disagreement.E2E_RECORD, station, f"data/kerman-1403-r2/e2e/{part}", "missing")
        for part in (f"ballots/{station}.jsonl", f"tallies/{station}.json")
    ]
    for lang, says in (
        ("en", f"data/kerman-1403-r2/e2e/ballots/{station}.jsonl is not in the encrypted record"),
        ("fa", f"پرونده data/kerman-1403-r2/e2e/tallies/{station}.json در سیاهه رمزشده نیست"),
        ("en", "the encrypted record lacks files the signed reports of those stations commit to"),
        ("fa", "آرای آن شعبه‌ها سرتاسری وارسی‌پذیر نیست"),
    ):
        done = CliRunner().invoke(
            app, ["verify-results", str(copy), "--anchor", anchor, "--lang", lang]
        )
        assert done.exit_code != 0
        assert says in " ".join(done.output.split())


def _swap_record(election: Path, sealed: bytes) -> None:
    """Another record in `election`'s `anchor/`, sealed by made-up officials of both bodies."""
    made_up = [SigningKey.from_seed(bytes([n]) * 32) for n in (1, 2)]
    bodies = (Body.HQ, Body.SUPERVISORY_BOARD)
    record = dataclasses.replace(
        decode_record(sealed),
        authorities=tuple(
            Authority(f"made up {n}", body, key.public_key)
            for n, (body, key) in enumerate(zip(bodies, made_up, strict=True))
        ),
    )
    data = encode_record(record)
    signatures = [sign_record(record, key) for key in made_up]
    (election / ANCHOR_RECORD).write_bytes(data)
    (election / ANCHOR_SIGNATURES).write_bytes(encode_signatures(data, signatures))


def test_the_summary_is_persian_by_default() -> None:
    # the review: the summary was English only, with no --lang
    done = CliRunner().invoke(app, ["simulate", "--stations", "2", "--scale", "0.02"])
    assert done.exit_code == 0, done.output
    assert "همه چیز یکسان است" in done.output
    assert "رأی‌دهنده در ثانیه" in done.output
    assert "voters/s" not in done.output


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("fa", "sandogh verify-results را نیز کنار آن اجرا کنید"),
        ("en", "run sandogh verify-results"),
    ],
)
def test_an_e2e_summary_says_to_run_verify_results_beside(lang: Lang, words: str) -> None:
    # the review: verify-election alone does not check that every station reported
    out = Console(record=True, width=400)
    day = E2EDay(2, 2, 1.0, 2.0, 3.0, (), Path("kept"), "sha256:" + "ab" * 32)
    print_e2e(out, day, 2, lang)
    said = out.export_text()
    assert words in said
    short = short_fingerprint(day.anchor)
    assert f"verify-results kept --anchor {short}" in said
    assert f"verify-election kept --anchor {short}" in said
    assert f"(--anchor {to_persian_digits(short) if lang == 'fa' else short})" in said
