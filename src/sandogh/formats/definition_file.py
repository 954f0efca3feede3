"""The definition file (`sandogh/definition@1`, YAML or JSON) and its canonical JSON form.

`docs/formats.md` is the specification. The bytes are read strictly (`formats.documents`: exact
numbers, no duplicate keys) into the pydantic models of the file (`formats.definition_schema`),
then into the core `Election`. Structural problems are reported first, all at once, each with its
path in the file's terms; a file whose structure is sound is then checked by
`core.definition.validate`. The canonical form is the file itself as JSON, every default written
out: the store keeps it and `decode_canonical` reads it back through the same models.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from pydantic import ValidationError

from sandogh.core.definition import model as core
from sandogh.core.definition import rule as core_rule
from sandogh.core.definition.problems import DefinitionError, Problem
from sandogh.core.definition.validate import ValidElection, validated
from sandogh.formats.definition_core_schema import LATER, election_of, scalar_text
from sandogh.formats.definition_problems import structure_problem
from sandogh.formats.definition_schema import FORMAT, Definition, ElectionHeader
from sandogh.formats.documents import DocumentError, read_document, read_json
from sandogh.formats.scalars import shown
from sandogh.services.collector import collector_paused
from sandogh.services.definition_versions import Canonical

# The national definition (58,640 stations, ~15,000 candidates) is tens of megabytes; a file far
# beyond that is a mistake or an attack, refused before it is read into memory.
MOST_BYTES = 256 * 1024 * 1024


class DefinitionFileError(DefinitionError):
    """A definition file that cannot be read, or that breaks a rule; `problems` lists them all.

    A problem of the whole file (empty, not YAML, a duplicate key) has no path, and its message
    starts with the file's name, so each problem still says where it is when shown alone.
    """

    def __init__(self, source_name: str, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.source_name = source_name
        super().__init__(problems)

    def _summary(self) -> str:
        named = all(not problem.path for problem in self.problems)
        return super()._summary() if named else f"{self.source_name}: {super()._summary()}"


@dataclass(frozen=True)
class LoadedDefinition:
    """A valid election day, with the canonical bytes the store keeps and their hash."""

    valid: ValidElection  # `load_election` takes it as checked
    definition_hash: str
    canonical: bytes

    @property
    def election(self) -> core.Election:
        return self.valid.election


def load_definition(path: Path) -> LoadedDefinition:
    """Read and check the definition file at `path`; `DefinitionFileError` lists every problem."""
    try:
        with path.open("rb") as file:
            data = file.read(MOST_BYTES + 1)
    except OSError as error:
        raise DefinitionFileError(
            str(path), [Problem("", f"{path}: cannot read: {error.strerror}")]
        ) from error
    return parse_definition(data, source_name=str(path))


def parse_definition(data: bytes, *, source_name: str) -> LoadedDefinition:
    """Read a definition from bytes: JSON when named `.json` or starting with `{`, else YAML."""
    if len(data) > MOST_BYTES:
        raise _failure(
            source_name, f"larger than {MOST_BYTES:,} bytes, the most a definition file may be"
        )
    with collector_paused():
        election = _canonical_election(data)
        canonical = data
        if election is None:
            document = _document(read_document, data, source_name)
            election = _structure(document, source_name).to_core()
            canonical = canonical_bytes(election)
        try:
            valid = validated(election)
        except DefinitionError as error:
            raise DefinitionFileError(source_name, error.problems) from None
    return LoadedDefinition(valid, _hash(canonical), canonical)


def read_draft(path: Path) -> core.Election:
    """The election of a definition file whose candidates are still to come (`sandogh candidates
    draw` puts the final list in): its structure is checked here, its rules once it is filled."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DefinitionFileError(
            str(path), [Problem("", f"{path}: cannot read: {error.strerror}")]
        ) from error
    with collector_paused():
        return _structure(_document(read_document, data, str(path)), str(path)).to_core()


def decode_canonical(data: bytes) -> core.Election:
    """The election of canonical bytes written by `canonical_bytes` (structure checked, rules not:
    the bytes were valid when stored, and `validate.problems` can be run on the result)."""
    source = "canonical definition"
    with collector_paused():
        election = _canonical_election(data)
        if election is not None:
            return election
        return _structure(_document(read_json, data, source), source).to_core()


def canonical_bytes(election: core.Election) -> bytes:
    """The canonical JSON of `election`: UTF-8, keys sorted, no white space, defaults written."""
    document = {
        "format": FORMAT,
        "election": {name: getattr(election, name) for name in _HEADER},
        "units": election.units,
        "contests": election.contests,
    }
    try:
        return orjson.dumps(document, default=_json_default, option=_ORJSON)
    except orjson.JSONEncodeError:  # an integer beyond 64 bits, a lone surrogate: see below
        text = json.dumps(
            document,
            default=_json_default,
            ensure_ascii=False,
            sort_keys=True,
            separators=(",", ":"),
        )
        return text.encode("utf-8")


def definition_hash(election: core.Election) -> str:
    """`sha256:` and the hex SHA-256 of the canonical bytes: printed on every report and receipt."""
    return _hash(canonical_bytes(election))


#: The canonical form as the use cases that store a definition's next version take it.
CANONICAL = Canonical(canonical_bytes, definition_hash)


def definition_json_schema() -> dict[str, Any]:
    """The published JSON Schema (draft 2020-12) of a `sandogh/definition@1` file."""
    schema = Definition.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def _hash(canonical: bytes) -> str:
    return "sha256:" + hashlib.sha256(canonical).hexdigest()


# ---- the canonical form ----------------------------------------------------------------------

# The file mirrors the core field for field (`docs/formats.md`), so the canonical form writes every
# field of every core value: the defaults too. A rule's `kind` is the file's name for its class.
_RULE_KIND: dict[type[Any], str] = {
    core_rule.MajorityRule: "majority",
    core_rule.ThresholdRule: "threshold",
    core_rule.PluralityRule: "plurality",
    core_rule.ProportionalRule: "proportional",
}
_FIELDS = {
    cls: tuple(field.name for field in dataclasses.fields(cls))
    for cls in (
        core.Name,
        core.Location,
        core.StationInfo,
        core.ReportingUnit,
        core.Constituency,
        core.Candidate,
        core.PartyList,
        core.RoundLink,
        core.Contest,
        *_RULE_KIND,
    )
}
_HEADER = tuple(ElectionHeader.model_fields)


# How many fields each class has: a core value whose attributes are just its fields (a frozen
# dataclass keeps them in its `__dict__`, and nothing else there) is written from that dict, not
# built again field by field. The national definition is half a million such values: building
# each was a third of loading it.
_WIDTH = {cls: len(names) for cls, names in _FIELDS.items() if cls not in _RULE_KIND}


#: orjson writes what the standard library's encoder writes with the options of the canonical
#: form (members sorted by code point, UTF-8, no white space, `"`, `\\` and the control
#: characters escaped alike, `\\u00xx` in lower case), a few times faster: the national
#: definition in 0.35 s, was 1.05. Every core value and date goes through `_json_default`, as
#: with the standard library, so that each is written from the same document. What orjson
#: refuses (an integer beyond 64 bits, a lone surrogate) the standard library writes or refuses
#: as before (`tests/formats/test_definition_file.py` draws elections to compare the two).
_ORJSON = orjson.OPT_SORT_KEYS | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_DATETIME


def _json_default(value: object) -> object:
    """What `json` cannot write itself (it writes tuples as lists and a `StrEnum` as its value)."""
    kind = type(value)
    width = _WIDTH.get(kind)
    if width is not None and len(attributes := vars(value)) == width:
        later = LATER.get(kind)
        if later is None:
            return attributes
        document = dict(attributes)
        for name in later:
            if document[name] is None:
                del document[name]
        return document
    names = _FIELDS.get(kind)
    if names is not None:
        later = LATER.get(type(value), frozenset())
        document = {
            name: getattr(value, name)
            for name in names
            if name not in later or getattr(value, name) is not None
        }
        if type(value) in _RULE_KIND:
            document["kind"] = _RULE_KIND[type(value)]
        return document
    return scalar_text(value)


# ---- reading bytes ---------------------------------------------------------------------------

#: How canonical bytes begin: their first member, `contests` in sorted order.
_CANONICAL_START = b'{"contests":'


def _canonical_election(data: bytes) -> core.Election | None:
    """The election of `data` when `data` is its canonical form, read by orjson; None for any
    other bytes, which the strict reader reads (and says what is wrong with them).

    orjson neither refuses a duplicate key (the last one wins) nor reads a number with a point
    exactly, both of which the strict reader does. `election_of` checks what the models check,
    and more: every field the canonical form writes is there (the later ones only when set),
    and every share, degree and date is written as the canonical form writes it. Of such a
    document, the canonical form of its election is the document itself, so bytes equal to
    orjson's sorted writing of what it read are that canonical form, without writing it again
    from the election (a quarter of a second nationally); they hold no duplicate key (orjson
    would have written one) and no number with a point (no field takes one). So the strict
    reader would have read the same document, and whatever else is wrong with it is found again
    by the strict reader on the way back.
    """
    if not data.startswith(_CANONICAL_START):
        return None
    try:
        document = orjson.loads(data)
        election = election_of(document)
    except ValueError:  # not JSON to orjson, or not a definition: pydantic's ValidationError
        return None
    return election if orjson.dumps(document, option=orjson.OPT_SORT_KEYS) == data else None


def _document(read: Callable[[bytes, str], object], data: bytes, source_name: str) -> object:
    """The document `read` finds in `data`; what stops it is a problem of the whole file."""
    try:
        return read(data, source_name)
    except DocumentError as error:
        raise DefinitionFileError(
            source_name,
            [
                Problem("", problem, fa)
                for problem, fa in zip(error.problems, error.fa or error.problems, strict=True)
            ],
        ) from None


def _failure(source_name: str, message: str) -> DefinitionFileError:
    return DefinitionFileError(source_name, [Problem("", f"{source_name}: {message}")])


# ---- structure and its problems --------------------------------------------------------------


def _structure(document: object, source_name: str) -> Definition:
    if not isinstance(document, dict):
        raise _failure(
            source_name,
            f"not a sandogh definition: expected a mapping with format, election, units and "
            f"contests, found {type(document).__name__}",
        )
    given = document.get("format", FORMAT)
    if given != FORMAT:
        known = isinstance(given, str) and given.startswith("sandogh/definition@")
        raise DefinitionFileError(
            source_name,
            [
                Problem(
                    "format",
                    f"{'unsupported version' if known else 'not a sandogh definition format'}: "
                    f"{shown(given)}; this sandogh reads {FORMAT}",
                )
            ],
        )
    try:
        return Definition.model_validate(document)
    except ValidationError as error:
        raise DefinitionFileError(
            source_name, [structure_problem(e) for e in error.errors(include_url=False)]
        ) from None
