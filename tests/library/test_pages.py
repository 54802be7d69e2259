"""The public pages: only what is published, fast (cached, constant queries), shareable."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from masterplan.models import PdfJob, Programme, QuickWinUpdate
from tests.library.helpers import DRAFT_NAME, approved_plan, draft_plan_of, under_review

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_the_overview_lists_participants_and_the_approved_plan_without_login(client, world):
    plan = approved_plan(world)
    draft_plan_of(world, world.other_region)
    response = client.get(reverse("public_overview"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kabupaten Sukoharjo" in html and "Kota Bandung" in html
    published = html[html.index('id="published-plans"') :]
    published = published[: published.index("</ul>")]
    assert reverse("public_region", args=[plan.candidate.region.code]) in published
    assert "Kota Bandung" not in published  # its plan is a draft
    assert '<meta name="description"' in html


def test_a_region_page_shows_the_approved_version_and_never_a_draft(client, world):
    plan = approved_plan(world)
    Programme.objects.filter(plan=plan).update(description="Teks yang diubah sesudah disahkan")
    draft_plan_of(world, world.other_region)
    approved = client.get(reverse("public_region", args=["33.11"])).content.decode()
    draft = client.get(reverse("public_region", args=["32.73"])).content.decode()
    assert plan.programmes.first().name in approved
    assert "Teks yang diubah sesudah disahkan" not in approved
    assert '<meta property="og:type" content="article">' in approved
    assert DRAFT_NAME not in draft
    assert "belum disahkan" in draft


def test_a_region_page_shows_the_regions_profile_with_or_without_a_plan(client, world):
    """The plan's *Gambaran Umum Daerah* (figures from the committed Kemendagri 2025 file, the
    region's shape) is the region page's too, before a plan is approved as after."""
    approved_plan(world)
    draft_plan_of(world, world.other_region)
    for code in ("33.11", "32.73"):
        response = client.get(reverse("public_region", args=[code]))
        profile = response.context["profile"]
        assert profile.code == code and profile.population > 0 and profile.area_km2 > 0
        html = response.content.decode()
        assert "Gambaran umum daerah" in html
        assert f"{profile.population:,}".replace(",", ".") + " jiwa" in html
        assert "<svg" in html and "Kemendagri" in html


def test_a_region_outside_the_programme_has_no_page(client, world):
    assert client.get(reverse("public_region", args=["99.99"])).status_code == 404


def test_the_approved_pdf_is_downloadable_and_a_draft_print_never_is(client, world, monkeypatch):
    plan = approved_plan(world, monkeypatch=monkeypatch)
    url = reverse("public_plan_pdf", args=["33.11"])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    approved_job = PdfJob.objects.get(version__plan=plan, approved=True)
    assert approved_job.status == PdfJob.Status.DONE
    # Take the approved print away: the draft print of the same version stays unreachable.
    PdfJob.objects.filter(pk=approved_job.pk).update(status=PdfJob.Status.FAILED)
    cache.clear()
    assert client.get(url).status_code == 404
    assert PdfJob.objects.filter(version__plan=plan, approved=False, status="done").exists()


def test_downloading_never_asks_for_a_render(client, world, monkeypatch):
    approved_plan(world)  # no print rendered yet
    jobs = PdfJob.objects.count()
    assert client.get(reverse("public_plan_pdf", args=["33.11"])).status_code == 404
    assert PdfJob.objects.count() == jobs


def test_a_plan_under_review_is_nowhere_in_the_library(client, world):
    approved_plan(world)
    under_review(draft_plan_of(world, world.other_region), by=world.other_official)
    response = client.get(reverse("public_library"), {"q": "Rahasia"})
    assert response.status_code == 200
    assert DRAFT_NAME not in response.content.decode()


def test_the_library_finds_a_programme_by_words_and_filters_and_links_its_plan(client, world):
    plan = approved_plan(world)
    Programme.objects.filter(plan=plan)  # live rows are not what the library reads
    name = plan.versions.get().data["programmes"][0]["name"]
    dimension = plan.versions.get().data["programmes"][0]["dimension"]
    response = client.get(reverse("public_library"), {"q": name, "dimensi": dimension})
    html = response.content.decode()
    assert response.status_code == 200
    assert name in html
    assert reverse("public_programme", args=[plan.pk, plan.programmes.first().pk]) in html
    other = "governance" if dimension != "governance" else "branding"
    miss = client.get(reverse("public_library"), {"q": name, "dimensi": other}).content.decode()
    assert "Tidak ada program yang cocok" in miss


def test_the_library_ranks_a_name_match_above_a_description_match(client, world):
    def edit(plan):
        first, second = plan.programmes.order_by("pk")[:2]
        Programme.objects.filter(pk=first.pk).update(description="Zebra cross pintar, zebra.")
        Programme.objects.filter(pk=second.pk).update(name="Zebra Cross Pintar")

    plan = approved_plan(world, edit=edit)
    first, second = plan.programmes.order_by("pk")[:2]
    html = client.get(reverse("public_library"), {"q": "zebra"}).content.decode()
    by_name = html.index(f"/pustaka/program/{plan.pk}/{second.pk}/")
    by_description = html.index(f"/pustaka/program/{plan.pk}/{first.pk}/")
    assert by_name < by_description
    assert html.count("/pustaka/program/") == 2


def test_a_bad_filter_is_answered_with_the_form_not_an_error(client, world):
    approved_plan(world)
    response = client.get(reverse("public_library"), {"anggaran_min": "banyak"})
    assert response.status_code == 200
    assert "text-danger" in response.content.decode()


def test_a_new_publication_shows_at_once_although_pages_are_cached(client, world):
    plan = approved_plan(world)
    quick_win = Programme.objects.filter(plan=plan, is_quick_win=True).first()
    url = reverse("public_region", args=["33.11"])
    assert "Belum ada laporan kemajuan" in client.get(url).content.decode()
    QuickWinUpdate.objects.create(
        programme=quick_win, percent=40, status="on_track", created_by=world.official
    )
    assert 'value="40"' in client.get(url).content.decode()


def test_an_unchanged_page_answers_304_to_its_etag(client, world):
    approved_plan(world)
    url = reverse("public_overview")
    first = client.get(url)
    assert first["ETag"] and first["Last-Modified"]
    again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304


@pytest.mark.parametrize("name", ["public_overview", "public_library"])
def test_list_pages_take_one_query_once_cached(client, world, name, django_assert_num_queries):
    approved_plan(world)
    draft_plan_of(world, world.other_region)
    client.get(reverse(name))
    # The two publication stamps (the plans' and the evaluation's, library/stamp.py); the body
    # comes from the cache.
    with django_assert_num_queries(2):
        client.get(reverse(name))


def test_the_overview_takes_the_same_queries_for_one_plan_or_three(
    client, world, django_assert_num_queries
):
    from tests.factories import RegionFactory

    approved_plan(world)
    # two stamps (plans, evaluation), participants, published plans, the latest published
    # evaluation's top ten (added with the evaluation's section: one query, whatever the cycle)
    with django_assert_num_queries(5):
        client.get(reverse("public_overview"))
    for code in ("34.71", "35.78"):
        draft_plan_of(world, RegionFactory(code=code), name=f"Program {code}")
    cache.clear()
    with django_assert_num_queries(5):
        client.get(reverse("public_overview"))


def test_sitemap_lists_regions_and_programmes_and_robots_points_to_it(client, world):
    plan = approved_plan(world)
    sitemap = client.get(reverse("sitemap")).content.decode()
    assert reverse("public_region", args=["33.11"]) in sitemap
    assert reverse("public_programme", args=[plan.pk, plan.programmes.first().pk]) in sitemap
    robots = client.get(reverse("robots_txt")).content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots
    assert "Disallow: /masterplan/" in robots


def test_no_page_shows_an_email_or_the_names_of_governance_members(client, world):
    from partners.models import BodyMember, SmartCityBody

    body = SmartCityBody.objects.create(
        region=world.region, kind="dewan", decree_number="SK 9", decree_date="2026-01-05"
    )
    BodyMember.objects.create(
        body=body, name="Siti Anggota", position="Kadis", agency="X", role="Y"
    )
    approved_plan(world)
    for url in [reverse("public_overview"), reverse("public_region", args=["33.11"])]:
        html = client.get(url).content.decode()
        assert "Siti Anggota" not in html
        assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", html), url


def bandung_world(world):
    """The world seen from Kota Bandung: its region and official, the same mentor and staff."""
    from types import SimpleNamespace

    return SimpleNamespace(
        region=world.other_region,
        official=world.other_official,
        cohort=world.cohort,
        mentor=world.mentor,
        staff=world.staff,
    )


def test_the_library_picks_up_a_newly_approved_plan_and_costs_the_same_queries(
    client, world, django_assert_num_queries
):
    from library.models import LibraryEntry

    approved_plan(world)
    client.get(reverse("public_library"))  # indexes Sukoharjo's plan
    cache.clear()
    # two stamps (plans, evaluation: library/stamp.py); index check in a transaction
    # (savepoint, published versions, indexed versions, release); filter choices (dimensions,
    # elements, provinces, cohorts); the search
    with django_assert_num_queries(11):
        client.get(reverse("public_library"), {"q": "Program"})
    second = approved_plan(bandung_world(world))
    html = client.get(reverse("public_library"), {"q": "Program"}).content.decode()
    assert "Kota Bandung" in html
    assert LibraryEntry.objects.filter(plan_id=second.pk).count() == second.programmes.count()
    cache.clear()
    with django_assert_num_queries(11):
        client.get(reverse("public_library"), {"q": "Program"})
