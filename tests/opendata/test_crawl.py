"""An anonymous crawl of every open data list over the whole demo (`seed_demo`, 514 kab/kota):
nothing from Kabupaten Sukoharjo's plan under review, no review comment or progress note, no
e-mail address and no phone number; the full regions CSV in one streamed request.

Seeding takes most of the time, so it runs once for this module, inside a transaction rolled
back at its end (as tests/smartcity/test_demo.py does).
"""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.http import StreamingHttpResponse
from django.test import override_settings
from django.urls import reverse

from evaluation.models import Cycle
from evaluation.models_review import SelfScore
from evaluation.services import result_record
from masterplan.models import Plan, PlanVersion, Programme, QuickWinUpdate, ReviewComment
from masterplan.published import published_plans
from opendata.datasets import DATASETS

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
PHONE = re.compile(r"(?:\+62[\s-]?|\b0)8\d{1,2}[\s.-]?\d{3,4}[\s.-]?\d{3,5}\b")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    root = tmp_path_factory.mktemp("private")
    private = {**settings.STORAGES["private"], "OPTIONS": {"location": root}}
    storages = {**settings.STORAGES, "private": private}
    with (
        django_db_blocker.unblock(),
        override_settings(PRIVATE_MEDIA_ROOT=root, STORAGES=storages),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with open("/dev/null", "w") as devnull:
                call_command("seed_demo", stdout=devnull)
            yield root
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def body(response) -> str:
    if isinstance(response, StreamingHttpResponse):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def crawl(client) -> dict[str, str]:
    """Every page of every list as JSON and CSV, the catalogue and the dictionary, anonymously."""
    pages = {}
    for dataset in DATASETS.values():
        url = reverse(dataset.url_name) + "?page_size=1000"
        while url:
            response = client.get(url)
            assert response.status_code == 200, url
            pages[url] = body(response)
            url = response.json()["next"]
        csv_url = reverse(dataset.url_name) + "?format=csv"
        pages[csv_url] = body(client.get(csv_url))
    for url in (reverse("api_catalog"), reverse("data_dictionary")):
        pages[url] = body(client.get(url))
    return pages


def under_review_texts() -> set[str]:
    """Texts of Sukoharjo's plan (live and every version) that no published plan also has."""
    plan = Plan.objects.get(candidate__region__code="33.11")
    assert plan.status not in Plan.APPROVED_STATES, "the demo's Sukoharjo plan is under review"
    texts = {plan.title, plan.vision, plan.mission, plan.strengths}
    for programme in Programme.objects.filter(plan=plan):
        texts |= {programme.name, programme.description, programme.kpi}
    for version in PlanVersion.objects.filter(plan=plan):
        for programme in version.data["programmes"]:
            texts |= {programme["name"], programme["description"]}
    published = set()
    for other in published_plans(with_data=True):
        for programme in other.data["programmes"]:
            published |= {programme["name"], programme["description"], programme["kpi"]}
        published |= set(other.data["sections"].values()) | {other.title}
    return {t for t in texts - published if t and len(t) >= 12}


def test_an_anonymous_crawl_finds_nothing_unpublished_and_no_contact_details(demo, db, client):
    secrets = under_review_texts()
    assert len(secrets) >= 10, secrets  # the check below has something to find
    private = {u.note for u in QuickWinUpdate.objects.exclude(note="") if len(u.note) >= 12}
    private |= {c.body for c in ReviewComment.objects.all() if len(c.body) >= 12}
    assert private, "the demo has progress notes and review comments to look for"
    # The evaluation's own unpublished material: the regions' self-assessment answers and
    # evidence links (the demo's 2021 cycle is open), and a 2021 result recorded here.
    answers = SelfScore.objects.exclude(justification="")
    assert answers.exists(), "the demo has self-assessment answers to look for"
    private |= {a.justification for a in answers} | {
        a.evidence_url for a in answers if a.evidence_url
    }
    unpublished = draft_result()

    pages = crawl(client)
    assert len(pages) >= 2 * len(DATASETS) + 2
    for url, text in pages.items():
        found = [s for s in secrets if s in text]
        assert not found, f"{url} shows Sukoharjo's plan under review: {found[:3]}"
        leaked = [s for s in private if s in text]
        assert not leaked, f"{url} shows a note or comment: {leaked[:3]}"
        assert not EMAIL.search(text), f"{url}: e-mail {EMAIL.search(text).group()}"
        assert not PHONE.search(text), f"{url}: phone {PHONE.search(text).group()}"
    for key in ("plans", "programmes", "quick-wins"):
        rows = client.get(reverse(DATASETS[key].url_name) + "?page_size=1000").json()["results"]
        assert rows and "33.11" not in {r["region_code"] for r in rows}, key
    rows = client.get(reverse("api_evaluations") + "?page_size=1000").json()["results"]
    published = set(Cycle.objects.filter(status="published").values_list("year", flat=True))
    assert rows and {r["year"] for r in rows} == published == {2019, 2020}
    assert unpublished.cycle.year not in {r["year"] for r in rows}


def draft_result():
    """A result in the demo's open 2021 cycle (not published): the crawl must not find it."""
    cycle = Cycle.objects.get(year=2021)
    assert cycle.status != Cycle.Status.PUBLISHED
    region = cycle.regions.order_by("code").first()
    parts = dict.fromkeys(("baseline", "output", "outcome", "impact", "quick_win"), Decimal(4))
    return result_record(cycle=cycle, region=region, parts=parts)


def test_the_patterns_would_find_an_e_mail_and_a_phone_number():
    assert EMAIL.search('"note": "budi.santoso@sukoharjokab.go.id"')
    for phone in ("0812-3456-7890", "+62 812 3456 7890", "081234567890"):
        assert PHONE.search(f"hubungi {phone} segera"), phone
    assert not PHONE.search('"budget_total": 1800000000, "sha256": "9a0812345678901f"')


def test_the_full_regions_csv_of_514_rows_streams_in_one_request(demo, db, client):
    response = client.get(reverse("api_regions") + "?format=csv")
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    header, *rows = list(csv.reader(io.StringIO(body(response))))
    assert header[:3] == ["code", "name", "kind"]
    assert len(rows) == 514
    by_code = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    bandung = by_code["32.73"]
    assert (bandung["name"], bandung["cohort_year"], bandung["status"]) == (
        "Kota Bandung",
        "2017",
        "participant",
    )
    assert by_code["33.72"]["cohort_year"] == ""  # Kota Surakarta: never selected
