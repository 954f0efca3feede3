"""Voters: the national-code check digit, eligibility on a date, where a voter may vote.

`reference/iran-election-rules.md`, sections "Voters" and "National code (کد ملی) check digit".
"""

from sandogh.core.voters.eligibility import (
    VOTING_AGE,
    Eligibility,
    Ineligibility,
    RegistryRecord,
    eligibility,
    of_age_on,
)
from sandogh.core.voters.national_code import (
    CodeFault,
    NationalCode,
    NationalCodeError,
    check_digit,
    parse_national_code,
)
from sandogh.core.voters.where_to_vote import (
    ADMITTED,
    Admission,
    Refusal,
    Scope,
    admit,
    earlier_round,
    scope_of,
)

__all__ = [
    "ADMITTED",
    "VOTING_AGE",
    "Admission",
    "CodeFault",
    "Eligibility",
    "Ineligibility",
    "NationalCode",
    "NationalCodeError",
    "Refusal",
    "RegistryRecord",
    "Scope",
    "admit",
    "check_digit",
    "earlier_round",
    "eligibility",
    "of_age_on",
    "parse_national_code",
    "scope_of",
]
