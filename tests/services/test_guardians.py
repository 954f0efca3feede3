"""The guardians' steps over their files (`services.guardians`): a ceremony of 3 with quorum 2, a
bad share and who is named, a changed or missing file refused by name."""

from __future__ import annotations

import pytest

from sandogh.core.e2e.ceremony_record import CeremonyError
from sandogh.core.e2e.signed_json import GuardianFileError
from sandogh.services import guardians as g
from sandogh.services.guardians import Document
from tests.services.ceremony_build import KEYS, docs, start


def test_a_bad_share_is_complained_of_revealed_and_its_sender_named() -> None:
    run = start(corrupt=2)
    checks = {}
    for i in (1, 3):
        checked = g.check(
            run.plan,
            Document("s", run.secrets[i]),
            run.publics,
            docs("shares", run.shares),
            [],
            key=KEYS[i],
        )
        assert [(c.by, c.against) for c in checked.complaints] == [(i, 2)]
        assert checked.key is None
        checks[i] = checked.check
    # guardian 2's secret file is the honest one: its reveal does not give back what it signed
    revealed = g.reveal(run.plan, Document("s", run.secrets[2]), docs("check", checks), KEYS[2])
    assert revealed is not None
    checks[2] = g.check(
        run.plan,
        Document("s", run.secrets[2]),
        run.publics,
        docs("shares", run.shares),
        [],
        key=KEYS[2],
    ).check
    with pytest.raises(CeremonyError, match="guardian 2 \\(G2\\) sent a bad share") as caught:
        g.finish(
            run.plan,
            run.publics,
            docs("shares", run.shares),
            docs("check", checks),
            [Document("r", revealed)],
        )
    assert {f.guardian for f in caught.value.faults} == {2}
    # the review: guardian 2 never ran its check; the upheld complaint is named, first
    without = {i: checks[i] for i in (1, 3)}
    with pytest.raises(CeremonyError) as caught:
        g.finish(
            run.plan,
            run.publics,
            docs("shares", run.shares),
            docs("check", without),
            [Document("r", revealed)],
        )
    assert [f.reason for f in caught.value.faults] == [
        "sent a bad share to guardian 1 (G1)",
        "sent a bad share to guardian 3 (G3)",
        "has not published its check file",
    ]
    with pytest.raises(CeremonyError, match="guardian 2"):
        g.check(
            run.plan,
            Document("s", run.secrets[1]),
            run.publics,
            docs("shares", run.shares),
            [Document("r", revealed)],
            key=KEYS[1],
        )
    # without a reveal, guardian 2 is named all the same
    with pytest.raises(CeremonyError, match="guardian 2"):
        g.finish(run.plan, run.publics, docs("shares", run.shares), docs("check", checks), [])


def test_a_file_of_another_guardian_or_changed_is_refused_by_name() -> None:
    run = start()
    changed = run.publics[0].data.replace(b'"guardian":1', b'"guardian":2')
    with pytest.raises(GuardianFileError, match=r"guardian-1\.public\.json: signature"):
        g.share(
            run.plan,
            Document("s", run.secrets[1]),
            [Document("guardian-1.public.json", changed), *run.publics[1:]],
            KEYS[1],
        )
    with pytest.raises(CeremonyError, match="guardian 3 \\(G3\\) has published no public file"):
        g.share(run.plan, Document("s", run.secrets[1]), run.publics[:2], KEYS[1])
