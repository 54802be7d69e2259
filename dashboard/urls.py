from django.urls import path

from . import views

urlpatterns = [
    path("peta/", views.programme_map, name="programme_map"),
    path("peta/geometri.json", views.map_geometry, name="map_geometry"),
    path("peta/nilai.json", views.map_values, name="map_values"),
    path("peta/peta.svg", views.map_svg_view, name="map_svg"),
    path("wilayah/<str:code>/", views.region_card, name="region_card"),
]
