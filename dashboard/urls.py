from django.urls import path

from .pages import home, lists

urlpatterns = [
    path("tabel/<str:key>.<str:fmt>", home.table_export, name="dashboard_table"),
    path("daftar/<str:stage>/", lists.stage_list, name="dashboard_stage"),
    path("daftar/<str:stage>/ekspor.<str:fmt>", lists.stage_export, name="dashboard_stage_export"),
    path("quick-win/<str:state>/", lists.quick_wins_list, name="dashboard_quick_wins"),
    path(
        "quick-win/<str:state>/ekspor.<str:fmt>",
        lists.quick_wins_export,
        name="dashboard_quick_wins_export",
    ),
]
