"""The audit's published files: the ballot manifest, the seed record and the sample of a frame
(docs/audit.md §3.1, §3.2, §3.4).

Each is read from its canonical JSON bytes only, so that the file's SHA-256 is the hash the
seed names; every problem is named with its path (`stations[3].containers[1].papers: …`). A
sample is read as the audit published it, for `sample_record.differences` to hold it to the
sample the seed and the manifest give.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr, ValidationError

from sandogh.core.audit.manifest import (
    Container,
    Manifest,
    ManifestError,
    ManifestStation,
    Roll,
    Seed,
    StationKind,
    manifest_json,
    seed_json,
)
from sandogh.core.audit.sample_record import Method, SampleRecord, sample_json
from sandogh.core.audit.sampling import Frame, SamplingError
from sandogh.core.canonical_json import JSONValue, canonical_json
from sandogh.core.errors import SandoghError

Text = Annotated[StrictStr, Field(min_length=1)]
# A national manifest (58,640 stations) is a few megabytes, a national sample of 10,000 draws
# about one; a file far beyond that is refused before it is parsed.
MOST_BYTES = 64 * 1024 * 1024
_M = TypeVar("_M", bound=BaseModel)


class AuditFileError(SandoghError):
    def __init__(self, source: str, problems: list[str]) -> None:
        super().__init__(f"{source}: " + "; ".join(problems[:5]) + ("; …" if problems[5:] else ""))
        self.source = source
        self.problems = tuple(problems)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Container(Strict):
    label: Text
    papers: StrictInt


class _Station(Strict):
    code: Text
    county: Text
    constituencies: dict[Text, Text]
    kind: StationKind
    containers: list[_Container]


class _Manifest(Strict):
    format: Literal["sandogh/audit-manifest@1"]
    election: Text
    definition_hash: Text
    stations: list[_Station]


class _Roll(Strict):
    by: Text
    digits: Text


class _Frame(Strict):
    constituencies: list[Text]
    contest: Text
    kinds: list[StationKind]
    name: Text


class _Sample(Strict):
    format: Literal["sandogh/audit-sample@1"]
    draws: list[dict[Text, StrictStr | StrictInt]]
    frame: _Frame
    manifest_hash: Text
    method: Method
    papers: StrictInt
    rounds: list[StrictInt]
    seed: Text


@dataclass(frozen=True)
class PublishedSample:
    """A sample file: the audit's choices (frame, method, rounds) typed, and the whole document
    as published, to be compared with the sample drawn again."""

    frame: Frame
    method: Method
    rounds: tuple[int, ...]
    document: dict[str, JSONValue]


class _Seed(Strict):
    format: Literal["sandogh/audit-seed@1"]
    manifest_hash: Text
    rolls: list[_Roll]
    seed: Text


def manifest_from_bytes(data: bytes, source: str) -> Manifest:
    parsed = parse_model(_Manifest, data, source)
    try:
        manifest = Manifest(
            parsed.election,
            parsed.definition_hash,
            tuple(
                ManifestStation(
                    code=s.code,
                    county=s.county,
                    constituencies=tuple(s.constituencies.items()),
                    kind=s.kind,
                    containers=tuple(Container(c.label, c.papers) for c in s.containers),
                )
                for s in parsed.stations
            ),
        )
    except ManifestError as error:
        raise AuditFileError(source, [str(p) for p in error.problems]) from None
    require_canonical(data, canonical_json(manifest_json(manifest)), source)
    return manifest


def seed_from_bytes(data: bytes, source: str) -> Seed:
    parsed = parse_model(_Seed, data, source)
    try:
        seed = Seed(parsed.manifest_hash, tuple(Roll(r.by, r.digits) for r in parsed.rolls))
    except ManifestError as error:
        raise AuditFileError(source, [str(p) for p in error.problems]) from None
    if seed.digits != parsed.seed:
        raise AuditFileError(source, ["seed: is not the rolls' digits joined in order"])
    require_canonical(data, canonical_json(seed_json(seed)), source)
    return seed


def sample_from_bytes(data: bytes, source: str) -> PublishedSample:
    parsed = parse_model(_Sample, data, source)
    document = json.loads(data)
    require_canonical(data, canonical_json(document), source)
    f = parsed.frame
    try:
        frame = Frame(f.name, f.contest, frozenset(f.constituencies), frozenset(f.kinds))
    except SamplingError as error:
        raise AuditFileError(source, [f"frame.name: {error}"]) from None
    return PublishedSample(frame, parsed.method, tuple(parsed.rounds), document)


def read_sample(path: Path) -> PublishedSample:
    return sample_from_bytes(read_bounded(path), str(path))


def write_sample(path: Path, record: SampleRecord) -> None:
    path.write_bytes(canonical_json(sample_json(record)))


def read_manifest(path: Path) -> Manifest:
    return manifest_from_bytes(read_bounded(path), str(path))


def read_seed(path: Path) -> Seed:
    return seed_from_bytes(read_bounded(path), str(path))


def write_manifest(path: Path, manifest: Manifest) -> None:
    path.write_bytes(canonical_json(manifest_json(manifest)))


def write_seed(path: Path, seed: Seed) -> None:
    path.write_bytes(canonical_json(seed_json(seed)))


def read_bounded(path: Path) -> bytes:
    """The file's bytes, refused beyond `MOST_BYTES` before they are all read."""
    try:
        with path.open("rb") as file:
            data = file.read(MOST_BYTES + 1)
    except OSError as error:
        raise AuditFileError(str(path), [f"cannot read it: {error.strerror}"]) from None
    if len(data) > MOST_BYTES:
        raise AuditFileError(str(path), [f"larger than {MOST_BYTES:,} bytes, the most it may be"])
    return data


def parse_model(model: type[_M], data: bytes, source: str) -> _M:
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise AuditFileError(source, [f"not JSON in UTF-8: {error}"]) from None
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        problems = [".".join(_step(p) for p in e["loc"]) + f": {e['msg']}" for e in error.errors()]
        raise AuditFileError(source, [p.replace(".[", "[") for p in problems]) from None


def _step(part: str | int) -> str:
    return f"[{part}]" if isinstance(part, int) else part


def require_canonical(data: bytes, expected: bytes, source: str) -> None:
    if data != expected:
        raise AuditFileError(source, ["not in canonical form (RFC 8785): its hash would differ"])
