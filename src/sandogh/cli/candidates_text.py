"""The error a `sandogh candidates` command raises when refused, worded in its language by the
console's candidacy refusals (`server.console.candidacy_refusals.said`)."""

from __future__ import annotations

from sandogh.core.errors import SandoghError


class CandidatesCommandError(SandoghError):
    """A `candidates` command refused; its message in the language it was run in."""
