"""A YAML stream read from its events into plain data (`formats.documents` reads YAML with it).

No node graph and no recursion: a stack of open collections. What is not plain data, or would be
read as something the file does not show, is refused with where it is (`UnreadableError`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import InvalidOperation
from typing import Any

import yaml

from sandogh.formats.written import exact_number, visible
from sandogh.locale.digits import to_persian_digits

try:
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # PyYAML built without libyaml: the same loader, slower
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]  # same interface


def yaml_document(text: str) -> tuple[object, list[tuple[int, str]]]:
    """The document of the YAML stream `text`, and its duplicate keys with their lines; what is
    not one document of plain data is an `UnreadableError` (or PyYAML's, or a `ValueError` for
    a date the calendar has not)."""
    loader = _SafeLoader(text)
    try:
        return _yaml_data(loader)
    finally:
        loader.dispose()


def at_fa(line: int, column: int) -> str:
    """A line and a column in Persian words and digits."""
    return to_persian_digits(f"سطر {line}، ستون {column}")


_TAG = "tag:yaml.org,2002:"
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_DEEPEST = 64  # a definition nests 7 deep; libyaml's composer overflows the C stack near 10⁵
# An alias shares its anchor's data, but whoever walks the document (validation, an error message)
# walks every copy: nine lines of nested aliases ("billion laughs") stand for 9⁹ values. A rule
# block shared by every Majlis contest stands for a few thousand; anything past this is refused.
_ALIASED_MOST = 100_000
_ALIASED_MOST_FA = to_persian_digits(f"{_ALIASED_MOST:,}".replace(",", "٬"))
_BUILDING = object()  # an anchored collection not yet closed: an alias to it would be a cycle
_MERGE = object()  # the `<<` key of YAML merge keys
_BOOLEANS = {"true": True, "false": False}
_STR = _TAG + "str"


class UnreadableError(Exception):
    """A YAML stream that cannot be read as one document of plain data, and where (a mark)."""

    def __init__(self, problem: str, mark: Any, fa: str) -> None:
        where = "" if mark is None else f" (line {mark.line + 1}, column {mark.column + 1})"
        self.fa = fa + ("" if mark is None else f" ({at_fa(mark.line + 1, mark.column + 1)})")
        super().__init__(problem + where)


class _Open:
    """A mapping or sequence whose end event has not come yet."""

    __slots__ = ("anchor", "data", "key", "line", "merged", "size")

    def __init__(self, data: dict[Any, object] | list[object], anchor: str | None) -> None:
        self.data, self.anchor = data, anchor
        self.key: object = _BUILDING  # none pending
        self.line = 0  # the pending key's
        self.merged: list[object] = []
        self.size = 1  # values, each alias counted as all it stands for

    def add(self, value: object, mark: Any, duplicates: list[tuple[int, str]]) -> None:
        if isinstance(self.data, list):
            self.data.append(value)
        elif self.key is _BUILDING:
            if isinstance(value, dict | list):
                raise UnreadableError(
                    "a key must be text, not a list or a mapping",
                    mark,
                    "کلید باید متن باشد، نه فهرست یا نگاشت",
                )
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
                raise UnreadableError(
                    "only mappings can be merged with <<", mark, "تنها نگاشت‌ها با << ادغام می‌شوند"
                )
            merged.update(mapping)
        merged.update(self.data)
        return merged


def _yaml_data(loader: _SafeLoader) -> tuple[object, list[tuple[int, str]]]:
    """The document of a YAML stream, built from its events with a stack of open collections.

    No node graph (twice as fast as PyYAML's constructor) and no recursion. Numbers with a point
    become `Decimal`; YAML 1.1's octal `0701` and sexagesimal `1:30` stay text (refused where a
    number belongs); an alias shares its anchor's data, and all the aliases together may stand for
    at most `_ALIASED_MOST` values, so nested aliases cannot blow up whoever walks the data;
    duplicate keys are returned with their lines. Null and dates are read as YAML 1.1 does, truth
    values only as true and false (`_plain` refuses `no`, `1_449` and a key that is not text); any
    other tag goes to the safe constructor, which refuses unsafe ones.
    """
    stack: list[_Open] = []
    anchors: dict[str, object] = {}
    sizes: dict[str, int] = {}  # of each anchored value, as `_Open.size`
    aliased = 0
    documents: list[object] = []
    duplicates: list[tuple[int, str]] = []
    while True:
        event = loader.get_event()
        if isinstance(event, yaml.ScalarEvent):
            value, anchor, size = _scalar(loader, event, stack), event.anchor, 1
        elif isinstance(event, yaml.CollectionStartEvent):
            stack.append(_start(event, len(stack), anchors))
            continue
        elif isinstance(event, yaml.CollectionEndEvent):
            closed = stack.pop()
            value, anchor, size = closed.close(event.start_mark), closed.anchor, closed.size
        elif isinstance(event, yaml.AliasEvent):
            value, anchor = _alias(event, anchors), None
            size = sizes[event.anchor or ""]
            aliased += size
            if aliased > _ALIASED_MOST:
                raise UnreadableError(
                    f"the aliases stand for more than {_ALIASED_MOST:,} values (an alias bomb?)",
                    event.start_mark,
                    f"نام‌های مستعار (alias) آن بیش از {_ALIASED_MOST_FA} مقدار را نشان می‌دهند "
                    "(بمب alias؟)",
                )
        elif isinstance(event, yaml.StreamEndEvent):
            return (documents[0] if documents else None), duplicates
        elif isinstance(event, yaml.DocumentStartEvent) and documents:
            raise UnreadableError(
                "a definition is one YAML document, not several",
                event.start_mark,
                "تعریف یک سند YAML است، نه چند سند",
            )
        else:
            continue
        if anchor is not None:
            anchors[anchor], sizes[anchor] = value, size
        if stack:
            stack[-1].add(value, event.start_mark, duplicates)
            stack[-1].size += size
        else:
            documents.append(value)


def _alias(event: yaml.AliasEvent, anchors: dict[str, object]) -> object:
    value = anchors.get(event.anchor or "", _MERGE)
    if value is _BUILDING or value is _MERGE:
        problem = "contains the alias" if value is _BUILDING else "is not defined"
        fa = "نام مستعاری به خودش دارد" if value is _BUILDING else "تعریف نشده است"
        raise UnreadableError(
            f"the anchor &{event.anchor} {problem}", event.start_mark, f"لنگر &{event.anchor} {fa}"
        )
    return value


def _start(event: yaml.CollectionStartEvent, depth: int, anchors: dict[str, object]) -> _Open:
    mapping = isinstance(event, yaml.MappingStartEvent)
    if event.anchor is not None:
        anchors[event.anchor] = _BUILDING
    if depth >= _DEEPEST:
        raise UnreadableError(
            f"nested more than {_DEEPEST} deep",
            event.start_mark,
            f"بیش از {to_persian_digits(str(_DEEPEST))} لایه تودرتو است",
        )
    if event.tag not in (None, "!", _TAG + ("map" if mapping else "seq")):
        raise UnreadableError(
            f"the tag {visible(event.tag)} is not allowed",
            event.start_mark,
            f"برچسب {visible(event.tag)} پذیرفته نیست: تعریف تنها داده ساده است",
        )
    return _Open({} if mapping else [], event.anchor)


def _whole(text: str) -> object:
    return int(text) if _INT.fullmatch(text) else text


def _exact(text: str) -> object:
    try:
        return exact_number(text)
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


def _scalar(loader: _SafeLoader, event: yaml.ScalarEvent, stack: list[_Open]) -> object:
    tag = event.tag
    if tag is None and event.style:  # quoted, or a block: text, whatever it looks like
        return event.value
    if tag is None or tag == "!":
        tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]  # untyped in the stubs
    if tag != _STR:
        _plain(tag, event, stack)
    read = _SCALARS.get(tag)
    if read is not None:
        return read(event.value)
    node = yaml.ScalarNode(tag, event.value, None, None, event.style)
    return loader.construct_object(node)


def _plain(tag: str, event: yaml.ScalarEvent, stack: list[_Open]) -> None:
    """Refuse what is not plain data, though YAML 1.1 reads it: a key that is not text (`1:`,
    `yes:`, `~:`), a truth value other than true or false (`no` for false: the same word is a
    name elsewhere), a number with `_` in it (`1_449`, which neither JSON nor YAML 1.2 reads)."""
    top = stack[-1] if stack else None
    if top is not None and top.key is _BUILDING and isinstance(top.data, dict):
        if tag == _TAG + "merge":
            return
        english = 'the key {0!r} is not text to YAML; quote it ("{0}")'
        fa = "کلید «{0}» برای YAML متن نیست؛ آن را میان گیومه بنویسید"
    elif tag == _TAG + "bool" and event.value.lower() not in _BOOLEANS:
        english = (
            "{0!r} is YAML 1.1's way to write true or false; write true or false (or quote it, "
            "if it is text)"
        )
        fa = (
            "«{0}» شیوه YAML 1.1 برای نوشتن true یا false است؛ true یا false بنویسید (یا اگر "
            "متن است، آن را میان گیومه بنویسید)"
        )
    elif tag in (_TAG + "int", _TAG + "float") and "_" in event.value:
        english = "the number {0!r} has '_' in it; write it without (as JSON does)"
        fa = "عدد «{0}» «_» دارد؛ آن را بی «_» بنویسید"
    else:
        return
    written = visible(event.value)
    raise UnreadableError(english.format(written), event.start_mark, fa.format(written))
