"""`outcome`: who is elected, who advances, the alternates and why, per constituency."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from sandogh.cli.formatting import (
    ballot_code,
    election_heading,
    election_json,
    fraction_json,
    name_in,
    name_json,
    number,
    separator,
)
from sandogh.cli.supervision_view import (
    certification_json,
    certified_line,
    effect_json,
    hand_count_json,
    print_voided,
    said,
)
from sandogh.core.definition.model import Contest, Election
from sandogh.core.rules import Outcome, Status
from sandogh.locale.dates import format_jalali
from sandogh.locale.language import Lang
from sandogh.locale.messages import text
from sandogh.locale.outcome_decisions import party_list_line, withdrawn_mark
from sandogh.publish.reasons import reasons_json, so_far_json
from sandogh.services.outcomes import Decided, OutcomesView


def outcomes_json(view: OutcomesView) -> dict[str, Any]:
    stored = view.tallied.stored
    return {
        "election": election_json(stored.election, stored.definition_hash),
        "contests": [
            {
                "contest": {"id": each.contest.id, "name": name_json(each.contest.name)},
                "constituencies": [_decided_json(d) for d in each.decided],
            }
            for each in view.contests
        ],
    }


def _decided_json(decided: Decided) -> dict[str, Any]:
    """One constituency's outcome; before every station has reported, its standings so far:
    status `partial`, those ahead `leading` and no one elected, advancing or alternate."""
    o, final = decided.outcome, decided.complete
    return {
        "constituency": {
            "id": decided.constituency.id,
            "name": name_json(decided.constituency.name),
        },
        "stations_reported": decided.total.stations_reported,
        "stations_total": decided.total.stations_total,
        "status": o.status.value if final else "partial",
        "decision": o.status.value,
        "seats": o.seats,
        "base": o.base,
        "threshold": fraction_json(o.threshold) if o.threshold is not None else None,
        "votes_needed": o.votes_needed,
        "elected": list(o.elected) if final else [],
        "advancing": list(o.advancing) if final else [],
        "leading": list(decided.leading),
        "runoff_seats": o.runoff_seats,
        "alternates": list(o.alternates) if final else [],
        "lots": [
            {
                "seed": lot.seed,
                "drawn_by": list(lot.drawn_by),
                "stake": lot.stake.value,
                "tied": list(lot.tied),
                "order": list(lot.order),
            }
            for lot in o.lots
        ],
        "lots_required": [
            {"stake": tie.stake.value, "tied": list(tie.tied), "places": tie.places}
            for tie in o.lots_required
        ],
        "party_lists": [
            {
                "id": pl.party_list,
                "votes": pl.votes,
                "seats": pl.seats,
                "elected": list(pl.elected) if final else [],
                "leading": [] if final else list(pl.elected),
                "alternates": list(pl.alternates) if final else [],
            }
            for pl in o.party_lists
            if pl.party_list is not None
        ],
        "withdrawn": [
            {"candidate": w.candidate, "printing": w.printing.value, "at": w.at.isoformat()}
            for w in decided.withdrawn
        ],
        "reasons": _reasons(decided),
        "voided": [effect_json(e) for e in decided.voided],
        "certified": None if decided.certified is None else certification_json(decided.certified),
        "hand_count": None if decided.corrected is None else hand_count_json(decided.corrected),
    }


def print_outcomes(console: Console, view: OutcomesView, lang: Lang) -> None:
    stored = view.tallied.stored
    console.print(election_heading(stored.election, stored.definition_hash, lang))
    for each in view.contests:
        for decided in each.decided:
            _print_decided(console, stored.election, each.contest, decided, lang)


def _print_decided(
    console: Console, election: Election, contest: Contest, decided: Decided, lang: Lang
) -> None:
    o, counts = decided.outcome, decided.total.counts
    console.print()
    named = (name_in(contest.name, lang), name_in(decided.constituency.name, lang))
    console.rule(separator(lang).join(named))
    reported = {"reported": decided.total.stations_reported, "total": decided.total.stations_total}
    if decided.complete:
        console.print(text("stations_reported", lang, **reported))
        console.print(f"[bold]{_status(o, lang)}[/bold]")
    else:  # the standings so far, as the site says them: leading, never elected
        console.print(f"[bold]{text('status_partial', lang, **reported)}[/bold]")
    if o.votes_needed is not None and o.base is not None:
        console.print(text("votes_needed", lang, needed=o.votes_needed, base=o.base))
    roles = dict.fromkeys(decided.leading, "leading")
    if decided.complete:
        roles |= dict.fromkeys(o.elected, "elected")
        roles |= dict.fromkeys(o.advancing, "advances_to_runoff")
        roles |= dict.fromkeys(o.alternates, "alternate")
    withdrawn = {w.candidate: w for w in decided.withdrawn}
    table = Table(text("candidate", lang), text("code", lang), text("votes", lang), "")
    standing = decided.standing
    for candidate in sorted(standing, key=lambda c: (-counts.votes.get(c.code, 0), c.code)):
        role = roles.get(candidate.code)
        left = withdrawn.get(candidate.code)
        table.add_row(
            name_in(candidate.name, lang),
            ballot_code(candidate.code, lang),
            number(counts.votes.get(candidate.code, 0), lang),
            withdrawn_mark(left.printing, lang)
            if left is not None
            else ""
            if role is None
            else text(role, lang),
        )
    console.print(table)
    for pl in o.party_lists:
        if pl.party_list is not None:
            line = party_list_line(pl, lang, so_far=not decided.complete)
            console.print(line, markup=False)
    print_voided(console, decided.voided, {c.code: c.name for c in standing}, lang)
    if decided.corrected is not None:
        c = decided.corrected
        date = format_jalali(c.at.date(), lang)
        name = name_in(decided.constituency.name, lang)
        line = said(
            "hand_count_outcome", lang, constituency=name, by=c.by, date=date, audit=c.audit
        )
        console.print(line, markup=False)
    if decided.certified is not None:
        console.print(certified_line(decided.certified, election, lang), markup=False)
    for lot in o.lots:
        console.print(
            text("lot_drawn", lang, seed=lot.seed, by="، ".join(lot.drawn_by) or "—")
            + " → "
            + " > ".join(lot.order)
        )
    if lang == "en":
        for reason in _reasons(decided):
            console.print(f"  · {reason['text']}")


def _reasons(decided: Decided) -> list[dict[str, str]]:
    """The outcome's reasons, `{"key", "text"}`; before every station has reported, headed by
    why it is not final and worded as the site words them (leading or not so far)."""
    o, reported = decided.outcome, decided.total
    if decided.complete:
        return [{"key": r.key, "text": r.text} for r in o.reasons]
    so_far = so_far_json(reported.stations_reported, reported.stations_total)["en"]
    worded = reasons_json(o, partial=True)
    return [
        {"key": "so-far", "text": so_far},
        *({"key": r.key, "text": w["en"]} for r, w in zip(o.reasons, worded, strict=True)),
    ]


def _status(outcome: Outcome, lang: Lang) -> str:
    if outcome.status is Status.RUNOFF:
        return text("status_runoff", lang, seats=outcome.runoff_seats, count=len(outcome.advancing))
    if outcome.status is Status.LOT_REQUIRED:
        tied = ", ".join(code for tie in outcome.lots_required for code in tie.tied)
        return text("status_lot_required", lang, tied=tied)
    return text("status_decided", lang, count=len(outcome.elected))
