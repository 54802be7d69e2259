from django.urls import path, register_converter

from . import views


class ExportFormat:
    regex = "csv|xlsx"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ExportFormat, "fmt")

urlpatterns = [
    path("", views.screening_index, name="screening_index"),
    path("<int:year>/", views.screening_round, name="screening_round"),
    path("<int:year>/simulasi/", views.screening_whatif, name="screening_whatif"),
    path("<int:year>/jalankan/", views.screening_run_create, name="screening_run_create"),
    path("hasil/<int:pk>/", views.screening_run_view, name="screening_run"),
    path("hasil/<int:pk>/konfirmasi/", views.screening_confirm, name="screening_confirm"),
    path("hasil/<int:pk>/ekspor.<fmt:fmt>", views.screening_run_export, name="screening_export"),
    path("hasil/<int:pk>/<str:code>/", views.screening_result, name="screening_result"),
]
