"""The fleet of ballot boxes (issue 12): the builds they may run, and their shipping."""

from sandogh.core.fleet.builds import (
    BuildDecision,
    BuildDecisionError,
    BuildRefusal,
    approved,
    as_of,
    attested,
    build_refusal,
    decision_problems,
    update_of,
)
from sandogh.core.fleet.shipping import (
    SENDS,
    STEPS,
    Handover,
    ShippingError,
    Step,
    check_handover,
    expected_step,
    leg_to,
)

__all__ = [
    "SENDS",
    "STEPS",
    "BuildDecision",
    "BuildDecisionError",
    "BuildRefusal",
    "Handover",
    "ShippingError",
    "Step",
    "approved",
    "as_of",
    "attested",
    "build_refusal",
    "check_handover",
    "decision_problems",
    "expected_step",
    "leg_to",
    "update_of",
]
