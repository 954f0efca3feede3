"""The problems of a definition file's structure, as pydantic finds them, in the file's terms.

Each of pydantic's errors becomes a `Problem` with the path of `docs/formats.md`
(`contests[0].rule.share`: the rule's kind is the union's tag, not a step of the path) and a
message that says what to write instead: a close field name for an unknown one, the allowed
values of an enum, a whole number, text (in YAML, quoted).
"""

from __future__ import annotations

import difflib
import re
from types import NoneType, UnionType
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from sandogh.core.definition.problems import Problem
from sandogh.formats.definition_schema import FORMAT, RULE_KINDS, Definition
from sandogh.formats.scalars import shown
from sandogh.formats.written import ODD_CHARACTERS, visible


def _path(loc: tuple[int | str, ...]) -> str:
    """The path of `loc`, its keys as `visible` shows them: an unknown key is what the file
    wrote, and a NUL in it would hide the rest of the line."""
    parts: list[str] = []
    for i, part in enumerate(loc):
        if isinstance(part, int):
            parts.append(f"[{part}]")
        elif not (i and loc[i - 1] == "rule" and part in RULE_KINDS):  # the union's tag
            parts.append(f".{visible(part)}" if parts else visible(part))
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
        elif part in RULE_KINDS and get_origin(current) in (Union, UnionType):
            current = RULE_KINDS[part]
        elif isinstance(current, type) and issubclass(current, BaseModel):
            current = current.model_fields[part].annotation
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _listed(expected: str) -> str:
    return expected.replace("'", "").replace(" or ", ", ")


_ODD = re.compile(f"[{ODD_CHARACTERS}]")
_DIRECTION = frozenset(range(0x202A, 0x202F)) | frozenset(range(0x2066, 0x206A))


def odd_character(text: str) -> str | None:
    """What is wrong with `text` when it holds one of the characters no text of a definition may:
    the first of them, by its code point and place (the character itself would not show)."""
    found = _ODD.search(text)
    if found is None:  # another pattern, a photo's, is what `text` does not match
        return None
    point, at = ord(found.group()), found.start() + 1
    if point in _DIRECTION:
        return (
            f"holds the direction control U+{point:04X} at character {at}: one left open "
            "reorders what follows it on a page"
        )
    return f"holds the control character U+{point:04X} at character {at}: a name is one line"


def _beyond_bounds(error: ErrorDetails) -> str | None:
    """What is wrong with a text or a whole number the schema bounds (`definition_schema`), or
    None for another error."""
    kind, given, ctx = error["type"], error.get("input"), error.get("ctx", {})
    if kind == "less_than_equal":
        return f"must be at most {ctx['le']} (got {shown(given)})"
    if kind == "string_too_long" and isinstance(given, str):
        return f"is {len(given)} characters long, more than the {ctx['max_length']} it may be"
    if kind == "string_pattern_mismatch" and isinstance(given, str):
        return odd_character(given)
    if kind == "string_unicode":
        return "is not text: it holds half of a character (a lone surrogate such as \\ud800)"
    return None


def _place(error: ErrorDetails) -> tuple[int | str, ...]:
    """Where `error` is; of a key holding half of a character, pydantic names only the mapping
    that holds it (the key is its input), and the key's place is that mapping's and the key."""
    loc = error["loc"]
    if error["type"] == "string_unicode" and _fields_at((*loc, "")):
        return (*loc, str(error.get("input")))
    return loc


def structure_problem(error: ErrorDetails) -> Problem:
    """One of pydantic's errors as the file's problem: its path, and what to write instead."""
    kind, loc, got = error["type"], _place(error), shown(error.get("input"))
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
    elif (bound := _beyond_bounds(error)) is not None:
        message = bound
    elif kind == "bool_type":
        message = f"must be true or false (got {got})"
    elif kind in ("enum", "literal_error"):
        message = f"must be one of {_listed(ctx['expected'])} (got {got})"
    elif kind == "list_type":
        message = f"must be a list (got {got})"
    elif kind in ("model_type", "model_attributes_type", "dict_type"):
        message = f"must be a mapping of fields (got {got})"
    elif kind in ("union_tag_invalid", "union_tag_not_found"):
        path, expected = f"{path}.kind", ", ".join(RULE_KINDS)
        message = f"must be one of {expected}" + (f" (got {ctx['tag']!r})" if "tag" in ctx else "")
    elif kind == "sandogh":
        message = error["msg"]
    else:
        message = error["msg"][:1].lower() + error["msg"][1:]
    return Problem(path, message)
