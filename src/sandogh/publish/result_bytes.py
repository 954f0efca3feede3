"""A unit's results file as its bytes, written with each candidate's part encoded once.

A national regeneration writes ~290,000 results files (bench/publish.py), and the candidates'
votes are most of each: ~50 at a station, every one of the contest at the units above (15,000
parliament candidates in the nation's). Encoding each candidate's name again in every file was
the largest part of writing them; here the document is encoded with its `votes` left empty, and
the list is written into it from each candidate's text (`ElectionIndex.candidate_texts`) and
their votes. The bytes are `json_bytes(unit_result_json(…))`'s (tests/publish/test_result_bytes.py).
A night's pass also makes, for the site's rendering, the document those bytes decode to, from the
same parts (each candidate's decoded once, and shared by every document made).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence

import orjson

from sandogh.core.counting.aggregate import Total
from sandogh.core.supervision import HandCountCorrection, Voided
from sandogh.publish.documents import ReportRef, ranked, unit_result_json
from sandogh.publish.index import ElectionIndex, JSONObject
from sandogh.publish.writer import json_text

#: where the empty list stands in the encoded document: the first key `votes` is `counts`'s (no
#: key before it has the name), and no text inside a string can hold it, whose quotes are escaped
_EMPTY = '"votes":[]'


def unit_result_bytes(
    index: ElectionIndex,
    contest_id: str,
    code: str,
    totals: Mapping[str, Total],
    *,
    eligible: int | None,
    updated: datetime.datetime | None,
    reports: Sequence[ReportRef] | None,
    voided: Mapping[str, Voided],
    corrected: HandCountCorrection | None = None,
    read: bool = False,
) -> tuple[bytes, JSONObject | None]:
    """`results/<contest>/<unit>.json` as `unit_result_json` documents it, encoded; with `read`,
    also the document a reader decodes from those bytes (`orjson.loads`'s, equal to it), made
    from the parts it was encoded from: the nation's village-council results are 12 MB, and
    decoding them again cost the site's rendering of a night's pass 0.1–0.3 s
    (`publish.site.kept_reads.KeptReads.keep`), freeing them as much again."""
    document = unit_result_json(
        index,
        contest_id,
        code,
        totals,
        eligible=eligible,
        updated=updated,
        reports=reports,
        voided=voided,
        corrected=corrected,
        votes=False,
    )
    head, tail = json_text(document).split(_EMPTY, 1)
    counts = totals[code].counts
    texts, get = index.candidate_texts(contest_id), counts.votes.get
    order = ranked(index, contest_id, code, counts)
    votes = ",".join([f"{texts[c]}{get(c, 0)}}}" for c in order])
    data = f'{head}"votes":[{votes}]{tail}'.encode()
    if not read:
        return data, None
    as_read = orjson.loads(f"{head}{_EMPTY}{tail}")  # the rest of the file: a unit's few lines
    candidates = index.candidates_as_read(contest_id)
    as_read["counts"]["votes"] = [{**candidates[c], "votes": get(c, 0)} for c in order]
    return data, as_read
