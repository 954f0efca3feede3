"""What `sandogh staff add` says of a refused registration, in Persian and English
(`services.staff`, review S19 F8); a key is `staff_` and the refusal's reason. Terms: ناظر (the
supervisory board's observer), رئیس شعبه (the station's head), منشی (its secretary), سیاهه
مهرشده پیش از انتخابات (the sealed pre-election record, as `locale.e2e_refusals`), اصلاحیه
امضاشده (a signed amendment)."""

from __future__ import annotations

from sandogh.core.report import StaffRole
from sandogh.locale.language import Lang
from sandogh.locale.messages import text_in

ROLES: dict[Lang, dict[StaffRole, str]] = {
    "fa": {
        StaffRole.HEAD: "رئیس شعبه",
        StaffRole.SECRETARY: "منشی",
        StaffRole.MEMBER: "عضو شعبه",
        StaffRole.SUPERVISOR: "ناظر هیئت نظارت",
    },
    "en": {
        StaffRole.HEAD: "head of station",
        StaffRole.SECRETARY: "secretary",
        StaffRole.MEMBER: "member",
        StaffRole.SUPERVISOR: "the supervisory board's observer",
    },
}

FA: dict[str, str] = {
    "staff_not-a-station": "{station} شعبه اخذ رأی این انتخابات نیست.",
    "staff_malformed-key": "کلید عمومی باید ed25519: و ۶۴ نویسه شانزده‌شانزدهی کوچک باشد.",
    "staff_malformed-person": "نام کارمند درست نیست: {detail}",
    "staff_key-registered": "این کلید پیش‌تر برای کس دیگری یا برای صندوقی ثبت شده است.",
    "staff_observer-and-staff": "{person} در شعبه {station} «{held}» است؛ ناظر هیئت نظارت "
    "هرگز از رئیس و اعضای شعبه نیست.",
    "staff_person-registered": "{person} در شعبه {station} پیش‌تر «{held}» است؛ هر کس در شعبه "
    "یک سمت دارد.",
    "staff_role-filled": "شعبه {station} «{held}» خود را دارد: {person}.",
    "staff_sealed": "سیاهه پیش از انتخابات مهر شده است؛ کلید تازه تنها با اصلاحیه امضاشده "
    "افزوده می‌شود: {path}",
}
EN: dict[str, str] = {
    "staff_not-a-station": "{station} is not a polling station of this election.",
    "staff_malformed-key": "the public key must be ed25519: and 64 lowercase hex digits.",
    "staff_malformed-person": "the staff member's name is wrong: {detail}",
    "staff_key-registered": "this key is registered already, for someone else or a ballot box.",
    "staff_observer-and-staff": "{person} is {held} of {station}; the supervisory board's "
    "observer is never the station's staff.",
    "staff_person-registered": "{person} is {held} of {station} already; a person holds one role "
    "at a station.",
    "staff_role-filled": "{station} has its {held} already: {person}.",
    "staff_sealed": "the pre-election record is sealed: a new key is added only by a signed "
    "amendment: {path}",
}
CATALOGUE: dict[Lang, dict[str, str]] = {"fa": FA, "en": EN}


def staff_refusal(reason: str, lang: Lang, *, station: str, person: str, role: StaffRole) -> str:
    """The refusal of `reason` (a `StaffRefusal` or `core.report.staff.Conflict` value) naming
    the station, the person in the way and the role they hold."""
    return text_in(
        CATALOGUE, f"staff_{reason}", lang, station=station, person=person, held=ROLES[lang][role]
    )
