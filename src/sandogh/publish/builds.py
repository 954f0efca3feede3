"""The approved builds in a published snapshot, and each signed report's build checked against
them (issue 12; docs/fleet.md §2, docs/publish.md).

`builds.json` (`sandogh/builds@1`) lists every build decision of the day as the centre holds it —
the build, its label, who approved it and when, and who revoked it and when, if anyone did — times
to the second, and each decision's signed document with its officials' signatures (review S19 F7,
`core.fleet.build_signatures`): against an anchored record, a decision that k of its officials did
not sign is no decision (`publish.builds_check`). `verify-results` judges every published signed
report by the decisions as they stood when it was received (its `received` in the station's results,
`core.fleet.as_of`), as the centre judged it then (`core.fleet.build_refusal`): a report under a
build not approved at that moment, or revoked before it, or naming none once builds were approved,
is a finding that names the station and the build. An empty list — no decision — takes every build,
as the centre did. The list is the snapshot's own word, as `devices.json` is without an anchor: a
snapshot rewritten whole can rewrite it too, but not without every decision's logged event in the
chained log the snapshot's checkpoints anchor (`log/`) saying otherwise, and — anchored — not
without the officials' keys.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sandogh.core.anchor.signing import signatures_json
from sandogh.core.definition.problems import Problem
from sandogh.core.fleet import BuildDecision, BuildRefusal, as_of, build_refusal
from sandogh.core.fleet.build_signatures import BuildAction, BuildProposal, encode_decision
from sandogh.core.report import StationReport
from sandogh.publish.builds_check import signed_decision
from sandogh.publish.documents import instant
from sandogh.publish.findings import Check, Disagreement, Finding
from sandogh.publish.index import JSONObject

FORMAT = "sandogh/builds@1"
FILE = "builds.json"


def builds_json(
    election_id: str, decisions: Iterable[BuildDecision], proposals: Iterable[BuildProposal] = ()
) -> JSONObject:
    """`builds.json`: every build decision of the day, by the time it was approved, with the
    signed proposals that made it (`approval`, and `revocation` once revoked)."""
    signed = {(p.build, p.action): p for p in proposals}

    def document(build: str, action: BuildAction) -> JSONObject | None:
        proposal = signed.get((build, action))
        if proposal is None:
            return None
        data = encode_decision(proposal)
        return {
            "decision": data.decode(),
            "signatures": signatures_json(data, proposal.signatures),
        }

    return {
        "format": FORMAT,
        "election": election_id,
        "builds": [
            {
                "build": d.build,
                "label": d.label,
                "approved_by": d.approved_by,
                "approved_at": instant(d.approved_at),
                "revoked_by": d.revoked_by,
                "revoked_at": instant(d.revoked_at),
                "approval": document(d.build, BuildAction.APPROVE),
                "revocation": None
                if d.revoked_at is None
                else document(d.build, BuildAction.REVOKE),
            }
            for d in sorted(decisions, key=lambda d: (d.approved_at, d.build))
        ],
    }


@dataclass(frozen=True)
class PublishedBuilds:
    """The decisions `builds.json` lists, and the builds whose published approval k officials
    of the anchored record did not sign (`builds_check`): listed, such a decision still marks
    when the centre said its policy began, but it approves nothing."""

    decisions: tuple[BuildDecision, ...] = ()
    unsound: frozenset[str] = frozenset()


def read_builds(check: Check) -> PublishedBuilds:
    """The decisions `builds.json` lists; a missing or unreadable file, or an entry that does
    not read, is a finding (and the entry is left out). Anchored, each as k officials of the
    record signed it (`builds_check.signed_decision`)."""
    relative = f"{check.folder}/{FILE}"
    document = check.json(relative, check.election)
    if document is None:
        return PublishedBuilds()
    decisions, unsound = [], set()
    for i, entry in enumerate(document.get("builds") or []):
        try:
            listed = _decision(entry)
            decision = signed_decision(check, f"builds[{i}]", entry, listed)
        except (TypeError, ValueError, KeyError) as error:
            detail = f"builds[{i}]: {error}"
            check.found.append(
                Finding(Disagreement.UNREADABLE, check.election, relative, detail=detail)
            )
            continue
        if decision is None:
            unsound.add(listed.build)
        decisions.append(decision or listed)
    return PublishedBuilds(tuple(decisions), frozenset(unsound))


def _decision(entry: Any) -> BuildDecision:
    revoked = entry.get("revoked_at")
    return BuildDecision(
        str(entry["build"]),
        str(entry["label"]),
        str(entry["approved_by"]),
        _moment(entry["approved_at"]),
        None if entry.get("revoked_by") is None else str(entry["revoked_by"]),
        None if revoked is None else _moment(revoked),
    )


def _moment(text: object) -> datetime.datetime:
    moment = datetime.datetime.fromisoformat(str(text))
    if moment.tzinfo is None:
        raise ValueError(f"{text} has no zone")
    return moment


def build_finding(
    builds: PublishedBuilds,
    report: StationReport,
    received: object,
    station: str,
    relative: str,
) -> Finding | None:
    """Why `report`, received at `received` (as its station's results list it), was under a
    build the published decisions did not allow then — or one whose approval is unsound, once
    the decisions stood — None when they did."""
    try:
        moment = _moment(received)
    except ValueError:  # no time to judge by: the decisions as they stand last
        moment = datetime.datetime.max.replace(tzinfo=datetime.UTC)
        received = "—"
    standing = as_of(builds.decisions, moment)
    refused = build_refusal(standing, report.build)
    if refused is None and report.build in builds.unsound and standing:
        refused = BuildRefusal.UNAPPROVED_BUILD, Problem("build", "approved by no k officials")
    if refused is None:
        return None
    return Finding(
        Disagreement.BUILD,
        station,
        relative,
        "build",
        report.build or "—",
        str(received),
        refused[0].value,
    )
