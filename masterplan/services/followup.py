"""Quick-win follow-up after approval (filled in by the follow-up feature)."""


def plan_page_quick_wins(user, plan, data: dict) -> dict:
    """What the plan page's quick-win slot shows this user."""
    return {}
