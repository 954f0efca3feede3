import re

from sandogh.locale.rules import Rule, by_rules

RULES: list[Rule] = [
    (re.compile(r"(\d+) draws"), lambda m: f"{m[1]} قرعه"),
    (re.compile(r"(.+) is missing"), lambda m: f"{m[1]} نیامده است"),
]


def test_the_first_rule_matching_the_whole_detail_says_it() -> None:
    assert by_rules("57 draws", RULES) == "57 قرعه"
    assert by_rules("seed.json is missing", RULES) == "seed.json نیامده است"


def test_a_detail_of_no_known_form_stays_as_it_is() -> None:
    assert by_rules("57 draws were made", RULES) == "57 draws were made"
