"""A build approved or revoked by k of n officials (review S19 F7; `core.fleet.build_signatures`).

The national headquarters propose a decision (`propose_build`, MANAGE_READINESS at the country):
it is stored, logged (`build-proposed`) and written out for the officials, but changes nothing.
Each official signs it on their own machine with their own key (`sandogh anchor sign`), and the
signatures are added (`sign_build`), each checked as it comes against the officials of the
election's pre-election record — its draft until it is sealed — and logged (`build-signed`). Once
k of them, of both bodies, are there, the decision takes effect in the same transaction: an
approval goes onto the day's approved list (`build-approved`), a revocation takes the build off it
(`build-revoked`); until then the centre enrols no box naming a build only proposed, and a build
whose revocation is only proposed stays in force. The record's rule and check serve, not a copy.
A refusal is worded in Persian and English too (`BuildDecisionError.fa`/`en`,
`locale.build_refusals`).
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from sandogh.core.access import Action
from sandogh.core.anchor import OfficialSignature, PreElectionRecord, decode_record, merge
from sandogh.core.anchor.signing import threshold_problems
from sandogh.core.definition.problems import Problem
from sandogh.core.fleet import BuildDecision, BuildDecisionError, decision_problems
from sandogh.core.fleet.build_signatures import (
    BUILD_LINE,
    BuildAction,
    BuildProposal,
    decision_signature_problems,
    encode_decision,
)
from sandogh.core.log import EventType
from sandogh.locale.build_refusals import build_refusal_text
from sandogh.locale.language import Lang
from sandogh.services.acting import Actor, acted, election_day, guarded, require
from sandogh.services.anchor import stored_record
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.ports import UnitOfWork


def propose_build(
    uow: UnitOfWorkFactory,
    actor: Actor,
    election_id: str | None,
    build: str,
    *,
    action: BuildAction,
    label: str = "",
    now: datetime.datetime,
) -> BuildProposal:
    """Propose approving `build` under `label`, or revoking it (its label is the approval's);
    `BuildDecisionError` if malformed, decided already, or proposed already."""

    def use_case(work: UnitOfWork) -> BuildProposal:
        day = election_day(work, election_id)
        election, country = day.election.id, day.geography.top_down[0]
        require(day.geography, actor, Action.MANAGE_READINESS, [country], election)
        held = {d.build: d for d in work.fleet.decisions(election)}.get(build)
        named = label
        worded = _Worded(build=build, election=election, action=action)
        if action is BuildAction.APPROVE:
            for problem in decision_problems(build, named):
                worded.add(problem, "malformed_build" if problem.path == "build" else "empty_label")
            if held is not None:
                state = "approved" if held.in_force else "revoked"
                problem = Problem("build", f"{build} is already {state} for {election}")
                worded.add(problem, f"{state}_already")
        elif held is None or not held.in_force:
            state = "not approved" if held is None else "already revoked"
            problem = Problem("build", f"{build} is {state} for {election}")
            worded.add(problem, "not_approved" if held is None else "revoked_already")
        else:
            named = held.label
        if any(p.build == build and p.action is action for p in work.fleet.proposals(election)):
            problem = Problem("build", f"{action} {build} is proposed already: sign it")
            worded.add(problem, "proposed_already")
        worded.raise_any()
        proposal = BuildProposal(election, action, build, named.strip(), actor.username, now)
        work.fleet.propose(election, proposal)
        details = {"election": election, "build": build, "action": action.value, "label": named}
        work.events.record(acted(actor, now, EventType.BUILD_PROPOSED, country, details))
        work.commit()
        return proposal

    return guarded(uow, actor, now, use_case)


def sign_build(
    uow: UnitOfWorkFactory,
    actor: Actor,
    election_id: str | None,
    build: str,
    *,
    action: BuildAction,
    signatures: Sequence[OfficialSignature],
    now: datetime.datetime,
) -> BuildProposal:
    """Add officials' signatures to the proposal of `action` on `build`; once k of the record's
    officials of both bodies have signed, the decision takes effect. `BuildDecisionError` for a
    signature of no official, one that does not verify, or a proposal not stored."""

    def use_case(work: UnitOfWork) -> BuildProposal:
        day = election_day(work, election_id)
        election, country = day.election.id, day.geography.top_down[0]
        require(day.geography, actor, Action.MANAGE_READINESS, [country], election)
        proposal = _proposal(work, election, build, action)
        record = _record(work, election)
        data = encode_decision(proposal)
        worded = _Worded(build=build, election=election, action=action)
        for problem in threshold_problems(record, BUILD_LINE, data, signatures):
            if problem.path.startswith("signatures["):
                index = int(problem.path.removeprefix("signatures[").rstrip("]"))
                key = signatures[index].key
                official = record.officials.get(key)
                if official is None:
                    worded.add(problem, "not_an_official", number=index + 1, signer=key.text)
                else:
                    worded.add(problem, "bad_signature", number=index + 1, name=official.name)
        worded.raise_any()
        known = {s.key for s in proposal.signatures}
        fresh = [s for s in signatures if s.key not in known]
        if not fresh:
            return proposal
        signed = dataclasses.replace(proposal, signatures=merge(proposal.signatures, fresh))
        work.fleet.sign(election, build, action, signed.signatures)
        names = [record.officials[s.key].name for s in fresh]
        details = {"election": election, "build": build, "action": action.value}
        signers = {**details, "officials": ", ".join(names)}
        work.events.record(acted(actor, now, EventType.BUILD_SIGNED, country, signers))
        if not decision_signature_problems(record, signed):
            _take_effect(work, actor, signed, record, now=now)
        work.commit()
        return signed

    return guarded(uow, actor, now, use_case)


@dataclass(frozen=True)
class ProposalState:
    """A proposal as the commands and the console show it: the officials who signed it, by name,
    the k its record asks for, and whether it took effect."""

    proposal: BuildProposal
    signed: tuple[str, ...]
    threshold: int
    done: bool


def build_proposals(
    uow: UnitOfWorkFactory, actor: Actor, election_id: str | None, *, now: datetime.datetime
) -> tuple[ProposalState, ...]:
    """Every proposal of the day, in order. Needs READ at the actor's place."""

    def use_case(work: UnitOfWork) -> tuple[ProposalState, ...]:
        day = election_day(work, election_id)
        election = day.election.id
        require(day.geography, actor, Action.READ, [actor.grant.place], election)
        stored = stored_record(work, election)
        record = None if stored is None else decode_record(stored.data)
        officials = {} if record is None else record.officials
        return tuple(
            ProposalState(
                p,
                tuple(officials[s.key].name for s in p.signatures if s.key in officials),
                0 if record is None else record.threshold,
                record is not None and not decision_signature_problems(record, p),
            )
            for p in work.fleet.proposals(election)
        )

    return guarded(uow, actor, now, use_case)


def _proposal(work: UnitOfWork, election: str, build: str, action: BuildAction) -> BuildProposal:
    for proposal in work.fleet.proposals(election):
        if proposal.build == build and proposal.action is action:
            return proposal
    problem = Problem("build", f"no proposal to {action} {build} for {election}: propose it first")
    worded = _Worded(build=build, election=election, action=action)
    worded.add(problem, "no_proposal")
    raise worded.error()


def _record(work: UnitOfWork, election: str) -> PreElectionRecord:
    """The record whose officials sign: the draft, or the sealed record."""
    stored = stored_record(work, election)
    if stored is None:
        problem = Problem(
            "signatures", f"{election} has no pre-election record: its officials sign a build"
        )
        worded = _Worded(build="", election=election, action=BuildAction.APPROVE)
        worded.add(problem, "no_record")
        raise worded.error()
    return decode_record(stored.data)


class _Worded:
    """A refusal's problems, each with its words in Persian and English (`build_refusals`)."""

    def __init__(self, *, build: str, election: str, action: BuildAction) -> None:
        self.values = {"build": build, "election": election}
        self.action = action
        self.problems: list[Problem] = []
        self.lines: list[tuple[str, dict[str, str | int]]] = []

    def add(self, problem: Problem, message: str, /, **values: str | int) -> None:
        self.problems.append(problem)
        self.lines.append((message, values))

    def error(self) -> BuildDecisionError:
        error = BuildDecisionError(self.problems)
        error.fa, error.en = (self._said(lang) for lang in ("fa", "en"))
        return error

    def raise_any(self) -> None:
        if self.problems:
            raise self.error()

    def _said(self, lang: Lang) -> str:
        action = build_refusal_text(f"action_{self.action.value}", lang)
        return "\n".join(
            build_refusal_text(key, lang, **self.values, action=action, **values)
            for key, values in self.lines
        )


def _take_effect(
    work: UnitOfWork,
    actor: Actor,
    proposal: BuildProposal,
    record: PreElectionRecord,
    *,
    now: datetime.datetime,
) -> None:
    election, build = proposal.election, proposal.build
    officials = ", ".join(record.officials[s.key].name for s in proposal.signatures)
    details = {"election": election, "build": build, "label": proposal.label}
    place = actor.grant.place
    if proposal.action is BuildAction.APPROVE:
        work.fleet.approve(election, BuildDecision(build, proposal.label, proposal.by, now))
        type_ = EventType.BUILD_APPROVED
    else:
        held = {d.build: d for d in work.fleet.decisions(election)}.get(build)
        if held is None or not held.in_force:  # revoked meanwhile by another decision
            return
        work.fleet.revoke(election, build, proposal.by, now)
        type_ = EventType.BUILD_REVOKED
    work.events.record(acted(actor, now, type_, place, {**details, "officials": officials}))
