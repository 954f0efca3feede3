"""The audit's tables for the console: the boards' pull list and the audit's standing, in
Persian or English."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

from sandogh.locale.audit_words import DECISIONS, ESCALATIONS, KINDS, SAID, label
from sandogh.locale.digits import format_int, format_percent
from sandogh.locale.language import Lang

if TYPE_CHECKING:
    from sandogh.core.audit.rounds import ContestRisk
    from sandogh.services.audit_rounds import Drawn
    from sandogh.services.audit_status import AuditStatus


def print_pull_list(out: Console, drawn: Drawn, lang: Lang) -> None:
    """Each paper to pull once, by county, station, container and position."""
    heads = [SAID[k][lang] for k in ("county", "station", "container", "position")]
    table = Table(*heads)
    for pull in drawn.papers:
        paper = pull.paper
        table.add_row(pull.county, paper.station, paper.container, format_int(paper.position, lang))
    for _, station in drawn.stations:
        table.add_row(station.county, station.station, "، ".join(station.containers), "*")
    out.print(table)


def _p(value: Fraction, lang: Lang) -> str:
    return format_percent(value, lang, places=2)


def print_decisions(out: Console, risks: Sequence[ContestRisk], lang: Lang) -> None:
    """Each contest's decision (and why a hand count), its largest P-value, the next size."""
    for risk in risks:
        decision = label(DECISIONS, risk.decision.value, lang)
        if risk.reason is not None:
            decision += f" — {label(ESCALATIONS, risk.reason.value, lang)}"
        p_value = _p(risk.p_value, lang) if risk.assertions else "—"
        size = "—" if risk.next_size is None else format_int(risk.next_size, lang)
        values = (decision, p_value, size)
        said = "؛ ".join if lang == "fa" else "; ".join
        parts = [
            f"{SAID[k][lang]}: {v}"
            for k, v in zip(("decision", "p_value", "next"), values, strict=True)
        ]
        out.print(f"{risk.contest}: " + said(parts), markup=False, soft_wrap=True)


def print_status(out: Console, status: AuditStatus, lang: Lang) -> None:
    seed = status.seed if status.seed is not None else SAID["no_seed"][lang]
    out.print(f"{SAID['seed'][lang]}: {seed}", markup=False, soft_wrap=True)
    limit = _p(status.plan.risk_limit, lang)
    out.print(f"{SAID['risk_limit'][lang]}: {limit}", markup=False)
    kinds = {c.key: c.kind.value for c in status.plan.contests}
    table = Table(*(SAID[k][lang] for k in ("contest", "kind", "decision", "p_value", "next")))
    for risk in status.decisions:
        decision = label(DECISIONS, risk.decision.value, lang)
        if risk.reason is not None:
            decision += f" — {label(ESCALATIONS, risk.reason.value, lang)}"
        p_value = _p(risk.p_value, lang) if risk.assertions else "—"
        size = "—" if risk.next_size is None else format_int(risk.next_size, lang)
        table.add_row(
            risk.contest, label(KINDS, kinds[risk.contest], lang), decision, p_value, size
        )
    out.print(table)
    if status.results:
        rounds = Table(SAID["round"][lang], SAID["hash"][lang])
        for result in status.results:
            rounds.add_row(format_int(result.number, lang), result.hash)
        out.print(rounds)
    if status.open is not None:
        opened = status.open
        total = len(opened.papers) + len(opened.stations)
        said = SAID["open"][lang].format(
            number=format_int(opened.number, lang),
            read=format_int(status.read, lang),
            total=format_int(total, lang),
        )
        out.print(said, markup=False)
    for counted in status.hand_counts:
        changed = SAID["changed" if counted.changed else "unchanged"][lang]
        said = "hand-counted-certified" if counted.contest in status.certified else "hand-counted"
        line = SAID[said][lang].format(
            contest=counted.contest, elected=", ".join(counted.outcome.elected), changed=changed
        )
        out.print(line, markup=False, soft_wrap=True)
