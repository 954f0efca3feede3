"""The Persian of `verify-election`'s code checks names the code as the kiosk, the receipt and
the site do, «کد رهگیری» (outside review, issue 10: «کد تأیید» reads as a one-time SMS code,
docs/e2e.md §7)."""

from __future__ import annotations

from sandogh.cli.verify_election_fa import detail_fa
from sandogh.cli.verify_election_text import NAMES
from sandogh.verify_election.checks import Check


def test_the_code_is_named_as_the_voter_reads_it() -> None:
    assert NAMES[Check.CONFIRMATION_CODES][0] == "کدهای رهگیری زنجیره"
    broken = detail_fa(
        "the confirmation code is not H(H_{i−1}, χ_i): a ballot before it was dropped, added, "
        "changed or moved, or this one"
    )
    assert broken.startswith("کد رهگیری H(H_{i−1}, χ_i) نیست")
    assert not any("کد تأیید" in fa or "کدهای تأیید" in fa for fa, _ in NAMES.values())
