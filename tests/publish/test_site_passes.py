"""The site rendered after each pass of the publisher, through what it kept of earlier passes:
the same pages, byte for byte, as a whole regeneration's, whatever the pass brought."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sandogh.core.access import Grant, Role
from sandogh.core.supervision import CandidateVoid, ConstituencyVoid, Decision, StationVoid
from sandogh.publish.published import Published
from sandogh.publish.site import listing
from sandogh.publish.snapshot import Publisher
from sandogh.services.acting import Actor
from sandogh.services.certifications import certify, uncertify
from sandogh.services.voids import void
from tests.services.build import LATER, ROUND_2, ST_1, ST_2, ST_3, replace_box

from .build import DEVICE_2, NewUnitOfWork, at, report
from .test_snapshot import DEVICE_2B, pages, tree

BOARD = Actor("nazer", Grant(Role.SUPERVISOR, "IR"))
OTHER = Actor("nazer-2", Grant(Role.SUPERVISOR, "IR"))  # undoes what BOARD certified
SAID = Decision("a box without its seal", "1403/12")


def _whole(uow: NewUnitOfWork, root: Path) -> Path:
    Publisher(uow, root, now=lambda: at(30)).regenerate()
    return root


def test_a_pass_after_each_outside_change_renders_the_whole_regenerations_pages(
    uow: NewUnitOfWork, tmp_path: Path
) -> None:
    """Issue 14 (session 26): the site keeps the files it read from one pass to the next,
    dropping those each pass writes (`publish.site_passes`). After each change — reports, a
    candidate's votes voided, a certification and its undoing, a constituency voided, an
    amendment of the record, a report and its box's void in one pass — the pass leaves the
    files and pages a whole regeneration from the same store writes."""
    steps: list[Callable[[], object]] = [
        lambda: report(uow, ST_1, 1),
        lambda: void(
            uow, BOARD, ROUND_2, CandidateVoid("parliament", "31", (ST_1,), SAID), now=LATER
        ),
        lambda: report(uow, ST_3, 2),
        lambda: certify(
            uow, BOARD, ROUND_2, "parliament", "P2", reason="بررسی شد", reference="۱", now=LATER
        ),
        lambda: uncertify(
            uow, OTHER, ROUND_2, "parliament", "P2", reason="بازشماری", reference="۲", now=LATER
        ),
        lambda: void(uow, BOARD, ROUND_2, ConstituencyVoid("parliament", "P2", SAID), now=LATER),
        lambda: replace_box(uow, ROUND_2, ST_2, DEVICE_2, DEVICE_2B),
        lambda: (
            report(uow, ST_2, 3, key=DEVICE_2B),
            void(uow, BOARD, ROUND_2, StationVoid(ST_2, None, SAID), now=LATER),
        ),
    ]
    followed = Publisher(uow, tmp_path / "followed", now=lambda: at(30))
    followed.regenerate()
    for n, step in enumerate(steps):
        step()
        followed.poll()
        followed.flush()
        whole = _whole(uow, tmp_path / f"whole-{n}")
        assert tree(tmp_path / "followed") == tree(whole), n
        assert pages(tmp_path / "followed") == pages(whole), n


def test_a_pass_that_fails_half_written_leaves_nothing_kept(
    uow: NewUnitOfWork, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pass that fails after writing some files renders nothing, so what the site kept of
    those files is not known to be stale: it keeps nothing, and the next pass's pages read
    them afresh (the province's page lists the county the failed pass rewrote)."""
    followed = Publisher(uow, tmp_path / "followed", now=lambda: at(30))
    followed.regenerate()
    report(uow, ST_1, 1)
    written = Published.write_snapshot

    def fails(*_: object) -> None:
        raise OSError("the disk is full")

    monkeypatch.setattr(Published, "write_snapshot", fails)
    with pytest.raises(OSError, match="full"):
        followed.poll()  # ST_1's results written, the snapshot not: nothing rendered
    monkeypatch.setattr(Published, "write_snapshot", written)
    report(uow, ST_3, 2)
    followed.poll()
    whole = _whole(uow, tmp_path / "whole")

    for page in ("units/IR-08.html", "index.html"):  # the election's page is the province's
        for lang in ("", "en/"):
            path = f"{lang}{ROUND_2}/{page}"
            assert pages(tmp_path / "followed")[path] == pages(whole)[path], path


def test_a_whole_publish_run_into_the_folder_while_a_publisher_follows_is_not_undone(
    uow: NewUnitOfWork, tmp_path: Path
) -> None:
    """The outsider's F1 of session 26: a publisher following the log, slow between its read
    and its pass, and a whole `sandogh publish` run into the same folder after a void. The
    follower's pass then found every file it wrote already holding its bytes (so its writer
    listed none as changed) and rendered the void's pages from what it had kept of the files
    before: the station's page said its count complete beside a data file saying voided, and
    `verify-results`, which reads the data, agreed. What is kept is held to the file itself."""
    root = tmp_path / "site"
    report(uow, ST_1, 1)
    report(uow, ST_3, 2)
    followed = Publisher(uow, root, now=lambda: at(30))
    followed.regenerate()
    void(uow, BOARD, ROUND_2, StationVoid(ST_1, None, SAID), now=LATER)
    Publisher(uow, root, now=lambda: at(30)).regenerate()  # the whole publish, run beside it
    followed.poll()
    followed.flush()

    whole = _whole(uow, tmp_path / "whole")
    assert tree(root) == tree(whole)
    assert pages(root) == pages(whole)


def test_a_pass_renders_the_list_pages_a_report_changes_as_a_whole_regeneration_does(
    uow: NewUnitOfWork, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 14 (session 27): with a page of one unit, every list spans pages (the province's
    counties, a county's stations) and the province lists its constituencies by county
    (`site.constituency_list`). A pass renders, of a unit's list, the first page and the pages
    listing a unit a report changed (`site.listing`): after each report and a void its pages
    are, byte for byte, those of a whole regeneration, and so are the pages it did not render."""
    monkeypatch.setattr(listing, "PAGE_SIZE", 1)
    followed = Publisher(uow, tmp_path / "followed", now=lambda: at(30))
    followed.regenerate()
    first = pages(tmp_path / "followed")
    assert {f"{ROUND_2}/units/IR-08-0801/2.html", f"en/{ROUND_2}/units/IR-08/2.html"} <= set(first)
    # a later page: each contest's rows, its page line once at the top and once at the bottom
    later = first[f"{ROUND_2}/units/IR-08-0801/2.html"].decode()
    assert later.count('<section id="contest-') == 2
    assert later.count('rel="prev"') == 2
    # the province, the election's scope, lists its two constituencies by the county of each
    scope = first[f"{ROUND_2}/index.html"].decode()
    for county in ("IR-08-0801", "IR-08-0802"):
        assert f'href="units/{county}.html#contest-parliament"' in scope, county
    steps: list[Callable[[], object]] = [
        lambda: report(uow, ST_2, 1),  # the county's second page, its first
        lambda: report(uow, ST_3, 2),  # the province's second page
        lambda: void(uow, BOARD, ROUND_2, StationVoid(ST_2, None, SAID), now=LATER),
    ]
    for n, step in enumerate(steps):
        step()
        followed.poll()
        followed.flush()
        whole = _whole(uow, tmp_path / f"whole-{n}")
        assert pages(tmp_path / "followed") == pages(whole), n
    assert pages(tmp_path / "followed") != first
