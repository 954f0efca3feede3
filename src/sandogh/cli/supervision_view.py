"""What supervision shows: voids and what they took, certifications, cases, incidents — in
Persian or English, and as JSON (docs/cli-json.md).

The sentences are kept here, both languages with the same keys and placeholders, in the terms of
the election law: ابطال (void), باطله غیرمأخوذه (void ballots, not counted as cast), تأیید صحت
انتخابات (certification), پرونده تخلف انتخاباتی (violation case).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Console
from rich.table import Table

from sandogh.cli.formatting import ballot_code, name_in, pasted_code, separator
from sandogh.core.definition.model import Election, Name
from sandogh.core.supervision import (
    CandidateVoid,
    Certification,
    ConstituencyVoid,
    Effect,
    HandCountCorrection,
    StationVoid,
    Undoing,
    ViolationCase,
    correction_json,
    void_json,
)
from sandogh.locale.access_refusals import ROLES
from sandogh.locale.definition_names import place_name, unit_name
from sandogh.locale.digits import format_int
from sandogh.locale.language import Lang
from sandogh.services.cases import CaseView
from sandogh.services.ports import NumberedIncident

TEXT: dict[Lang, dict[str, str]] = {
    "fa": {
        "station_voided": "صندوق شعبه {station} باطل شد: {ballots} رأی مأخوذه باطل‌شده",
        "votes_voided": "{votes} رأی «{candidate}» در {boxes} صندوق باطل شد",
        "constituency_voided": (
            "انتخابات حوزه {constituency} باطل شد: {boxes} صندوق، {ballots} رأی مأخوذه"
        ),
        "decision": "مصوبه {reference}: {reason}",
        "case_of": "پرونده {case}",
        "voided_heading": "ابطال‌ها",
        "stations_voided": "{count} صندوق باطل‌شده (در شمار گزارش‌داده‌ها)",
        "hand_count_certified": (
            "شمارش دستی حوزه {constituency} در {date} تأیید شد؛ این ارقام، ارقام شمارش دستی است"
        ),
        "hand_count_superseded": (
            "ارقام گزارش‌شده؛ شمارش دستی تأییدشده در {date} جای آن‌ها را در حوزه {constituency} "
            "گرفته است"
        ),
        "hand_count_outcome": (
            "این نتیجه از شمارش دستی کامل حوزه {constituency} است که {by} در {date} تأیید کرد؛ "
            "چکیده سابقه حسابرسی: {audit}"
        ),
        "void_recorded": "ابطال {number} ثبت شد.",
        "certified": "نتیجه {scope} تأیید شد؛ چکیده ورودی‌ها: {digest}",
        "certified_by": "تأییدشده به دست {by} ({role}، {place})؛ چکیده: {digest}",
        "uncertified": "تأیید {scope} لغو شد.",
        "case_saved": "پرونده {number}: {kind}، {status}",
        "no_cases": "پرونده‌ای نیست.",
        "incident_saved": "رخداد {number}: {kind}، {status}",
        "no_incidents": "رخدادی نیست.",
        "number": "شماره",
        "kind": "نوع",
        "status": "وضعیت",
        "place": "محل",
        "summary": "شرح",
        "effect": "اثر بر نتایج",
        "stations": "شعبه‌ها",
        "assignee": "مسئول",
        "resolution": "شرح رفع",
        "vote-buying": "خرید و فروش رأی",
        "intimidation": "تهدید و ارعاب",
        "ballot-stuffing": "ریختن رأی در صندوق",
        "campaign-violation": "تخلف تبلیغاتی",
        "other": "سایر",
        "opened": "گشوده",
        "investigating": "در حال رسیدگی",
        "referred": "ارجاع به مرجع قضایی",
        "dismissed": "رد شده",
        "upheld": "اثبات شده",
        "duplicate-check-in": "احراز هویت تکراری",
        "conflicting-report": "صورتجلسه مغایر",
        "refused-report": "صورتجلسه ردشده",
        "offline": "قطع ارتباط با مرکز",
        "device-fault": "خرابی دستگاه",
        "paper-shortage": "کمبود تعرفه",
        "cyber-event": "رخداد سایبری",
        "ineligible-check-in": "احراز هویت فاقد شرایط",
        "check-ins-outside-hours": "احراز هویت خارج از ساعت رأی‌گیری",
        "check-in-burst": "احراز هویت‌های پیاپی با سرعت غیرعادی",
        "high-turnout": "مشارکت بیش از حد انتظار",
        "check-ins-not-papers-used": "مغایرت احراز هویت با تعرفه‌های مصرف‌شده",
        "late-report": "گزارش شعبه پس از مهلت تقویم انتخابات",
        "close-reconciliation": "مغایرت در تطبیق پایان رأی‌گیری",
        "open": "باز",
        "assigned": "واگذارشده",
        "resolved": "رفع‌شده",
    },
    "en": {
        "station_voided": "The box of station {station} was voided: {ballots} ballots cast void",
        "votes_voided": "{votes} votes of {candidate} voided in {boxes} box(es)",
        "constituency_voided": (
            "The election in constituency {constituency} was voided: {boxes} box(es), "
            "{ballots} ballots cast"
        ),
        "decision": "decision {reference}: {reason}",
        "case_of": "case {case}",
        "voided_heading": "Voided",
        "stations_voided": "{count} box(es) voided (counted as reported)",
        "hand_count_certified": (
            "hand count of constituency {constituency} certified on {date}: "
            "these are the hand count's figures"
        ),
        "hand_count_superseded": (
            "figures as reported, superseded in constituency {constituency} by the hand count "
            "certified on {date}"
        ),
        "hand_count_outcome": (
            "decided from the full hand count of constituency {constituency}, certified by {by} "
            "on {date}; audit record hash: {audit}"
        ),
        "void_recorded": "Void {number} recorded.",
        "certified": "{scope} certified; input digest {digest}",
        "certified_by": "Certified by {by} ({role}, {place}); digest {digest}",
        "uncertified": "Certification of {scope} undone.",
        "case_saved": "Case {number}: {kind}, {status}",
        "no_cases": "No cases.",
        "incident_saved": "Incident {number}: {kind}, {status}",
        "no_incidents": "No incidents.",
        "number": "number",
        "kind": "kind",
        "status": "status",
        "place": "place",
        "summary": "summary",
        "effect": "effect on results",
        "stations": "stations",
        "assignee": "assignee",
        "resolution": "resolution",
        "vote-buying": "vote buying",
        "intimidation": "intimidation",
        "ballot-stuffing": "ballot stuffing",
        "campaign-violation": "campaign violation",
        "other": "other",
        "opened": "opened",
        "investigating": "investigating",
        "referred": "referred to a court",
        "dismissed": "dismissed",
        "upheld": "upheld",
        "duplicate-check-in": "duplicate check-in",
        "conflicting-report": "conflicting report",
        "refused-report": "refused report",
        "offline": "offline",
        "device-fault": "device fault",
        "paper-shortage": "ballot-paper shortage",
        "cyber-event": "cyber event",
        "ineligible-check-in": "ineligible check-in",
        "check-ins-outside-hours": "check-ins outside voting hours",
        "check-in-burst": "check-ins faster than a voter can be served",
        "high-turnout": "turnout far above expected",
        "check-ins-not-papers-used": "check-ins differ from ballot papers used",
        "late-report": "station report after its window in the calendar",
        "close-reconciliation": "figures at the close of polls did not reconcile",
        "open": "open",
        "assigned": "assigned",
        "resolved": "resolved",
    },
}


def said(key: str, lang: Lang, **values: str | int) -> str:
    """The sentence `key` in `lang`, numbers in its digits; a key it lacks is shown as is (an
    incident kind added elsewhere, say)."""
    template = TEXT[lang].get(key)
    if template is None:
        return key
    shown = {k: format_int(v, lang) if isinstance(v, int) else v for k, v in values.items()}
    return template.format(**shown)


def effect_line(
    effect: Effect, names: Mapping[str, Name], lang: Lang, election: Election | None = None
) -> str:
    """One void's effect as a sentence, with the decision it rests on; a constituency by its
    name in `election`'s definition, when it is given."""
    void = effect.void
    match void:
        case StationVoid():
            line = said(
                "station_voided",
                lang,
                station=pasted_code(void.station, lang),
                ballots=effect.ballots,
            )
        case CandidateVoid():
            name = names.get(void.candidate)
            line = said(
                "votes_voided",
                lang,
                votes=effect.votes.get(void.candidate, 0),
                candidate=name_in(name, lang) if name else ballot_code(void.candidate, lang),
                boxes=effect.boxes,
            )
        case ConstituencyVoid():
            line = said(
                "constituency_voided",
                lang,
                constituency=place_name(election, void.contest, void.constituency, lang),
                boxes=effect.boxes,
                ballots=effect.ballots,
            )
    decision = void.decision
    line += separator(lang) + said(
        "decision", lang, reference=decision.reference, reason=decision.reason
    )
    if decision.case is not None:
        line += separator(lang) + said("case_of", lang, case=decision.case)
    return line


def effect_json(effect: Effect) -> dict[str, Any]:
    return {
        **void_json(effect.void),
        "boxes": effect.boxes,
        "ballots": effect.ballots,
        "votes": [
            {"code": code, "votes": n}
            for code, n in sorted(effect.votes.items(), key=lambda item: (-item[1], item[0]))
        ],
    }


def print_voided(
    console: Console, effects: tuple[Effect, ...], names: Mapping[str, Name], lang: Lang
) -> None:
    if not effects:
        return
    console.print(f"[bold red]{said('voided_heading', lang)}[/bold red]")
    for effect in effects:
        console.print("  " + effect_line(effect, names, lang), markup=False)


def certification_json(
    certification: Certification, undone: Undoing | None = None
) -> dict[str, Any]:
    """A certification as the commands' `--json` shows it, with its undoing (None: in force)."""
    c = certification
    return {
        "election": c.election,
        "contest": c.contest,
        "constituency": c.constituency,
        "by": c.by,
        "role": c.grant.role.value,
        "place": c.grant.place,
        "at": c.at.isoformat(),
        "digest": c.digest,
        "reason": c.reason,
        "reference": c.reference,
        "undone": None
        if undone is None
        else {
            "by": undone.by,
            "role": undone.role,
            "place": undone.place,
            "at": undone.at.isoformat(),
            "reason": undone.reason,
            "reference": undone.reference,
        },
    }


def hand_count_json(corrected: HandCountCorrection) -> dict[str, Any]:
    """A certified hand-count correction as the commands' `--json` shows it."""
    return {
        **correction_json(corrected),
        "certified_by": corrected.by,
        "certified_at": corrected.at.isoformat(),
    }


def certified_line(certification: Certification, election: Election, lang: Lang) -> str:
    """Who certified: the account, its role and place by their names (no machine id on a
    Persian line), and the digest."""
    c, role = certification, ROLES[lang][certification.grant.role]
    place = unit_name(election, c.grant.place, lang)
    by, digest = pasted_code(c.by, lang), pasted_code(c.digest, lang)  # Latin, isolated
    return said("certified_by", lang, by=by, role=role, place=place, digest=digest)


def case_json(case: ViolationCase, view: CaseView | None = None) -> dict[str, Any]:
    return {
        "id": case.id,
        "election": case.election,
        "kind": case.kind.value,
        "status": case.status.value,
        "summary": case.summary,
        "place": case.place,
        "stations": list(case.stations),
        "candidates": [{"contest": c.contest, "code": c.code} for c in case.candidates],
        "reference": case.reference,
        "note": case.note,
        "opened_by": case.opened_by,
        "opened_at": case.opened_at.isoformat(),
        "voids": [] if view is None else [r.id for r in view.voids],
        "effects": [] if view is None else [effect_json(e) for e in view.effects],
    }


def print_cases(console: Console, views: list[CaseView], lang: Lang) -> None:
    if not views:
        console.print(said("no_cases", lang))
        return
    table = Table(
        *(said(key, lang) for key in ("number", "kind", "status", "place", "summary", "effect"))
    )
    for view in views:
        case = view.case
        effect = "\n".join(effect_line(e, {}, lang) for e in view.effects) or "—"
        table.add_row(
            format_int(case.id, lang),
            said(case.kind.value, lang),
            said(case.status.value, lang),
            case.place,
            case.summary,
            effect,
        )
    console.print(table)


def incident_json(numbered: NumberedIncident) -> dict[str, Any]:
    i = numbered.incident
    return {
        "id": numbered.id,
        "election": i.election,
        "kind": i.kind.value,
        "stations": list(i.stations),
        "at": i.at.isoformat(),
        "status": i.status.value,
        "assignee": i.assignee,
        "resolution": i.resolution,
        "details": dict(i.details),
    }


def print_incidents(console: Console, incidents: list[NumberedIncident], lang: Lang) -> None:
    if not incidents:
        console.print(said("no_incidents", lang))
        return
    table = Table(
        *(said(key, lang) for key in ("number", "kind", "status", "stations", "assignee")),
        said("resolution", lang),
    )
    for numbered in incidents:
        i = numbered.incident
        table.add_row(
            format_int(numbered.id, lang),
            said(i.kind.value, lang),
            said(i.status.value, lang),
            "، ".join(i.stations) if lang == "fa" else ", ".join(i.stations),
            i.assignee or "—",
            i.resolution or "—",
        )
    console.print(table)
