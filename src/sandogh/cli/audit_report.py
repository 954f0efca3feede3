"""The published folder of an audit, every name fixed by docs/audit.md §7: what
`sandogh audit verify DIR` reads."""

from __future__ import annotations

from pathlib import Path

from sandogh.formats.definition_file import canonical_bytes
from sandogh.formats.tally_csv import write_tally_csv
from sandogh.services.audit_status import Publication


def write_report(folder: Path, published: Publication) -> None:
    """definition.json, results.csv, manifest.json, plan.json, seed.json (once rolled),
    samples/K.json (K = 1, 2, … in the plan's order), rounds/R.json (R = 1, 2, …) and
    hand-counts.json (once a hand count is recorded)."""
    folder.mkdir(parents=True, exist_ok=True)
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
