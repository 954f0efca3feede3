"""Which supervisory body is competent for which office, and which body an account acts for.

`reference/iran-election-rules.md` (Who approves) and `seed-facts.md` (Supervision): the Guardian
Council (شورای نگهبان) and its boards supervise the presidential, Majlis and Assembly of Experts
elections, by-elections included; boards appointed by the Majlis (مجلس شورای اسلامی) supervise the
city and village council elections. Only the competent body's accounts approve, void or certify a
contest of an office (issue 12, section 2), so a supervisory grant names its body.

A supervisor's grant with no body recorded — an account made before bodies were recorded — acts
for the Guardian Council's boards: every election the project held until then (the Kerman 1403
example and the tests' data) is presidential or Majlis, supervised by the Guardian Council. An
administrator's grant records no body and acts for none: it holds no supervisory decision at all
(`core.access.roles.SUPERVISORY`; second review of issue 12, R4), so this default never makes an
administrator a board.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from sandogh.core.definition.model import Office


class Body(StrEnum):
    GUARDIAN_COUNCIL = "guardian-council"  # شورای نگهبان: هیئت‌های نظارت شورای نگهبان
    MAJLIS = "majlis"  # هیئت‌های نظارت مجلس شورای اسلامی (councils)


#: The body competent for each office; every office has one.
COMPETENT: Mapping[Office, Body] = {
    Office.PRESIDENT: Body.GUARDIAN_COUNCIL,
    Office.PARLIAMENT: Body.GUARDIAN_COUNCIL,
    Office.EXPERTS: Body.GUARDIAN_COUNCIL,
    Office.CITY_COUNCIL: Body.MAJLIS,
    Office.VILLAGE_COUNCIL: Body.MAJLIS,
    Office.NOMAD_COUNCIL: Body.MAJLIS,  # a council, elected as a village council is
}

#: The body of a grant that records none (see the module's docstring).
DEFAULT_BODY = Body.GUARDIAN_COUNCIL


def acting_body(recorded: Body | None) -> Body:
    """The body a grant acts for: the one it records, else `DEFAULT_BODY`."""
    return DEFAULT_BODY if recorded is None else recorded


def competent_for(office: Office) -> Body:
    return COMPETENT[office]
