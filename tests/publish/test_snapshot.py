"""Regenerating the snapshot whole, and keeping it current one change at a time."""

from __future__ import annotations

import gc
import json
import sys
from collections.abc import Collection
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import Engine, update

from sandogh.core.access import Grant, Role
from sandogh.core.report import SigningKey
from sandogh.core.supervision import Decision, StationVoid
from sandogh.publish.anchor_check import Anchors
from sandogh.publish.snapshot import Publisher
from sandogh.publish.sources import FolderSource
from sandogh.publish.verify import verify_snapshot
from sandogh.services.acting import Actor
from sandogh.services.certifications import certify
from sandogh.services.devices import revoke_device
from sandogh.services.errors import ElectionNotFoundError
from sandogh.services.memory import MemoryStore, MemoryUnitOfWork
from sandogh.services.signed_sheets import SheetNotSignedError
from sandogh.services.voids import void
from sandogh.store.engine import make_engine
from sandogh.store.tables import TallySheetRow
from sandogh.store.unit_of_work import SqlUnitOfWork
from tests.core.anchor.build import LOG_KEY
from tests.services.build import LATER, NOW, ROUND_2, ST_1, ST_2, ST_3, replace_box, seal_record

from .build import DEVICE_2, NewUnitOfWork, at, prepare, record_fingerprint, report, set_up

DATA = f"data/{ROUND_2}"
DEVICE_2B = SigningKey.from_seed(bytes(range(128, 160)))


def tree(root: Path) -> dict[str, bytes]:
    """Every file of the snapshot's data, by path."""
    data = root / "data"
    return {str(p.relative_to(data)): p.read_bytes() for p in data.rglob("*") if p.is_file()}


def pages(root: Path) -> dict[str, bytes]:
    """Every page of the results site, by path."""
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*.html")}


def read(root: Path, relative: str) -> Any:
    return json.loads((root / DATA / relative).read_bytes())


def evening(uow: NewUnitOfWork) -> list[object]:
    """The changes of the evening, each a step the publisher follows."""
    return [
        lambda: report(uow, ST_1, 1),
        lambda: report(uow, ST_3, 2),
        lambda: revoke_device(
            uow, election_id=ROUND_2, public_key_hex=DEVICE_2.public_key.raw.hex(), now=NOW
        ),
        lambda: replace_box(uow, ROUND_2, ST_2, DEVICE_2, DEVICE_2B),
        lambda: report(uow, ST_2, 3, key=DEVICE_2B),
    ]


def test_kept_current_change_by_change_equals_regenerated_whole(
    new_unit_of_work: NewUnitOfWork, tmp_path: Path
) -> None:
    set_up(new_unit_of_work)
    followed = Publisher(new_unit_of_work, tmp_path / "followed", render=False)
    followed.regenerate()
    for step in evening(new_unit_of_work):
        step()  # type: ignore[operator]
        followed.poll()
    followed.flush()  # the whole-election files, written apart from the passes, caught up

    Publisher(new_unit_of_work, tmp_path / "whole", render=False).regenerate()

    assert tree(tmp_path / "followed") == tree(tmp_path / "whole")
    snapshot = read(tmp_path / "whole", "snapshot.json")
    assert snapshot["stations"] == {"reported": 3, "total": 3}
    assert [c["status"] for c in snapshot["contests"]] == ["complete", "complete"]
    devices = read(tmp_path / "whole", "devices.json")["devices"]
    assert [d["station"] for d in devices] == [ST_1, ST_2, ST_2, ST_3]
    assert sum(d["revoked_at"] is not None for d in devices) == 1


def test_passes_over_batches_a_void_and_a_certification_equal_the_whole_and_verify(
    uow: NewUnitOfWork, tmp_path: Path
) -> None:
    """Issue 14: the night's passes, each taking what arrived since the last — reports one and
    two at a time, a board's void, a certification — leave the snapshot a whole regeneration
    writes, byte for byte, and one that `verify-results` finds agreeing, anchored, after each
    pass (its supervision file held to the log key's attestation) — the follower holding its
    state out of the collector's full collections between passes, as `--follow` does."""
    board = Actor("nazer", Grant(Role.SUPERVISOR, "IR"))
    said = Decision("a box without its seal", "1403/12")
    steps = [
        lambda: report(uow, ST_1, 1),
        lambda: (report(uow, ST_2, 2), report(uow, ST_3, 3)),
        lambda: void(uow, board, ROUND_2, StationVoid(ST_1, None, said), now=LATER),
        lambda: certify(
            uow, board, ROUND_2, "president", reason="بررسی شد", reference="۱۴۰۳/۲", now=LATER
        ),
    ]

    def rendered(root: Path, *, hold: bool = False) -> Publisher:
        return Publisher(uow, root, log_key=LOG_KEY, now=lambda: at(30), hold=hold)

    followed = rendered(tmp_path / "followed", hold=True)
    passes = []
    try:
        followed.regenerate()
        for step in steps:
            step()
            passes.append(followed.poll())
            assert gc.get_freeze_count() > 0
            with FolderSource(tmp_path / "followed") as source:
                assert verify_snapshot(source, anchors=Anchors((record_fingerprint(),))).agrees
        followed.flush()
    finally:
        gc.unfreeze()
        gc.enable()
    voided, certified = passes[2], passes[3]
    # the void rewrites the voided box's units, not the other county's; the certification no
    # unit's result, and the pages of its constituency (the nation's, and the province's that
    # the election's page stands for) alone
    assert voided.units == {ROUND_2: {ST_1, "IR-08-0801", "IR-08", "IR"}}
    assert f"{DATA}/supervision.json" in voided.written
    assert not [path for path in voided.written if "IR-08-0802" in path or ST_3 in path]
    assert certified.units == {ROUND_2: {"IR", "IR-08"}}
    assert f"{DATA}/outcomes/president/IR.json" in certified.written
    assert not [path for path in certified.written if "/results/" in path]

    rendered(tmp_path / "whole").regenerate()

    assert tree(tmp_path / "followed") == tree(tmp_path / "whole")
    assert pages(tmp_path / "followed") == pages(tmp_path / "whole")
    assert read(tmp_path / "followed", "outcomes/president/IR.json")["status"] == "certified"
    assert read(tmp_path / "followed", f"results/president/{ST_1}.json")["counts"]["cast"] == 0


def test_the_record_sealed_and_amended_after_the_site_shows_on_every_page(tmp_path: Path) -> None:
    """The outsider's F6 of session 24: the site published before the pre-election record was
    sealed, then kept current, showed its fingerprint and files on the pages of the units that
    reported alone. Sealing it renders every page again, so that each shows them, as a whole
    regeneration does; an amendment, which changes neither, renders no unit's page again."""
    store = MemoryStore()

    def uow() -> MemoryUnitOfWork:
        return MemoryUnitOfWork(store)

    prepare(uow)
    followed = Publisher(uow, tmp_path / "followed")
    followed.regenerate()
    units = set(pages(tmp_path / "followed"))

    seal_record(uow, ROUND_2)
    sealed = followed.poll()
    whole = Publisher(uow, tmp_path / "whole")
    whole.regenerate()

    assert sealed.units == {ROUND_2: None}
    assert pages(tmp_path / "followed") == pages(tmp_path / "whole")
    shown = {path for path, page in pages(tmp_path / "followed").items() if b"fingerprint" in page}
    assert {path for path in units if "/units/" in path} < shown

    replace_box(uow, ROUND_2, ST_2, DEVICE_2, DEVICE_2B)
    amended = followed.poll()
    whole.regenerate()

    assert amended.units == {ROUND_2: set()}  # the pages rendered each pass, no unit's
    assert f"{DATA}/anchor/amendments.json" in amended.written
    followed.flush()
    assert tree(tmp_path / "followed") == tree(tmp_path / "whole")
    assert pages(tmp_path / "followed") == pages(tmp_path / "whole")


def test_a_box_voided_before_its_report_is_void_when_the_report_comes(
    uow: NewUnitOfWork, tmp_path: Path
) -> None:
    """Session 22: kept current, the snapshot took in the report of a box the board had voided
    before it came as if nothing were voided; regenerated whole, the box was void. The two
    disagreed, and `verify-results` with the first."""
    followed = Publisher(uow, tmp_path / "followed", render=False)
    followed.regenerate()
    report(uow, ST_1, 1)
    followed.poll()
    board = Actor("nazer", Grant(Role.SUPERVISOR, "IR"))
    said = Decision("a box without its seal", "1403/12")
    void(uow, board, ROUND_2, StationVoid(ST_3, None, said), now=LATER)
    followed.poll()
    report(uow, ST_3, 2)
    followed.poll()
    followed.flush()

    Publisher(uow, tmp_path / "whole", render=False).regenerate()

    assert tree(tmp_path / "followed") == tree(tmp_path / "whole")
    station = read(tmp_path / "followed", f"results/president/{ST_3}.json")
    assert station["counts"]["cast"] == 0
    assert station["counts"]["voided"] == station["counts"]["void"] > 0
    assert station["stations"] == {"reported": 1, "total": 1, "voided": 1}


def test_a_report_rewrites_only_its_station_units_and_constituencies(
    uow: NewUnitOfWork, tmp_path: Path
) -> None:
    publisher = Publisher(uow, tmp_path, render=False)
    publisher.regenerate()
    report(uow, ST_1, 1)

    done = publisher.poll()

    written = set(done.written)
    assert f"{DATA}/reports/{ST_1}/final.json" in written
    assert f"{DATA}/results/president/{ST_1}.json" in written
    assert f"{DATA}/results/president/IR-08-0801.json" in written
    assert f"{DATA}/results/president/IR.json" in written
    assert f"{DATA}/outcomes/parliament/P1.json" in written
    assert f"{DATA}/csv/stations/IR-08-0801.csv" in written
    assert not [path for path in written if ST_3 in path or "IR-08-0802" in path]
    assert f"{DATA}/outcomes/parliament/P2.json" not in written
    assert f"{DATA}/definition.json" not in written
    assert done.units == {ROUND_2: {ST_1, "IR-08-0801", "IR-08", "IR"}}


def test_nothing_new_writes_nothing(uow: NewUnitOfWork, tmp_path: Path) -> None:
    publisher = Publisher(uow, tmp_path, render=False)
    publisher.regenerate()
    before = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()}

    assert publisher.poll().written == []
    assert publisher.regenerate().written == []
    assert {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()} == before


def test_an_earlier_snapshot_catches_up_to_the_whole(uow: NewUnitOfWork, tmp_path: Path) -> None:
    Publisher(uow, tmp_path / "earlier", render=False).regenerate()
    report(uow, ST_1, 1)
    report(uow, ST_3, 2)

    done = Publisher(uow, tmp_path / "earlier", render=False).catch_up()
    Publisher(uow, tmp_path / "whole", render=False).regenerate()

    assert f"{DATA}/results/president/{ST_2}.json" not in done.written
    assert tree(tmp_path / "earlier") == tree(tmp_path / "whole")


def test_bulk_files_lag_on_their_cadence_and_say_so(uow: NewUnitOfWork, tmp_path: Path) -> None:
    now = [0.0]
    publisher = Publisher(uow, tmp_path, bulk_interval=25.0, render=False, clock=lambda: now[0])
    publisher.regenerate()
    report(uow, ST_1, 1)
    now[0] = 10.0
    publisher.poll()  # too soon for the bulk files
    snapshot = read(tmp_path, "snapshot.json")
    assert snapshot["as_of"]["csv/totals.csv"] == snapshot["sequence"] - 1

    publisher.flush()

    snapshot = read(tmp_path, "snapshot.json")
    assert snapshot["as_of"] == dict.fromkeys(
        ["csv/totals.csv", "nist/election-report.json"], snapshot["sequence"]
    )


def test_the_sequence_counts_the_elections_changes(uow: NewUnitOfWork, tmp_path: Path) -> None:
    publisher = Publisher(uow, tmp_path, render=False)
    publisher.regenerate()
    # loaded, three boxes enrolled, the pre-election record sealed, three opened
    assert read(tmp_path, "snapshot.json")["sequence"] == 8
    report(uow, ST_1, 1)
    publisher.poll()

    snapshot = read(tmp_path, "snapshot.json")
    assert snapshot["sequence"] == 9
    assert snapshot["updated"] == "2024-07-05T16:31:00+00:00"  # 20:01 in Tehran
    listing = json.loads((tmp_path / "data/elections.json").read_bytes())
    assert listing["elections"] == [
        {
            "id": ROUND_2,
            "name": {"fa": ROUND_2, "en": ROUND_2},
            "date": "2024-07-05",
            "sequence": 9,
            "updated": "2024-07-05T16:31:00+00:00",
        }
    ]


def test_an_unknown_election_is_refused(uow: NewUnitOfWork, tmp_path: Path) -> None:
    with pytest.raises(ElectionNotFoundError):
        Publisher(uow, tmp_path, elections=["nowhere"], render=False).regenerate()


def test_the_site_is_rendered_for_the_units_that_changed(
    uow: NewUnitOfWork, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[Path, str, object]] = []

    def render_site(
        root: Path, election_id: str, units: Collection[str] | None = None, *, workers: int = 1
    ) -> int:
        assert workers == 1  # a small election: one process
        calls.append((root, election_id, None if units is None else sorted(units)))
        return 2

    monkeypatch.setitem(
        sys.modules, "sandogh.publish.site", SimpleNamespace(render_site=render_site)
    )
    publisher = Publisher(uow, tmp_path)
    assert publisher.regenerate().rendered == 2
    report(uow, ST_3, 1)
    assert publisher.poll().rendered == 2

    assert calls == [
        (tmp_path, ROUND_2, None),
        (tmp_path, ROUND_2, ["IR", "IR-08", "IR-08-0802", ST_3]),
    ]


def test_without_the_site_nothing_is_rendered(
    uow: NewUnitOfWork, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "sandogh.publish.site", None)  # importing it fails

    assert Publisher(uow, tmp_path).regenerate().rendered is None


def _sql(url: str) -> tuple[NewUnitOfWork, Engine]:
    engine = make_engine(url)
    return (lambda: SqlUnitOfWork(engine, now=LATER)), engine


def _rewrite_sheet(engine: Engine, station: str, votes: dict[str, int]) -> None:
    """What the outsider did (session 26, F3): a station's president sheet rewritten in SQL,
    its figures still adding up, beside the signed report that says otherwise."""
    with engine.begin() as connection:
        connection.execute(
            update(TallySheetRow)
            .where(TallySheetRow.station == station, TallySheetRow.contest == "president")
            .values(votes=votes)
        )


def test_a_sheet_rewritten_beside_its_signed_report_is_published_by_no_regeneration(
    sqlite_store_url: str, tmp_path: Path
) -> None:
    """The outsider's F3 (session 26): in an uncertified round, an SQL rewrite of a station's
    sheet was published in full beside the signed report contradicting it. A regeneration now
    refuses it, naming the station, the contest and the figure in Persian and English, and
    writes nothing; put right, it publishes."""
    uow, engine = _sql(sqlite_store_url)
    set_up(uow)
    report(uow, ST_1, 1)  # president: 21 ×1, 25 ×2, a blank (RUNOFF_VOTES)
    report(uow, ST_3, 2)
    _rewrite_sheet(engine, ST_1, {"21": 3, "25": 0})

    with pytest.raises(SheetNotSignedError) as refused:
        Publisher(uow, tmp_path / "site", render=False).regenerate()
    assert (refused.value.station, refused.value.contest) == (ST_1, "president")
    assert "آرای کد ۲۱: ثبت‌شده ۳، امضاشده ۱" in refused.value.fa
    assert "votes of ballot code 21: stored 3, signed 1" in refused.value.en
    assert not (tmp_path / "site" / "data").exists()

    _rewrite_sheet(engine, ST_1, {"21": 1, "25": 2})
    Publisher(uow, tmp_path / "site", render=False).regenerate()
    assert read(tmp_path / "site", f"results/president/{ST_1}.json")["counts"]["cast"] == 4


def test_a_follower_refuses_a_rewritten_sheet_when_a_decision_reads_the_election_again(
    sqlite_store_url: str, tmp_path: Path
) -> None:
    """A publisher following the log reads the sheets again after a board's void: a sheet
    rewritten since it last read them is refused there, and none of its files is written."""
    uow, engine = _sql(sqlite_store_url)
    set_up(uow)
    report(uow, ST_1, 1)
    report(uow, ST_3, 2)
    followed = Publisher(uow, tmp_path / "followed", render=False)
    followed.regenerate()
    before = tree(tmp_path / "followed")
    _rewrite_sheet(engine, ST_1, {"21": 2, "25": 1})
    board = Actor("nazer", Grant(Role.SUPERVISOR, "IR"))
    void(uow, board, ROUND_2, StationVoid(ST_3, None, Decision("بی‌مهر", "1403/12")), now=LATER)

    with pytest.raises(SheetNotSignedError) as refused:
        followed.poll()
    assert refused.value.station == ST_1
    assert tree(tmp_path / "followed") == before
