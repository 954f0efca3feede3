"""What a pass of the publisher renders again: every page, when what every page shows changes."""

from __future__ import annotations

from pathlib import Path

from sandogh.publish.snapshot import Publisher
from sandogh.publish.unit_files import every_page_changes, linked_everywhere
from tests.services.build import ROUND_2

from .build import NewUnitOfWork

DATA = f"data/{ROUND_2}"


def test_every_page_changes_with_the_record_or_a_link_that_appears(
    uow: NewUnitOfWork, tmp_path: Path
) -> None:
    """The sealed record's file written (its fingerprint changed), or a file every page links to
    appearing — the E2E record's code index, the candidates' list — changes every page; an
    amendment added to the file already there does not."""
    publisher = Publisher(uow, tmp_path, render=False)
    publisher.regenerate()
    state = publisher.published(ROUND_2)
    linked = linked_everywhere(tmp_path, state)
    record = f"{DATA}/anchor/record.json"

    assert linked == {"anchor/record.json", "anchor/signatures.json", "anchor/amendments.json"}
    assert not every_page_changes(tmp_path, state, linked, [f"{DATA}/anchor/amendments.json"])
    assert every_page_changes(tmp_path, state, linked, [record])
    for appearing in ("e2e/codes/index.json", "candidacy.json"):
        path = tmp_path / DATA / appearing
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("{}")
        assert every_page_changes(tmp_path, state, linked, [])
        linked = linked_everywhere(tmp_path, state)
