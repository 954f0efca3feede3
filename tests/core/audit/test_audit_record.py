"""The records' hash the plan commits to: written record by record, the same bytes as the
records' canonical JSON whole."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sandogh.core.audit.audit_record import records_hash, records_json
from sandogh.core.audit.cast_records import CastRecord, CastRecords
from sandogh.core.audit.reading import Reading
from sandogh.core.canonical_json import NotCanonicalError, canonical_json
from sandogh.core.report.digests import sha256_text

#: any text: Persian, characters beyond U+FFFF (another order in UTF-16), lone surrogates
texts = st.one_of(st.text("ST-0123#آبپ", max_size=5), st.text(max_size=4))
readings = st.one_of(
    st.just(Reading.absent()),
    st.just(Reading.invalid()),
    st.frozensets(texts, min_size=1, max_size=3).map(lambda c: Reading.vote(*c)),
)
records = st.dictionaries(
    texts,
    st.builds(CastRecord, texts, st.dictionaries(texts, readings, max_size=3)),
    max_size=8,
)


def _whole(given_records: CastRecords) -> str:
    return sha256_text(canonical_json(records_json(given_records)))


@given(records)
def test_the_records_hash_is_the_hash_of_their_canonical_json(given_records: CastRecords) -> None:
    try:
        expected = _whole(given_records)
    except NotCanonicalError:
        with pytest.raises(NotCanonicalError):
            records_hash(given_records)
    else:
        assert records_hash(given_records) == expected


def test_records_beyond_one_chunk_hash_as_a_whole() -> None:
    """Ten thousand records, written and hashed a few thousand at a time; one reading shared
    by many records (as a box's run of votes is), and equal ones that are other objects."""
    shared = Reading.vote("21")
    many = {
        f"ST-{n % 7}#{n}": CastRecord(
            f"ST-{n % 7}",
            {"president": shared, "شورا": Reading.vote("3", str(n % 5)), "x": Reading.absent()},
        )
        for n in range(10_000)
    }
    assert records_hash(many) == _whole(many)
