"""The reconciliation identities (`core.counting.reconcile.Identity`) in the command's language:
a finding printed on a Persian screen named its rule in English («(no figure is negative)», the
outsider's N2 of session 25). English is the identity's own text."""

from __future__ import annotations

from sandogh.core.counting.reconcile import Identity
from sandogh.locale.language import Lang

_FA = {
    Identity.CAST: "آرای صحیح + آرای باطله = آرای مأخوذه",
    Identity.VOTES: "آرای نامزدها = آرای صحیح",
    Identity.VOTES_WITHIN_SEATS: "آرای نامزدها ≤ کرسی‌ها × آرای صحیح",
    Identity.CAST_WITHIN_USED: "آرای مأخوذه ≤ تعرفه‌های مصرفی",
    Identity.USED_WITHIN_RECEIVED: "تعرفه‌های مصرفی ≤ تعرفه‌های دریافتی",
    Identity.PAPERS: "تعرفه‌های دریافتی = مصرفی + مصرف‌نشده + باطل‌شده",
    Identity.NOT_NEGATIVE: "هیچ رقمی منفی نیست",
    Identity.SUM_OF_PARTS: "هر جمع برابر مجموع اجزای آن است",
}


def identity_text(identity: Identity, lang: Lang) -> str:
    return _FA[identity] if lang == "fa" else identity.value
