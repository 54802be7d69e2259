"""Request-wide rules of the foundation: the staff's second factor, and the Permissions-Policy
header."""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode

from .accounts import second_factor_required, totp_device_of

# What a ministry user who has only typed their password may open: the second factor itself,
# leaving, and pages that need no sign-in at all.
BEFORE_SECOND_FACTOR = {
    "login",
    "logout",
    "otp_verify",
    "otp_setup",
    "set_language",
    "healthz",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
}


class SecondFactorMiddleware:
    """Ministry staff who have not passed their second factor open nothing else.

    Checked for every request, not only on staff pages: downloads are guarded by object access
    (staff may read every region's documents) and the admin has its own views, so a page-level
    check would leave them open to a password-only session. Must follow django-otp's
    OTPMiddleware, which tells whether the session is verified.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            second_factor_required(user)
            and not user.is_verified()
            and _url_name(request.path_info) not in BEFORE_SECOND_FACTOR
        ):
            return _to_second_factor(request)
        return self.get_response(request)


def _url_name(path: str) -> str | None:
    try:
        return resolve(path).url_name
    except Resolver404:
        return None


def _to_second_factor(request):
    """To the code page, or to set up an authenticator for whoever has none yet."""
    name = "otp_verify" if totp_device_of(request.user) else "otp_setup"
    url = reverse(name)
    if request.method == "GET":
        url += "?" + urlencode({"next": request.get_full_path()})
    return redirect(url)


class PermissionsPolicyMiddleware:
    """Tell browsers the portal uses no camera, microphone, location, payment or USB, so an
    injected script or frame cannot ask for them either."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
