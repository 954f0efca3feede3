"""Failures of the use cases; each names what is wrong so the command can say it in one line."""

from __future__ import annotations

from collections.abc import Sequence

from sandogh.core.counting.reconcile import Finding
from sandogh.core.errors import SandoghError


class ElectionNotFoundError(SandoghError):
    def __init__(self, election_id: str, known: Sequence[str]) -> None:
        have = ", ".join(known) if known else "none is loaded"
        super().__init__(f"no election '{election_id}' in the store (loaded: {have})")
        self.election_id = election_id
        self.said = (
            "election-unknown",
            {"election": election_id, "known": ", ".join(known) or "—"},
        )


class ElectionChoiceError(SandoghError):
    """No election was named and the store does not hold exactly one."""

    def __init__(self, known: Sequence[str]) -> None:
        if known:
            message = f"name the election with --election: the store holds {', '.join(known)}"
            self.said = ("election-unnamed", {"known": ", ".join(known)})
        else:
            message = "the store holds no election yet: load a definition with `sandogh load`"
            self.said = ("election-none", {})
        super().__init__(message)


class ElectionIdTakenError(SandoghError):
    def __init__(self, election_id: str, stored_hash: str, new_hash: str) -> None:
        super().__init__(
            f"election '{election_id}' is already loaded with another definition "
            f"({stored_hash}); this file is {new_hash}. Give the new definition a new id"
        )


class UnknownUnitError(SandoghError):
    def __init__(self, election_id: str, code: str) -> None:
        super().__init__(f"election '{election_id}' has no reporting unit '{code}'")
        self.said = ("unit-unknown", {"election": election_id, "code": code})


class UnknownContestError(SandoghError):
    def __init__(self, election_id: str, contest: str, known: Sequence[str]) -> None:
        super().__init__(
            f"election '{election_id}' has no contest '{contest}' (it has {', '.join(known)})"
        )
        self.said = (
            "contest-unknown",
            {"election": election_id, "contest": contest, "known": ", ".join(known)},
        )


class ResultsAlreadyImportedError(SandoghError):
    def __init__(self, election_id: str, pairs: Sequence[tuple[str, str]]) -> None:
        shown = ", ".join(f"{station}/{contest}" for station, contest in pairs[:5])
        more = f" and {len(pairs) - 5} more" if len(pairs) > 5 else ""
        super().__init__(
            f"{len(pairs)} sheet(s) of election '{election_id}' are already stored: "
            f"{shown}{more}; nothing was imported"
        )
        self.pairs = tuple(pairs)
        stations = list(dict.fromkeys(station for station, _ in pairs))
        first = ", ".join(stations[:5]) + (", …" if len(stations) > 5 else "")
        # the command's line names the stations, not the contests' machine ids
        self.said = (
            "results-stored",
            {"count": len(pairs), "election": election_id, "first": first},
        )


class SheetsDoNotReconcileError(SandoghError):
    """Station sheets whose own figures disagree; they are not stored, never corrected."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        first = findings[0]
        super().__init__(
            f"{len(findings)} figure(s) do not reconcile, nothing was imported; first: "
            f"{first.where}/{first.contest} {first.figure} is {first.actual}, "
            f"expected {first.relation.value} {first.expected} ({first.identity.value})"
        )
        self.findings = tuple(findings)
