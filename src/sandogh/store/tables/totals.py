"""Running totals of results (issue 14): each unit's and constituency's figures per contest.

One row per (election, contest, scope, code) holds the figures of `core.counting.running.Running`
in integer columns, an invalid kind NULL until a sheet below names it (as on a tally sheet); the
candidates' votes are rows of their own, so that a report's delta adds into each with
`votes = votes + :n` rather than rewriting a JSON object two reports may change at once.
`results_totals_filled` names the elections whose totals are kept, and the definition they were
counted under: an election without its row (stored before revision 0024) is counted in full on
its first read or write (`services.totals`).
"""

from __future__ import annotations

from sqlalchemy import ForeignKeyConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sandogh.store.tables.base import Base, Code


def _of_an_election() -> ForeignKeyConstraint:
    return ForeignKeyConstraint(["election_id"], ["elections.id"])


class TotalsFilledRow(Base):
    __tablename__ = "results_totals_filled"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    definition_hash: Mapped[str]

    __table_args__ = (_of_an_election(),)


class ResultsTotalRow(Base):
    __tablename__ = "results_totals"

    # the key's order is that of a read: a unit's rows (every contest) by its code
    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    scope: Mapped[str] = mapped_column(Code, primary_key=True)  # unit | constituency
    code: Mapped[str] = mapped_column(Code, primary_key=True)
    contest: Mapped[str] = mapped_column(Code, primary_key=True)
    stations_reported: Mapped[int]
    papers_received: Mapped[int]
    papers_used: Mapped[int]
    papers_unused: Mapped[int]
    papers_spoiled: Mapped[int]
    cast: Mapped[int]
    valid: Mapped[int]
    invalid_blank: Mapped[int | None]
    invalid_illegible: Mapped[int | None]
    invalid_non_candidate: Mapped[int | None]
    invalid_multiple_names: Mapped[int | None]
    invalid_crossed_out: Mapped[int | None]
    void: Mapped[int]

    # No CHECK that a figure is not negative: the databases check the row an upsert proposes
    # (a void's delta, below zero) before they find the row it adds into.
    __table_args__ = (_of_an_election(),)


class ResultsTotalVoteRow(Base):
    __tablename__ = "results_total_votes"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    scope: Mapped[str] = mapped_column(Code, primary_key=True)
    code: Mapped[str] = mapped_column(Code, primary_key=True)
    contest: Mapped[str] = mapped_column(Code, primary_key=True)
    candidate: Mapped[str] = mapped_column(Code, primary_key=True)
    votes: Mapped[int]

    __table_args__ = (_of_an_election(),)


class CertifiedNodeRow(Base):
    """A node of a totals tree (`core.supervision.totals_tree`): a unit's or a station's, of one
    contest, written when its result is certified, and (revision 0027) of the contest's running
    tree (`core.supervision.running_tree`). Not believed: a read recomputes what it reads and
    holds the nodes it takes from here to the root a log entry records."""

    __tablename__ = "certified_totals_nodes"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    contest: Mapped[str] = mapped_column(Code, primary_key=True)
    code: Mapped[str] = mapped_column(Code, primary_key=True)
    node: Mapped[str]
    below: Mapped[str | None]  # a unit's: the hash of the nodes just below it
    pages: Mapped[str | None]  # a unit's page hashes, page 1 first, space-separated (format 2)

    __table_args__ = (_of_an_election(),)
