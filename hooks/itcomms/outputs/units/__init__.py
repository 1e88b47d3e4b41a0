"""A page per business unit, and each unit's quarterly review."""
