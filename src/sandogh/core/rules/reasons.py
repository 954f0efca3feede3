"""Why an outcome is what it is: one short English sentence per fact, with a stable key.

The CLI shows `text`; a translation looks the `key` up and fills in the figures, which are the
fields beside it (`reference/iran-election-rules.md` names what each rule compares). Each
function here makes the reasons of one key, so the keys and their figures live in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from sandogh.core.definition.rule import Base
from sandogh.core.rules.lots import DrawnLot, LotRequired, Stake


@dataclass(frozen=True)
class Reason:
    """One fact of an outcome: `key` names it, the other fields are its figures."""

    key: str
    text: str
    candidate: str | None = None
    party_list: str | None = None
    votes: int | None = None
    needed: int | None = None
    base: int | None = None
    threshold: Fraction | None = None
    seats: int | None = None
    rank: int | None = None
    count: int | None = None
    stake: Stake | None = None
    tied: tuple[str, ...] = ()


_BALLOTS = {Base.CAST: "ballots cast", Base.VALID: "valid ballots"}
_STAKES = {
    Stake.SEAT: "a seat",
    Stake.RUNOFF: "a place in the runoff",
    Stake.ALTERNATE: "the alternates' places",
    Stake.LIST_SEAT: "a list seat",
}


def share_text(share: Fraction) -> str:
    """`1/5` reads "20 %" and `1/2` "50 %"; a share that is no whole percentage stays a fraction."""
    percent = share * 100
    return f"{percent.numerator} %" if percent.denominator == 1 else str(share)


def exact_text(value: Fraction) -> str:
    """313971.4 reads "313,971 2/5": whole votes with thousands separators, then what is left."""
    whole, rest = divmod(value, 1)
    return f"{int(whole):,}" if rest == 0 else f"{int(whole):,} {rest}"


def _who(candidate: str, party_list: str | None) -> str:
    return (
        f"Candidate {candidate}" if party_list is None else f"Candidate {candidate} ({party_list})"
    )


def majority_needed(share: Fraction, base_kind: Base, base: int, needed: int) -> Reason:
    text = (
        f"More than {share_text(share)} of the {base:,} {_BALLOTS[base_kind]} is needed: "
        f"{needed:,} votes."
    )
    return Reason("majority-needed", text, needed=needed, base=base, threshold=share * base)


def threshold_needed(share: Fraction, base_kind: Base, base: int, needed: int) -> Reason:
    exact = share * base
    printed = "" if exact.denominator == 1 else f" (officials print {int(exact):,})"
    text = (
        f"At least {share_text(share)} of the {base:,} {_BALLOTS[base_kind]} is needed: "
        f"exactly {exact_text(exact)}, so {needed:,} votes{printed}."
    )
    return Reason("threshold-needed", text, needed=needed, base=base, threshold=exact)


def reached(key: str, candidate: str, votes: int, needed: int) -> Reason:
    """`majority-reached` or `threshold-reached`: elected by the share."""
    text = f"Candidate {candidate} has {votes:,} votes, {needed:,} were needed: elected."
    return Reason(key, text, candidate=candidate, votes=votes, needed=needed)


def below(key: str, candidate: str, votes: int, needed: int) -> Reason:
    """`below-majority` or `below-threshold`: not elected, and not in the runoff."""
    text = f"Candidate {candidate} has {votes:,} votes, {needed:,} were needed: not elected."
    return Reason(key, text, candidate=candidate, votes=votes, needed=needed)


def passed_no_seat(candidate: str, votes: int, needed: int, seats: int) -> Reason:
    text = (
        f"Candidate {candidate} has {votes:,} votes, enough ({needed:,}), but the {seats} "
        "seat(s) went to candidates ahead: not elected."
    )
    return Reason(
        "passed-no-seat", text, candidate=candidate, votes=votes, needed=needed, seats=seats
    )


def runoff(seats: int, advancing: int) -> Reason:
    text = (
        f"{seats} seat(s) left: the {advancing} candidate(s) with most votes among those not "
        "elected go to a runoff."
    )
    return Reason("runoff", text, seats=seats, count=advancing)


def advances(candidate: str, votes: int, rank: int) -> Reason:
    text = f"Candidate {candidate} has {votes:,} votes, place {rank} of the runoff: advances."
    return Reason("advances-to-runoff", text, candidate=candidate, votes=votes, rank=rank)


def seats_unfilled(seats: int) -> Reason:
    text = f"{seats} seat(s) stay empty: no candidate is left to take them."
    return Reason("seats-unfilled", text, seats=seats)


def elected(candidate: str, votes: int, rank: int, party_list: str | None = None) -> Reason:
    text = f"{_who(candidate, party_list)} has {votes:,} votes, place {rank}: elected."
    return Reason(
        "elected", text, candidate=candidate, party_list=party_list, votes=votes, rank=rank
    )


def alternate(candidate: str, votes: int, rank: int, party_list: str | None = None) -> Reason:
    text = f"{_who(candidate, party_list)} has {votes:,} votes: alternate number {rank}."
    return Reason(
        "alternate", text, candidate=candidate, party_list=party_list, votes=votes, rank=rank
    )


def not_elected(candidate: str, votes: int, party_list: str | None = None) -> Reason:
    text = f"{_who(candidate, party_list)} has {votes:,} votes: not elected."
    return Reason("not-elected", text, candidate=candidate, party_list=party_list, votes=votes)


def withdrawn(candidate: str, votes: int) -> Reason:
    text = f"Candidate {candidate} withdrew ({votes:,} votes): skipped, the next moves up."
    return Reason("withdrawn", text, candidate=candidate, votes=votes)


def list_seats(party_list: str, votes: int, seats: int) -> Reason:
    text = f"List {party_list} has {votes:,} votes: {seats} seat(s)."
    return Reason("list-seats", text, party_list=party_list, votes=votes, seats=seats)


def lot_drawn(lot: DrawnLot) -> Reason:
    by = ", ".join(lot.drawn_by) or "nobody named"
    text = (
        f"Tied for {_STAKES[lot.stake]}: {', '.join(lot.tied)}; the lot with seed "
        f"{lot.seed!r} drawn by {by} orders them {', '.join(lot.order)}."
    )
    return Reason("lot-drawn", text, stake=lot.stake, tied=lot.tied)


def lot_required(tie: LotRequired) -> Reason:
    text = (
        f"Tied for {_STAKES[tie.stake]}: {', '.join(tie.tied)} ({tie.places} place(s)); "
        "a lot must be drawn."
    )
    return Reason("lot-required", text, count=tie.places, stake=tie.stake, tied=tie.tied)
