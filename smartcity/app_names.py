"""Indonesian names for the third-party apps the admin lists beside ours.

Their own configs leave the name to Django ("Axes", "Otp_Totp", "Otp_Static" in the admin's
sections); these subclasses change nothing but the name, so INSTALLED_APPS names them instead.
"""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.apps import DefaultConfig as OtpStaticAppConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as OtpTotpAppConfig


class AxesConfig(AxesAppConfig):
    verbose_name = _("Upaya masuk (pembatasan)")


class OtpTotpConfig(OtpTotpAppConfig):
    verbose_name = _("Verifikasi dua langkah: aplikasi autentikator")


class OtpStaticConfig(OtpStaticAppConfig):
    verbose_name = _("Verifikasi dua langkah: kode pemulihan")
