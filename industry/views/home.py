"""The industry partner's home page."""

from django.shortcuts import render

from smartcity.access import role_required
from smartcity.models import User


@role_required(User.Role.PARTNER)
def partner_home(request):
    """An industry partner's page: their organisation's profile."""
    return render(
        request, "industry/home.html", {"organisation": request.user.partner_organisation}
    )
