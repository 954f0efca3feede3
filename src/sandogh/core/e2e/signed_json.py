"""The guardians' files as canonical JSON, signed and read strictly (`docs/e2e.md` §5).

Each file a guardian publishes carries `"signature"`: the hex Ed25519 signature by its key of
the file's format, a newline, and the canonical JSON of the file without its signature — the
first line keeps a guardian's signature over one kind of file from passing for another (as
`core.anchor.signing` does). Reading names every problem with the file (`where`) and the field.
Elements and scalars are lower-case hex of exactly their bytes (§0).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sandogh.core.canonical_json import canonical_json
from sandogh.core.definition.problems import Problem
from sandogh.core.e2e.group import Group
from sandogh.core.errors import SandoghError
from sandogh.core.report.json_reader import Reader
from sandogh.core.report.keys import SIGNATURE_BYTES, PublicKey, SigningKey

SIGNATURE = "signature"


class GuardianFileError(SandoghError):
    """A ceremony or tally file that cannot be used; `where` names the file, `problems` every
    field that is wrong."""

    def __init__(self, where: str, problems: Iterable[Problem]) -> None:
        self.where = where
        self.problems = tuple(problems)
        shown = "; ".join(str(p) for p in self.problems[:3])
        more = "; …" if len(self.problems) > 3 else ""
        super().__init__(f"{where}: {shown}{more}")


def signed_bytes(format_: str, document: Mapping[str, Any]) -> bytes:
    """What a guardian signs: text(format) ‖ 0x0a ‖ the canonical JSON of `document`."""
    return format_.encode() + b"\n" + canonical_json(document)


def sign_document(document: Mapping[str, Any], key: SigningKey) -> bytes:
    """The canonical bytes of `document` (whose `format` is set) with its signature added."""
    signature = key.sign(signed_bytes(str(document["format"]), document))
    return canonical_json({**document, SIGNATURE: signature.hex()})


class FileReader(Reader):
    """A `Reader` for one file, which knows its name, the group, and hex fields."""

    def __init__(self, where: str, group: Group) -> None:
        super().__init__()
        self.where = where
        self.group = group

    def open(self, data: bytes, format_: str, required: Iterable[str]) -> Mapping[str, object]:
        """The document in `data`: canonical JSON with exactly the `required` fields (and
        `format`), of format `format_`; raises at once otherwise."""
        parsed = self.parse(data)
        document = None if self.problems else self.fields(parsed, "", frozenset(required))
        if document is None:
            self.fail()
        assert document is not None
        if document.get("format") != format_:
            self.problem("format", f"{document.get('format')!r} is not {format_}")
        elif canonical_json(document) != data:
            self.problem("", "not in canonical form (keys sorted, no white space, UTF-8)")
        self.stop()
        return document

    def check_signature(self, document: Mapping[str, object], key: PublicKey) -> None:
        """A problem unless the document's `signature` is `key`'s over the rest of it."""
        signature = self.hex_field(document[SIGNATURE], SIGNATURE, SIGNATURE_BYTES)
        rest = {k: v for k, v in document.items() if k != SIGNATURE}
        if signature and not key.verifies(signed_bytes(str(document["format"]), rest), signature):
            self.problem(SIGNATURE, f"is not {key.text}'s signature of this file")

    def hex_field(self, value: object, path: str, size: int) -> bytes:
        """Exactly `size` bytes in lower-case hex."""
        text = value if isinstance(value, str) else None
        if text is None or len(text) != 2 * size or text.lower() != text:
            self.problem(path, f"must be {2 * size} lower-case hex digits")
            return b""
        try:
            return bytes.fromhex(text)
        except ValueError:
            self.problem(path, f"must be {2 * size} lower-case hex digits")
            return b""

    def element(self, value: object, path: str) -> bytes:
        data = self.hex_field(value, path, self.group.element_size)
        if data and not self.group.is_element(data):
            self.problem(path, f"is not an element of {self.group.name}")
            return b""
        return data

    def scalar(self, value: object, path: str) -> int:
        data = self.hex_field(value, path, self.group.scalar_size)
        if not data:
            return 0
        try:
            return self.group.scalar(data)
        except ValueError:
            self.problem(path, f"is not a scalar of {self.group.name} (below q)")
            return 0

    def items(self, value: object, path: str) -> list[object]:
        if not isinstance(value, list):
            self.problem(path, "must be a list")
            return []
        return value

    def stop(self) -> None:
        """Raise if any problem is found so far."""
        if self.problems:
            self.fail()

    def fail(self) -> None:
        raise GuardianFileError(self.where, self.problems)
