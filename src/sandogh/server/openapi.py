"""Print the station API's OpenAPI document, as committed in docs/openapi.json.

Regenerate it after changing the API: `.venv/bin/python -m sandogh.server.openapi >
docs/openapi.json` (a test fails while the two differ).
"""

from __future__ import annotations

import json
import sys

from sandogh.server.app import api_document


def render() -> str:
    """The document as committed: keys sorted, two-space indent, UTF-8, a final newline."""
    return json.dumps(api_document(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    sys.stdout.write(render())
