"""The definition file's schema validating its canonical form straight into the core values.

`formats.definition_schema`'s pydantic models check a file's structure; `to_core` then built the
core `Election` from them again, value by value, in Python, and the canonical path wrote it
again to compare: the national definition is half a million values, and doing so was half of
loading it. The validator here is the models' own compiled schema
(`Definition.__pydantic_core_schema__`) with each model whose fields are exactly a core
dataclass's made into that dataclass, and each list inside them into a tuple: every field's
check (strictness, bounds, patterns, enums, unknown fields refused) is the same object. It asks
more than the models: every field the canonical form writes must be there (those added later,
`LATER`, only when set), and every share, degree and date written as the canonical form writes
it; so what it accepts is the canonical form of what it builds, and the bytes need not be
written again to know it (`formats.definition_file._canonical_election`).

It reads only the canonical path: a document it refuses is read again by the models, which say
what is wrong (`tests/formats/test_definition_core_schema.py` holds both paths to each other).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticCustomError, SchemaValidator, core_schema

from sandogh.core.definition import model as core
from sandogh.formats import definition_schema as schema
from sandogh.formats.scalars import decimal_text, fraction_text

#: The models made into core values, field for field (a station's facts are `StationInfo`).
_CORE: dict[type[BaseModel], type[Any]] = {
    schema.Name: core.Name,
    schema.Location: core.Location,
    schema.Station: core.StationInfo,
    schema.Unit: core.ReportingUnit,
    schema.Constituency: core.Constituency,
    schema.PartyList: core.PartyList,
    schema.Candidate: core.Candidate,
    schema.RoundLink: core.RoundLink,
    schema.Contest: core.Contest,
}
#: The rules are read as dicts (a `kind` the core class has not) and made core by their
#: models' `to_core` once checked: a contest has one.
_RULES = frozenset(schema.RULE_KINDS.values())
#: The file's frame, read as plain dicts (a model validates through its own compiled validator,
#: which would build the models inside it again).
_MAPPINGS = frozenset({schema.Definition, schema.ElectionHeader})


#: Fields added after definitions were first hashed, which the canonical form writes only when
#: set (a contest's `main_election`, a candidate's `photo`): every other field it writes always.
LATER: dict[type[Any], frozenset[str]] = {
    core.Contest: frozenset({"main_election"}),
    core.Candidate: frozenset({"photo"}),
}


def _into_core(node: Any, inside_core: bool = False) -> Any:
    """A copy of the compiled schema `node` building core values (see the module's docstring)."""
    if isinstance(node, list):
        return [_into_core(item, inside_core) for item in node]
    if not isinstance(node, dict):
        return node
    kind = node.get("type")
    if kind == "model":
        return _model(node)
    copied = {key: _into_core(value, inside_core) for key, value in node.items()}
    if kind == "function-plain":  # a share, degrees, a date: read from their canonical text only
        return core_schema.no_info_wrap_validator_function(_canonical_text, copied)
    if kind == "list" and inside_core:
        return core_schema.no_info_after_validator_function(tuple, copied)
    return copied


def _model(node: dict[str, Any]) -> core_schema.CoreSchema:
    cls = node["cls"]
    if cls in _CORE:
        return _dataclass(node)
    if cls in _MAPPINGS:
        return _mapping(node)
    if cls in _RULES:
        return core_schema.no_info_after_validator_function(_rule_to_core, _mapping(node))
    raise TypeError(f"{cls.__name__}: no core value is known for it")  # at import, not later


def _rule_to_core(fields: dict[str, Any]) -> Any:
    """A rule's core value from its fields, checked (a contest has one)."""
    return schema.RULE_KINDS[fields["kind"]].model_construct(**fields).to_core()  # type: ignore[attr-defined]


def _canonical_text(value: object, read: core_schema.ValidatorFunctionWrapHandler) -> Any:
    """What `read` makes of `value`, when `value` is the text the canonical form writes of it."""
    made = read(value)
    if not (isinstance(value, str) and value == scalar_text(made)):
        raise PydanticCustomError("sandogh", "not in its canonical form")
    return made


def scalar_text(value: object) -> str:
    """A share, a degree or a date as the canonical form writes it (`TypeError` for any other
    value: what orjson's `default` raises)."""
    if isinstance(value, Fraction):
        return fraction_text(value)
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(f"no canonical text for a {type(value).__name__}")


def _exact(field: dict[str, Any], name: str, later: frozenset[str]) -> Any:
    """The schema of a model's field as the canonical form writes it: always there, but for
    what was added later, which is there only when set."""
    inner = field["schema"]
    if inner["type"] != "default":
        return inner
    if name not in later:
        return inner["schema"]
    if inner["schema"]["type"] != "nullable":
        raise TypeError(f"{name}: a later field is one that may be unset")
    return {**inner, "schema": inner["schema"]["schema"]}


def _mapping(node: dict[str, Any]) -> core_schema.CoreSchema:
    fields = _fields_of(node)
    return core_schema.typed_dict_schema(
        {
            name: core_schema.typed_dict_field(_into_core(_exact(field, name, frozenset())))
            for name, field in fields.items()
        },
        extra_behavior="forbid",
        ref=node.get("ref"),
    )


def _fields_of(node: dict[str, Any]) -> dict[str, Any]:
    """The fields of a model's compiled schema, which must refuse unknown fields."""
    if node.get("config", {}).get("extra_fields_behavior") != "forbid":
        raise TypeError(f"{node['cls'].__name__} must refuse unknown fields")
    fields: dict[str, Any] = node["schema"]["fields"]
    return fields


def _dataclass(node: dict[str, Any]) -> core_schema.CoreSchema:
    model, cls = node["cls"], _CORE[node["cls"]]
    fields = _fields_of(node)
    names = list(cls.__dataclass_fields__)
    if set(fields) != set(names):  # a model and its core class drifted apart: fail at import
        raise TypeError(f"{model.__name__}'s fields are not {cls.__name__}'s")
    later = LATER.get(cls, frozenset())
    return core_schema.dataclass_schema(
        cls,
        core_schema.dataclass_args_schema(
            cls.__name__,
            [
                core_schema.dataclass_field(
                    name, _into_core(_exact(fields[name], name, later), True)
                )
                for name in names
            ],
            extra_behavior="forbid",
        ),
        names,
        frozen=True,
        ref=node.get("ref"),  # a model used twice is defined once and referred to
    )


#: The definition's validator: the file's frame as dicts, its units and contests core values.
VALIDATOR = SchemaValidator(_into_core(schema.Definition.__pydantic_core_schema__))


def election_of(document: object) -> core.Election:
    """The core election of a definition document (parsed JSON) written as the canonical form
    writes it; pydantic's `ValidationError` when the models would refuse it, or it is not so
    written."""
    definition = VALIDATOR.validate_python(document)
    header = definition["election"]
    return core.Election(
        header["id"],
        header["name"],
        header["date"],
        tuple(definition["units"]),
        tuple(definition["contests"]),
        header["version"],
        tuple(header["notes"]),
    )
