from django.urls import path

from . import views
from .pages import briefing, home, lists

urlpatterns = [
    path("peta/", views.programme_map, name="programme_map"),
    path("peta/geometri.json", views.map_geometry, name="map_geometry"),
    path("peta/nilai.json", views.map_values, name="map_values"),
    path("peta/peta.svg", views.map_svg_view, name="map_svg"),
    path("wilayah/<str:code>/", views.region_card, name="region_card"),
    # The dashboard's other pages (the staff home is its summary), the lists behind its
    # figures, their exports and the tables of its charts.
    path("pemerataan/", home.pemerataan_page, name="dashboard_pemerataan"),
    path("anggaran/", home.money_page, name="dashboard_money"),
    path("tabel/<str:key>.<str:fmt>", home.table_export, name="dashboard_table"),
    path("laporan/", briefing.briefing_create, name="dashboard_briefing_create"),
    path("laporan/<int:pk>/", briefing.briefing_detail, name="dashboard_briefing"),
    path("laporan/<int:pk>/ulang/", briefing.briefing_again, name="dashboard_briefing_retry"),
    path("laporan/<int:pk>/unduh/", briefing.briefing_download, name="dashboard_briefing_download"),
    path("daftar/<str:stage>/", lists.stage_list, name="dashboard_stage"),
    path("daftar/<str:stage>/ekspor.<str:fmt>", lists.stage_export, name="dashboard_stage_export"),
    path("quick-win/<str:state>/", lists.quick_wins_list, name="dashboard_quick_wins"),
    path(
        "quick-win/<str:state>/ekspor.<str:fmt>",
        lists.quick_wins_export,
        name="dashboard_quick_wins_export",
    ),
]
