"""Use cases of the ballot-code draw (issue 12 §1; outside review S19, F1 and R5): the
headquarters commit to a secret before the contest's final list is published, and draw the codes
of the list by revealing it (`core.candidacy.draw_commitment`, docs/lots.md §5).

The commitment is a candidacy step like the others (stored, logged as `code-draw-committed`,
believed only with its log entry); once the contest's list is published it is refused, and the
list is not published without it (`services.candidacy.publish_list`), so every draw has a secret
fixed before anyone knew whom it would order. The draw refuses a secret whose commitment is not
the one recorded; its seed is `code_seed`(secret, contest, the published list).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from sandogh.core.access import Action
from sandogh.core.candidacy.calendar import Stage, Window
from sandogh.core.candidacy.draw import CodeDraw, draw_codes, with_candidates
from sandogh.core.candidacy.draw_commitment import DrawCommitment, code_seed
from sandogh.core.candidacy.records import Published
from sandogh.core.definition.model import Election
from sandogh.core.definition.validate import require_valid
from sandogh.core.errors import SandoghError
from sandogh.core.readiness.stations import IRAN_TIME
from sandogh.core.rules.lot_commitment import MIN_SECRET, commitment_of
from sandogh.locale.code_draw import CATALOGUE
from sandogh.locale.dates import format_jalali
from sandogh.locale.language import Lang
from sandogh.locale.messages import text_in
from sandogh.services.acting import Actor, guarded
from sandogh.services.candidacy_files import (
    files_of,
    iran_day,
    record_step,
    require_operators,
    schedule_of,
)
from sandogh.services.candidacy_places import require_contest
from sandogh.services.definition_versions import Canonical, NotTheStoredDefinitionError, rewrite
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.lot_commitments import WeakSecretError
from sandogh.services.ports import UnitOfWork


class CodeDrawRefusalError(SandoghError):
    """A refusal about the code draw's commitment, worded in Persian (`fa`) and English (`en`);
    a day is Jalali in each language's digits."""

    def __init__(self, key: str, day: datetime.date | None = None, **values: str) -> None:
        def worded(lang: Lang) -> str:
            dated = {} if day is None else {"day": format_jalali(day, lang)}
            return text_in(CATALOGUE, key, lang, **values, **dated)

        self.fa, self.en = worded("fa"), worded("en")
        super().__init__(f"{self.fa}\n{self.en}")


class DrawCommitmentExistsError(CodeDrawRefusalError):
    def __init__(self, earlier: DrawCommitment) -> None:
        self.earlier = earlier
        super().__init__("draw_commit_exists", earlier.day, contest=earlier.contest, by=earlier.by)


class DrawCommitmentTooLateError(CodeDrawRefusalError):
    def __init__(self, published: Published) -> None:
        self.published = published
        super().__init__(
            "draw_commit_late", published.day, contest=published.contest, by=published.by
        )


class DrawCommitmentTooEarlyError(CodeDrawRefusalError):
    """While registration is open the list the secret will order is not yet closed to new
    applicants; the commitment is made once whom it may order is fixed."""

    def __init__(self, contest: str, registration: Window) -> None:
        self.registration = registration
        super().__init__("draw_commit_early", registration.last, contest=contest)


class ListPublishedError(CodeDrawRefusalError):
    """A final list is published once (the usability review): a second one would let the
    headquarters change whom the committed secret orders."""

    def __init__(self, published: Published) -> None:
        self.published = published
        super().__init__(
            "list_published", published.day, contest=published.contest, by=published.by
        )


class NoDrawCommitmentError(CodeDrawRefusalError):
    def __init__(self, contest: str) -> None:
        self.contest = contest
        super().__init__("draw_no_commitment", contest=contest)


class DrawSecretMismatchError(CodeDrawRefusalError):
    def __init__(self, made: DrawCommitment) -> None:
        self.made = made
        values = {"contest": made.contest, "commitment": made.commitment, "by": made.by}
        super().__init__("draw_secret_mismatch", None, **values)


class NotPublishedError(SandoghError):
    def __init__(self, election: str, contest: str) -> None:
        self.contest = contest
        super().__init__(f"the final list of {contest} in {election} is not published")


class AlreadyDrawnError(SandoghError):
    def __init__(self, drawn: CodeDraw) -> None:
        self.drawn = drawn
        super().__init__(
            f"the codes of {drawn.contest} were drawn with seed {drawn.seed!r} by "
            f"{', '.join(drawn.drawn_by)}; a draw is made once"
        )


def commit_draw(
    uow: UnitOfWorkFactory,
    actor: Actor,
    election: str,
    contest: str,
    *,
    secret: str,
    now: datetime.datetime,
) -> DrawCommitment:
    """Record the commitment to `secret` (its `commitment_of`; the secret is not kept) for the
    code draw of `contest`: once, under a grant whose place holds every constituency of the
    contest, after registration closed and before its final list is published."""
    if len(secret.strip()) < MIN_SECRET:
        raise WeakSecretError()

    def use_case(work: UnitOfWork) -> DrawCommitment:
        require_contest(work, actor, Action.MANAGE_CANDIDACY, election, contest)
        registration = schedule_of(work, election, contest).window(Stage.REGISTRATION)
        if registration is not None and not _closed(registration, now):
            raise DrawCommitmentTooEarlyError(contest, registration)
        recorded = files_of(work, election)
        published = [p for p in recorded.published if p.contest == contest]
        if published:
            raise DrawCommitmentTooLateError(published[0])
        earlier = commitment_for(recorded.commitments, contest)
        if earlier is not None:
            raise DrawCommitmentExistsError(earlier)
        made = DrawCommitment(contest, commitment_of(secret), iran_day(now), actor.username)
        record_step(work, actor, election, made, now=now)
        return made

    return guarded(uow, actor, now, use_case)


def _closed(window: Window, now: datetime.datetime) -> bool:
    day, hour = iran_day(now), now.astimezone(IRAN_TIME).time()
    return day > window.last or (window.holds(day) and not window.holds(day, hour))


def commitment_for(made: Sequence[DrawCommitment], contest: str) -> DrawCommitment | None:
    return next((c for c in made if c.contest == contest), None)


def draw(
    uow: UnitOfWorkFactory,
    actor: Actor,
    draft: Election,
    contest: str,
    *,
    secret: str,
    drawn_by: Sequence[str],
    width: int,
    pool: Sequence[str] = (),
    canonical: Canonical,
    now: datetime.datetime,
) -> tuple[Election, str, CodeDraw]:
    """Draw the codes of the contest's published list, less those who withdrew from it, by
    revealing the secret committed before it, and make them its candidates in `draft`: the new
    definition and its hash. Recorded once; asked again with the same secret and people it gives
    the same definition, with anything else it is refused. Each of `drawn_by` is an operator
    account of the store (`NotAnOperatorError`), as a board decision's members are.

    When the election is stored, `draft` must be the definition stored (the console draws on
    it, `sandogh candidates draw` on its file), and the drawn definition is stored in its place
    in the same transaction (`services.definition_versions`); asked again, the draw gives the
    definition stored."""

    def use_case(work: UnitOfWork) -> tuple[Election, str, CodeDraw]:
        require_contest(work, actor, Action.MANAGE_CANDIDACY, draft.id, contest)
        require_operators(work, drawn_by)  # each drawer an account, as a board's members are
        recorded = files_of(work, draft.id)
        lists = [p for p in recorded.published if p.contest == contest]
        if not lists:
            raise NotPublishedError(draft.id, contest)
        files = [recorded.files[n] for n in lists[-1].applicants]
        listed = tuple(f for f in files if f.withdrew is None)
        committed = commitment_for(recorded.commitments, contest)
        if committed is None:
            raise NoDrawCommitmentError(contest)
        if commitment_of(secret) != committed.commitment:
            raise DrawSecretMismatchError(committed)
        seed = code_seed(secret, contest, lists[-1].applicants)
        made = draw_codes(
            contest, seed, tuple(drawn_by), listed, width, pool=tuple(pool), secret=secret
        )
        earlier = [d for d in recorded.draws if d.contest == contest]
        if earlier and earlier[-1] != made:
            raise AlreadyDrawnError(earlier[-1])
        stored = work.elections.get(draft.id)
        if earlier and stored is not None:
            return stored.election, stored.definition_hash, made
        given = canonical.hash_of(draft)
        if stored is not None and given != stored.definition_hash:
            raise NotTheStoredDefinitionError(draft.id, stored.definition_hash, given)
        election = require_valid(with_candidates(draft, made, recorded.files))
        definition_hash = canonical.hash_of(election)
        if stored is not None:
            rewrite(work, actor, stored, election, canonical, because="draw", now=now)
        if not earlier:
            extra = {"definition_hash": definition_hash}
            record_step(work, actor, draft.id, made, now=now, extra=extra)
        return election, definition_hash, made

    return guarded(uow, actor, now, use_case)
