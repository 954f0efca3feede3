import hashlib
import json

from hypothesis import given
from hypothesis import strategies as st

from sandogh.core.canonical_json import canonical_json
from sandogh.core.log.chain import GENESIS_HASH, Entry, chain, entry_hash, entry_record
from sandogh.core.log.events import Event

from .build import event, events, record

# The worked example of `core.log.chain`'s docstring, byte for byte.
DOCUMENTED = (
    '{"event":{"actor":"head-0801-0001","details":{"zero_report":"ab"},"disposition":"done",'
    '"place":"ST-0801-0001","role":"station-head","time":"2024-07-05T04:30:00.000000Z",'
    '"type":"station-opened"},"previous_hash":"' + "0" * 64 + '","sequence":1}'
)
DOCUMENTED_HASH = "57cd0a3c72e7685481c1c677590dbb8ee2cc0acdadfdf1ce0d754fd42cdbc131"


def test_the_documented_example_hashes_as_documented() -> None:
    first = chain(None, event(zero_report="ab"))
    assert hashlib.sha256(DOCUMENTED.encode()).hexdigest() == DOCUMENTED_HASH
    assert first == Entry(1, event(zero_report="ab"), GENESIS_HASH, DOCUMENTED_HASH)


def test_the_exported_entry_is_the_hashed_object_and_its_hash() -> None:
    first = chain(None, event(zero_report="ab"))
    exported = entry_record(first)
    assert exported.pop("hash") == DOCUMENTED_HASH
    assert canonical_json(exported) == DOCUMENTED.encode()


def test_each_entry_follows_the_one_before() -> None:
    first, second = record([event(minute=0), event(minute=1)])
    assert (first.sequence, first.previous_hash) == (1, GENESIS_HASH)
    assert (second.sequence, second.previous_hash) == (2, first.hash)
    assert second.hash == entry_hash(2, first.hash, second.event)


@given(st.lists(events, min_size=1, max_size=6))
def test_a_record_reads_back_from_its_export(logged: list[Event]) -> None:
    for entry in record(logged):
        line = json.loads(canonical_json(entry_record(entry)))
        sealed = {key: value for key, value in line.items() if key != "hash"}
        assert hashlib.sha256(canonical_json(sealed)).hexdigest() == line["hash"] == entry.hash
