"""URLs of the self-assessment, the verification panels and the user survey."""

from django.urls import path

from . import views_panels, views_self

urlpatterns = [
    path(
        "<int:year>/penilaian-mandiri/",
        views_self.self_assessment_view,
        name="self_assessment",
    ),
    path(
        "<int:year>/penilaian-mandiri/indikator/<int:indicator_id>/",
        views_self.self_score_save_view,
        name="self_score_save",
    ),
    path(
        "<int:year>/penilaian-mandiri/ajukan/",
        views_self.self_assessment_submit_view,
        name="self_assessment_submit",
    ),
    path(
        "<int:year>/penilaian-mandiri/isi-dari-portal/",
        views_self.self_assessment_prefill_view,
        name="self_assessment_prefill",
    ),
    path(
        "<int:year>/penilaian-mandiri/<str:region_code>/",
        views_self.self_assessment_region,
        name="self_assessment_region",
    ),
    path("bukti/<int:pk>/unduh/", views_self.self_evidence_download, name="self_evidence_download"),
    path("panel/<int:pk>/", views_panels.panel_view, name="evaluation_panel"),
    path(
        "panel/<int:pk>/rekonsiliasi/<int:indicator_id>/",
        views_panels.panel_reconcile_view,
        name="evaluation_panel_reconcile",
    ),
    path("panel/<int:pk>/ajukan/", views_panels.panel_submit_view, name="evaluation_panel_submit"),
    path(
        "<int:year>/verifikasi/",
        views_panels.cycle_verification,
        name="evaluation_verification",
    ),
    path(
        "<int:year>/survei/<str:region_code>/",
        views_panels.survey_upload,
        name="evaluation_survey_upload",
    ),
]
