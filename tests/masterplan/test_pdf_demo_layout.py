"""Every demo plan's print holds its layout (issue #18 part 8), Bandung's enacted plan prints
its adoption page as PDF/A and Sukoharjo's plan under review a draft signature page (part 9).

The demo is seeded once for this module (its own module: the seeded plans would collide with
the test world's regions of other modules' tests) inside a transaction rolled back at its end.
"""

import io

import pytest
from pypdf import PdfReader

from masterplan import pdf
from masterplan.models import Plan
from tests.masterplan.pdf_layout import layout_defects

S = Plan.Status


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def demo_plans(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo's plans, seeded once for this module in a transaction rolled back at its end."""
    from django.conf import settings
    from django.db import transaction
    from django.test import override_settings

    from masterplan.demo import seed_masterplans
    from portal.demo import SEEDERS

    root = tmp_path_factory.mktemp("private")
    private = {**settings.STORAGES["private"], "OPTIONS": {"location": root}}
    storages = {**settings.STORAGES, "private": private}
    earlier = SEEDERS[: [s.__name__ for s in SEEDERS].index("seed_masterplans")]
    with (
        django_db_blocker.unblock(),
        override_settings(PRIVATE_MEDIA_ROOT=root, STORAGES=storages),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            for seeder in earlier:
                seeder()
            seed_masterplans()
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def demo_print(code: str):
    from masterplan.management.commands.render_masterplan import working_copy_version

    plan = Plan.objects.select_related("candidate__region", "candidate__cohort").get(
        candidate__region__code=code
    )
    version = plan.versions.order_by("-number").first() or working_copy_version(plan)
    version.plan = plan
    return plan, version


DEMO_CODES = ["32.73", "33.11", "33.75", "35.79", "36.72", "52.71", "64.71"]


@pytest.mark.slow
@pytest.mark.parametrize("code", DEMO_CODES)
def test_every_demo_plan_prints_without_overlap_overflow_or_truncation(demo_plans, db, code):
    plan, version = demo_print(code)
    approved = pdf.is_approved_print(version)
    content, _pages = pdf.render_version_pdf_pages(version, approved=approved)
    assert layout_defects(content) == []


def test_the_demo_has_the_plans_the_layout_test_prints(demo_plans, db):
    assert sorted(
        Plan.objects.values_list("candidate__region__code", flat=True).distinct()
    ) == sorted(DEMO_CODES)


def test_bandung_enacted_prints_its_adoption_page_as_pdf_a(demo_plans, db):
    plan, version = demo_print("32.73")
    assert plan.status == S.ENACTED and pdf.is_approved_print(version)
    content, _pages = pdf.render_version_pdf_pages(version, approved=True, book="2")
    reader = PdfReader(io.BytesIO(content))
    adoption = next(
        flat(p.extract_text())
        for p in reader.pages
        if "LAMPIRAN PERATURAN WALI KOTA BANDUNG" in flat(p.extract_text())
    )
    assert f"NOMOR : {plan.regulation_number.upper()}" in adoption
    assert "WALI KOTA BANDUNG," in adoption
    assert reader.xmp_metadata.pdfaid_part == "3"


def test_sukoharjo_under_review_prints_a_draft_signature_page(demo_plans, db):
    plan, version = demo_print("33.11")
    assert plan.status in Plan.UNDER_REVIEW and not pdf.is_approved_print(version)
    html = pdf.render_version_html(version, approved=False, book="2")
    assert "DRAF — lembar pengesahan" in html and "BUPATI SUKOHARJO," in html
    assert 'class="watermark"' in html
