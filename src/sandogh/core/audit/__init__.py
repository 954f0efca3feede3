"""Risk-limiting audits (issue 11), as `docs/audit.md` specifies them: the ballot manifest, the
public seed and the sample (`manifest`, `sampling`), the assertions and the risk measures."""
