from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    """Readiness assessment and selection: questionnaires, rubric, panels, score sheets and the
    Dirjen's decision."""

    name = "assessment"
    verbose_name = _("Asesmen kesiapan")
