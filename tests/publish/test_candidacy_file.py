"""`candidacy.json` (`publish.candidacy_file`): the live demo's round 1 candidacy published with
its results, nothing personal in the snapshot, and the attacks of the review's F15 mounted — a
forged draw, a definition whose codes are not the draw's, the file changed or dropped under the
log key's attestation."""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from sandogh.cli.demo import EXAMPLE
from sandogh.cli.demo_candidacy import record_candidacy
from sandogh.cli.verification_view import finding_text
from sandogh.core.candidacy.conditions import Applicant, Education
from sandogh.core.candidacy.draw import CodeDraw, DrawnCode
from sandogh.core.candidacy.draw_commitment import code_seed
from sandogh.core.candidacy.process import Board, Decision, Objection, Outcome, Registration
from sandogh.core.candidacy.records import Published
from sandogh.core.report import SigningKey
from sandogh.core.rules.lot_commitment import commitment_of
from sandogh.formats.definition_file import decode_canonical, load_definition
from sandogh.publish.candidacy_file import FILE, candidacy_json, check_candidacy, redrawn
from sandogh.publish.decisions_check import check_decisions
from sandogh.publish.findings import Check, Disagreement, Finding, Vouched
from sandogh.publish.snapshot import Publisher
from sandogh.publish.sources import FolderSource
from sandogh.publish.verify import verify_snapshot
from sandogh.services.elections import load_election
from sandogh.services.memory import MemoryStore, MemoryUnitOfWork

ROUND_1 = "kerman-1403-r1"
DATA = f"data/{ROUND_1}"
KEY = SigningKey.from_seed(bytes(range(32)))
MOMENT = datetime.datetime(2024, 6, 27, 12, tzinfo=datetime.UTC)


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Round 1's candidacy as the live demo records it (on round 1's draft, which the draw
    makes round 1), the snapshot written by a publisher following the log from the start."""
    store = MemoryStore()

    def uow() -> MemoryUnitOfWork:
        return MemoryUnitOfWork(store)

    folder = tmp_path_factory.mktemp("candidacy")
    root = folder / "snapshot"
    publisher = Publisher(uow, root, render=False, log_key=KEY, now=lambda: MOMENT)
    record_candidacy(uow, EXAMPLE, folder / "demo", Console(quiet=True), "en")
    publisher.poll()  # followed as it is recorded: round 1's draft, drawn into round 1
    loaded = load_definition(EXAMPLE / "round1.yaml")
    done = load_election(
        uow,
        loaded.election,
        definition_hash=loaded.definition_hash,
        canonical=loaded.canonical,
        now=MOMENT,
    )
    assert not done.created  # the draw stored round 1 already
    publisher.poll()
    return root


def _candidacy(root: Path) -> Any:
    return json.loads((root / DATA / FILE).read_text(encoding="utf-8"))


def _copy(published: Path, tmp_path: Path, *names: str) -> Path:
    """The files `names` of round 1's folder, and the log's."""
    root = tmp_path / "copy"
    shutil.copytree(published / "log", root / "log")
    (root / DATA).mkdir(parents=True)
    for name in names:
        shutil.copy(published / DATA / name, root / DATA / name)
    return root


def _found(root: Path) -> list[Finding]:
    with FolderSource(root) as source:
        check = Check(source, ROUND_1)
        check_candidacy(check, decode_canonical((root / DATA / "definition.json").read_bytes()))
    return check.found


def test_the_final_list_the_decisions_and_the_draw_are_published_and_verify(
    published: Path,
) -> None:
    document = _candidacy(published)
    (contest,) = document["contests"]
    (final,) = contest["lists"]
    assert (final["day"], final["day_jalali"]) == ("2024-06-11", "1403-03-22")  # 22 Khordad
    assert len(final["candidates"]) == 6
    assert len(contest["decisions"]) == 9
    assert {d["outcome"] for d in contest["decisions"]} >= {"qualified"}
    draw = contest["draw"]
    assert (draw["secret"], draw["pool"], draw["list"]) == (
        "kerman-1403/code-draw/21",
        ["21", "25", "33", "44"],
        0,
    )
    assert draw["seed"] == code_seed(draw["secret"], "president", range(1, 7))
    committed = contest["commitment"]
    assert committed["commitment"] == commitment_of(draw["secret"])
    assert (committed["day"], committed["lists_before"]) == (final["day"], 0)
    assert [c["code"] for c in draw["codes"]] == ["21", "25", "33", "44"]
    assert {w["applicant"] for w in contest["withdrawals"]} == {5, 6}
    with FolderSource(published) as source:
        verification = verify_snapshot(source)
    assert verification.agrees, verification.elections[0].findings


def test_nothing_personal_is_published(published: Path) -> None:
    """No national code, birth date or document digest of any applicant, anywhere in the
    snapshot; no name of an applicant not on the final list in candidacy.json."""
    example = json.loads((EXAMPLE / "candidacy.json").read_text(encoding="utf-8"))
    secrets = [p["national_code"] for p in example["applicants"]]
    secrets += [p["born"] for p in example["applicants"]]
    every = b"".join(path.read_bytes() for path in published.rglob("*") if path.is_file())
    assert not [s for s in secrets if s.encode() in every]
    text = (published / DATA / FILE).read_text(encoding="utf-8")
    for word in ("national_code", "birth", "documents", "education", "reason", "grounds"):
        assert word not in text
    document = _candidacy(published)
    listed = {c["applicant"] for c in document["contests"][0]["lists"][0]["candidates"]}
    for number, person in enumerate(example["applicants"], start=1):
        assert (person["name"]["en"] in text) == (number in listed)


def test_a_forged_draw_is_caught(published: Path, tmp_path: Path) -> None:
    """Two codes swapped in the published draw: not what the published seed draws."""
    root = _copy(published, tmp_path, FILE, "definition.json")
    document = _candidacy(root)
    codes = document["contests"][0]["draw"]["codes"]
    codes[0]["code"], codes[1]["code"] = codes[1]["code"], codes[0]["code"]
    (root / DATA / FILE).write_text(json.dumps(document), encoding="utf-8")
    found = _found(root)
    assert [(f.kind, f.file, f.detail) for f in found] == [
        (Disagreement.CANDIDACY, f"{DATA}/{FILE}", "draw")
    ]
    assert "21=2@IR" in found[0].expected
    assert "25=2@IR" in found[0].published
    assert "قرعه" in finding_text(found[0], "fa")


def test_a_seed_changed_to_fit_is_caught_against_the_definition(
    published: Path, tmp_path: Path
) -> None:
    """The draw rewritten whole under another seed, codes redrawn to fit it: the definition's
    candidates (the ballot) are then not what the published draw gives."""
    root = _copy(published, tmp_path, FILE, "definition.json")
    document = _candidacy(root)
    contest = document["contests"][0]
    people = {c["applicant"]: c for c in contest["draw"]["codes"]}
    for seed in (f"forged-{n}" for n in range(50)):
        contest["draw"]["seed"] = seed
        made, _ = redrawn("president", contest)
        if [c.applicant for c in made.codes] != [c["applicant"] for c in contest["draw"]["codes"]]:
            break
    contest["draw"]["codes"] = [{**people[c.applicant], "code": c.code} for c in made.codes]
    (root / DATA / FILE).write_text(json.dumps(document), encoding="utf-8")
    found = _found(root)
    assert [(f.kind, f.file, f.figure, f.detail) for f in found] == [
        (Disagreement.CANDIDACY, f"{DATA}/{FILE}", "contests[0].commitment.seed", "commitment"),
        (
            Disagreement.CANDIDACY,
            f"{DATA}/definition.json",
            "contests[president].candidates",
            "definition",
        ),
    ]
    assert "the definition's candidates" in finding_text(found[1], "en")


@pytest.mark.parametrize(
    ("tamper", "figure"),
    [
        ("commitment", "contests[0].commitment.commitment"),
        ("secret", "contests[0].commitment.commitment"),
        ("after the list", "contests[0].commitment.day"),
        ("none", "contests[0].commitment"),
    ],
)
def test_a_tampered_commitment_is_caught(
    published: Path, tmp_path: Path, tamper: str, figure: str
) -> None:
    """R5: the commitment swapped for one of a secret ground after the list (its seed and codes
    redrawn to fit would be caught as above), another secret revealed with its own seed, the
    commitment dated after the final list, or none at all: each is a finding of its own."""
    root = _copy(published, tmp_path, FILE, "definition.json")
    document = _candidacy(root)
    contest = document["contests"][0]
    match tamper:
        case "commitment":
            contest["commitment"]["commitment"] = commitment_of("a secret ground after the list")
        case "secret":  # a ground secret revealed, the seed made of it, the codes kept
            other = "a secret ground after the list"
            contest["draw"]["secret"] = other
            contest["draw"]["seed"] = code_seed(other, "president", range(1, 7))
        case "after the list":
            contest["commitment"]["lists_before"] = 1
            contest["commitment"]["day"] = "2024-06-12"
        case "none":
            contest["commitment"] = None
    (root / DATA / FILE).write_text(json.dumps(document), encoding="utf-8")
    found = [f for f in _found(root) if f.detail == "commitment"]
    assert [f.figure for f in found][:1] == [figure]
    assert "تعهد قرعه کدها" in finding_text(found[0], "fa")
    assert "commitment" in finding_text(found[0], "en")


def test_a_definition_whose_codes_differ_from_the_draw_is_caught(
    published: Path, tmp_path: Path
) -> None:
    root = _copy(published, tmp_path, FILE, "definition.json")
    definition = json.loads((root / DATA / "definition.json").read_bytes())
    (contest,) = (c for c in definition["contests"] if c["id"] == "president")
    contest["candidates"][0]["code"], contest["candidates"][1]["code"] = (
        contest["candidates"][1]["code"],
        contest["candidates"][0]["code"],
    )
    (root / DATA / "definition.json").write_text(json.dumps(definition), encoding="utf-8")
    found = _found(root)
    assert [(f.kind, f.detail) for f in found] == [(Disagreement.CANDIDACY, "definition")]


@pytest.mark.parametrize("how", ["changed", "dropped"])
def test_a_changed_or_dropped_candidacy_file_is_not_the_log_keys_word(
    published: Path, tmp_path: Path, how: str
) -> None:
    root = _copy(published, tmp_path, FILE, "supervision.json", "builds.json")
    path = root / DATA / FILE
    if how == "dropped":
        path.unlink()
    else:
        document = _candidacy(root)
        document["contests"][0]["decisions"][0]["article"] = "ماده دیگر"
        path.write_text(json.dumps(document), encoding="utf-8")
    with FolderSource(root) as source:
        check = Check(source, ROUND_1)
        vouched = check_decisions(check, (KEY.public_key,))
    assert vouched is Vouched.PUBLISHER
    kind = Disagreement.MISSING if how == "dropped" else Disagreement.DECISIONS
    assert [(f.kind, f.file) for f in check.found] == [(kind, f"{DATA}/{FILE}")]
    with FolderSource(published) as source:
        check = Check(source, ROUND_1)
        assert check_decisions(check, (KEY.public_key,)) is Vouched.LOG_KEY


def test_objections_and_their_outcomes_are_published_without_the_reasons() -> None:
    day = datetime.date(2024, 6, 1)
    person = Applicant("0012345678", "الف", "Alef", datetime.date(1970, 1, 1), Education.MASTER)
    other = Applicant("0087654321", "ب", "Be", datetime.date(1971, 1, 1), Education.MASTER)
    records = [
        Registration(1, "majlis", "K1", person, day),
        Registration(2, "majlis", "K1", other, day),
        Decision(1, Board.SUPERVISORY, Outcome.QUALIFIED, "ماده ۲۸", "", "b", ("b",), day),
        Decision(2, Board.SUPERVISORY, Outcome.REJECTED, "ماده ۳۰", "سری", "b", ("b",), day),
        Objection(2, "دلایل شخصی", day),
        Decision(
            2,
            Board.SUPERVISORY,
            Outcome.NOT_ESTABLISHED,
            "ماده ۳۰",
            "سری",
            "b",
            (),
            day,
            on_objection=True,
        ),
        Published("majlis", (1,), day, "hq"),
        CodeDraw("majlis", "s", ("hq",), (DrawnCode(1, "K1", "1"),)),
    ]
    document = candidacy_json("e", records)
    (contest,) = document["contests"]
    assert contest["objections"] == [
        {
            "applicant": 2,
            "day": "2024-06-01",
            "day_jalali": "1403-03-12",
            "outcome": "not-established",
        }
    ]
    assert [d["on_objection"] for d in contest["decisions"]] == [False, False, True]
    text = json.dumps(document, ensure_ascii=False)
    for private in ("0012345678", "1970-01-01", "سری", "دلایل شخصی", '"Be"', "master"):
        assert private not in text
