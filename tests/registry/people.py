"""National codes for the tests of the file-backed registry, and an import measured on its own."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sandogh.core.voters import check_digit


def code(n: int) -> str:
    """A valid national code for each n from 1 to 10^8 (n × 7919 runs through distinct nines)."""
    nine = f"{(n * 7_919 + 12_345) % 10**9:09d}"
    return nine + str(check_digit(nine))


def many_codes(count: int) -> Iterator[str]:
    """`count` distinct codes from 100000000…, in a scattered order as a real file's would be,
    fast: the check digit's weighted sum is added up from three blocks of three digits (weights
    10 9 8, 7 6 5, 4 3 2), each looked up. `count` must be prime to 7919."""
    blocks = [
        [sum(int(d) * w for d, w in zip(f"{n:03d}", weights, strict=True)) for n in range(1000)]
        for weights in ((10, 9, 8), (7, 6, 5), (4, 3, 2))
    ]
    for j in range(count):
        k = 100_000_000 + j * 7_919 % count
        r = (blocks[0][k // 1_000_000] + blocks[1][k // 1000 % 1000] + blocks[2][k % 1000]) % 11
        yield f"{k:09d}{r if r < 2 else 11 - r}"


# The peak resident size is read from the kernel's VmHWM, which starts afresh with the process's
# own memory; getrusage's ru_maxrss would carry the parent's peak over from before the exec.
_IMPORT = """
import json, sys, time
from pathlib import Path
from sandogh.registry.file import import_registry
def peak_kib():
    with open("/proc/self/status") as status:
        return next(int(l.split()[1]) for l in status if l.startswith("VmHWM:"))
before = peak_kib()
start = time.perf_counter()
done = import_registry(Path(sys.argv[1]), Path(sys.argv[2]), batch=int(sys.argv[3]))
seconds = time.perf_counter() - start
after = peak_kib()
print(json.dumps({"people": done.people, "seconds": seconds, "growth_kib": after - before}))
"""


def measured_import(source: Path, target: Path, batch: int) -> dict[str, Any]:
    """Import `source` in a process of its own, so that its peak memory is the import's and
    nothing else's: the people imported, the seconds taken and the growth of the peak (KiB)."""
    run = subprocess.run(
        [sys.executable, "-c", _IMPORT, str(source), str(target), str(batch)],
        capture_output=True,
        text=True,
        check=True,
    )
    measured: dict[str, Any] = json.loads(run.stdout)
    return measured
