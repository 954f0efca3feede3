"""What the publisher reads from the store, held to the log before it is published: a sealed
pre-election record rewritten in the store (its bytes and its fingerprint column, as SQL can) is
refused, not published as the one sealed (the session-27 outsider's N2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sandogh.services.anchor import AnchorError, AnchorRefusal, record_of
from tests.services.build import NOW, ROUND_2, ST_1

from .build import NewUnitOfWork, publisher


def test_a_sealed_record_rewritten_in_the_store_is_not_published(
    uow: NewUnitOfWork, tmp_path: Path
) -> None:
    stored, _ = record_of(uow, election_id=ROUND_2)
    publisher(uow, tmp_path / "before").regenerate()  # the record as sealed is published
    rewritten = stored.data.replace(ST_1.encode(), b"ST-0801-9999", 1)
    with uow() as work:
        work.records.draft(ROUND_2, rewritten, NOW)
        work.records.seal(ROUND_2, NOW)
        work.commit()
    with pytest.raises(AnchorError) as refused:
        publisher(uow, tmp_path / "after").regenerate()
    assert refused.value.reason is AnchorRefusal.REWRITTEN
    assert "not the record sealed" in str(refused.value)
    assert not (tmp_path / "after" / "data").exists()  # nothing written
    with pytest.raises(AnchorError):  # nor does `anchor show` show it as sealed
        record_of(uow, election_id=ROUND_2)
