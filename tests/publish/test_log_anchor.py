"""The event log's signed checkpoints in the snapshot: one taken at every publication that moved
the log's head, every one published with the log key; and a void, or a certification's undoing,
no log entry records is not published."""

from __future__ import annotations

from pathlib import Path

import pytest

from sandogh.core.access import Grant, Role
from sandogh.core.log import Checkpoint, checkpoint_verifies
from sandogh.core.report import SigningKey
from sandogh.core.supervision import Decision, StationVoid, Undoing
from sandogh.publish.log_anchor import CHECKPOINTS, LogAnchorFileError, read_log_anchor
from sandogh.publish.snapshot import Publisher
from sandogh.publish.sources import FolderSource
from sandogh.services.acting import Actor
from sandogh.services.audit import take_checkpoint, verify_against
from sandogh.services.certifications import certify
from sandogh.services.ports import VoidRecord
from sandogh.services.unrecorded import UnrecordedDecisionError
from tests.services.build import ROUND_2, ST_1, ST_2, ST_3

from .build import NewUnitOfWork, at, report

LOG_KEY = SigningKey.from_seed(bytes(range(200, 232)))


def _publisher(uow: NewUnitOfWork, root: Path, key: SigningKey | None = LOG_KEY) -> Publisher:
    return Publisher(uow, root, render=False, log_key=key, now=lambda: at(30))


def _head(uow: NewUnitOfWork) -> int:
    with uow() as work:
        head = work.events.head()
    assert head is not None
    return head.sequence


def test_every_publication_that_moved_the_head_publishes_a_signed_checkpoint(
    uow: NewUnitOfWork, tmp_path: Path
) -> None:
    publisher = _publisher(uow, tmp_path)
    publisher.regenerate()
    taken, key = read_log_anchor(FolderSource(tmp_path))
    assert key == LOG_KEY.public_key
    assert (tmp_path / "log" / "key.txt").read_text() == LOG_KEY.public_key.text + "\n"
    assert [c.sequence for c in taken] == [_head(uow)]
    publisher.regenerate()  # the head has not moved: the checkpoint stands
    assert read_log_anchor(FolderSource(tmp_path))[0] == taken

    report(uow, ST_1, 40)
    centre = take_checkpoint(uow, LOG_KEY, now=at(41))  # the centre's own, published too
    assert centre is not None
    report(uow, ST_2, 42)
    publisher.poll()
    published, _ = read_log_anchor(FolderSource(tmp_path))
    assert published == (*taken, centre, published[-1])
    assert published[-1].sequence == _head(uow) > centre.sequence
    assert all(checkpoint_verifies(LOG_KEY.public_key, c) for c in published)
    assert verify_against(uow, published, LOG_KEY.public_key).ok


def test_without_the_log_key_no_checkpoint_is_published(uow: NewUnitOfWork, tmp_path: Path) -> None:
    _publisher(uow, tmp_path, key=None).regenerate()
    assert not (tmp_path / CHECKPOINTS).exists()
    with pytest.raises(LogAnchorFileError, match=r"publishes no log/checkpoints\.json"):
        read_log_anchor(FolderSource(tmp_path))


def test_a_void_no_log_entry_records_is_not_published(uow: NewUnitOfWork, tmp_path: Path) -> None:
    report(uow, ST_1, 10)
    made_up = StationVoid(ST_1, None, Decision("made up", "none"))
    with uow() as work:  # the row alone, as if written into the database by hand
        work.voids.add(VoidRecord(ROUND_2, made_up, "hoseini", at(20)))
        work.commit()
    with pytest.raises(
        UnrecordedDecisionError, match=r"void \d+ is not as the event log records it"
    ):
        _publisher(uow, tmp_path).regenerate()
    assert not (tmp_path / "data" / ROUND_2 / "supervision.json").exists()


def test_a_certification_undone_with_no_log_entry_is_not_published(
    uow: NewUnitOfWork, tmp_path: Path
) -> None:
    """Issue 13: an undoing the log does not record (the row marked undone by hand) is not
    published as one; the publisher stops naming the certification."""
    for n, station in enumerate((ST_1, ST_2, ST_3), start=1):
        report(uow, station, n)
    board = Actor("nazer", Grant(Role.SUPERVISOR, "IR"))
    made = certify(uow, board, ROUND_2, "president", reason="بررسی شد", reference="۱۲", now=at(20))
    with uow() as work:  # the row alone, naming an entry that records something else
        head = work.events.head()
        assert head is not None
        undone = Undoing(made, "dovom", "supervisor", "IR", at(21), "دستی", "۱۳")
        work.certifications.undo(undone, Checkpoint(head.sequence, head.hash))
        work.commit()
    with pytest.raises(UnrecordedDecisionError, match=r"certification \d+ .* its undoing: entry"):
        _publisher(uow, tmp_path).regenerate()
    assert not (tmp_path / "data" / ROUND_2 / "supervision.json").exists()


def test_a_damaged_checkpoints_file_is_named(uow: NewUnitOfWork, tmp_path: Path) -> None:
    _publisher(uow, tmp_path).regenerate()
    (tmp_path / CHECKPOINTS).write_text(
        '{"format": "sandogh/log-checkpoints@1", "checkpoints": [1]}'
    )
    with pytest.raises(LogAnchorFileError, match=r"checkpoints\[0\]"):
        read_log_anchor(FolderSource(tmp_path))
