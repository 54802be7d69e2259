from django.urls import path

from . import views
from .pages import home, lists

urlpatterns = [
    path("peta/", views.programme_map, name="programme_map"),
    path("peta/geometri.json", views.map_geometry, name="map_geometry"),
    path("peta/nilai.json", views.map_values, name="map_values"),
    path("peta/peta.svg", views.map_svg_view, name="map_svg"),
    path("wilayah/<str:code>/", views.region_card, name="region_card"),
    # The lists behind the staff home's figures, their exports and the tables of its charts.
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
