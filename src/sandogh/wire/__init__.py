"""The wire protocol the ballot box and the centre share: API paths and signed requests."""
