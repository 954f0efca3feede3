"""The definition file (`sandogh/definition@1`, YAML or JSON) and its canonical JSON form.

`docs/formats.md` is the specification. The file is read into the core `Election` through pydantic
models that mirror it (`extra="forbid"`, strict scalars: YAML turns `no` into false and `0701`
into 449, and a silently changed name or ballot code is worse than an error). Numbers with a point
are read as `Decimal`, never `float`, so fractions and coordinates stay exact. Structural problems
are reported first, all at once; a file whose structure is sound is then checked by
`core.definition.validate`. The canonical form is the file itself as JSON, every default written
out: the store keeps it and `decode_canonical` reads it back through the same models.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import difflib
import gc
import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from types import NoneType, UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    Strict,
    ValidationError,
    WithJsonSchema,
)
from pydantic_core import ErrorDetails, PydanticCustomError

from sandogh.core.definition import model as core
from sandogh.core.definition import rule as core_rule
from sandogh.core.definition.problems import DefinitionError, Problem
from sandogh.core.definition.validate import CODE, ELECTION_ID, problems

try:
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # PyYAML built without libyaml: the same loader, slower
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]  # same interface

FORMAT = "sandogh/definition@1"


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

    election: core.Election
    definition_hash: str
    canonical: bytes


def load_definition(path: Path) -> LoadedDefinition:
    """Read and check the definition file at `path`; `DefinitionFileError` lists every problem."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DefinitionFileError(
            str(path), [Problem("", f"{path}: cannot read: {error.strerror}")]
        ) from error
    return parse_definition(data, source_name=str(path))


def parse_definition(data: bytes, *, source_name: str) -> LoadedDefinition:
    """Read a definition from bytes: JSON when named `.json` or starting with `{`, else YAML."""
    with collector_paused():
        document = _read_document(data, source_name)
        election = _structure(document, source_name).to_core()
        found = problems(election)
        if found:
            raise DefinitionFileError(source_name, found)
        canonical = canonical_bytes(election)
    return LoadedDefinition(election, _hash(canonical), canonical)


def decode_canonical(data: bytes) -> core.Election:
    """The election of canonical bytes written by `canonical_bytes` (structure checked, rules not:
    the bytes were valid when stored, and `validate.problems` can be run on the result)."""
    source = "canonical definition"
    with collector_paused():
        return _structure(_read_json(data, source), source).to_core()


def canonical_bytes(election: core.Election) -> bytes:
    """The canonical JSON of `election`: UTF-8, keys sorted, no white space, defaults written."""
    document = {
        "format": FORMAT,
        "election": {name: getattr(election, name) for name in _HEADER},
        "units": election.units,
        "contests": election.contests,
    }
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


def definition_json_schema() -> dict[str, Any]:
    """The published JSON Schema (draft 2020-12) of a `sandogh/definition@1` file."""
    schema = Definition.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a file becomes a large tree of objects that all stay.

    Every collection would rescan the whole growing tree: with it running, a national definition
    loads about five times slower. Nothing built here forms a cycle, so nothing is left unfreed.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _hash(canonical: bytes) -> str:
    return "sha256:" + hashlib.sha256(canonical).hexdigest()


# ---- exact scalars ---------------------------------------------------------------------------

_FRACTION = re.compile(r"(-?[0-9]+)\s*/\s*([0-9]+)")
_DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _shown(value: object) -> str:
    """`value` as the file wrote it, so far as YAML lets us know, shortened."""
    if isinstance(value, bool):
        return str(value).lower()
    text = str(value) if isinstance(value, Decimal | int | datetime.date) else repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _fraction(value: object) -> Fraction:
    if isinstance(value, int) and not isinstance(value, bool):
        return Fraction(value)
    if isinstance(value, Decimal) and value.is_finite():
        return Fraction(value)
    if isinstance(value, str):
        text = value.strip()
        percent = text.endswith("%")
        number = text.removesuffix("%").rstrip()
        if (match := _FRACTION.fullmatch(number)) and not percent and int(match.group(2)):
            return Fraction(int(match.group(1)), int(match.group(2)))
        if _DECIMAL.fullmatch(number):
            return Fraction(Decimal(number)) / (100 if percent else 1)
    raise PydanticCustomError(
        "sandogh",
        "must be a fraction such as '1/2', '0.2' or '20%' (got {got})",
        {"got": _shown(value)},
    )


def _fraction_text(value: Fraction) -> str:
    return f"{value.numerator}/{value.denominator}"


def _decimal_text(value: Decimal) -> str:
    """The shortest exact decimal text: no exponent, no trailing zeros, no negative zero."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _coordinate(value: object) -> Decimal:
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, Decimal) and value.is_finite():
        return Decimal(_decimal_text(value))
    if isinstance(value, str) and _DECIMAL.fullmatch(value.strip()):
        return Decimal(_decimal_text(Decimal(value.strip())))
    raise PydanticCustomError(
        "sandogh", "must be decimal degrees such as '30.2839' (got {got})", {"got": _shown(value)}
    )


def _date(value: object) -> datetime.date:
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError("sandogh", "{got} is not a date", {"got": value}) from None
    raise PydanticCustomError(
        "sandogh",
        "must be a date written 2024-07-05, without a time (got {got})",
        {"got": _shown(value)},
    )


_Text = Annotated[str, Strict()]
_Whole = Annotated[int, Strict()]
_Flag = Annotated[bool, Strict()]
_Share = Annotated[
    Fraction,
    PlainValidator(_fraction),
    PlainSerializer(_fraction_text),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number"},
                {"type": "string", "pattern": r"^\s*-?[0-9]+(\s*/\s*[0-9]+|(\.[0-9]+)?\s*%?)\s*$"},
            ],
            "description": "exact: '1/2', '0.2', '20%' or a whole number",
        }
    ),
]
_Degrees = Annotated[
    Decimal,
    PlainValidator(_coordinate),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number"},
                {"type": "string", "pattern": r"^\s*-?[0-9]+(\.[0-9]+)?\s*$"},
            ]
        }
    ),
]
_Date = Annotated[
    datetime.date, PlainValidator(_date), WithJsonSchema({"type": "string", "format": "date"})
]
_Code = Annotated[_Text, WithJsonSchema({"type": "string", "pattern": f"^{CODE.pattern}$"})]
_ElectionId = Annotated[
    _Text, WithJsonSchema({"type": "string", "pattern": f"^{ELECTION_ID.pattern}$"})
]


# ---- the file's structure --------------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Name(_Strict):
    fa: _Text
    en: _Text

    def to_core(self) -> core.Name:
        return core.Name(self.fa, self.en)


class Location(_Strict):
    lat: _Degrees
    lon: _Degrees


class Station(_Strict):
    mobility: core.Mobility
    setting: core.Setting
    mode: core.VotingMode
    hard_to_reach: _Flag = False
    location: Location | None = None


class Unit(_Strict):
    code: _Code
    kind: core.UnitKind
    name: Name
    parent: _Code | None = None
    eligible_voters: _Whole | None = None
    station: Station | None = None

    def to_core(self) -> core.ReportingUnit:
        info, place = self.station, None if self.station is None else self.station.location
        return core.ReportingUnit(
            self.code,
            self.kind,
            self.name.to_core(),
            self.parent,
            self.eligible_voters,
            None
            if info is None
            else core.StationInfo(
                info.mobility,
                info.setting,
                info.mode,
                info.hard_to_reach,
                None if place is None else core.Location(place.lat, place.lon),
            ),
        )


class Majority(_Strict):
    kind: Literal["majority"]
    base: core_rule.Base = core_rule.Base.CAST
    share: _Share = Fraction(1, 2)
    runoff_candidates: _Whole = 2

    def to_core(self) -> core_rule.Rule:
        return core_rule.MajorityRule(self.base, self.share, self.runoff_candidates)


class Threshold(_Strict):
    kind: Literal["threshold"]
    base: core_rule.Base = core_rule.Base.VALID
    share: _Share = Fraction(1, 5)
    runoff_factor: _Whole = 2

    def to_core(self) -> core_rule.Rule:
        return core_rule.ThresholdRule(self.base, self.share, self.runoff_factor)


class Plurality(_Strict):
    kind: Literal["plurality"]

    def to_core(self) -> core_rule.Rule:
        return core_rule.PluralityRule()


class Proportional(_Strict):
    kind: Literal["proportional"]
    method: core_rule.Apportionment = core_rule.Apportionment.DHONDT
    alternates_share: _Share = Fraction(52, 100)

    def to_core(self) -> core_rule.Rule:
        return core_rule.ProportionalRule(self.method, self.alternates_share)


class Constituency(_Strict):
    id: _Code
    name: Name
    units: Annotated[list[_Code], Strict()]
    seats: _Whole
    alternates: _Whole = 0


class PartyList(_Strict):
    id: _Code
    name: Name


class Candidate(_Strict):
    code: Annotated[_Text, WithJsonSchema({"type": "string", "pattern": "^[0-9]+$"})]
    name: Name
    constituency: _Code
    party_list: _Code | None = None


class RoundLink(_Strict):
    election: _ElectionId
    contest: _Code


class Contest(_Strict):
    id: _Code
    office: core.Office
    name: Name
    rule: Annotated[Majority | Threshold | Plurality | Proportional, Field(discriminator="kind")]
    constituencies: Annotated[list[Constituency], Strict()]
    party_lists: Annotated[list[PartyList], Strict()] = []
    candidates: Annotated[list[Candidate], Strict()]
    round: _Whole = 1
    previous_round: RoundLink | None = None
    by_election: _Flag = False

    def to_core(self) -> core.Contest:
        link = self.previous_round
        return core.Contest(
            self.id,
            self.office,
            self.name.to_core(),
            self.rule.to_core(),
            tuple(
                core.Constituency(k.id, k.name.to_core(), tuple(k.units), k.seats, k.alternates)
                for k in self.constituencies
            ),
            tuple(
                core.Candidate(c.code, c.name.to_core(), c.constituency, c.party_list)
                for c in self.candidates
            ),
            tuple(core.PartyList(p.id, p.name.to_core()) for p in self.party_lists),
            self.round,
            None if link is None else core.RoundLink(link.election, link.contest),
            self.by_election,
        )


class ElectionHeader(_Strict):
    id: _ElectionId
    name: Name
    date: _Date
    version: _Whole = 1
    notes: Annotated[list[_Text], Strict()] = []


class Definition(_Strict):
    """One election day: its geography (parents before children) and its contests."""

    model_config = ConfigDict(title="sandogh election definition (sandogh/definition@1)")

    format: Literal["sandogh/definition@1"]
    election: ElectionHeader
    units: Annotated[list[Unit], Strict()]
    contests: Annotated[list[Contest], Strict()]

    def to_core(self) -> core.Election:
        header = self.election
        return core.Election(
            header.id,
            header.name.to_core(),
            header.date,
            tuple(unit.to_core() for unit in self.units),
            tuple(contest.to_core() for contest in self.contests),
            header.version,
            tuple(header.notes),
        )


_RULE_KINDS: dict[str, type[BaseModel]] = {
    "majority": Majority,
    "threshold": Threshold,
    "plurality": Plurality,
    "proportional": Proportional,
}


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


def _json_default(value: object) -> object:
    """What `json` cannot write itself (it writes tuples as lists and a `StrEnum` as its value)."""
    names = _FIELDS.get(type(value))
    if names is not None:
        document = {name: getattr(value, name) for name in names}
        if type(value) in _RULE_KIND:
            document["kind"] = _RULE_KIND[type(value)]
        return document
    if isinstance(value, Fraction):
        return _fraction_text(value)
    if isinstance(value, Decimal):
        return _decimal_text(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(f"no canonical form for a {type(value).__name__}")


# ---- reading bytes ---------------------------------------------------------------------------


def _failure(source_name: str, message: str) -> DefinitionFileError:
    return DefinitionFileError(source_name, [Problem("", f"{source_name}: {message}")])


def _read_document(data: bytes, source_name: str) -> object:
    if not data.strip():
        raise _failure(source_name, "the file is empty")
    if source_name.lower().endswith(".json"):
        return _read_json(data, source_name)
    if data.lstrip().startswith((b"{", b"\xef\xbb\xbf{")):
        try:
            return _read_json(data, source_name)
        except DefinitionFileError:
            pass  # a YAML flow mapping also starts with `{`; YAML says what is wrong
    return _read_yaml(data, source_name)


def _text(data: bytes, source_name: str) -> str:
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise _failure(source_name, f"not UTF-8 text (byte {error.start})") from None


def _read_json(data: bytes, source_name: str) -> object:
    duplicates: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        found = dict(items)
        if len(found) != len(items):
            duplicates.extend(k for k, n in Counter(k for k, _ in items).items() if n > 1)
        return found

    try:
        document = json.loads(
            _text(data, source_name), parse_float=Decimal, object_pairs_hook=pairs
        )
    except json.JSONDecodeError as error:
        raise _failure(
            source_name, f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        ) from None
    except (ValueError, RecursionError) as error:  # a number of 4,300 digits; nesting too deep
        raise _failure(source_name, f"not valid JSON: {error}") from None
    if duplicates:
        raise DefinitionFileError(
            source_name,
            [Problem("", f"{source_name}: duplicate key {k!r} in an object") for k in duplicates],
        )
    return document


_TAG = "tag:yaml.org,2002:"
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9_]*)")
_DEEPEST = 64  # a definition nests 7 deep; libyaml's composer overflows the C stack near 10⁵
_BUILDING = object()  # an anchored collection not yet closed: an alias to it would be a cycle
_MERGE = object()  # the `<<` key of YAML merge keys
_BOOLEANS = {"yes": True, "true": True, "on": True, "no": False, "false": False, "off": False}


class _UnreadableError(Exception):
    """A YAML stream that cannot hold a definition, and where (a PyYAML mark)."""

    def __init__(self, problem: str, mark: Any) -> None:
        where = "" if mark is None else f" (line {mark.line + 1}, column {mark.column + 1})"
        super().__init__(problem + where)


class _Open:
    """A mapping or sequence whose end event has not come yet."""

    __slots__ = ("anchor", "data", "key", "line", "merged")

    def __init__(self, data: dict[Any, object] | list[object], anchor: str | None) -> None:
        self.data, self.anchor = data, anchor
        self.key: object = _BUILDING  # none pending
        self.line = 0  # the pending key's
        self.merged: list[object] = []

    def add(self, value: object, mark: Any, duplicates: list[tuple[int, str]]) -> None:
        if isinstance(self.data, list):
            self.data.append(value)
        elif self.key is _BUILDING:
            if isinstance(value, dict | list):
                raise _UnreadableError("a key must be text, not a list or a mapping", mark)
            self.key, self.line = value, mark.line + 1
        elif self.key is _MERGE:
            self.merged += value if isinstance(value, list) else [value]
            self.key = _BUILDING
        else:
            if self.key in self.data:
                duplicates.append((self.line, str(self.key)))
            self.data[self.key] = value
            self.key = _BUILDING

    def close(self, mark: Any) -> object:
        """The data; keys written here win over merged ones, earlier merges over later ones."""
        if not self.merged or isinstance(self.data, list):
            return self.data
        merged: dict[Any, object] = {}
        for mapping in reversed(self.merged):
            if not isinstance(mapping, dict):
                raise _UnreadableError("only mappings can be merged with <<", mark)
            merged.update(mapping)
        merged.update(self.data)
        return merged


def _yaml_data(loader: _SafeLoader) -> tuple[object, list[tuple[int, str]]]:
    """The document of a YAML stream, built from its events with a stack of open collections.

    No node graph (twice as fast as PyYAML's constructor) and no recursion. Numbers with a point
    become `Decimal`; YAML 1.1's octal `0701` and sexagesimal `1:30` stay text (refused where a
    number belongs); an alias shares its anchor's data, so nested aliases cannot blow up;
    duplicate keys are returned with their lines. Booleans, null and dates are read as YAML 1.1
    does; any other tag goes to the safe constructor, which refuses unsafe ones.
    """
    stack: list[_Open] = []
    anchors: dict[str, object] = {}
    documents: list[object] = []
    duplicates: list[tuple[int, str]] = []
    while True:
        event = loader.get_event()
        if isinstance(event, yaml.ScalarEvent):
            value, anchor = _scalar(loader, event), event.anchor
        elif isinstance(event, yaml.CollectionStartEvent):
            stack.append(_start(event, len(stack), anchors))
            continue
        elif isinstance(event, yaml.CollectionEndEvent):
            closed = stack.pop()
            value, anchor = closed.close(event.start_mark), closed.anchor
        elif isinstance(event, yaml.AliasEvent):
            value, anchor = _alias(event, anchors), None
        elif isinstance(event, yaml.StreamEndEvent):
            return (documents[0] if documents else None), duplicates
        elif isinstance(event, yaml.DocumentStartEvent) and documents:
            raise _UnreadableError(
                "a definition is one YAML document, not several", event.start_mark
            )
        else:
            continue
        if anchor is not None:
            anchors[anchor] = value
        if stack:
            stack[-1].add(value, event.start_mark, duplicates)
        else:
            documents.append(value)


def _alias(event: yaml.AliasEvent, anchors: dict[str, object]) -> object:
    value = anchors.get(event.anchor or "", _MERGE)
    if value is _BUILDING or value is _MERGE:
        problem = "contains the alias" if value is _BUILDING else "is not defined"
        raise _UnreadableError(f"the anchor &{event.anchor} {problem}", event.start_mark)
    return value


def _start(event: yaml.CollectionStartEvent, depth: int, anchors: dict[str, object]) -> _Open:
    mapping = isinstance(event, yaml.MappingStartEvent)
    if event.anchor is not None:
        anchors[event.anchor] = _BUILDING
    if depth >= _DEEPEST:
        raise _UnreadableError(f"nested more than {_DEEPEST} deep", event.start_mark)
    if event.tag not in (None, "!", _TAG + ("map" if mapping else "seq")):
        raise _UnreadableError(f"the tag {event.tag} is not allowed", event.start_mark)
    return _Open({} if mapping else [], event.anchor)


def _whole(text: str) -> object:
    return int(text.replace("_", "")) if _INT.fullmatch(text) else text


def _exact(text: str) -> object:
    try:
        return Decimal(text.replace("_", ""))
    except InvalidOperation:  # .inf, .nan, 1:30.5: refused later as not exact
        return text


_SCALARS: dict[str, Callable[[str], object]] = {
    _TAG + "str": str,
    _TAG + "int": _whole,
    _TAG + "float": _exact,
    _TAG + "null": lambda _: None,
    _TAG + "bool": lambda text: _BOOLEANS.get(text.lower(), text),
    _TAG + "merge": lambda _: _MERGE,
}


def _scalar(loader: _SafeLoader, event: yaml.ScalarEvent) -> object:
    tag = event.tag
    if tag is None and event.style:  # quoted, or a block: text, whatever it looks like
        return event.value
    if tag is None or tag == "!":
        tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]  # untyped in the stubs
    read = _SCALARS.get(tag)
    if read is not None:
        return read(event.value)
    node = yaml.ScalarNode(tag, event.value, None, None, event.style)
    return loader.construct_object(node)


def _read_yaml(data: bytes, source_name: str) -> object:
    loader = _SafeLoader(_text(data, source_name))
    try:
        document, duplicates = _yaml_data(loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = "" if mark is None else f" (line {mark.line + 1}, column {mark.column + 1})"
        raise _failure(source_name, f"not valid YAML or JSON: {error.problem}{where}") from None
    except (_UnreadableError, yaml.YAMLError, ValueError) as error:
        raise _failure(source_name, f"not valid YAML or JSON: {error}") from None
    finally:
        loader.dispose()
    if duplicates:
        raise DefinitionFileError(
            source_name,
            [Problem("", f"{source_name}, line {n}: duplicate key {k!r}") for n, k in duplicates],
        )
    return document


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
                    f"{_shown(given)}; this sandogh reads {FORMAT}",
                )
            ],
        )
    try:
        return Definition.model_validate(document)
    except ValidationError as error:
        raise DefinitionFileError(
            source_name, [_problem(e) for e in error.errors(include_url=False)]
        ) from None


def _path(loc: tuple[int | str, ...]) -> str:
    parts: list[str] = []
    for i, part in enumerate(loc):
        if isinstance(part, int):
            parts.append(f"[{part}]")
        elif not (i and loc[i - 1] == "rule" and part in _RULE_KINDS):  # the union's tag
            parts.append(f".{part}" if parts else part)
    return "".join(parts)


def _unwrap(annotation: Any) -> Any:
    """`X` for `X | None`; anything else unchanged."""
    if get_origin(annotation) in (Union, UnionType):
        args = [a for a in get_args(annotation) if a is not NoneType]
        if len(args) == 1:
            return args[0]
    return annotation


def _fields_at(loc: tuple[int | str, ...]) -> list[str]:
    """The field names of the model that holds the last element of `loc`."""
    current: Any = Definition
    for part in loc[:-1]:
        current = _unwrap(current)
        if isinstance(part, int):
            current = get_args(current)[0]
        elif part in _RULE_KINDS and get_origin(current) in (Union, UnionType):
            current = _RULE_KINDS[part]
        elif isinstance(current, type) and issubclass(current, BaseModel):
            current = current.model_fields[part].annotation
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _listed(expected: str) -> str:
    return expected.replace("'", "").replace(" or ", ", ")


def _problem(error: ErrorDetails) -> Problem:
    kind, loc, got = error["type"], error["loc"], _shown(error.get("input"))
    path = _path(loc)
    ctx = error.get("ctx", {})
    if kind == "missing":
        message = (
            "required" if path != "format" else f"required: the file must say `format: {FORMAT}`"
        )
    elif kind == "extra_forbidden":
        fields = _fields_at(loc)
        close = difflib.get_close_matches(str(loc[-1]), fields, n=1)
        hint = f"did you mean {close[0]}? " if close else ""
        message = f"unknown field; {hint}expected: {', '.join(fields)}"
    elif kind == "string_type":
        message = f"must be text (got {got}; in YAML, quote it)"
    elif kind in ("int_type", "int_from_float", "int_parsing"):
        message = f"must be a whole number (got {got})"
    elif kind == "bool_type":
        message = f"must be true or false (got {got})"
    elif kind in ("enum", "literal_error"):
        message = f"must be one of {_listed(ctx['expected'])} (got {got})"
    elif kind == "list_type":
        message = f"must be a list (got {got})"
    elif kind in ("model_type", "model_attributes_type", "dict_type"):
        message = f"must be a mapping of fields (got {got})"
    elif kind in ("union_tag_invalid", "union_tag_not_found"):
        path, expected = f"{path}.kind", ", ".join(_RULE_KINDS)
        message = f"must be one of {expected}" + (f" (got {ctx['tag']!r})" if "tag" in ctx else "")
    elif kind == "sandogh":
        message = error["msg"]
    else:
        message = error["msg"][:1].lower() + error["msg"][1:]
    return Problem(path, message)
