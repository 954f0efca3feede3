"""An act refused for want of a right (`services.acting.AccessDeniedError`) and a station's staff
named after its polling day (`services.preparation`), in Persian and English, as every command
prints them (review S20 F8: the refusal was English on a Persian screen). The roles' Persian
names (ستاد انتخابات شهرستان, مدیر سامانه, …) are said here once; the console's labels take them."""

from __future__ import annotations

from sandogh.core.access import Role
from sandogh.locale.language import Lang
from sandogh.locale.messages import text_in

ROLES: dict[Lang, dict[Role, str]] = {
    "fa": {
        Role.ADMIN: "مدیر سامانه",
        Role.NATIONAL_HQ: "ستاد انتخابات کشور",
        Role.PROVINCIAL_HQ: "ستاد انتخابات استان",
        Role.COUNTY_HQ: "ستاد انتخابات شهرستان",
        Role.STATION_HEAD: "رئیس شعبه",
        Role.SUPERVISOR: "ناظر",
        Role.INSPECTOR: "بازرس",
        Role.AUDITOR: "حسابرس",
        Role.AUDIT_BOARD: "هیئت حسابرسی برگه‌ها",
    },
    "en": {role: role.value for role in Role},
}

FA: dict[str, str] = {
    # the account and the units' codes as typed, isolated left to right on the Persian line
    "denied": "حساب \u2066{user}\u2069 با نقش «{role}» در \u2066{place}\u2069 اجازه این کار را در"
    " \u2066{places}\u2069 ندارد.",
    "staff_after_polling": "روز رأی‌گیری شعبه {station} {day} بود؛ پس از آن رئیس و اعضای شعبه "
    "نام برده یا جابه‌جا نمی‌شوند.",
}
EN: dict[str, str] = {
    "denied": "{user} ({role} at {place}) may not {action} at {places}",
    "staff_after_polling": "station {station} polled on {day}; its staff are not named or moved "
    "after that day.",
}
CATALOGUE: dict[Lang, dict[str, str]] = {"fa": FA, "en": EN}


def access_text(key: str, lang: Lang, /, **values: str | int) -> str:
    """The message `key` in `lang`, filled with `values`."""
    return text_in(CATALOGUE, key, lang, **values)


def denied_text(lang: Lang, *, user: str, role: Role, place: str, action: str, places: str) -> str:
    """Why `user`, under a grant of `role` at `place`, may not `action` at `places`."""
    if lang == "fa":
        return access_text(
            "denied", lang, user=user, role=ROLES[lang][role], place=place, places=places
        )
    return access_text(
        "denied", lang, user=user, role=role.value, place=place, action=action, places=places
    )
