"""`sandogh verify-election`: the independent verifier of the E2E election record (`docs/e2e.md`
§9, §10).

Written from the specification alone: of sandogh it imports only the group (§1) and the hash
functions (§2), which an import-linter contract enforces, so that it checks the prover's work
rather than repeating its mistakes. `run.verify_election` is the entry point.
"""
