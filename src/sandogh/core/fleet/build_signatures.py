"""A build decision signed by k of n officials, as the pre-election record's amendments are.

Review S19 F7: approving or revoking the build every box runs was one account's act — one
national account could approve any build, or revoke the day's build at noon and stop every
report. A decision now takes effect only once k officials of the record, of both bodies
(election headquarters and supervisory board), have signed it: the rule and the check are the
record's (`core.anchor.signing.threshold_problems`), over the decision's own bytes under its own
first line, so a signature over a decision passes for no record, amendment or report.

The decision document, canonical JSON (format `sandogh/build-decision@1`):

    {"action":"approve"|"revoke","build":"sha256:…","election":"…","format":"sandogh/build-decision@1",
     "label":"…"}

The headquarters propose it (`services.build_approvals`), each official signs the file on their
own machine (`sandogh anchor sign`, the record's signature file format) and the centre counts the
signatures against the officials of the election's record — the draft, before it is sealed: the
builds are decided before the boxes are enrolled, and the record is drafted from them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum

from sandogh.core.anchor.record import PreElectionRecord, RecordError
from sandogh.core.anchor.signing import OfficialSignature, threshold_problems
from sandogh.core.canonical_json import canonical_json
from sandogh.core.definition.problems import Problem
from sandogh.core.report.json_reader import Reader

BUILD_LINE = b"sandogh/build-decision@1\n"
BUILD_FORMAT = "sandogh/build-decision@1"
_FIELDS = frozenset(("action", "build", "election", "format", "label"))


class BuildAction(StrEnum):
    APPROVE = "approve"
    REVOKE = "revoke"


@dataclass(frozen=True)
class BuildProposal:
    """A decision the headquarters proposed (`by`, `at`), and the officials' signatures so far."""

    election: str
    action: BuildAction
    build: str
    label: str
    by: str
    at: datetime.datetime
    signatures: tuple[OfficialSignature, ...] = ()


def encode_decision(proposal: BuildProposal) -> bytes:
    """The bytes the officials sign (see the module docstring)."""
    return canonical_json(
        {
            "action": proposal.action.value,
            "build": proposal.build,
            "election": proposal.election,
            "format": BUILD_FORMAT,
            "label": proposal.label,
        }
    )


def decode_decision(data: bytes) -> tuple[str, BuildAction, str, str]:
    """The election, action, build and label of a decision document; `RecordError` naming every
    problem when it is not one."""
    reader = Reader()
    parsed = reader.parse(data)
    fields = None if reader.problems else reader.fields(parsed, "", _FIELDS)
    if fields is None:
        raise RecordError(reader.problems or [Problem("", "is not a build decision")])
    values = {name: fields[name] for name in _FIELDS}
    if values["format"] != BUILD_FORMAT:
        raise RecordError([Problem("format", f"{values['format']!r} is not {BUILD_FORMAT}")])
    if not all(isinstance(v, str) for v in values.values()):
        raise RecordError([Problem("", "every field is a string")])
    if values["action"] not in {a.value for a in BuildAction}:
        raise RecordError([Problem("action", f"{values['action']!r} is not approve or revoke")])
    if canonical_json(values) != data:
        raise RecordError([Problem("", "is not in canonical form")])
    return (
        str(values["election"]),
        BuildAction(values["action"]),
        str(values["build"]),
        str(values["label"]),
    )


def decision_signature_problems(
    record: PreElectionRecord, proposal: BuildProposal
) -> list[Problem]:
    """Every reason the proposal's signatures do not meet the record's k of n, both bodies;
    none when the decision takes effect."""
    return threshold_problems(record, BUILD_LINE, encode_decision(proposal), proposal.signatures)
