"""The manifest and seed files: written and read again, refused unless canonical, every problem
named with its path."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from sandogh.core.audit.manifest import Manifest, manifest_hash
from sandogh.core.audit.sample_record import Method, differences, draw_rounds
from sandogh.core.audit.sampling import FrameIndex
from sandogh.core.canonical_json import canonical_json
from sandogh.formats.audit_files import (
    AuditFileError,
    manifest_from_bytes,
    read_manifest,
    read_sample,
    read_seed,
    sample_from_bytes,
    seed_from_bytes,
    write_manifest,
    write_sample,
    write_seed,
)
from tests.core.audit.manifests import frame, manifest, seed_for, station


def test_a_manifest_and_its_seed_are_read_back_as_written(tmp_path: Path) -> None:
    m = manifest(station("S1", 3, 2), station("S2", 7))
    seed = seed_for(m)
    write_manifest(tmp_path / "manifest.json", m)
    write_seed(tmp_path / "seed.json", seed)
    assert read_manifest(tmp_path / "manifest.json") == m
    assert read_seed(tmp_path / "seed.json") == seed
    # the file's own SHA-256 is the hash the seed names
    digest = hashlib.sha256((tmp_path / "manifest.json").read_bytes()).hexdigest()
    assert seed.manifest_hash == manifest_hash(m) == "sha256:" + digest


def test_a_manifest_not_in_canonical_form_is_refused(tmp_path: Path) -> None:
    m = manifest(station("S1", 3))
    pretty = json.dumps(json.loads(_written(tmp_path, m)), indent=1).encode()
    with pytest.raises(AuditFileError, match="canonical"):
        manifest_from_bytes(pretty, "manifest.json")


def test_every_problem_of_a_manifest_file_is_named_with_its_path(tmp_path: Path) -> None:
    data = json.loads(_written(tmp_path, manifest(station("S1", 3), station("S2", 1))))
    data["stations"][1]["containers"][0]["papers"] = "many"
    data["stations"][0]["kind"] = "electronic"
    data["stations"][0]["extra"] = 1
    with pytest.raises(AuditFileError) as caught:
        manifest_from_bytes(json.dumps(data).encode(), "manifest.json")
    paths = sorted(p.split(":")[0] for p in caught.value.problems)
    assert paths == ["stations[0].extra", "stations[0].kind", "stations[1].containers[0].papers"]
    data = json.loads(_written(tmp_path, manifest(station("S1", 3))))
    data["stations"][0]["containers"][0]["papers"] = 0
    with pytest.raises(AuditFileError, match=r"stations\[0\].containers\[0\].papers"):
        manifest_from_bytes(json.dumps(data).encode(), "manifest.json")
    with pytest.raises(AuditFileError, match="not JSON"):
        manifest_from_bytes(b"\xff", "manifest.json")
    with pytest.raises(AuditFileError, match="cannot read"):
        read_manifest(tmp_path / "absent.json")


def test_a_seed_whose_digits_are_not_its_rolls_is_refused(tmp_path: Path) -> None:
    seed = seed_for(manifest(station("S1", 3)))
    write_seed(tmp_path / "seed.json", seed)
    data = json.loads((tmp_path / "seed.json").read_bytes())
    data["seed"] = "9" + data["seed"][1:]
    with pytest.raises(AuditFileError, match="rolls' digits"):
        seed_from_bytes(json.dumps(data).encode(), "seed.json")
    data["rolls"][0]["digits"] = "12"
    with pytest.raises(AuditFileError, match="at least 20"):
        seed_from_bytes(json.dumps(data).encode(), "seed.json")


def _written(tmp_path: Path, m: Manifest) -> bytes:
    write_manifest(tmp_path / "m.json", m)
    return (tmp_path / "m.json").read_bytes()


def test_a_sample_file_is_read_back_and_agrees_with_its_rerun(tmp_path: Path) -> None:
    m = manifest(station("S1", 30, 20), station("S2", 50))
    seed = seed_for(m)
    index = FrameIndex.of(m, frame())
    write_sample(tmp_path / "sample.json", draw_rounds(seed, index, Method.BY_SIZE, (3, 8)))
    published = read_sample(tmp_path / "sample.json")
    assert published.frame == frame()
    assert published.method is Method.BY_SIZE
    assert published.rounds == (3, 8)
    rerun = draw_rounds(seed, FrameIndex.of(m, published.frame), published.method, published.rounds)
    assert differences(published.document, rerun) == ()
    data = json.loads((tmp_path / "sample.json").read_bytes())
    data["frame"]["name"] = "a,b"
    with pytest.raises(AuditFileError, match=r"frame\.name"):
        sample_from_bytes(canonical_json(data), "sample.json")
    data["method"] = "by-lot"
    with pytest.raises(AuditFileError, match="method"):
        sample_from_bytes(canonical_json(data), "sample.json")
