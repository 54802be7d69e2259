"""The second step of signing in for ministry staff (a code from their authenticator app, or a
recovery code), setting up that app, and the confirmation asked again before approvals and the
selection. The rules live in smartcity/accounts.py."""

from base64 import b32encode

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from .access import role_required
from .accounts import (
    confirmation_record,
    is_totp_code,
    second_factor_check,
    second_factor_passed,
    totp_device_confirm,
    totp_device_of,
    totp_device_start,
)
from .models import User

staff_only = role_required(User.Role.STAFF)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Kode verifikasi"),
        max_length=32,
        help_text=_("Enam angka dari aplikasi autentikator, atau salah satu kode pemulihan."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


class ReconfirmForm(forms.Form):
    secret = forms.CharField(
        label=_("Kata sandi atau kode verifikasi"),
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )


def _next_url(request) -> str:
    """Where to go afterwards: the page asked for, if it is on this site; else home."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure()):
        return url
    return reverse("home")


WRONG_CODE = _("Kode tidak cocok atau sudah dipakai. Coba kode yang baru.")


@never_cache
@sensitive_post_parameters("code")
@staff_only
def otp_verify(request):
    """The second step of signing in: a code from the authenticator, or a recovery code."""
    if request.user.is_verified():
        return redirect(_next_url(request))
    if totp_device_of(request.user) is None:
        return redirect(f"{reverse('otp_setup')}?{request.GET.urlencode()}")
    form = CodeForm(request.POST or None)
    if form.is_valid():
        device = second_factor_check(user=request.user, token=form.cleaned_data["code"])
        if device is not None:
            second_factor_passed(request, device)
            return redirect(_next_url(request))
        form.add_error("code", WRONG_CODE)
    return render(
        request,
        "registration/otp_verify.html",
        {"form": form, "next": _next_url(request)},
        status=400 if form.errors else 200,
    )


@never_cache
@sensitive_post_parameters("code")
@staff_only
def otp_setup(request):
    """A staff member without an authenticator sets one up: the secret as text and as an
    otpauth:// link, confirmed by a first code; then their recovery codes, shown once."""
    if request.user.is_verified() or totp_device_of(request.user) is not None:
        return redirect(f"{reverse('otp_verify')}?{request.GET.urlencode()}")
    device = totp_device_start(user=request.user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        codes = totp_device_confirm(request=request, device=device, token=form.cleaned_data["code"])
        if codes is not None:
            return render(
                request,
                "registration/otp_recovery_codes.html",
                {"codes": codes, "next": _next_url(request)},
            )
        form.add_error("code", WRONG_CODE)
    secret = b32encode(device.bin_key).decode()
    return render(
        request,
        "registration/otp_setup.html",
        {
            "form": form,
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "config_url": device.config_url,
            "next": _next_url(request),
        },
        status=400 if form.errors else 200,
    )


@never_cache
@sensitive_post_parameters("secret")
@staff_only
def reconfirm(request):
    """Confirm who you are again before an approval or the selection: the password, or a code
    from the authenticator (recovery codes are kept for a lost phone)."""
    form = ReconfirmForm(request.POST or None)
    if form.is_valid():
        secret = form.cleaned_data["secret"]
        if is_totp_code(secret):  # passwords are at least 12 characters and never all digits
            confirmed = second_factor_check(user=request.user, token=secret) is not None
        else:
            # Through authenticate(), so django-axes counts the failures and locks as at login.
            user = authenticate(request, username=request.user.get_username(), password=secret)
            confirmed = user == request.user
        if confirmed:
            confirmation_record(request)
            return redirect(_next_url(request))
        form.add_error("secret", _("Kata sandi atau kode tidak cocok."))
    return render(
        request,
        "registration/reconfirm.html",
        {"form": form, "reauth_minutes": settings.STAFF_REAUTH_MINUTES},
        status=400 if form.errors else 200,
    )
