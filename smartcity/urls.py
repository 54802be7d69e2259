from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from . import views

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
    path("", views.landing, name="landing"),
    path("beranda/", views.home, name="home"),
    path("kominfo/", views.staff_home, name="staff_home"),
    path("pemda/", views.official_home, name="official_home"),
    path("asesor/", views.assessor_home, name="assessor_home"),
    path("mentor/", views.mentor_home, name="mentor_home"),
    path("mitra/", views.partner_home, name="partner_home"),
    path("seleksi/", include("candidates.urls")),
    path("asesmen/", include("assessment.urls")),
    path("mitra-program/", include("partners.urls")),
    path("masterplan/", include("masterplan.urls")),
    path("akun/", include(account_patterns)),
    path("bahasa/", set_language, name="set_language"),
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
