"""Sign-in rules beyond the password: the second factor of ministry staff, their shorter
sessions, and the recent confirmation asked before approvals and the selection.

Ministry staff (role STAFF and superusers, `User.is_ministry`) run the selection, approve plans
and read every region's documents, so one password is not enough (OWASP ASVS level 2): they
prove a TOTP code from an authenticator app, or use one of their single-use recovery codes.
django-otp keeps the devices and marks a session verified; this module holds our rules on top.
"""

import time

import django_otp
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.dispatch import receiver
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10
# When the signed-in person last proved who they are (password, code or confirmation), as a
# Unix time in the session.
CONFIRMED_AT_SESSION_KEY = "smartcity_confirmed_at"


def second_factor_required(user) -> bool:
    """Ministry staff must pass a second factor; other roles sign in with their password."""
    return user.is_authenticated and user.is_ministry


def totp_device_of(user) -> TOTPDevice | None:
    """The user's confirmed authenticator, if they have set one up."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def totp_device_start(*, user) -> TOTPDevice:
    """The authenticator being set up: a fresh secret, unconfirmed until a code proves it.

    The same unconfirmed device is reused while the setup page is reloaded, so the secret
    the person typed into their app stays valid.
    """
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Aplikasi autentikator", confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, request, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm a new authenticator with its first code; mark the session verified and return
    fresh recovery codes (shown once), or None when the code is wrong."""
    if not device.verify_token(token):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    codes = recovery_codes_issue(user=device.user)
    second_factor_passed(request, device)
    return codes


def recovery_codes_issue(*, user, codes: list[str] | None = None) -> list[str]:
    """Replace the user's recovery codes (each works once) with new random ones, or `codes`."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name="Kode pemulihan", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = codes or [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def is_totp_code(token: str) -> bool:
    """Six digits, as an authenticator app shows them (spaces allowed)."""
    token = "".join(token.split())
    return token.isdigit() and len(token) == 6


def second_factor_check(*, user, token: str):
    """The device that accepts `token`: six digits go to the authenticator, anything else is
    tried as a recovery code (which is then used up). None when nothing accepts it.

    Each device is asked on its own (not django-otp's match_token), so a mistyped TOTP code
    never counts against the recovery codes' throttling, and the reverse.
    """
    token = "".join(token.split()).lower()
    if is_totp_code(token):
        devices = TOTPDevice.objects.devices_for_user(user, confirmed=True)
    else:
        devices = StaticDevice.objects.devices_for_user(user, confirmed=True)
    for device in devices:
        verified = django_otp.verify_token(user, device.persistent_id, token)
        if verified is not None:
            return verified
    return None


def second_factor_passed(request, device) -> None:
    """Mark the session verified by `device` (django-otp's session key) and just confirmed."""
    django_otp.login(request, device)
    confirmation_record(request)


def confirmation_record(request) -> None:
    """The person just proved who they are; approvals and the selection may go ahead."""
    request.session[CONFIRMED_AT_SESSION_KEY] = int(time.time())


def recently_confirmed(request) -> bool:
    """Whether the person proved who they are within STAFF_REAUTH_MINUTES."""
    confirmed_at = request.session.get(CONFIRMED_AT_SESSION_KEY, 0)
    return time.time() - confirmed_at <= settings.STAFF_REAUTH_MINUTES * 60


@receiver(user_logged_in, dispatch_uid="smartcity.accounts.on_login")
def on_login(sender, request, user, **kwargs):
    """Every sign-in confirms who the person is; ministry staff get a shorter session."""
    if request is None or not hasattr(request, "session"):
        return
    confirmation_record(request)
    if user.is_ministry:
        request.session.set_expiry(settings.STAFF_SESSION_HOURS * 3600)
