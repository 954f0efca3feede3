"""Approved builds: which software a ballot box may run, as a recorded decision.

Issue 12 and seed-facts.md ("more than 33,000 electronic ballot boxes; at one report 25,000 had
been updated and the rest were being prepared"): a box names its build in every report it signs
(`core.report.report`, `station.build`); the centre keeps the list of builds the national
headquarters approved (who, when, the hash, a label) and refuses a report from any other. A build
is revoked by a later decision, never deleted, so the record says what was approved when.

The policy starts with the first decision: an election day with no build ever approved takes
reports that name none (as before builds were attested); once one is, a report naming no build,
a revoked one or one never approved is refused (`build_refusal`), and a box is "updated" when
the build it last attested is approved (`update_of`). The published list lets anyone judge a
published report again by the decisions as they stood when it was received (`as_of`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum

from sandogh.core.definition.problems import DefinitionError, Problem
from sandogh.core.readiness import Box, UpdateStatus
from sandogh.core.report.digests import DIGEST


@dataclass(frozen=True)
class BuildDecision:
    """A build approved by `approved_by` at `approved_at`, and revoked once `revoked_at` is set."""

    build: str  # sha256:HEX, as `station.build` computes it
    label: str  # what the headquarters call it, e.g. «نسخه ۱۴۰۳-۲»
    approved_by: str
    approved_at: datetime.datetime
    revoked_by: str | None = None
    revoked_at: datetime.datetime | None = None

    @property
    def in_force(self) -> bool:
        return self.revoked_at is None


def decision_problems(build: str, label: str) -> list[Problem]:
    """What is wrong with approving `build` under `label`, each with its field."""
    problems = []
    if DIGEST.fullmatch(build) is None:
        problems.append(Problem("build", f"{build!r} is not sha256: and 64 lower-case hex digits"))
    if not label.strip():
        problems.append(Problem("label", "is empty"))
    return problems


def approved(decisions: Iterable[BuildDecision]) -> frozenset[str]:
    """The builds approved and not revoked."""
    return frozenset(d.build for d in decisions if d.in_force)


class BuildRefusal(StrEnum):
    """Why the centre refuses what a box signed under a build (the API's machine word)."""

    NO_BUILD = "no-build"  # builds are approved for the day, and the report names none
    UNAPPROVED_BUILD = "unapproved-build"  # never approved
    REVOKED_BUILD = "revoked-build"  # approved, then revoked


def build_refusal(
    decisions: Iterable[BuildDecision], build: str | None
) -> tuple[BuildRefusal, Problem] | None:
    """Why a report naming `build` is refused under `decisions`, or None if it is taken."""
    given = {d.build: d for d in decisions}
    if not given:
        return None
    if build is None:
        return BuildRefusal.NO_BUILD, Problem("build", "missing: builds are approved for this day")
    decision = given.get(build)
    if decision is None:
        return BuildRefusal.UNAPPROVED_BUILD, Problem("build", f"{build} is not approved")
    if decision.revoked_at is not None:
        when = decision.revoked_at.isoformat()
        return BuildRefusal.REVOKED_BUILD, Problem(
            "build", f"{build} ({decision.label}) was revoked by {decision.revoked_by} at {when}"
        )
    return None


def as_of(
    decisions: Iterable[BuildDecision], moment: datetime.datetime
) -> tuple[BuildDecision, ...]:
    """The decisions as they stood at `moment`, what `build_refusal` judged a report received
    then by: those approved at or before it, each revoked only if revoked before it. The
    published times are to the second, so a revocation in the second a report was received is
    not held against the report (the centre, which saw the order, took it or refused it)."""
    return tuple(
        d
        if d.revoked_at is None or d.revoked_at < moment
        else replace(d, revoked_by=None, revoked_at=None)
        for d in decisions
        if d.approved_at <= moment
    )


def update_of(attested: str | None, in_force: frozenset[str]) -> UpdateStatus:
    """A box's update, from the build it last attested: approved is current, none yet is
    pending, any other (never approved, or revoked since) is failed."""
    if attested is None:
        return UpdateStatus.PENDING
    return UpdateStatus.CURRENT if attested in in_force else UpdateStatus.FAILED


def attested(
    fleet: Iterable[Box], builds: Mapping[str, str], in_force: frozenset[str]
) -> tuple[Box, ...]:
    """The boxes with the build each last attested (`builds`: by public key) and the update it
    gives (`update_of`), in place of anything typed."""

    def of(box: Box) -> Box:
        build = None if box.public_key is None else builds.get(box.public_key)
        return replace(box, build=build, update=update_of(build, in_force))

    return tuple(map(of, fleet))


class BuildDecisionError(DefinitionError):
    """A build decision refused: a malformed build or label, one decided already, or a revocation
    of a build not in force; `problems` names each with its field, and `fa` and `en` word them
    for a person (`services.build_approvals`)."""

    fa: str | None = None
    en: str | None = None

    def _summary(self) -> str:
        return f"the build decision is refused: {super()._summary()}"
