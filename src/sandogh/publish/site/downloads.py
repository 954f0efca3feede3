"""What a unit's page offers to download: every file of the snapshot its figures come from,
and the short form of the pre-election record's fingerprint to compare with the printed one."""

from __future__ import annotations

from functools import lru_cache

from sandogh.core.anchor import fingerprint, short_fingerprint
from sandogh.locale import Lang, to_persian_digits
from sandogh.publish.site.labels import label
from sandogh.publish.site.pages import ElectionPages
from sandogh.publish.site.place import Place
from sandogh.publish.site.snapshot import ContestEntry, UnitResult
from sandogh.publish.site.views import Placed


def downloads(
    pages: ElectionPages,
    results: list[tuple[ContestEntry, UnitResult, Placed]],
    code: str,
    place: Place,
    lang: Lang,
) -> list[tuple[str, str]]:
    """Every file of the snapshot that concerns the unit, with what each holds, linked from
    `place`: its results and outcomes (read for the page, so there), its county's sheets, its
    reports, the whole election's (each looked for)."""
    found: list[tuple[str, str]] = []
    for contest, _, placed in results:
        name = contest["name"][lang]
        found.append(
            (f"results/{contest['id']}/{code}.json", label("file_unit", lang, contest=name))
        )
        for outcome in (*placed.own, *(o for o, _ in placed.above)):
            constituency = outcome["constituency"]
            found.append(
                (
                    f"outcomes/{contest['id']}/{constituency['id']}.json",
                    label("file_outcome", lang, contest=name, name=constituency["name"][lang]),
                )
            )
    files: list[tuple[str, str]] = []
    for unit in (*results[0][1]["path"], results[0][1]["unit"]):
        if unit["kind"] == "county":
            files.append(
                (
                    f"csv/stations/{unit['code']}.csv",
                    label("file_county_csv", lang, name=unit["name"][lang]),
                )
            )
    files += [
        (f"reports/{code}/zero.json", label("file_report_zero", lang)),
        (f"reports/{code}/final.json", label("file_report_final", lang)),
        ("csv/totals.csv", label("file_totals", lang)),
        ("nist/election-report.json", label("file_nist", lang)),
        ("definition.json", label("file_definition", lang)),
        ("devices.json", label("file_devices", lang)),
        ("units.json", label("file_units", lang)),
        ("snapshot.json", label("file_snapshot", lang)),
        ("anchor/record.json", label("file_anchor_record", lang)),
        ("anchor/signatures.json", label("file_anchor_signatures", lang)),
        ("anchor/amendments.json", label("file_anchor_amendments", lang)),
    ]
    files = [f for f in files if pages.files.has(f"{pages.election}/{f[0]}")]
    return [(pages.data(place, relative), text) for relative, text in (*found, *files)]


def record_fingerprint(pages: ElectionPages, lang: Lang) -> str | None:
    """The short form of the record's fingerprint, in `lang`'s digits: for people to compare
    with the one printed before polls opened (a verifier takes it from there, not here)."""
    record = pages.files.record(pages.election)
    if record is None:
        return None
    short = _short(record)
    return to_persian_digits(short) if lang == "fa" else short


@lru_cache(maxsize=4)
def _short(record: bytes) -> str:
    """The record's short fingerprint, hashed once a process: the national record lists every
    box's key (megabytes), and every one of ~145,000 pages prints its fingerprint. The record's
    bytes are read once a rendering (`SnapshotFiles.record`), so each page finds them here by
    the same object."""
    return short_fingerprint(fingerprint(record))
