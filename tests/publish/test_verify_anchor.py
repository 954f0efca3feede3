"""`verify-results` against the pre-election record taken from a second source: the attacks of
issue 9, section 2, mounted by a compromised centre that writes what it likes into what it
publishes, each of which must be refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sandogh.cli.app import app
from sandogh.core.anchor import (
    AMENDMENT_LINE,
    COVERAGE_REASONS,
    decode_amendments,
    decode_record,
    encode_amendment,
    encode_amendments,
    encode_record,
    next_amendment,
    short_fingerprint,
    sign_bytes,
)
from sandogh.core.anchor.amendments import SignedAmendment
from sandogh.core.log import Disposition, Event, EventType
from sandogh.core.report import SigningKey, StaffRole, decode_report, decode_signed
from sandogh.core.report.digests import sha256_text
from sandogh.locale.language import Lang
from sandogh.locale.messages import text
from sandogh.publish.anchor_check import Anchors
from sandogh.publish.findings import Disagreement, Finding
from sandogh.publish.sources import FolderSource
from sandogh.publish.verify import Verification, verify_snapshot
from sandogh.services.anchor import record_of
from sandogh.services.ports import Device, StoredReport
from tests.core.anchor.build import LOG_KEY
from tests.services.build import (
    LATER,
    NOW,
    ROUND_2,
    ROUND_2_DAY,
    ST_1,
    ST_2,
    ST_3,
    final,
    replace_box,
)
from tests.services.build import signed as signed_report

from .build import KEYS, VOTES, NewUnitOfWork, publisher, record_fingerprint, report

DATA = f"data/{ROUND_2}"
FRESH_BOX = SigningKey.from_seed(b"F" * 32)
MADE_UP = SigningKey.from_seed(b"M" * 32)


def check(root: Path, anchors: Anchors | None = None) -> Verification:
    with FolderSource(root) as source:
        return verify_snapshot(source, anchors=anchors or Anchors((record_fingerprint(),)))


def _of(verification: Verification, kind: Disagreement) -> list[Finding]:
    return [f for f in verification.elections[0].findings if f.kind is kind]


def _smuggle(uow: NewUnitOfWork, station: str, data: bytes, device: SigningKey) -> None:
    """What a compromised centre does: store a final report, its box and its sheets, past every
    check of ingest, with the event the publisher follows."""
    sheets = decode_report(decode_signed(data).report).sheets
    key = device.public_key.raw.hex()
    with uow() as work:
        if work.devices.get(ROUND_2, key) is None:
            work.devices.add(Device(ROUND_2, station, key, NOW))
        received = sha256_text(data)
        work.reports.add(StoredReport(ROUND_2, station, "final", key, received, data, LATER))
        work.tallies.add_many(ROUND_2, sheets)
        work.events.record(
            Event(
                time=LATER,
                actor=device.public_key.text,
                role="device",
                place=station,
                type=EventType.REPORT_ACCEPTED,
                disposition=Disposition.DONE,
                details={"election": ROUND_2, "kind": "final", "report_hash": received},
            )
        )
        work.commit()


@pytest.fixture
def root(uow: NewUnitOfWork, tmp_path: Path) -> Path:
    """ST_1 and ST_3 reported through the centre's checks."""
    report(uow, ST_1, 1)
    report(uow, ST_3, 2)
    publisher(uow, tmp_path).regenerate()
    return tmp_path


def test_the_record_is_published_and_anchors_the_snapshot(root: Path) -> None:
    published = (root / DATA / "anchor/record.json").read_bytes()
    assert decode_record(published).election == ROUND_2
    assert json.loads((root / DATA / "anchor/amendments.json").read_bytes())["amendments"] == []

    short = short_fingerprint(record_fingerprint())
    for anchors in (Anchors((short,)), Anchors(records=(published,))):
        verification = check(root, anchors)
        assert verification.agrees, verification.elections[0].findings
        assert verification.anchored


def test_the_attack_a_fresh_box_and_a_made_up_staff_key(uow: NewUnitOfWork, tmp_path: Path) -> None:
    """Issue 9, §2: a report signed by a freshly enrolled key and a made-up staff key, published
    by the centre with the key in devices.json, verified as "agrees". Now refused."""
    staff = ((StaffRole.HEAD, MADE_UP),)
    data = signed_report(final(ROUND_2_DAY, ST_2, FRESH_BOX, VOTES[ST_2]), FRESH_BOX, staff)
    _smuggle(uow, ST_2, data, FRESH_BOX)
    publisher(uow, tmp_path).regenerate()
    devices = json.loads((tmp_path / DATA / "devices.json").read_bytes())["devices"]
    assert FRESH_BOX.public_key.text in {d["public_key"] for d in devices}

    unanchored = check(tmp_path, Anchors())
    assert not unanchored.agrees  # nothing vouches for any record: the anchor check fails
    verification = check(tmp_path)

    assert not verification.agrees
    (covered,) = _of(verification, Disagreement.NOT_COVERED)
    assert (covered.where, covered.figure) == (ST_2, "not_in_record")
    assert "is on record nowhere" in covered.detail
    assert ST_2 in {f.where for f in _of(verification, Disagreement.UNSIGNED)}


@pytest.mark.parametrize(
    ("staff", "reason"),
    [((), "missing_staff"), (((StaffRole.HEAD, MADE_UP),), "unregistered_staff")],
)
def test_a_final_report_without_its_registered_staff_is_not_covered(
    uow: NewUnitOfWork,
    tmp_path: Path,
    staff: tuple[tuple[StaffRole, SigningKey], ...],
    reason: str,
) -> None:
    data = signed_report(final(ROUND_2_DAY, ST_2, KEYS[ST_2], VOTES[ST_2]), KEYS[ST_2], staff)
    _smuggle(uow, ST_2, data, KEYS[ST_2])
    publisher(uow, tmp_path).regenerate()

    (covered,) = _of(check(tmp_path), Disagreement.NOT_COVERED)
    assert (covered.where, covered.figure) == (ST_2, reason)


def test_a_final_report_of_a_box_without_a_zero_report_is_not_covered(root: Path) -> None:
    for contest in ("president", "parliament"):
        path = root / DATA / f"results/{contest}/{ST_3}.json"
        document = json.loads(path.read_bytes())
        document["reports"] = [r for r in document["reports"] if r["kind"] != "zero"]
        path.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")))
    (root / DATA / f"reports/{ST_3}/zero.json").unlink()

    (covered,) = _of(check(root), Disagreement.NOT_COVERED)

    assert (covered.where, covered.figure) == (ST_3, "no_zero_report")


def test_a_changed_byte_in_the_record_is_a_fingerprint_mismatch(root: Path) -> None:
    path = root / DATA / "anchor/record.json"
    path.write_bytes(path.read_bytes().replace(b"head of ST-0801-0002", b"head of ST-0801-0003"))

    verification = check(root)

    (anchor,) = _of(verification, Disagreement.ANCHOR)
    assert "its fingerprint is sha256:" in anchor.detail
    assert not verification.agrees


def test_a_record_given_from_a_second_source_is_checked_in_place_of_the_published_one(
    uow: NewUnitOfWork, root: Path
) -> None:
    stored, _ = record_of(uow, election_id=ROUND_2)
    path = root / DATA / "anchor/record.json"
    path.write_bytes(path.read_bytes().replace(b'"threshold":3', b'"threshold":2'))

    verification = check(root, Anchors(records=(stored.data,)))

    (anchor,) = _of(verification, Disagreement.ANCHOR)
    assert "not the record given" in anchor.detail


def test_a_record_with_k_minus_one_signatures_is_refused(root: Path) -> None:
    path = root / DATA / "anchor/signatures.json"
    document = json.loads(path.read_bytes())
    document["signatures"] = document["signatures"][:2]
    path.write_text(json.dumps(document, separators=(",", ":")))

    details = [f.detail for f in _of(check(root), Disagreement.ANCHOR)]

    assert "signatures: 2 valid signatures of distinct officials; the record asks for 3" in details


def test_a_signature_by_a_non_official_is_refused(root: Path) -> None:
    path = root / DATA / "anchor/signatures.json"
    document = json.loads(path.read_bytes())
    record = (root / DATA / "anchor/record.json").read_bytes()
    forged = sign_bytes(b"sandogh/pre-election-record@1\n", record, FRESH_BOX)
    document["signatures"][0] = {"key": forged.key.text, "signature": forged.signature.hex()}
    document["signatures"].sort(key=lambda s: s["key"])
    path.write_text(json.dumps(document, separators=(",", ":")))

    details = [f.detail for f in _of(check(root), Disagreement.ANCHOR)]

    assert any("is no official of the record" in d for d in details)


def test_a_forged_amendment_is_refused(root: Path) -> None:
    """The compromised centre covers its fresh box with an amendment it signs itself."""
    record = decode_record((root / DATA / "anchor/record.json").read_bytes())
    assert encode_record(record) == (root / DATA / "anchor/record.json").read_bytes()
    amendment = next_amendment(
        record, [], station=ST_2, reason="late enrolment", device=FRESH_BOX.public_key
    )
    signatures = (sign_bytes(AMENDMENT_LINE, encode_amendment(amendment), FRESH_BOX),)
    path = root / DATA / "anchor/amendments.json"
    path.write_bytes(encode_amendments([SignedAmendment(amendment, signatures)]))
    assert len(decode_amendments(path.read_bytes())) == 1

    details = [f.detail for f in _of(check(root), Disagreement.ANCHOR)]

    assert (
        f"amendments[0].signatures[0]: {FRESH_BOX.public_key.text} is no official of the record"
        in details
    )


def test_a_box_replaced_by_a_signed_amendment_is_covered(
    uow: NewUnitOfWork, tmp_path: Path
) -> None:
    """The replacing box's final report follows the zero report of the box it replaced."""
    new = SigningKey.from_seed(b"N" * 32)
    replace_box(uow, ROUND_2, ST_2, KEYS[ST_2], new)
    report(uow, ST_2, 3, key=new)
    publisher(uow, tmp_path).regenerate()

    verification = check(tmp_path)

    assert verification.agrees, verification.elections[0].findings
    assert len(decode_amendments((tmp_path / DATA / "anchor/amendments.json").read_bytes())) == 1


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_every_reason_a_report_is_not_covered_has_its_text(lang: Lang) -> None:
    for reason in COVERAGE_REASONS:
        assert text(f"refused_{reason.name.lower()}", lang)


def test_the_log_key_the_snapshot_names_must_be_the_records(root: Path) -> None:
    (root / "log").mkdir(exist_ok=True)
    (root / "log/key.txt").write_text(FRESH_BOX.public_key.text + "\n")

    (anchor,) = _of(check(root), Disagreement.ANCHOR)
    assert (anchor.file, anchor.detail) == (
        "log/key.txt",
        f"names {FRESH_BOX.public_key.text}, not a log key of the record",
    )

    (root / "log/key.txt").write_text(LOG_KEY.public_key.text + "\n")
    assert check(root).agrees


def test_the_attack_a_signed_replacement_hidden_from_the_snapshot(
    uow: NewUnitOfWork, tmp_path: Path
) -> None:
    """Whoever publishes empties `amendments.json`, hiding the signed amendment that replaced
    (revoked) ST_2's box: the amendment's head, which observers carry, no longer agrees; the
    record's fingerprint alone still does, and says the amendments rest on the publisher's word."""
    replace_box(uow, ROUND_2, ST_2, KEYS[ST_2], SigningKey.from_seed(b"N" * 32))
    publisher(uow, tmp_path).regenerate()
    path = tmp_path / DATA / "anchor/amendments.json"
    head = encode_amendment(decode_amendments(path.read_bytes())[0].amendment)
    head_fingerprint = sha256_text(head)

    honest = check(tmp_path, Anchors((short_fingerprint(head_fingerprint),)))
    assert honest.agrees, honest.elections[0].findings
    assert (honest.elections[0].covered, honest.elections[0].amendments) == (1, 1)

    path.write_bytes(encode_amendments([]))
    hidden = check(tmp_path, Anchors((head_fingerprint,)))
    assert not hidden.agrees
    [finding] = _of(hidden, Disagreement.ANCHOR)
    assert head_fingerprint in finding.detail
    assert "missing" in finding.detail

    by_record = check(tmp_path)
    assert by_record.agrees
    assert (by_record.elections[0].covered, by_record.elections[0].head) == (
        0,
        record_fingerprint(),
    )


def test_amendments_the_anchor_does_not_reach_are_checked_but_said_to_rest_on_the_publisher(
    uow: NewUnitOfWork, tmp_path: Path
) -> None:
    replace_box(uow, ROUND_2, ST_2, KEYS[ST_2], SigningKey.from_seed(b"N" * 32))
    publisher(uow, tmp_path).regenerate()
    [amendment] = decode_amendments((tmp_path / DATA / "anchor/amendments.json").read_bytes())
    head = sha256_text(encode_amendment(amendment.amendment))

    for lang, says in (("en", "rests only on the publisher's word"), ("fa", "به گفته منتشرکننده")):
        shown = CliRunner().invoke(
            app,
            ["verify-results", str(tmp_path), "--anchor", record_fingerprint(), "--lang", lang],
        )
        assert shown.exit_code == 0, shown.output
        said = " ".join(shown.output.split())  # as the console wrapped it
        assert says in said
        assert head in said
    covered = CliRunner().invoke(
        app, ["verify-results", str(tmp_path), "--anchor", head, "--lang", "en"]
    )
    said = " ".join(covered.output.split())
    assert "covers the record and amendments 1..1" in said
    assert "publisher's word" not in said


@pytest.mark.parametrize(
    ("lang", "says"),
    [
        ("en", "covers the record; this snapshot publishes no amendment of it"),
        ("fa", "این انتشار اصلاحیه‌ای بر آن ندارد"),
    ],
)
def test_the_record_anchored_with_no_amendment_gives_no_warning(
    root: Path, lang: str, says: str
) -> None:
    """Review S20 F6: with no amendment published, the record's fingerprint is the chain's head;
    the warning that asked for the head (the anchor just given) "after amendment 0" is not
    printed."""
    shown = CliRunner().invoke(
        app, ["verify-results", str(root), "--anchor", record_fingerprint(), "--lang", lang]
    )
    assert shown.exit_code == 0, shown.output
    said = " ".join(shown.output.split())
    assert says in said
    for garbled in ("publisher's word", "amendment 0", "به گفته منتشرکننده", "اصلاحیه ۰"):
        assert garbled not in said
