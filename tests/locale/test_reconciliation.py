"""Every reconciliation identity has Persian words, with no English in them (a finding on a
Persian screen named its rule in English: the outsider's N2 of session 25)."""

from __future__ import annotations

import re

from sandogh.core.counting.reconcile import Identity
from sandogh.locale.reconciliation import identity_text


def test_every_identity_is_said_in_persian_and_in_its_own_english() -> None:
    for identity in Identity:
        assert re.search(r"[A-Za-z]", identity_text(identity, "fa")) is None, identity
        assert identity_text(identity, "en") == identity.value
    assert identity_text(Identity.NOT_NEGATIVE, "fa") == "هیچ رقمی منفی نیست"
