"""The pre-election record of a published snapshot, checked against a second source.

DESIGN.md §6: "Verifiers take the anchor from a second source, never from the data they check";
issue 9, section 2. `verify-results` is given the record's fingerprint or an amendment's head
(`--anchor`, as printed in a newspaper, long or short) or the record itself (`--record`), and
checks that the snapshot's `anchor/record.json` is that record (a record given is used in place
of the published one), that it is of this election and definition, that k of its officials of
both bodies signed it (`anchor/signatures.json`) and that every amendment
(`anchor/amendments.json`) stands on it in order, signed the same way; and, when the record lists
the event log's key, that `log/key.txt` names it. What the record and its amendments cover
(`core.anchor.Coverage`) is then what each published report is checked against, in place of
`devices.json`.

An amendment's head vouches for the record and every amendment up to it: a publisher who drops an
amendment (a box replaced, its key revoked) drops the head observers carry, and is refused. The
record's fingerprint alone vouches for no amendment: those published are still checked, but
whether any was left out rests on the publisher's word (`Check.covered` against
`Check.amendments`), which `verify-results` says loudly, with the head to ask the officials for.
"""

from __future__ import annotations

from dataclasses import dataclass

from sandogh.core.anchor import (
    Body,
    Coverage,
    PreElectionRecord,
    RecordError,
    SignedAmendment,
    amendment_hash,
    anchored_amendments,
    decode_amendments,
    decode_record,
    decode_signatures,
    fingerprint,
    verify_amendments,
    verify_record,
)
from sandogh.core.definition.problems import Problem
from sandogh.publish.findings import Check, Disagreement, Finding
from sandogh.publish.log_anchor import KEY as LOG_KEY
from sandogh.publish.published import ANCHOR_AMENDMENTS, ANCHOR_RECORD, ANCHOR_SIGNATURES


@dataclass(frozen=True)
class Anchors:
    """What the verifier was given from a second source: fingerprints (long or short form) and
    records' bytes; each election's record must match one of them."""

    fingerprints: tuple[str, ...] = ()
    records: tuple[bytes, ...] = ()

    @property
    def given(self) -> bool:
        return bool(self.fingerprints or self.records)


def anchored_coverage(check: Check, definition_hash: str, anchors: Anchors) -> Coverage | None:
    """What the election's record and amendments cover, once every check of the module docstring
    holds; else None, each failure a finding of `check`."""
    relative = check.reading = f"{check.folder}/{ANCHOR_RECORD}"
    published = check.source.read(relative)
    anchored = _anchored_bytes(check, relative, published, _published_amendments(check), anchors)
    if anchored is None:
        return None
    data, covered = anchored
    try:
        record = decode_record(data)
        if _stranger(check, relative, record, definition_hash):
            return None
        signatures = decode_signatures(_required(check, ANCHOR_SIGNATURES), data)
        _problems(check, f"{check.folder}/{ANCHOR_SIGNATURES}", verify_record(record, signatures))
        amendments = decode_amendments(_required(check, ANCHOR_AMENDMENTS))
        _problems(
            check, f"{check.folder}/{ANCHOR_AMENDMENTS}", verify_amendments(record, amendments)
        )
        _problems(check, LOG_KEY, _log_key_problems(check, record))
    except _FailedError:
        return None
    except RecordError as error:  # the file read last is the one that does not read
        _found(check, error.problems)
        return None
    check.covered, check.amendments, check.record = covered, len(amendments), record
    check.head = amendment_hash(amendments[-1].amendment) if amendments else fingerprint(data)
    return Coverage.of(record, [each.amendment for each in amendments])


class _FailedError(Exception):
    """A check failed; its findings are recorded."""


def _required(check: Check, name: str) -> bytes:
    relative = f"{check.folder}/{name}"
    data = check.source.read(relative)
    check.reading = relative
    if data is None:
        check.found.append(Finding(Disagreement.MISSING, check.election, relative))
        raise _FailedError
    return data


def _problems(check: Check, relative: str, problems: list[Problem]) -> None:
    if problems:
        check.reading = relative
        _found(check, problems)
        raise _FailedError


def _log_key_problems(check: Check, record: PreElectionRecord) -> list[Problem]:
    """Whether the event log's key the snapshot names (`log/key.txt`, issue 9 section 3) is a
    `log` authority of the record, when the record lists any: so the log's checkpoints are
    anchored by the record too."""
    logs = {a.key for a in record.authorities if a.body is Body.LOG}
    check.log_keys = tuple(sorted(logs, key=lambda key: key.text))
    named = check.source.read(LOG_KEY)
    if not logs or named is None:
        return []
    text = named.decode("ascii", errors="replace").strip()
    if any(text == key.text for key in logs):
        return []
    return [Problem("", f"names {text}, not a log key of the record")]


def _published_amendments(check: Check) -> tuple[SignedAmendment, ...]:
    """The published amendments as they read, to match a head given; none when they do not read
    (verifying them, later, finds why)."""
    data = check.source.read(f"{check.folder}/{ANCHOR_AMENDMENTS}")
    try:
        return () if data is None else decode_amendments(data)
    except RecordError:
        return ()


def _anchored_bytes(
    check: Check,
    relative: str,
    published: bytes | None,
    amendments: tuple[SignedAmendment, ...],
    anchors: Anchors,
) -> tuple[bytes, int] | None:
    """The record's bytes the second source vouches for, and how many amendments with them: a
    record given for this election (none), else the published one if its fingerprint or the head
    of one of its published amendments is one given (the most any given vouches for)."""
    election = check.election
    for given in anchors.records:
        try:
            if decode_record(given).election != election:
                continue
        except RecordError:
            continue
        if published is not None and published != given:
            detail = f"the published record is {fingerprint(published)}, not the record given"
            check.found.append(Finding(Disagreement.ANCHOR, election, relative, detail=detail))
        return given, 0
    if published is None:
        check.found.append(Finding(Disagreement.MISSING, election, relative))
        return None
    long = fingerprint(published)
    chain = [each.amendment for each in amendments]
    covered = [anchored_amendments(long, chain, given) for given in anchors.fingerprints]
    if any(n is not None for n in covered):
        return published, max(n for n in covered if n is not None)
    detail = (
        f"its fingerprint is {long}, and neither it nor the head of any of its {len(chain)} "
        f"published amendments is {' or '.join(anchors.fingerprints)}: the amendment a head "
        "given names is missing from the snapshot, or the record is another"
        if anchors.fingerprints
        else "no record of this election was given"
    )
    check.found.append(Finding(Disagreement.ANCHOR, election, relative, detail=detail))
    return None


def _stranger(check: Check, relative: str, record: PreElectionRecord, definition_hash: str) -> bool:
    """Whether the record is of another election or definition (each a finding)."""
    said = {"election": record.election, "definition_hash": record.definition_hash}
    expected = {"election": check.election, "definition_hash": definition_hash}
    found = [
        Finding(Disagreement.ANCHOR, check.election, relative, detail=f"{name}: {said[name]}")
        for name, value in expected.items()
        if said[name] != value
    ]
    check.found += found
    return bool(found)


def _found(check: Check, problems: tuple[Problem, ...] | list[Problem]) -> None:
    check.found += [
        Finding(Disagreement.ANCHOR, check.election, check.reading, detail=str(p)) for p in problems
    ]
