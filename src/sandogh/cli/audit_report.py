"""The published folder of an audit, every name fixed by docs/audit.md §7: what
`sandogh audit verify DIR` reads.

A folder is written whole or not at all: into a new or empty folder, or over an earlier report
of the same audit (the same plan.json), which is replaced as a whole: the new report is written
beside it in a temporary folder and renamed into its place, so that no round or sample of the
earlier report, nor of another audit, is left among the new files (F15 of the S18 review)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from sandogh.core.errors import SandoghError
from sandogh.formats.definition_file import canonical_bytes
from sandogh.formats.tally_csv import write_tally_csv
from sandogh.services.audit_status import Publication

#: the names a report holds; a folder holding anything else is no report
_FILES = {"definition.json", "results.csv", "manifest.json", "plan.json", "seed.json"}
_FILES |= {"hand-counts.json"}
_FOLDERS = {"samples", "rounds"}


class NotAReportError(SandoghError):
    """The folder holds files and is not an earlier report of this audit: `other` is True when
    it is a report of another audit (another plan.json)."""

    def __init__(self, folder: Path, *, other: bool) -> None:
        super().__init__(f"{folder}: not empty and not an earlier report of this audit")
        self.folder = folder
        self.other = other


def write_report(folder: Path, published: Publication) -> None:
    """definition.json, results.csv, manifest.json, plan.json, seed.json (once rolled),
    samples/K.json (K = 1, 2, … in the plan's order), rounds/R.json (R = 1, 2, …) and
    hand-counts.json (once a hand count is recorded)."""
    if not folder.exists() or not any(folder.iterdir()):
        folder.mkdir(parents=True, exist_ok=True)
        _write(folder, published)
        return
    _require_earlier_report(folder, published)
    fresh = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    old = fresh.with_name(fresh.name + ".old")
    try:
        _write(fresh, published)
        folder.rename(old)
        fresh.rename(folder)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        if old.exists() and not folder.exists():
            old.rename(folder)
        raise
    shutil.rmtree(old)


def _require_earlier_report(folder: Path, published: Publication) -> None:
    names = {p.name for p in folder.iterdir()}
    plan = folder / "plan.json"
    if not plan.is_file() or not names <= _FILES | _FOLDERS:
        raise NotAReportError(folder, other=False)
    for name in _FOLDERS & names:
        inside = folder / name
        if not inside.is_dir() or any(not p.name.endswith(".json") for p in inside.iterdir()):
            raise NotAReportError(folder, other=False)
    if plan.read_bytes() != published.plan:
        raise NotAReportError(folder, other=True)


def _write(folder: Path, published: Publication) -> None:
    (folder / "definition.json").write_bytes(canonical_bytes(published.election))
    with (folder / "results.csv").open("w", encoding="utf-8", newline="") as out:
        write_tally_csv(published.sheets, out)
    (folder / "manifest.json").write_bytes(published.manifest)
    (folder / "plan.json").write_bytes(published.plan)
    if published.seed is not None:
        (folder / "seed.json").write_bytes(published.seed)
    if published.hand_counts is not None:
        (folder / "hand-counts.json").write_bytes(published.hand_counts)
    for name, files in (("samples", published.samples), ("rounds", published.rounds)):
        if files:
            (folder / name).mkdir(exist_ok=True)
        for k, data in enumerate(files, 1):
            (folder / name / f"{k}.json").write_bytes(data)
