"""PDF jobs of plan versions (filled in by the PDF feature)."""


def plan_page_pdf(user, plan, version) -> dict:
    """What the plan page's PDF slot shows this user."""
    return {}
