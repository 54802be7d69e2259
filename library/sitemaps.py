"""sitemap.xml: the public pages and every participating region's page (from `published`)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from masterplan.published import participants, published_plans


class PublicPages(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return ["landing", "public_overview", "public_library"]

    def location(self, item):
        return reverse(item)


class RegionPages(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        codes = sorted({p.region_code for p in participants()})
        return codes

    def location(self, code):
        return reverse("public_region", args=[code])


class ProgrammePages(Sitemap):
    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return [
            (plan.plan_id, p["id"])
            for plan in published_plans(with_data=True)
            for p in plan.data["programmes"]
        ]

    def location(self, item):
        return reverse("public_programme", args=list(item))


SITEMAPS = {"pages": PublicPages, "regions": RegionPages, "programmes": ProgrammePages}
