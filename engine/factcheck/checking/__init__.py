"""Checking: rule expressions evaluated on claims, findings made, suppressions and baselines applied."""
