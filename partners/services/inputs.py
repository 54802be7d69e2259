"""Industry partners' input on submitted plans (filled in by the partner-input feature)."""


def plan_page_inputs(user, plan, data: dict) -> dict:
    """What the plan page's partner-input slot shows this user."""
    return {}
