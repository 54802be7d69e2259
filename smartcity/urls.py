from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from assessment.views.home import assessor_home
from dashboard.pages.home import staff_home
from evaluation.views_panels import evaluator_home
from industry.views.home import partner_home
from masterplan.views.home import mentor_home
from opendata import urls as opendata_urls
from portal import views as portal
from portal.official import official_home

from . import account_views, views

admin.site.site_header = "Gerakan Menuju 100 Smart City"
admin.site.site_title = "Portal 100 Smart City"
admin.site.index_title = "Administrasi Kominfo"

account_patterns = [
    path(
        "masuk/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    # Ministry staff: the second step of signing in, setting up an authenticator, and the
    # confirmation asked again before approvals and the selection.
    path("verifikasi/", account_views.otp_verify, name="otp_verify"),
    path("verifikasi/pasang/", account_views.otp_setup, name="otp_setup"),
    path("konfirmasi-ulang/", account_views.reconfirm, name="reconfirm"),
    path("kata-sandi/ubah/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "kata-sandi/ubah/selesai/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("kata-sandi/reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "kata-sandi/reset/terkirim/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "kata-sandi/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "kata-sandi/reset/selesai/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    # Each role's home lives in the app that owns its work; pages reading every stage in portal.
    path("", portal.landing, name="landing"),
    path("beranda/", portal.home, name="home"),
    path("kominfo/", staff_home, name="staff_home"),
    path("pemda/", official_home, name="official_home"),
    path("asesor/", assessor_home, name="assessor_home"),
    path("mentor/", mentor_home, name="mentor_home"),
    path("mitra/", partner_home, name="partner_home"),
    path("evaluator/", evaluator_home, name="evaluator_home"),
    path("seleksi/", include("candidates.urls")),
    path("asesmen/", include("assessment.urls")),
    path("mitra-program/", include("partners.urls")),
    path("mitra-program/", include("industry.urls")),
    path("masterplan/", include("masterplan.urls")),
    # The self-assessment, verification panels and survey (no namespace, like the stages'),
    # before the core's `<year>/<code>/` report, which would take `<year>/verifikasi/`.
    path("evaluasi/", include("evaluation.urls_review")),
    path("evaluasi/", include("evaluation.urls")),
    path("dasbor/", include("dashboard.urls")),
    path("", include("library.urls")),
    path("api/v1/", include(opendata_urls.api_patterns)),
    path("data-terbuka/", include(opendata_urls.page_patterns)),
    path("akun/", include(account_patterns)),
    path("bahasa/", set_language, name="set_language"),
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
