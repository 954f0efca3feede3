"""A large contest's mixes and decrypted rows taken back into the record (docs/e2e.md §11.5,
"Files"; `publish.e2e_mixes`): held to the input computed from the chains, refused otherwise."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sandogh.core.canonical_json import canonical_json
from sandogh.core.e2e.mix_files import MixInput, decode_input
from sandogh.publish.e2e_mixes import E2EMixError, taken_back
from tests.verify_election.large_record import build_large
from tests.verify_election.record import Built, G

RELATIVE = "mixes/majlis/M1.json"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_large(tmp_path_factory.mktemp("large"))


def _inputs(built: Built) -> dict[str, MixInput]:
    data = (built.root / "guardians" / RELATIVE).read_bytes()
    return {RELATIVE: decode_input(G, data, RELATIVE)}


def test_the_guardians_files_make_the_records_mixes_file(built: Built) -> None:
    record = (built.folder / "e2e" / "election.json").read_bytes()
    found = taken_back(built.root / "guardians", record, _inputs(built))
    assert found == {RELATIVE: (built.folder / "e2e" / RELATIVE).read_bytes()}


def test_nothing_is_taken_before_the_rows_are_decrypted(built: Built, tmp_path: Path) -> None:
    folder = tmp_path / "mixes" / "majlis" / "M1"
    folder.mkdir(parents=True)
    source = built.root / "guardians" / "mixes" / "majlis" / "M1"
    (folder / "mix-1.json").write_bytes((source / "mix-1.json").read_bytes())
    record = (built.folder / "e2e" / "election.json").read_bytes()
    assert taken_back(tmp_path, record, _inputs(built)) == {}


def test_rows_of_another_mix_are_refused(built: Built, tmp_path: Path) -> None:
    source = built.root / "guardians" / "mixes" / "majlis" / "M1"
    folder = tmp_path / "mixes" / "majlis" / "M1"
    folder.mkdir(parents=True)
    for name in ("mix-1.json", "mix-2.json"):
        (folder / name).write_bytes((source / name).read_bytes())
    rows = json.loads((source / "rows.json").read_bytes())
    rows["contests"].reverse()
    (folder / "rows.json").write_bytes(canonical_json(rows))
    record = (built.folder / "e2e" / "election.json").read_bytes()
    with pytest.raises(E2EMixError, match="other rows than the last mix"):
        taken_back(tmp_path, record, _inputs(built))


def test_a_mix_of_another_input_is_refused(built: Built, tmp_path: Path) -> None:
    source = built.root / "guardians" / "mixes" / "majlis" / "M1"
    folder = tmp_path / "mixes" / "majlis" / "M1"
    folder.mkdir(parents=True)
    (folder / "mix-1.json").write_bytes((source / "mix-2.json").read_bytes())  # mixer 2 first
    (folder / "rows.json").write_bytes((source / "rows.json").read_bytes())
    record = (built.folder / "e2e" / "election.json").read_bytes()
    with pytest.raises(E2EMixError, match="mixer"):
        taken_back(tmp_path, record, _inputs(built))
