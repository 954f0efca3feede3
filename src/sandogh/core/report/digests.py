"""The one text form of a digest sandogh prints: `sha256:` and the lowercase hex SHA-256.

docs/formats.md writes the definition hash this way; the CVR digest and the report hash follow it,
so a printed station report shows a single kind of digest that anyone can recompute with
`sha256sum`.
"""

from __future__ import annotations

import hashlib
import re

DIGEST = re.compile(r"sha256:[0-9a-f]{64}")


def sha256_text(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()
