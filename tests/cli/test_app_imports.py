"""What starting the `sandogh` command imports: its commands' options, not their machinery.

Every `sandogh` process imports `sandogh.cli.app` before it does anything, so whatever that import
pulls in is paid by `sandogh --help`, a voter's check and every subprocess of the test suite. The
store, the server, the demo, the printers and the services are imported by the command that uses
them; this holds that no top-level import brings one of them back.
"""

from __future__ import annotations

import json
import subprocess
import sys

#: What a command imports only when it runs: the store (SQLAlchemy, Alembic), the centre (FastAPI,
#: uvicorn, its settings), the definition's reader (pydantic), the demos, the box and its printers
#: (python-escpos), and the heavier services.
DEFERRED = (
    "sqlalchemy",
    "alembic",
    "fastapi",
    "uvicorn",
    "pydantic",
    "escpos",
    "sandogh.formats.definition_file",
    "sandogh.store.schema",
    "sandogh.store.unit_of_work",
    "sandogh.server.process",
    "sandogh.server.settings",
    "sandogh.server.readiness",
    "sandogh.cli.demo",
    "sandogh.cli.live_demo",
    "sandogh.cli.simulate",
    "sandogh.station.box",
    "sandogh.station.printers",
    "sandogh.publish.snapshot",
    "sandogh.publish.audit_verify",
    "sandogh.services.anchor",
    "sandogh.services.audit_status",
)


def test_importing_the_command_leaves_every_command_s_machinery_unimported() -> None:
    # a fresh interpreter: this test process has imported all of them already
    code = (
        "import json, sys\n"
        "import sandogh.cli.app\n"
        f"print(json.dumps([name for name in {list(DEFERRED)!r} if name in sys.modules]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert json.loads(done.stdout) == []
