"""Casting at the box, and on an end-to-end verifiable box challenging (docs/e2e.md §7).

Casting is the confirm step: the card is marked used and the ballot written in one transaction,
and only then is the voter's paper copy printed into the sealed box. A crash between the two loses
one paper copy, never a confirmed ballot; the staff see it as one paper fewer than the box counted.
Every ballot is padded to one length and sealed to the count key when cast (issue 9 §1); the paper
copy goes to the printer's device only, never to the box's disk (`ports.Printer.print_copy`).

A box enrolled with the E2E context encrypts every ballot and chains it. `prepare` encrypts the
voter's choices with a fresh ballot nonce ξ_B and shows the ballot's confirmation code; the
prepared ballot, with ξ_B, is held in memory only, one per box (preparing again replaces it; a
crash loses it, and the card is still unused). `cast` then does what a cast always did, and in the
same transaction appends the encrypted ballot to the chain; ξ_B is dropped. `challenge` appends it
opened, with ξ_B and its choices, prints it as challenged and leaves the card unused.
`cast(token, choices)` on an E2E box prepares and casts in one call; on a box without the E2E
context it is the cast of issue 9, and its only form.
"""

from __future__ import annotations

from collections.abc import Sequence

from sandogh.core.definition.problems import Problem
from sandogh.core.report import CastVoteRecord, Choice, RecordError, check_record, encode_record
from sandogh.core.station import Action, require
from sandogh.station import ballot_chain
from sandogh.station.ballot_chain import OpenedBallot, Pending, PreparedBallot
from sandogh.station.box_state import BoxState, record_bound_of
from sandogh.station.count_key import seal
from sandogh.station.errors import (
    BallotFlowError,
    BallotFlowRefusal,
    BallotRejectedError,
    CardRefusal,
    CardRefusedError,
)
from sandogh.station.local_ballots import Card
from sandogh.station.setup import StationSetup


class Ballots(BoxState):
    """The box's casting and challenging of ballots (`Box` is one)."""

    def prepare(self, token: str, choices: Sequence[Choice]) -> PreparedBallot:
        """Encrypt the voter's choices (checked as a cast checks them) and code them after the
        chain's head: what the voter sees before casting or challenging. Nothing is written."""
        record = _record(choices)
        with self._pending_lock:
            self._pending = None
            with self._station() as (tx, station):
                setup = station.setup
                if setup.e2e is None:
                    raise BallotFlowError(BallotFlowRefusal.NOT_E2E)
                require(station.lifecycle, Action.CAST)
                _check_card(tx.card(token), record, setup)
                head = tx.chain_head()
            if head is None:
                raise AssertionError("an E2E station that is voting holds its chain")
            self._pending = ballot_chain.prepare(
                setup.e2e,
                setup.station,
                setup.ballot,
                head,
                device=self.key.public_key,
                token=token,
                record=record,
                nonce=self._new_nonce(),
            )
            return self._pending.prepared

    def cast(
        self, token: str, choices: Sequence[Choice] | None = None, *, code: bytes | None = None
    ) -> None:
        """The confirm step. On an E2E box, `cast(token)` casts the ballot prepared for the
        card (with `code`, only if it is the ballot of that confirmation code: the one the voter
        saw); with `choices` it prepares and casts at once. On a box without the E2E context the
        voter's choice in every contest of their card (no codes for a blank vote) is given here.
        Card used and ballot written, sealed (and on an E2E box appended to the chain), in one
        transaction; then the paper copy."""
        with self._station() as (_, station):
            e2e = station.setup.e2e is not None
        if not e2e:
            if choices is None:
                raise BallotFlowError(BallotFlowRefusal.CHOICES_NEEDED)
            self._cast(token, _record(choices), None)
            return
        with self._pending_lock:
            if choices is not None:
                self.prepare(token, choices)
            pending = self._take(token, code)
            self._cast(token, pending.record, pending)
            readable = pending.prepared.readable
            del pending  # ξ_B is forgotten with it
        with self._station() as (_, station):
            setup = station.setup
        self._printer.print_lines(self._printouts().receipt(setup, readable))

    def _cast(self, token: str, record: CastVoteRecord, pending: Pending | None) -> None:
        # compacted: the new record's cell would sit where the file put it, after the ones
        # before it
        with self._station(compacted=True) as (tx, station):
            setup = station.setup
            require(station.lifecycle, Action.CAST)
            _check_card(tx.card(token), record, setup)
            key = tx.count_key()
            if key is None:
                raise AssertionError("a station that is voting holds its count key")
            tx.consume(token)
            tx.add_record(seal(key.public, encode_record(record), record_bound_of(setup.ballot)))
            if pending is not None:
                ballot_chain.require_head(tx.chain_head(), pending)
                tx.append_chain(ballot_chain.cast_entry(pending))
        code = None if pending is None else pending.prepared.readable
        self._printer.print_copy(self._printouts().paper_copy(setup, record, code))

    def challenge(self, token: str, *, code: bytes | None = None) -> OpenedBallot:
        """Open the ballot prepared for the card (with `code`, only the ballot of that
        confirmation code): kept in the chain as challenged with its nonce and choices, never
        counted, printed for the voter as such; the card stays unused."""
        with self._pending_lock:
            pending = self._take(token, code)
            with self._station() as (tx, station):
                setup = station.setup
                require(station.lifecycle, Action.CAST)
                _check_card(tx.card(token), pending.record, setup)
                ballot_chain.require_head(tx.chain_head(), pending)
                tx.append_chain(ballot_chain.challenged_entry(pending, setup.ballot))
        prepared = pending.prepared
        self._printer.print_lines(
            self._printouts().challenged(setup, pending.record, prepared.readable, pending.nonce)
        )
        return OpenedBallot(prepared.token, prepared.code, pending.nonce, pending.record.choices)

    def _take(self, token: str, code: bytes | None) -> Pending:
        """The ballot prepared for `token` (and of `code` when given), no longer held whatever
        happens next: a ballot whose code differs from the one shown is dropped, never cast."""
        pending, self._pending = self._pending, None
        if pending is None or pending.prepared.token != token:
            raise BallotFlowError(BallotFlowRefusal.NOTHING_PREPARED)
        if code is not None and pending.prepared.code != code:
            raise BallotFlowError(BallotFlowRefusal.CODE_DIFFERS)
        return pending


def _record(choices: Sequence[Choice]) -> CastVoteRecord:
    try:
        return CastVoteRecord(tuple(choices))
    except RecordError as error:
        raise BallotRejectedError(error.problems) from error


def _check_card(card: Card | None, record: CastVoteRecord, setup: StationSetup) -> None:
    if card is None:
        raise CardRefusedError(CardRefusal.UNKNOWN)
    if card.consumed:
        raise CardRefusedError(CardRefusal.USED)
    if card.cancelled:
        raise CardRefusedError(CardRefusal.CANCELLED)
    problems = _card_problems(record, card.contests)
    problems.extend(check_record(record, setup.ballot))
    if problems:
        raise BallotRejectedError(problems)


def _card_problems(record: CastVoteRecord, contests: Sequence[str]) -> list[Problem]:
    chosen = {choice.contest for choice in record.choices}
    problems = [
        Problem(f"choices[{c}]", "the card has this contest: choose, or press blank")
        for c in contests
        if c not in chosen
    ]
    problems.extend(
        Problem(f"choices[{c}]", "the voter's card does not allow this contest")
        for c in sorted(chosen - set(contests))
    )
    return problems
