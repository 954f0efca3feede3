"""The code draw's seed from a committed secret and the published list (docs/lots.md §5)."""

import hashlib
import json

from hypothesis import given
from hypothesis import strategies as st

from sandogh.core.candidacy.draw_commitment import code_seed, reveal_problems
from sandogh.core.rules.lot_commitment import commitment_of

SECRET = "تاس‌ها: ۳ ۱ ۴ ۱ ۵ ۹ ۲ ۶ ۵ ۳"


def _by_hand(value: object) -> str:
    """docs/lots.md §5's formula, as anyone would write it."""
    data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
    return hashlib.sha256(data).hexdigest()


def test_the_seed_is_the_documented_hash_of_the_secret_and_the_list() -> None:
    seed = code_seed(SECRET, "president", [3, 1, 2])
    assert seed == _by_hand(["sandogh/code-draw-seed@1", SECRET, "president", [1, 2, 3]])
    assert commitment_of(SECRET) == _by_hand(["sandogh/lot-commitment@1", SECRET])


@given(st.lists(st.integers(1, 500), min_size=1, unique=True))
def test_the_seed_depends_on_the_list_not_its_order(numbers: list[int]) -> None:
    seed = code_seed(SECRET, "president", numbers)
    assert seed == code_seed(SECRET, "president", reversed(numbers))
    assert seed != code_seed(SECRET, "president", [*numbers, 501])
    assert seed != code_seed(SECRET, "majlis", numbers)
    assert seed != code_seed(SECRET + ".", "president", numbers)


def test_a_reveal_holds_only_with_the_committed_secret_and_its_own_seed() -> None:
    committed, listed = commitment_of(SECRET), [1, 2, 3]
    seed = code_seed(SECRET, "president", listed)
    assert reveal_problems(committed, SECRET, "president", listed, seed) == []
    chosen = reveal_problems(committed, SECRET, "president", listed, "a seed typed at the session")
    assert [field for field, _, _ in chosen] == ["seed"]
    other = "another secret of twenty characters"
    swapped = reveal_problems(
        committed, other, "president", listed, code_seed(other, "president", listed)
    )
    assert [field for field, _, _ in swapped] == ["commitment"]
