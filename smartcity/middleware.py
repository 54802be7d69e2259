"""Request-wide rules of the foundation: the staff's second factor, the Permissions-Policy
header, a clear refusal for a write that lost a race, and messages after an htmx save."""

import logging

from django.conf import settings
from django.contrib import messages
from django.db import IntegrityError, OperationalError
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from .accounts import second_factor_required, totp_device_of

logger = logging.getLogger(__name__)

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


CHANGED_MEANWHILE = _(
    "Data ini baru saja diubah oleh orang lain; tidak ada yang tersimpan dari isian Anda. "
    "Muat ulang halaman dan coba lagi."
)
DATABASE_BUSY = _(
    "Portal sedang sibuk menyimpan data lain; tidak ada yang tersimpan dari isian Anda. "
    "Coba lagi sebentar lagi."
)


class ConcurrencyRefusalMiddleware:
    """A write that lost a race answers with a clear refusal, not a server error.

    The services lock and check what they change (conditional updates, row locks, one-time form
    tokens); what is left is a clash only the database sees: two first-time creations of a row
    that must be unique (IntegrityError, e.g. two staff creating a region's Dewan at once), or
    SQLite's lock held past its busy timeout by another process (OperationalError "database is
    locked"). Nothing was written by the losing request (its transaction rolled back); it gets
    409 or 503 with what to do, and the error goes to the log.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, IntegrityError):
            status, message = 409, CHANGED_MEANWHILE
        elif isinstance(exception, OperationalError) and "locked" in str(exception):
            status, message = 503, DATABASE_BUSY
        else:
            return None
        logger.error("refused after a concurrent write: %s", exception, exc_info=exception)
        return render(request, "refused.html", {"message": message}, status=status)


class HtmxMessagesMiddleware:
    """After an htmx save, the messages the view added reach the page too.

    A full page shows messages in its layout; an htmx response replaces only part of a page, so
    the pending messages ride along out of band into the layout's `#messages` region (issue #13:
    a programme, comment or partner input saved with no word of success). Listed after
    `MessageMiddleware`, so what this shows is consumed before the storage keeps it for the next
    page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.headers.get("HX-Request") == "true"
            and not response.streaming
            and 200 <= response.status_code < 300
            and response.get("Content-Type", "").startswith("text/html")
            and "HX-Redirect" not in response
            and "HX-Location" not in response
            and "HX-Refresh" not in response
        ):
            pending = list(messages.get_messages(request))
            if pending:
                response.content += render_to_string(
                    "_messages.html", {"messages": pending, "oob": True}, request=request
                ).encode(response.charset)
        return response
