"""The bounds on one server process's connections (`server.listening` says why each is there):
the settings the centre, the results site and the kiosk are run with."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

#: DESIGN.md §6 and issue 9: no connection is held open by a silent client for more than this.
MAX_SECONDS = 30


class ListenSettings(BaseModel):
    """The bounds on the connections of one server process (seconds; bytes; connections)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    #: From a connection opening (or a later request's first byte) to the end of its headers.
    header_seconds: Annotated[int, Field(ge=1, le=MAX_SECONDS)] = 10
    #: From the end of a request's headers to the end of its body.
    body_seconds: Annotated[int, Field(ge=1, le=MAX_SECONDS)] = 30
    #: How long a connection may wait idle for its next request.
    keep_alive_seconds: Annotated[int, Field(ge=1, le=MAX_SECONDS)] = 5
    #: Open connections at which new requests are answered 503 at once.
    max_connections: Annotated[int, Field(ge=2, le=100_000)] = 1_000
    #: The request line and headers, at most (h11's default bound, kept on httptools).
    max_header_bytes: Annotated[int, Field(ge=1024, le=1024 * 1024)] = 16 * 1024
    #: How long an answer's bytes may wait for the client to take them up.
    write_seconds: Annotated[int, Field(ge=1, le=MAX_SECONDS)] = 30
    #: Requests one connection may queue behind the one being answered (pipelined).
    max_pipelined: Annotated[int, Field(ge=1, le=1_000)] = 16
