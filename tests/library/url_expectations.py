"""What each role gets from the public pages (a GET each): everyone reads them, with no login.

Copying a programme is a POST for regional officials (405 for their GET; 403 for other roles,
login for visitors). Downloads need an approved print and an enacted regulation (both built).
"""

from tests.urlmatrix import NOT_ALLOWED, OK, everyone, only

EXPECTATIONS = {
    "public_overview": everyone(OK),
    "public_region": everyone(OK),
    "public_plan_pdf": everyone(OK),
    "public_regulation": everyone(OK),
    "public_library": everyone(OK),
    "public_programme": everyone(OK),
    "public_programme_adopt": only(NOT_ALLOWED, "official", "other_official"),
    "sitemap": everyone(OK),
    "robots_txt": everyone(OK),
}


def url_kwargs(name, world):
    if name not in EXPECTATIONS:
        return None
    if name in ("public_overview", "public_library", "sitemap", "robots_txt"):
        return {}
    import pytest

    from masterplan.models import Plan
    from tests.library.helpers import approved_plan

    monkeypatch = pytest.MonkeyPatch()
    try:
        plan = approved_plan(world, monkeypatch=monkeypatch)
    finally:
        monkeypatch.undo()
    if name == "public_regulation":
        from django.core.files.base import ContentFile

        from smartcity.storage import private_storage
        from tests.masterplan.pdf_helpers import tiny_pdf

        stored = private_storage().save("masterplan/regulation/test.pdf", ContentFile(tiny_pdf()))
        Plan.objects.filter(pk=plan.pk).update(
            status=Plan.Status.ENACTED,
            regulation_type="perbup",
            regulation_number="12/2026",
            regulation_file=stored,
            regulation_file_name="perbup.pdf",
        )
    if name in ("public_programme", "public_programme_adopt"):
        return {"plan_id": plan.pk, "programme_id": plan.programmes.first().pk}
    return {"code": plan.candidate.region.code}
