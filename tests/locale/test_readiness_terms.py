"""Every readiness gap, staff role and session kind has its term in Persian and in English."""

from __future__ import annotations

from sandogh.core.readiness import Gap, SessionKind, StaffRole
from sandogh.locale.readiness_terms import READINESS_EN, READINESS_FA, term


def test_every_gap_role_and_kind_is_named_in_both_languages() -> None:
    keys = {
        *(f"gap_{g.value}" for g in Gap),
        *(f"staff_role_{r.value}" for r in StaffRole),
        *(f"session_{k.value}" for k in SessionKind),
    }
    assert keys <= READINESS_FA.keys()
    assert READINESS_FA.keys() == READINESS_EN.keys()
    assert term("staff_role_governor-rep", "fa") == "نماینده فرماندار"
    assert term("staff_role_system-user", "fa") == "کاربر سامانه"
