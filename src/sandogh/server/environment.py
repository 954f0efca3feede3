"""The environment variables the central service reads, in a module of their own so that the
`sandogh` command's options can name them without importing the server's settings."""

from __future__ import annotations

LEDGER_SECRET_VAR = "SANDOGH_LEDGER_SECRET"
OPERATOR_TOKEN_VAR = "SANDOGH_OPERATOR_TOKEN"
REGISTRY_VAR = "SANDOGH_REGISTRY"
LOG_KEY_VAR = "SANDOGH_LOG_KEY_FILE"
SERVER_KEY_VAR = "SANDOGH_SERVER_KEY_FILE"
