import pytest
from hypothesis import given
from hypothesis import strategies as st

from sandogh.core.voters.national_code import (
    CodeFault,
    NationalCode,
    NationalCodeError,
    check_digit,
    parse_national_code,
)

nine_digits = st.text(alphabet="0123456789", min_size=9, max_size=9)


def _remainder(first_nine: str) -> int:
    return sum(int(d) * (10 - i) for i, d in enumerate(first_nine)) % 11


def _refusal(text: str) -> NationalCodeError:
    with pytest.raises(NationalCodeError) as caught:
        parse_national_code(text)
    return caught.value


def test_the_worked_example_of_the_rules_is_valid() -> None:
    # 001354241: S = 0·10 + 0·9 + 1·8 + 3·7 + 5·6 + 4·5 + 2·4 + 4·3 + 1·2 = 101, r = 2, 11 − 2 = 9.
    assert _remainder("001354241") == 2
    assert check_digit("001354241") == 9
    assert parse_national_code("0013542419") == NationalCode("0013542419")


def test_the_invalid_example_of_the_rules_says_what_the_check_digit_should_be() -> None:
    refused = _refusal("0084362811")
    assert refused.fault == CodeFault.WRONG_CHECK_DIGIT
    assert refused.expected_check_digit == 2
    assert str(refused) == "national code '0084362811': the check digit is 1, it should be 2"
    assert parse_national_code("0084362812").digits == "0084362812"


@pytest.mark.parametrize(
    "typed",
    [
        "۰۰۱۳۵۴۲۴۱۹",  # Persian digits
        "٠٠١٣٥٤٢٤١٩",  # Arabic-Indic digits
        "001-354241-9",  # as printed on the national card
        " 001 354 241 9 ",
        "۰۰۱–۳۵۴۲۴۱–۹",  # en dashes
        "13542419",  # eight digits: the leading zeros left off
        "013542419",
    ],
)
def test_codes_are_read_as_people_type_them(typed: str) -> None:
    assert parse_national_code(typed).digits == "0013542419"


@pytest.mark.parametrize(
    ("typed", "fault", "message"),
    [
        ("1354241", CodeFault.TOO_SHORT, "7 digits, at least 8 are needed"),
        ("", CodeFault.TOO_SHORT, "0 digits, at least 8 are needed"),
        ("00135424190", CodeFault.TOO_LONG, "11 digits, at most 10 are allowed"),
        ("0013542419x", CodeFault.NOT_DIGITS, "only digits may be given, found 'x'"),
        ("O013542419", CodeFault.NOT_DIGITS, "only digits may be given, found 'O'"),
        ("0013.542.419", CodeFault.NOT_DIGITS, "only digits may be given, found '.'"),
        ("१२३४५६७८९०", CodeFault.NOT_DIGITS, "only digits may be given, found '१२३४५६७८९०'"),
    ],
)
def test_a_refusal_says_exactly_why(typed: str, fault: CodeFault, message: str) -> None:
    refused = _refusal(typed)
    assert refused.fault == fault
    assert refused.expected_check_digit is None
    assert str(refused) == f"national code {typed!r}: {message}"


@pytest.mark.parametrize("digit", "0123456789")
def test_ten_same_digits_pass_the_checksum_but_are_refused(digit: str) -> None:
    assert check_digit(digit * 9) == int(digit)
    refused = _refusal(digit * 10)
    assert refused.fault == CodeFault.SAME_DIGIT


def test_eight_zeros_pad_to_ten_zeros_and_are_refused() -> None:
    assert _refusal("00000000").fault == CodeFault.SAME_DIGIT


def test_the_canonical_form_holds_ten_digits() -> None:
    with pytest.raises(ValueError, match="ten digits"):
        NationalCode("13542419")
    with pytest.raises(NationalCodeError, match="it should be 2"):
        NationalCode("0084362811")


def test_check_digit_wants_nine_ascii_digits() -> None:
    with pytest.raises(ValueError, match="nine ASCII digits"):
        check_digit("۰۰۱۳۵۴۲۴۱")


def test_a_change_from_remainder_1_to_10_keeps_the_check_digit() -> None:
    # 100000001: S = 10 + 2 = 12, r = 1, check digit 1. With the first digit 3: S = 32, r = 10,
    # check digit 11 − 10 = 1 again, so the mistyped code is accepted too.
    assert (_remainder("100000001"), _remainder("300000001")) == (1, 10)
    assert parse_national_code("1000000011") != parse_national_code("3000000011")


@given(nine_digits)
def test_a_code_built_with_its_check_digit_is_accepted_unless_all_the_same(nine: str) -> None:
    code = nine + str(check_digit(nine))
    if len(set(code)) == 1:
        assert _refusal(code).fault == CodeFault.SAME_DIGIT
    else:
        assert parse_national_code(code).digits == code


@given(nine_digits, st.integers(0, 9))
def test_any_other_last_digit_is_refused_with_the_right_one(nine: str, last: int) -> None:
    right = check_digit(nine)
    if last != right and len(set(nine)) > 1:
        refused = _refusal(f"{nine}{last}")
        assert (refused.fault, refused.expected_check_digit) == (CodeFault.WRONG_CHECK_DIGIT, right)


@given(nine_digits, st.integers(0, 8), st.integers(1, 9))
def test_a_single_digit_change_is_caught_unless_the_remainder_swaps_1_and_10(
    nine: str, position: int, shift: int
) -> None:
    # A change of δ at weight w moves S by δ·w, never a multiple of 11 (11 is prime, |δ| ≤ 9,
    # 2 ≤ w ≤ 10), so r always changes; the check digit stays only if r goes 1 → 10 or 10 → 1.
    changed = nine[:position] + str((int(nine[position]) + shift) % 10) + nine[position + 1 :]
    code = changed + str(check_digit(nine))
    assert _remainder(changed) != _remainder(nine)
    coincides = {_remainder(nine), _remainder(changed)} == {1, 10}
    if len(set(code)) == 1:
        assert _refusal(code).fault == CodeFault.SAME_DIGIT
    elif coincides:
        assert parse_national_code(code).digits == code
    else:
        assert _refusal(code).fault == CodeFault.WRONG_CHECK_DIGIT


@given(st.text(alphabet="0123456789", min_size=10, max_size=10))
def test_ten_plain_digits_are_read_as_the_same_code_typed_with_a_space(digits: str) -> None:
    # ten ASCII digits, as a box sends them, skip the translating and stripping (issue 14)
    if len(set(digits)) == 1 or int(digits[-1]) != check_digit(digits[:-1]):
        assert _refusal(digits).fault is _refusal(" " + digits).fault
        return
    read = parse_national_code(digits)
    assert read == parse_national_code(" " + digits) == NationalCode(digits)
    assert read.digits == digits
