"""The definition file's schema validating straight into the core values.

`formats.definition_schema`'s pydantic models check a file's structure; `to_core` then built the
core `Election` from them again, value by value, in Python: the national definition is half a
million values, and building them twice was a quarter of loading it. The validator here is the
models' own compiled schema (`Definition.__pydantic_core_schema__`) with each model whose fields
are exactly a core dataclass's made into that dataclass, and each list inside them into a tuple:
every field's check (strictness, bounds, patterns, enums, unknown fields refused) is the same
object, so it accepts the same documents, and what it builds is what `to_core` builds from the
models (`tests/formats/test_definition_core_schema.py` holds the two to each other).

It reads only the canonical path (`formats.definition_file`): a document it refuses is read again
by the models, which say what is wrong.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from pydantic_core import SchemaValidator, core_schema

from sandogh.core.definition import model as core
from sandogh.formats import definition_schema as schema

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
#: The rules keep their models (a `kind` the core class has not), made core by their own
#: `to_core` once validated: a contest has one.
_RULES = frozenset(schema.RULE_KINDS.values())
#: The file's frame, read as plain dicts (a model validates through its own compiled validator,
#: which would build the models inside it again).
_MAPPINGS = frozenset({schema.Definition, schema.ElectionHeader})


def _rule_to_core(rule: Any) -> Any:
    return rule.to_core()


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
        return core_schema.no_info_after_validator_function(_rule_to_core, node)
    raise TypeError(f"{cls.__name__}: no core value is known for it")  # at import, not later


def _mapping(node: dict[str, Any]) -> core_schema.CoreSchema:
    fields = _fields_of(node)
    return core_schema.typed_dict_schema(
        {
            name: core_schema.typed_dict_field(
                _into_core(field["schema"]), required=field["schema"]["type"] != "default"
            )
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
    return core_schema.dataclass_schema(
        cls,
        core_schema.dataclass_args_schema(
            cls.__name__,
            [
                core_schema.dataclass_field(name, _into_core(fields[name]["schema"], True))
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
    """The core election of a definition document (parsed JSON); pydantic's `ValidationError`
    when the models would refuse it."""
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
