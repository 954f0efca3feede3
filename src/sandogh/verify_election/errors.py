"""What stops the verifier (`docs/e2e.md` §10): a record it cannot read, a file not of §9's form,
and a read it refuses — a server too slow, a redirect elsewhere, a file past its bound.

A refusal is typed (`Refusal`) and carries its values, so that the command says it in Persian
as well as in English (`cli/verify_election_fa.py`); its English is `str()` of it. Each crosses
between the worker processes as it is (its arguments are all it holds).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum


class VerifierError(Exception):
    """Anything that stops the verifier from reading the record."""


class RecordError(VerifierError):
    """A file of the record that does not read as §9 says: `where` names the file, line, field."""

    def __init__(self, where: str, detail: str) -> None:
        self.where = where
        self.detail = detail
        super().__init__(f"{where}: {detail}")

    def __reduce__(self) -> tuple[type[RecordError], tuple[str, str]]:
        return (RecordError, (self.where, self.detail))


class Refusal(StrEnum):
    """Why a read was refused; the value is the English, with the refusal's values in braces."""

    SCHEME = "a URL of scheme {scheme} is not read: give a folder, or an http(s) URL"
    CREDENTIALS = (
        "a URL with a user name or password is not read (the verifier prints the URL it reads "
        "and would send them to every server on the way)"
    )
    QUERY = "a record URL with a query (?) or fragment (#) is not read: file paths follow it"
    FILE_DEADLINE = "not read within {seconds} s (--file-deadline: {per} s per MiB it may hold)"
    RUN_DEADLINE = "the run's deadline of {seconds} s (--run-deadline) passed while reading it"
    OFF_ORIGIN = "redirected to {target}, off the record's origin {origin}"
    REDIRECTS = "more than {count} redirects"
    STATUS = "the server answered HTTP {status}"
    ENCODING = (
        "sent with Content-Encoding {encoding}: the verifier asks for the file's own bytes "
        "(identity) and reads nothing else"
    )
    TOO_LONG = "longer than {bytes} bytes, the most the verifier reads of it unlisted"
    BROKEN = "the server's answer is not HTTP the verifier reads: {detail}"
    NETWORK = "cannot be reached: {detail}"


class RefusedError(VerifierError):
    """A read refused: `where` (a URL or a path), `refusal`, and the values its text names."""

    def __init__(
        self, where: str, refusal: Refusal, values: Mapping[str, str | int] | None = None
    ) -> None:
        self.where = where
        self.refusal = refusal
        self.values = dict(values or {})
        super().__init__(where, refusal, self.values)

    def __str__(self) -> str:
        return f"{self.where}: {self.refusal.value.format_map(self.values)}"
