"""The competent body per office (reference/iran-election-rules.md, "Who approves"), and the body
of a grant that records none."""

from __future__ import annotations

from sandogh.core.access import COMPETENT, Body, acting_body, competent_for
from sandogh.core.definition.model import Office


def test_every_office_has_its_competent_body() -> None:
    # an office added fails here until it is given one
    assert set(COMPETENT) == set(Office)
    assert {o for o in Office if competent_for(o) is Body.GUARDIAN_COUNCIL} == {
        Office.PRESIDENT,
        Office.PARLIAMENT,
        Office.EXPERTS,
    }
    assert {o for o in Office if competent_for(o) is Body.MAJLIS} == {
        Office.CITY_COUNCIL,
        Office.VILLAGE_COUNCIL,
        Office.NOMAD_COUNCIL,
    }


def test_a_grant_without_a_body_acts_for_the_guardian_council() -> None:
    assert acting_body(None) is Body.GUARDIAN_COUNCIL
    assert acting_body(Body.MAJLIS) is Body.MAJLIS
