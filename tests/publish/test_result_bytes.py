"""A unit's results file written from its candidates' encoded parts has the bytes of its
document encoded whole, for every unit and contest, names with quotes and brackets included; the
document made beside them for the site is the one those bytes decode to."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import orjson

from sandogh.core.definition.model import Name
from sandogh.publish.documents import REPORT_KINDS, unit_result_json
from sandogh.publish.result_bytes import unit_result_bytes
from sandogh.publish.writer import json_bytes
from sandogh.services.memory import MemoryStore, MemoryUnitOfWork
from tests.publish.build import publisher, report, set_up
from tests.services.build import ROUND_2_DAY, ST_1, ST_3

#: a name that holds what the encoding looks for, and what JSON escapes
ODD = Name('نامزد "votes":[] \\ ۱', '"votes":[]}\n"\\')


def test_every_results_file_has_the_bytes_of_its_document_encoded_whole(tmp_path: Path) -> None:
    contests = tuple(
        dataclasses.replace(
            contest,
            candidates=tuple(
                dataclasses.replace(candidate, name=ODD) if i == 0 else candidate
                for i, candidate in enumerate(contest.candidates)
            ),
        )
        for contest in ROUND_2_DAY.contests
    )
    day = dataclasses.replace(ROUND_2_DAY, contests=contests)
    store = MemoryStore()

    def uow() -> MemoryUnitOfWork:
        return MemoryUnitOfWork(store)

    set_up(uow, day)
    report(uow, ST_1, 0, day=day)
    report(uow, ST_3, 1, day=day)
    published = publisher(uow, tmp_path)
    published.regenerate()
    state = published.published(day.id)
    checked = 0
    for contest in day.contests:
        totals = state.tallied.totals.units[contest.id]
        for code in totals:
            refs = state.reports.get(code, {})
            options = {
                "eligible": state.tallied.eligible[code],
                "updated": state.times.get(code),
                "reports": [refs[k] for k in REPORT_KINDS if k in refs] or None,
                "voided": state.voided[contest.id],
                "corrected": state.tallied.corrected_in(contest.id, code),
            }
            whole = json_bytes(unit_result_json(state.index, contest.id, code, totals, **options))
            assert unit_result_bytes(state.index, contest.id, code, totals, **options) == (
                whole,
                None,
            )
            data, read = unit_result_bytes(
                state.index, contest.id, code, totals, **options, read=True
            )
            assert (data, read) == (whole, orjson.loads(whole))  # as a reader decodes it
            checked += 1
    assert checked > 10
    written = (tmp_path / state.folder / "results" / "president" / "IR.json").read_text("utf-8")
    assert json.dumps(ODD.en)[1:-1] in written  # the odd name is among the candidates written
