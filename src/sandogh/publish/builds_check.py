"""A published build decision held to the anchored pre-election record's k of n (review S19 F7;
`core.fleet.build_signatures`, docs/publish.md `builds.json`).

The centre takes a build decision once k officials of the record, of both bodies, have signed
its document; `builds.json` publishes that document and the signatures beside each decision
(`approval`, and `revocation` once revoked). Against the record a second source vouches for,
`verify-results` checks each again with the record's own rule (`threshold_problems`): a decision
whose document is not the decision listed (another build, election, action or label), or whose
signatures fall short of k or do not verify, is a finding — `decision-document` or
`decision-signatures`, naming the build — and counts for nothing: an approval so published
approves no build (every report under it is then a finding too; the decision still marks when
the centre's policy began, so dropping every approval's signatures does not turn it off), a
revocation so published revokes none. Unanchored there is no record to count officials by: the
list is taken as published, as before.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from sandogh.core.anchor.record import PreElectionRecord, RecordError
from sandogh.core.anchor.signing import read_signatures, threshold_problems
from sandogh.core.definition.problems import Problem
from sandogh.core.fleet import BuildDecision
from sandogh.core.fleet.build_signatures import BUILD_LINE, BuildAction, decode_decision
from sandogh.core.report.json_reader import Reader
from sandogh.publish.findings import Check, Disagreement, Finding

DOCUMENT = "decision-document"  # the signed document is not the decision listed
SIGNATURES = "decision-signatures"  # fewer than k valid signatures of the record's officials


def signed_decision(
    check: Check, path: str, entry: Any, decision: BuildDecision
) -> BuildDecision | None:
    """`decision` as its published signatures bear it out: None when its approval does not, the
    decision without its revocation when the revocation does not (each a finding); as listed
    when the check is not anchored."""
    record = check.record
    if record is None:
        return decision
    if not _holds(check, record, f"{path}.approval", entry.get("approval"), decision):
        return None
    if decision.revoked_at is None:
        return decision
    if not _holds(check, record, f"{path}.revocation", entry.get("revocation"), decision):
        return dataclasses.replace(decision, revoked_by=None, revoked_at=None)
    return decision


def _holds(
    check: Check, record: PreElectionRecord, path: str, signed: Any, decision: BuildDecision
) -> bool:
    action = BuildAction.REVOKE if path.endswith("revocation") else BuildAction.APPROVE
    said = (check.election, action, decision.build, decision.label)
    kind, problems = _problems(record, path, signed, said)
    if not problems:
        return True
    check.found.append(
        Finding(
            Disagreement.BUILD,
            check.election,
            f"{check.folder}/builds.json",
            path,
            decision.build,
            str(record.threshold),
            kind,
        )
    )
    return False


def _problems(
    record: PreElectionRecord, path: str, signed: Any, listed: tuple[str, BuildAction, str, str]
) -> tuple[str, list[Problem]]:
    """The kind of the first failure, and its problems; none when the signed document is the
    decision `listed` (election, action, build, label) and k officials signed it."""
    text = signed.get("decision") if isinstance(signed, dict) else None
    if not isinstance(text, str):
        return DOCUMENT, [Problem(path, "no signed decision is published")]
    data = text.encode()
    try:
        said = decode_decision(data)
    except RecordError as error:
        return DOCUMENT, list(error.problems)
    if said != listed:
        return DOCUMENT, [Problem(f"{path}.decision", f"is {said}, not this decision")]
    reader = Reader()
    signatures = read_signatures(reader, signed.get("signatures"), data, f"{path}.signatures")
    if reader.problems:
        return SIGNATURES, list(reader.problems)
    return SIGNATURES, threshold_problems(
        record, BUILD_LINE, data, signatures, f"{path}.signatures"
    )
