import random

from hypothesis import given
from hypothesis import strategies as st

from sandogh.core.rules.lots import Lot, Stake, draw

LOT = Lot("Kerman 1403", ("head of the executive board", "supervisory board member"))


def test_the_draw_is_the_documented_sha256_order() -> None:
    # printf '%s\n%s' "Kerman 1403" CODE | sha256sum: 21 → 6c4e…, 15 → 7cfc…, 12 → 9a69…
    drawn = draw(LOT, Stake.SEAT, ["15", "12", "21"])
    assert drawn.order == ("21", "15", "12")
    assert drawn.tied == ("12", "15", "21")
    assert (drawn.seed, drawn.drawn_by, drawn.stake) == (LOT.seed, LOT.drawn_by, Stake.SEAT)


def test_another_seed_can_draw_another_order() -> None:
    orders = {draw(Lot(seed, ()), Stake.SEAT, ["A", "B"]).order for seed in ("x", "y")}
    assert orders == {("A", "B"), ("B", "A")}


@given(
    seed=st.text(max_size=20),
    codes=st.lists(st.text(min_size=1, max_size=5), min_size=1, max_size=8, unique=True),
    shuffle=st.randoms(use_true_random=False),
)
def test_same_seed_same_draw_whatever_the_order_given(
    seed: str, codes: list[str], shuffle: random.Random
) -> None:
    shuffled = list(codes)
    shuffle.shuffle(shuffled)
    first = draw(Lot(seed, ()), Stake.RUNOFF, codes)
    assert draw(Lot(seed, ()), Stake.RUNOFF, shuffled) == first
    assert sorted(first.order) == sorted(codes)
