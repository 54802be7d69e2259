from django.urls import path

from . import views

app_name = "evaluation"

urlpatterns = [
    path("", views.cycle_list, name="cycles"),
    path("sebaran.<str:fmt>", views.distribution_export, name="distribution_export"),
    path("daerah-saya/", views.my_region, name="mine"),
    path("daerah/<str:code>/", views.region_trend, name="region"),
    path("daerah/<str:code>/tren.<str:fmt>", views.region_trend_export, name="region_export"),
    path("<int:year>/", views.cycle_results, name="cycle"),
    path("<int:year>/hasil.<str:fmt>", views.cycle_export, name="cycle_export"),
    path("<int:year>/umumkan/", views.cycle_publish_view, name="publish"),
    path("<int:year>/<str:code>/", views.report, name="report"),
    path("<int:year>/<str:code>/koreksi/", views.result_correct_view, name="correct"),
]
