"""Role checks for views. Object-level reads live in each app's access module; this one only
answers "may this kind of user open this kind of page"."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from .accounts import recently_confirmed
from .models import User

HOME_BY_ROLE = {
    User.Role.STAFF: "staff_home",
    User.Role.OFFICIAL: "official_home",
    User.Role.ASSESSOR: "assessor_home",
    User.Role.MENTOR: "mentor_home",
    User.Role.PARTNER: "partner_home",
    User.Role.EVALUATOR: "evaluator_home",
}


def user_has_role(user, role: str) -> bool:
    """Ministry superusers count as staff; every other role must be set explicitly."""
    if not user.is_authenticated or not user.is_active:
        return False
    if role == User.Role.STAFF:
        return user.is_ministry
    return user.role == role


def home_url_for(user) -> str | None:
    """Where a signed-in user lands: the page with what their role has to do."""
    if user.is_superuser:
        return reverse("staff_home")
    name = HOME_BY_ROLE.get(user.role)
    return reverse(name) if name else None


def role_required(*roles: str):
    """Anonymous users go to the login page; signed-in users of another role get 403."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not any(user_has_role(request.user, role) for role in roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def reconfirmation_needed(request, *, back: str):
    """Before a decision that binds the programme (approving a plan, deciding the selection):
    a redirect to confirm who they are when the person last did so more than
    STAFF_REAUTH_MINUTES ago, returning to `back` afterwards; None when they did recently."""
    if recently_confirmed(request):
        return None
    return redirect(f"{reverse('reconfirm')}?{urlencode({'next': back})}")
