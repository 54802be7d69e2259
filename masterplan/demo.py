"""Demo master plans (filled in by the demo feature)."""


def seed_masterplans() -> None:
    """Bandung approved and enacted, Sukoharjo under review, others in other states."""
