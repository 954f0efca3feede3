"""The candidacy page's forms of the code draw (docs/lots.md §5): the commitment to the draw's
secret, the final list, and the draw that reveals the secret. They call the use cases
`sandogh candidates commit|final-list|draw` call (`services.code_draw`, `services.candidacy`),
which hold each to a grant whose place covers every constituency of the contest; the page is
`candidacy_page`'s, shown again with the codes and the new definition's hash, or with the
refusal."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from sandogh.core.errors import SandoghError
from sandogh.formats.definition_file import CANONICAL
from sandogh.locale import to_ascii_digits
from sandogh.server.console.candidacy_day import candidacy_day
from sandogh.server.console.candidacy_page import _acting, _field, _names, _refusal, _shown
from sandogh.server.console.gate import PageDep
from sandogh.services.acting import AccessDeniedError
from sandogh.services.candidacy import publish_list
from sandogh.services.code_draw import commit_draw, draw

router = APIRouter(prefix="/console/candidacy", include_in_schema=False)


@router.post("/commit")
def commit(page: PageDep) -> Response:
    election = candidacy_day(page).election.id
    secret = _field(page, "secret")
    return _acting(
        page,
        lambda: commit_draw(
            page.centre.uow,
            page.actor,
            election,
            page.form.get("contest", ""),
            secret=secret,
            now=page.centre.clock(),
        ),
    )


@router.post("/final-list")
def publish(page: PageDep) -> Response:
    election = candidacy_day(page).election.id
    return _acting(
        page,
        lambda: publish_list(
            page.centre.uow,
            page.actor,
            election,
            page.form.get("contest", ""),
            now=page.centre.clock(),
        ),
    )


@router.post("/draw")
def draw_codes(page: PageDep) -> Response:
    """The draw into the stored definition, saved in its place by the use case `sandogh
    candidates draw` calls: the page shows the codes and the new definition's hash."""
    width = to_ascii_digits(page.form.get("width", "").strip() or "0")
    try:
        made = draw(
            page.centre.uow,
            page.actor,
            candidacy_day(page).election,
            page.form.get("contest", ""),
            secret=_field(page, "secret"),
            drawn_by=_names(page, "drawn_by"),
            width=int(width) if width.isascii() and width.isdigit() and len(width) < 3 else 0,
            canonical=CANONICAL,
            now=page.centre.clock(),
        )
    except AccessDeniedError as denied:
        return _shown(page, refused=_refusal(page, denied), status=403)
    except SandoghError as refused:
        return _shown(page, refused=_refusal(page, refused), status=422)
    _election, new_hash, drawn = made
    return _shown(page, drawn=drawn, new_hash=new_hash)
