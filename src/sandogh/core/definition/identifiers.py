"""What the codes, ids and names of an election definition must look like.

`docs/formats.md`: every unit, contest, constituency and party list has a code or id, and every
entry a Persian name (the English one may be empty). Decision where the sources are silent: codes
and ids are ASCII letters, digits, `.`, `_` and `-` so that they survive CSV files, URLs and
Persian-digit normalisation unchanged; an election id is also lower case, as it is typed on the
command line and printed on every report.
"""

from __future__ import annotations

import re

from sandogh.core.definition.model import Name
from sandogh.core.definition.problems import Problem

ELECTION_ID = re.compile(r"[a-z0-9][a-z0-9._-]*")
CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
NO_NAME = "the Persian name is required"


def named(name: Name) -> bool:
    """Whether `name` has its Persian form: white space alone is no name."""
    return bool(name.fa) and not name.fa.isspace()


def bad_code(code: str, path: str) -> Problem:
    return Problem(
        path,
        f"{code!r} must be ASCII letters, digits, '.', '_' or '-', starting with a letter or digit",
    )
