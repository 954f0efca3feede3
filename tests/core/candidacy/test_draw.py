import datetime

import pytest

from sandogh.core.candidacy.draw import NoSuchContestError, draw_codes, with_candidates
from sandogh.core.candidacy.process import fold
from sandogh.core.candidacy.records import kind_of, record_json, record_of
from sandogh.core.definition.model import Election, Name

from .steps import registration


def test_the_draw_is_reproducible_from_the_seed_and_codes_each_constituency() -> None:
    files = fold([registration(1), registration(2), registration(3, "bam"), registration(4)])
    listed = tuple(files.values())
    first = draw_codes("majlis", "seed-1402", ("a", "b"), listed, 2)
    assert draw_codes("majlis", "seed-1402", ("a", "b"), listed, 2) == first
    assert sorted(c.code for c in first.codes if c.constituency == "kerman") == ["01", "02", "03"]
    assert [c.code for c in first.codes if c.constituency == "bam"] == ["01"]
    other = draw_codes("majlis", "another seed", ("a", "b"), listed, 2)
    assert {c.applicant for c in other.codes} == {1, 2, 3, 4}
    assert record_of(kind_of(first), record_json(first)) == first
    election = Election("e", Name("ا", "e"), datetime.date(2024, 3, 1), (), ())
    with pytest.raises(NoSuchContestError):
        with_candidates(election, first, files)
