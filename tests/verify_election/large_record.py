"""`record.py`'s small record with a large contest (docs/e2e.md §11): a Majlis of 2 seats among
256 candidates in constituency M1 (both stations), so slots (§11.1: 2·3·9 = 54 ≤ 257); its rows
mixed by guardians 1 and 3 with the guardians' own service (`services.mixing`), decrypted by
guardians 1 and 3 as a tally, and gathered into `e2e/mixes/majlis/M1.json`; the guardians'
files are left under `<root>/guardians/mixes/`, where `sandogh publish --e2e-decrypted` takes them.
"""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

from sandogh.core.e2e.chain_file import read_chain
from sandogh.core.e2e.mix_files import (
    decode_input,
    encode_input,
    encode_mixes,
    mix_input,
    station_rows,
)
from sandogh.core.e2e.tally_files import decode_tally
from sandogh.services.guardians import Document
from sandogh.services.mixing import MixRandomness, mix, rows_to_decrypt
from tests.verify_election.record import (
    BALLOTS,
    DEFINITION,
    Built,
    G,
    _key,
    _scalar,
    build,
    decrypt,
    write_manifest,
)

CANDIDATES = 256
CODES = [str(1000 + n) for n in range(CANDIDATES)]
_FA_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")

LARGE_DEFINITION = (
    DEFINITION
    + b"""  - id: majlis
    office: parliament
    name: {fa: "\xd9\x85\xd8\xac\xd9\x84\xd8\xb3", en: Majlis}
    rule: {kind: plurality}
    constituencies:
      - {id: M1, name: {fa: "\xd8\xad\xd9\x88\xd8\xb2\xd9\x87", en: M1}, units: [IR-01], seats: 2}
    candidates:
"""
    + "".join(
        f'      - {{code: "{code}", name: {{fa: "ن {code.translate(_FA_DIGITS)}", en: C{code}}}, '
        "constituency: M1}\n"
        for code in CODES
    ).encode()
)

#: BALLOTS with the Majlis on some cards: two names, one, blank, and left off
LARGE_BALLOTS = {
    "ST-1": [
        ({**BALLOTS["ST-1"][0][0], "majlis": ["1003", "1200"]}, True),
        ({**BALLOTS["ST-1"][1][0], "majlis": ["1001"]}, False),  # challenged
        ({**BALLOTS["ST-1"][2][0], "majlis": ["1255"]}, True),
        ({**BALLOTS["ST-1"][3][0], "majlis": []}, True),
    ],
    "ST-2": [
        (BALLOTS["ST-2"][0][0], True),  # no Majlis on this card
        ({**BALLOTS["ST-2"][1][0], "majlis": ["1000", "1003"]}, True),
    ],
}
MIXERS = (1, 3)


def _randomness(label: str) -> MixRandomness:
    """Fixed 'random' values, so that the record is the same bytes on every run."""
    counter = iter(range(10**6))
    chooser = random.Random(label)

    def permutation(n: int) -> list[int]:
        order = list(range(n))
        chooser.shuffle(order)
        return order

    return MixRandomness(
        draw=lambda: _scalar(f"{label} rho {next(counter)}"),
        permutation=permutation,
        seed=lambda: hashlib.sha256(f"{label} seed".encode()).digest(),
    )


def build_large(root: Path) -> Built:
    built = build(root, LARGE_DEFINITION, LARGE_BALLOTS)
    e2e = built.folder / "e2e"
    stations = []
    for station in LARGE_BALLOTS:
        chain = read_chain(built.context, (e2e / "ballots" / f"{station}.jsonl").read_bytes())
        ballots = [b.contests for b in chain.cast_ballots]
        stations.append((station, station_rows(G, "majlis", CANDIDATES, ballots)))
    made_input = mix_input("majlis", "M1", stations)
    input_file = Document("input.json", encode_input(made_input))
    record_file = Document("election.json", (e2e / "election.json").read_bytes())
    mixes: list[Document] = []
    for guardian in MIXERS:
        _, data = mix(
            record_file,
            input_file,
            mixes,
            _key(f"guardian {guardian}"),
            _randomness(f"mixer {guardian}"),
        )
        mixes.append(Document(f"mix-{guardian}.json", data))
    rows = rows_to_decrypt(record_file, input_file, mixes)
    decrypted = decrypt(built.context, built.shares, decode_tally(G, rows, "rows"))
    assert decode_input(G, input_file.data, "input").rows == made_input.rows
    path = e2e / "mixes" / "majlis" / "M1.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(encode_mixes(made_input, [m.data for m in mixes], decrypted))
    exchange = root / "guardians" / "mixes" / "majlis" / "M1"  # as publish --e2e-decrypted takes
    exchange.mkdir(parents=True)
    (exchange.parent / "M1.json").write_bytes(input_file.data)
    for t, made in enumerate(mixes, start=1):
        (exchange / f"mix-{t}.json").write_bytes(made.data)
    (exchange / "rows.json").write_bytes(decrypted)
    write_manifest(built.folder)
    return built
