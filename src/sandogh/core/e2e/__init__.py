"""End-to-end verifiable ballots (issue 10), as `docs/e2e.md` specifies them: the group and its
hashes, exponential ElGamal, the guardians' key ceremony, the box's encrypted ballots with their
proofs and confirmation codes, the homomorphic tally and its decryption. Pure: every nonce is an
argument, drawn by the adapter that calls."""
