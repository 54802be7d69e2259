from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import views
from .sitemaps import SITEMAPS

# Mounted at the site's root by smartcity/urls.py.
urlpatterns = [
    path("publik/", views.overview, name="public_overview"),
    path("publik/daerah/<str:code>/", views.region, name="public_region"),
    path("publik/daerah/<str:code>/masterplan.pdf", views.plan_pdf, name="public_plan_pdf"),
    path("publik/daerah/<str:code>/regulasi.pdf", views.regulation, name="public_regulation"),
    path("pustaka/", views.library, name="public_library"),
    path(
        "pustaka/program/<int:plan_id>/<int:programme_id>/",
        views.programme,
        name="public_programme",
    ),
    path(
        "pustaka/program/<int:plan_id>/<int:programme_id>/gunakan/",
        views.programme_adopt_view,
        name="public_programme_adopt",
    ),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]
