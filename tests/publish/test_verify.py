"""`verify-results`: a snapshot checked from its files alone, by anyone."""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
import json
from fractions import Fraction
from pathlib import Path

import pytest

from sandogh.core.access import Grant, Role
from sandogh.core.counting.tally import Counts, InvalidKind
from sandogh.core.report import CloseReconciliation, decode_report, decode_signed
from sandogh.core.rules import Stake
from sandogh.core.rules.lot_commitment import commitment_of, tie_seed
from sandogh.core.supervision import Decision, StationVoid
from sandogh.publish.anchor_check import Anchors
from sandogh.publish.documents import unit_result_v1, unit_result_v2
from sandogh.publish.findings import Disagreement
from sandogh.publish.sources import FolderSource, HttpSource
from sandogh.publish.verify import Verification, stations_of, verify_snapshot
from sandogh.services.acting import Actor
from sandogh.services.audit_status import record_hand_count
from sandogh.services.audits import start_audit
from sandogh.services.certifications import certify, uncertify
from sandogh.services.hand_count_corrections import certify_hand_count
from sandogh.services.ingest import ingest_report
from sandogh.services.lot_commitments import commit_lot
from sandogh.services.memory import MemoryStore, MemoryUnitOfWork
from sandogh.services.outcome_decisions import draw_lot
from sandogh.services.results import import_results
from sandogh.services.voids import void
from tests.services.build import LATER, NOW, ROUND_2, ROUND_2_DAY, ST_1, ST_2, ST_3, final, signed
from tests.services.operators_build import add

from .build import (
    KEYS,
    VOTES,
    NewUnitOfWork,
    at,
    final_report,
    publisher,
    record_fingerprint,
    report,
    set_up,
)
from .serving import serving

BAM_SECRET = "راز هیئت بم ۱۴۰۳ — 5c1e9a07d3"  # committed before Bam's final report

DATA = f"data/{ROUND_2}"


def check(root: Path, *, anchored: bool = True) -> Verification:
    """`root` verified against the record's fingerprint taken from a second source (or, not
    `anchored`, against its own `devices.json`)."""
    anchors = Anchors((record_fingerprint(),)) if anchored else None
    with FolderSource(root) as source:
        return verify_snapshot(source, anchors=anchors)


@pytest.fixture
def root(uow: NewUnitOfWork, tmp_path: Path) -> Path:
    """The snapshot once ST_1 and ST_3 have reported (ST_2 has not)."""
    report(uow, ST_1, 1)
    report(uow, ST_3, 2)
    publisher(uow, tmp_path).regenerate()
    return tmp_path


def test_a_snapshot_agrees_with_its_signed_reports(root: Path) -> None:
    verification = check(root)

    assert verification.agrees
    (election,) = verification.elections
    assert (election.election, election.reports, election.verified, election.readded) == (
        ROUND_2,
        5,  # three zero reports, two final
        5,
        2,
    )
    assert election.documents > 20
    assert election.findings == ()


def test_one_changed_byte_of_a_report_names_the_station(root: Path) -> None:
    path = root / DATA / f"reports/{ST_1}/final.json"
    data = path.read_bytes()
    at = data.index(b'"votes":{"21":') + len(b'"votes":{"21":')
    path.write_bytes(data[:at] + b"5" + data[at + 1 :])  # one vote becomes five

    verification = check(root)

    assert not verification.agrees
    findings = verification.elections[0].findings
    signature = [f for f in findings if f.kind is Disagreement.SIGNATURE]
    assert [(f.where, f.file) for f in signature] == [(ST_1, f"{DATA}/reports/{ST_1}/final.json")]
    assert stations_of(findings)[:1] == [ST_1]
    assert ST_3 not in stations_of(findings)


def test_a_byte_that_breaks_the_form_names_the_station(root: Path) -> None:
    path = root / DATA / f"reports/{ST_3}/zero.json"
    path.write_bytes(path.read_bytes().replace(b'"kind":"zero"', b'"kind":"Zero"'))

    findings = check(root).elections[0].findings

    assert {(f.kind, f.where) for f in findings} >= {
        (Disagreement.UNREADABLE, ST_3),
        (Disagreement.REPORT_HASH, ST_3),
    }


def test_one_changed_total_names_the_unit_and_the_figure(root: Path) -> None:
    path = root / DATA / "results/president/IR-08.json"
    document = json.loads(path.read_bytes())
    votes = {v["code"]: v for v in document["counts"]["votes"]}
    votes["25"]["votes"] += 1
    path.write_text(json.dumps(document, ensure_ascii=False))

    (finding,) = check(root).elections[0].findings

    assert (finding.kind, finding.where, finding.figure) == (
        Disagreement.FIGURE,
        "IR-08",
        "counts.votes[25].votes",
    )
    assert (finding.published, finding.expected) == (
        str(votes["25"]["votes"]),
        str(votes["25"]["votes"] - 1),
    )


def test_figures_without_a_signed_report_disagree(uow: NewUnitOfWork, tmp_path: Path) -> None:
    sheets = decode_report(decode_signed(final_report(ST_2)).report).sheets
    import_results(uow, ROUND_2, sheets, now=LATER)  # a paper tally sheet: no signed report
    publisher(uow, tmp_path).regenerate()

    findings = check(tmp_path).elections[0].findings

    unsigned = [f for f in findings if f.kind is Disagreement.UNSIGNED]
    assert {(f.where, f.figure) for f in unsigned} == {(ST_2, "stations.reported")}
    assert "IR" in stations_of(findings)  # and the totals above it are not the reports' sum


def test_unanchored_a_key_the_snapshot_does_not_list_for_the_station_disagrees(
    root: Path,
) -> None:
    path = root / DATA / "devices.json"
    document = json.loads(path.read_bytes())
    document["devices"] = [d for d in document["devices"] if d["station"] != ST_3]
    path.write_text(json.dumps(document))

    verification = check(root, anchored=False)
    findings = verification.elections[0].findings

    assert not verification.anchored
    assert {(f.kind, f.where) for f in findings if f.kind is Disagreement.DEVICE} == {
        (Disagreement.DEVICE, ST_3)
    }
    assert check(root).agrees  # anchored, devices.json is not what the boxes are checked against


def test_a_missing_report_names_the_station(root: Path) -> None:
    (root / DATA / f"reports/{ST_3}/final.json").unlink()

    findings = check(root).elections[0].findings

    assert (Disagreement.MISSING, ST_3) in {(f.kind, f.where) for f in findings}


def test_a_changed_station_csv_names_the_line(root: Path) -> None:
    path = root / DATA / "csv/stations/IR-08-0802.csv"
    lines = path.read_text().splitlines()
    lines[1] = lines[1].replace(ST_3, ST_3, 1)[:-1] + "9"
    path.write_text("\n".join(lines) + "\n")

    (finding,) = check(root).elections[0].findings

    assert (finding.where, finding.figure) == ("IR-08-0802", "line 2")


def test_a_snapshot_is_checked_over_http(root: Path) -> None:
    with serving(root) as url, HttpSource(url) as source:
        verification = verify_snapshot(source, ROUND_2, Anchors((record_fingerprint(),)))

    assert verification.agrees
    assert verification.elections[0].readded == 2


def test_voids_and_certifications_are_published_and_re_applied(
    uow: NewUnitOfWork, tmp_path: Path
) -> None:
    for n, station in enumerate((ST_1, ST_2, ST_3), start=1):
        report(uow, station, n)
    board = Actor("nazer", Grant(Role.SUPERVISOR, "IR"))
    said = Decision("a box without its seal", "1403/12")
    void(uow, board, ROUND_2, StationVoid(ST_1, None, said), now=LATER)
    certify(
        uow,
        board,
        ROUND_2,
        "president",
        reason="نتیجه بررسی شد",
        reference="هیئت ۱۴۰۳/۱",
        now=LATER,
    )
    publisher(uow, tmp_path).regenerate()

    supervision = json.loads((tmp_path / DATA / "supervision.json").read_text())
    assert [v["station"] for v in supervision["voids"]] == [ST_1]
    assert supervision["voids"][0]["at"] == LATER.astimezone(datetime.UTC).isoformat()
    assert [c["contest"] for c in supervision["certifications"]] == ["president"]
    outcome = json.loads((tmp_path / DATA / "outcomes/president/IR.json").read_text())
    assert outcome["status"] == "certified"
    assert check(tmp_path).agrees

    # a void's time that a page cannot place in Tehran's day is refused like the rest of the file
    unplaced = {**supervision, "voids": [{**supervision["voids"][0], "at": "2024-07-05T20:00"}]}
    (tmp_path / DATA / "supervision.json").write_text(json.dumps(unplaced))
    (finding,) = [f for f in check(tmp_path).elections[0].findings if "no offset" in f.detail]
    assert (finding.kind, finding.file) == (Disagreement.UNREADABLE, f"{DATA}/supervision.json")

    supervision["voids"] = []  # a void quietly dropped from what is published
    (tmp_path / DATA / "supervision.json").write_text(json.dumps(supervision))
    verification = check(tmp_path)
    assert not verification.agrees
    assert any(f.where == ST_1 for f in verification.elections[0].findings)


def test_an_undone_certification_is_published_with_its_undoing_and_is_not_final(
    uow: NewUnitOfWork, tmp_path: Path
) -> None:
    """Issue 13: a certification undone stays in `supervision.json` with who undid it, when and
    why; the outcome it covered is not final, and a file that says otherwise disagrees."""
    for n, station in enumerate((ST_1, ST_2, ST_3), start=1):
        report(uow, station, n)
    board, second = (Actor(n, Grant(Role.SUPERVISOR, "IR")) for n in ("nazer", "dovom"))
    certify(uow, board, ROUND_2, "president", reason="ارقام بررسی شد", reference="۱۲", now=LATER)
    undone_at = LATER + datetime.timedelta(hours=2)
    undoing = {"reason": "شکایت نامزد ۲۵", "reference": "هیئت ۱۴۰۳/۲"}
    uncertify(uow, second, ROUND_2, "president", **undoing, now=undone_at)
    publisher(uow, tmp_path).regenerate()

    path = tmp_path / DATA / "supervision.json"
    published = path.read_bytes()
    supervision = json.loads(published)
    (made,) = supervision["certifications"]
    assert (made["by"], made["reason"], made["reference"]) == ("nazer", "ارقام بررسی شد", "۱۲")
    at = undone_at.astimezone(datetime.UTC).isoformat()
    assert made["undone"] == {
        "by": "dovom",
        "role": "supervisor",
        "place": "IR",
        "at": at,
        **undoing,
    }
    outcome_path = tmp_path / DATA / "outcomes/president/IR.json"
    outcome = json.loads(outcome_path.read_text())
    assert outcome["status"] == "complete"
    assert check(tmp_path).agrees

    def findings(document: object) -> list[tuple[Disagreement, str, str]]:
        path.write_text(json.dumps(document))
        found = check(tmp_path).elections[0].findings
        return [(f.kind, f.figure, f.detail) for f in found if f.kind is not Disagreement.DECISIONS]

    # the undoing dropped: the certification reads as in force, the outcome is not certified
    dropped = findings({**supervision, "certifications": [{**made, "undone": None}]})
    assert (Disagreement.FIGURE, "status", "") in dropped
    # an undoing with no reason in words, dated before the certification it undoes
    early = {**made["undone"], "reason": "...", "at": "2024-07-01T00:00:00+00:00"}
    assert findings({**supervision, "certifications": [{**made, "undone": early}]}) == [
        (Disagreement.CERTIFICATION, "", "reason"),
        (Disagreement.CERTIFICATION, "", "early"),
    ]
    # the outcome published as certified while its certification is undone
    path.write_bytes(published)
    outcome_path.write_text(json.dumps({**outcome, "status": "certified"}))
    (finding,) = check(tmp_path).elections[0].findings
    assert (finding.kind, finding.figure, finding.published) == (
        Disagreement.FIGURE,
        "status",
        '"certified"',
    )


def test_voided_ballots_have_figures_of_their_own_that_re_add(
    uow: NewUnitOfWork, tmp_path: Path
) -> None:
    """A voided box's ballots are counted apart (issue 13): out of those cast, among `void`, and
    named as the board's in every unit above the box, which `verify-results` re-derives."""
    for n, station in enumerate((ST_1, ST_2, ST_3), start=1):
        report(uow, station, n)
    board = Actor("nazer", Grant(Role.SUPERVISOR, "IR"))
    void(uow, board, ROUND_2, StationVoid(ST_1, None, Decision("no seal", "1403/12")), now=LATER)
    publisher(uow, tmp_path).regenerate()
    results = tmp_path / DATA / "results/president"

    station = json.loads((results / f"{ST_1}.json").read_text())
    nation = json.loads((results / "IR.json").read_text())
    taken = station["counts"]["voided"]
    assert taken == station["counts"]["void"] > 0
    assert station["counts"]["cast"] == 0
    assert station["stations"] == {"reported": 1, "total": 1, "voided": 1}
    assert nation["counts"]["voided"] == taken
    assert nation["stations"] == {"reported": 3, "total": 3, "voided": 1}
    assert check(tmp_path).agrees

    # a station's file in the format before them still agrees: its `void` counts them
    (results / f"{ST_1}.json").write_text(json.dumps(unit_result_v1(station)))
    assert check(tmp_path).agrees

    nation["counts"]["voided"] = taken - 1  # the board's share of the void understated
    nation["stations"]["voided"] = 0
    (results / "IR.json").write_text(json.dumps(nation))
    found = [(f.where, f.figure) for f in check(tmp_path).elections[0].findings]
    assert found == [("IR", "stations.voided"), ("IR", "counts.voided")]


def test_turnout_after_a_void_is_one_rule_that_verify_results_re_derives(
    uow: NewUnitOfWork, tmp_path: Path
) -> None:
    """Issue 13 (A4): a voided station's eligible voters leave turnout's base and its papers
    used its numerator in the results files and the CSV alike; `verify-results` re-derives them
    by the same rule and names a file that keeps the voided voters in the base, or a CSV that
    moves the voided ballots into invalid."""
    for n, station in enumerate((ST_1, ST_2, ST_3), start=1):
        report(uow, station, n)
    board = Actor("nazer", Grant(Role.SUPERVISOR, "IR"))
    void(uow, board, ROUND_2, StationVoid(ST_1, None, Decision("no seal", "1403/12")), now=LATER)
    publisher(uow, tmp_path).regenerate()
    results = tmp_path / DATA / "results/president"
    station = json.loads((results / f"{ST_1}.json").read_text())
    nation = json.loads((results / "IR.json").read_text())
    eligible, shown = nation["eligible_voters"], nation["turnout"]
    assert nation["format"] == "sandogh/unit-result@3"
    left_out = station["eligible_voters"]
    assert shown["eligible"] == eligible - left_out
    papers = nation["counts"]["papers"]["used"] - station["counts"]["papers"]["used"]
    assert shown["papers_used"] == papers
    assert shown["cast"]["share"] == f"{nation['counts']['cast']}/{eligible - left_out}"
    assert station["turnout"] == {"eligible": 0, "papers_used": 0, "cast": None, "papers": None}
    totals = (tmp_path / DATA / "csv/totals.csv").read_text()
    rows = {(r["unit"], r["figure"]): r["value"] for r in csv.DictReader(io.StringIO(totals))}
    assert rows["IR", "voided"] == str(nation["counts"]["voided"])
    assert rows["IR", "stations_voided"] == "1"
    assert rows["IR", "turnout_eligible_voters"] == str(eligible - left_out)
    assert rows["IR", "turnout_papers_used"] == str(papers)
    assert check(tmp_path).agrees

    # the file of the format before, whose turnout kept them, still agrees as written
    (results / "IR.json").write_text(json.dumps(unit_result_v2(nation)))
    assert check(tmp_path).agrees
    # but a file of this format that keeps them in the base disagrees
    kept = {**unit_result_v2(nation), "format": nation["format"]}
    (results / "IR.json").write_text(json.dumps(kept))
    found = [(f.where, f.figure) for f in check(tmp_path).elections[0].findings]
    assert found == [
        ("IR", f"turnout.{figure}")
        for figure in (
            "eligible",
            "papers_used",
            "cast.share",
            "cast.percent",
            "papers.share",
            "papers.percent",
        )
    ]
    (results / "IR.json").write_text(json.dumps(nation))

    # the CSV's voided ballots moved into the invalid ones (blank) are named by their line
    lines = totals.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("president,IR,nation,voided,"))
    blank = next(
        i for i, line in enumerate(lines) if line.startswith("president,IR,nation,invalid_blank,")
    )
    moved = int(rows["IR", "voided"]) + int(lines[blank].rsplit(",", 1)[1])
    lines[blank] = f"president,IR,nation,invalid_blank,,{moved}\n"
    lines[at] = "president,IR,nation,voided,,0\n"
    (tmp_path / DATA / "csv/totals.csv").write_text("".join(lines))
    found = [(f.where, f.figure) for f in check(tmp_path).elections[0].findings]
    assert found == [(ROUND_2, f"line {blank + 1}"), (ROUND_2, f"line {at + 1}")]


def test_a_certified_hand_count_is_published_and_re_derived(
    uow: NewUnitOfWork, tmp_path: Path
) -> None:
    """One ballot apart, the audit sends the runoff to a full hand count; its certified totals
    are the published result, and both forgeries are caught: results that ignore the correction,
    and a correction whose totals were altered."""
    close = {ST_1: [("21",), ("25",)], ST_2: [("21",), ("25",)], ST_3: [("21",)]}
    for n, station in enumerate((ST_1, ST_2, ST_3), start=1):
        report(uow, station, n, votes={"president": close[station]})
    start_audit(uow, ROUND_2, ["president"], Fraction(1, 20), now=LATER)
    hand = Counts(cast=5, valid=5, votes={"21": 2, "25": 3})
    record_hand_count(uow, ROUND_2, "president:IR", hand, now=LATER)
    board = Actor("nazer", Grant(Role.SUPERVISOR, "IR"))
    made = certify_hand_count(uow, board, ROUND_2, "president:IR", reason="minutes", now=LATER)
    publisher(uow, tmp_path).regenerate()

    folder = tmp_path / DATA
    supervision = json.loads((folder / "supervision.json").read_text())
    (published,) = supervision["corrections"]
    assert (published["votes"], published["audit"]) == ({"21": 2, "25": 3}, made.audit)
    outcome = json.loads((folder / "outcomes/president/IR.json").read_text())
    elected = [c["code"] for c in outcome["candidates"] if c["result"] == "elected"]
    assert elected == ["25"]
    assert check(tmp_path).agrees

    # a results file that ignores the correction: the reported sums put back
    nation = folder / "results/president/IR.json"
    honest = nation.read_text()
    ignoring = json.loads(honest)
    reported = {"21": 3, "25": 2}
    assert {v["code"]: v["votes"] for v in ignoring["counts"]["votes"]} == {"21": 2, "25": 3}
    for each in ignoring["counts"]["votes"]:
        each["votes"] = reported[each["code"]]
    nation.write_text(json.dumps(ignoring))
    assert _where(tmp_path) == ["IR"]
    nation.write_text(honest)

    # a correction whose totals were altered, the results left as published
    published["votes"] = {"21": 3, "25": 2}
    (folder / "supervision.json").write_text(json.dumps(supervision))
    assert "IR" in _where(tmp_path)
    published["votes"] = {"21": 3, "25": 3}  # and one that no longer adds up
    (folder / "supervision.json").write_text(json.dumps(supervision))
    findings = check(tmp_path).elections[0].findings
    assert any(f.kind is Disagreement.UNREADABLE and "votes" in f.detail for f in findings)


def _where(root: Path) -> list[str]:
    verification = check(root)
    assert not verification.agrees
    return stations_of(verification.elections[0].findings)


def test_crossed_out_ballots_of_a_paper_count_are_published_and_re_added(
    uow: NewUnitOfWork, tmp_path: Path
) -> None:
    # ST_3 counted its presidential ballots on paper and found 2 crossed out (مخدوش), the kind
    # the seeds name among Kerman's invalid ballots: cast, papers used and received grow by 2.
    made = final(ROUND_2_DAY, ST_3, KEYS[ST_3], VOTES[ST_3])
    sheets = tuple(
        dataclasses.replace(sheet, counts=_crossed_out(sheet.counts, 2))
        if sheet.contest == "president"
        else sheet
        for sheet in made.sheets
    )
    ingest_report(
        uow, signed=signed(dataclasses.replace(made, sheets=sheets), KEYS[ST_3]), now=at(2)
    )
    report(uow, ST_1, 1)
    publisher(uow, tmp_path).regenerate()

    verification = check(tmp_path)

    assert verification.agrees, verification.elections[0].findings
    station = json.loads((tmp_path / DATA / f"results/president/{ST_3}.json").read_text())
    assert station["counts"]["invalid"]["crossed-out"] == 2
    assert station["counts"]["cast"] == station["counts"]["valid"] + 2
    csv_text = (tmp_path / DATA / "csv/stations/IR-08-0802.csv").read_text()
    assert csv_text.splitlines()[0].split(",")[12] == "invalid_crossed_out"
    assert "invalid_crossed_out" in (tmp_path / DATA / "csv/totals.csv").read_text()


def _crossed_out(counts: Counts, n: int) -> Counts:
    return dataclasses.replace(
        counts,
        cast=counts.cast + n,
        papers_used=counts.papers_used + n,
        papers_received=counts.papers_received + n,
        invalid={**counts.invalid, InvalidKind.CROSSED_OUT: n},
    )


def test_a_snapshot_published_before_crossed_out_ballots_were_counted_still_agrees(
    root: Path,
) -> None:
    # What an older sandogh wrote: no `crossed-out` figure (0 is not written) and station CSVs
    # without its column. Left out of a county where a station counted some, it would disagree.
    folder = root / DATA / "csv/stations"
    for path in folder.glob("*.csv"):
        rows = list(csv.reader(io.StringIO(path.read_text())))
        at_column = rows[0].index("invalid_crossed_out")
        stream = io.StringIO()
        csv.writer(stream, lineterminator="\n").writerows(
            [value for i, value in enumerate(row) if i != at_column] for row in rows
        )
        path.write_text(stream.getvalue())
    assert "crossed-out" not in (root / DATA / "results/president/IR-08.json").read_text()

    assert check(root).agrees


def _committed(board: Actor) -> NewUnitOfWork:
    """The runoff set up as the `uow` fixture's, Bam's board committed to its lot's secret
    before the stations opened (a commitment is refused once polling has begun)."""
    store = MemoryStore()

    def new() -> MemoryUnitOfWork:
        return MemoryUnitOfWork(store)

    def commit(uow: NewUnitOfWork) -> None:
        commit_lot(uow, board, ROUND_2, "parliament", "P2", secret=BAM_SECRET, now=NOW)

    set_up(new, before_opening=commit)
    add(new, "bami", Role.SUPERVISOR, "IR-08-0802")  # who draws is an account (S20, F7)
    return new


def test_a_published_outcome_with_another_lot_disagrees(tmp_path: Path) -> None:
    bam = Actor("bami", Grant(Role.SUPERVISOR, "IR-08-0802"))
    uow = _committed(bam)
    report(uow, ST_3, 2)  # Bam's one seat: 41 and 42 tie
    made = draw_lot(
        uow, bam, ROUND_2, "parliament", "P2", secret=BAM_SECRET, drawn_by=["bami"], now=LATER
    )
    publisher(uow, tmp_path).regenerate()
    folder = tmp_path / DATA
    supervision = json.loads((folder / "supervision.json").read_text())
    assert [(lot["seed"], lot["tied"]) for lot in supervision["lots"]] == [
        (made.seed, ["41", "42"])
    ]
    path = folder / "outcomes/parliament/P2.json"
    outcome = json.loads(path.read_text())
    assert [lot["seed"] for lot in outcome["lots"]] == [made.seed]
    assert check(tmp_path).agrees

    outcome["lots"][0]["seed"] = "another"  # the outcome shown with a lot that was not drawn
    path.write_text(json.dumps(outcome, ensure_ascii=False))
    verification = check(tmp_path)
    assert not verification.agrees
    assert "parliament/P2" in {f.where for f in verification.elections[0].findings}


@pytest.mark.parametrize(
    ("field", "value", "named"),
    [
        ("seed", "قرعه ۱۴۰۲ جلسه 7", "seed"),  # the review's ground seed, in place of the derived
        ("secret", BAM_SECRET + "!", "commitment"),  # another secret: not the one committed
        ("commitment", "0" * 64, "commitment"),
        ("committed_at", "2024-07-06T08:00:00+03:30", "committed_at"),  # after the lot
        (None, None, "commitment"),  # the lot published without its commitment
    ],
)
def test_a_published_lot_whose_seed_its_commitment_does_not_fix_is_named(
    tmp_path: Path, field: str | None, value: str | None, named: str
) -> None:
    bam = Actor("bami", Grant(Role.SUPERVISOR, "IR-08-0802"))
    uow = _committed(bam)
    report(uow, ST_3, 2)
    draw_lot(uow, bam, ROUND_2, "parliament", "P2", secret=BAM_SECRET, drawn_by=["bami"], now=LATER)
    publisher(uow, tmp_path).regenerate()
    path = tmp_path / DATA / "supervision.json"
    supervision = json.loads(path.read_text())
    (lot,) = supervision["lots"]
    assert (lot["secret"], lot["commitment"]) == (BAM_SECRET, commitment_of(BAM_SECRET))
    assert lot["seed"] == tie_seed(BAM_SECRET, "parliament", "P2", Stake.SEAT, ["41", "42"])
    assert check(tmp_path).agrees

    if field is None:
        for key in ("commitment", "secret", "committed_by", "committed_at"):
            del lot[key]
    else:
        lot[field] = value
    path.write_text(json.dumps(supervision, ensure_ascii=False))
    verification = check(tmp_path)
    assert not verification.agrees
    found = [f for f in verification.elections[0].findings if f.kind is Disagreement.LOT]
    assert [(f.where, f.figure) for f in found][:1] == [("parliament/P2", named)]


def test_a_published_close_s_reconciliation_is_read_and_an_unexplained_mismatch_named(
    uow: NewUnitOfWork, tmp_path: Path
) -> None:
    """Finding A1 of session 23: the final report now signs the close's reconciliation, which
    verify-results reads with it; one whose mismatch carries no words is named, not re-added."""
    report(uow, ST_1, 1)
    counted = final(ROUND_2_DAY, ST_3, KEYS[ST_3], VOTES[ST_3])
    n = counted.cvr_count
    words = "یک رأی‌دهنده کارت گرفت و پیش از رأی دادن رفت."
    closed = CloseReconciliation(n + 1, n, 1, n, n, words)
    reconciled = dataclasses.replace(counted, reconciliation=closed)
    ingest_report(uow, signed=signed(reconciled, KEYS[ST_3]), now=at(2))
    publisher(uow, tmp_path).regenerate()
    assert check(tmp_path).agrees
    path = tmp_path / DATA / f"reports/{ST_3}/final.json"
    assert words.encode() in path.read_bytes()
    path.write_bytes(path.read_bytes().replace(words.encode(), b""))

    findings = check(tmp_path).elections[0].findings

    unreadable = [f for f in findings if f.kind is Disagreement.UNREADABLE]
    assert [f.where for f in unreadable] == [ST_3]
    assert "reconciliation.explanation" in unreadable[0].detail
