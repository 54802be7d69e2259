""" "Gunakan di rencana saya": a regional official copies a published programme into their own
draft; the copy records where it came from, mentors see it, the source region sees the count."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from masterplan.models import Plan, Programme
from tests.library.helpers import approved_plan, draft_plan_of, under_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def source(world):
    """Sukoharjo's approved plan and the first programme of its published version."""
    plan = approved_plan(world)
    programme = plan.versions.get().data["programmes"][0]
    return plan, programme


@pytest.fixture
def bandung_draft(world):
    return draft_plan_of(world, world.other_region, name="Program Bandung Sendiri")


def adopt_url(plan, programme):
    return reverse("public_programme_adopt", args=[plan.pk, programme["id"]])


def test_an_official_copies_a_programme_into_their_own_draft(client, world, source, bandung_draft):
    plan, programme = source
    client.force_login(world.other_official)
    response = client.post(adopt_url(plan, programme))
    copy = bandung_draft.programmes.get(adapted_from_programme=programme["id"])
    assert response.status_code == 302
    assert response.url == f"{bandung_draft.get_absolute_url()}#programme-{copy.pk}"
    assert (copy.name, copy.description, copy.kpi) == (
        programme["name"],
        programme["description"],
        programme["kpi"],
    )
    assert copy.dimension.code == programme["dimension"]
    assert copy.element.code == programme["element"]
    assert copy.adapted_from_version == plan.versions.get()
    assert not copy.budgets.exists()  # the budget is the region's to fill


def test_a_double_click_copies_once(client, world, source, bandung_draft):
    plan, programme = source
    client.force_login(world.other_official)
    client.post(adopt_url(plan, programme))
    client.post(adopt_url(plan, programme))
    assert bandung_draft.programmes.filter(adapted_from_programme=programme["id"]).count() == 1


def test_mentors_see_where_the_programme_came_from_and_the_source_sees_the_count(
    client, world, source, bandung_draft
):
    plan, programme = source
    client.force_login(world.other_official)
    client.post(adopt_url(plan, programme))
    client.force_login(world.mentor)  # assigned to both regions by the helpers
    page = client.get(bandung_draft.get_absolute_url()).content.decode()
    assert "Diadaptasi dari rencana Kabupaten Sukoharjo yang disahkan" in page
    client.force_login(world.official)
    own = client.get(plan.get_absolute_url()).content.decode()
    assert "Diadopsi 1 kali oleh daerah lain" in own
    cache.clear()
    public = client.get(reverse("public_programme", args=[plan.pk, programme["id"]]))
    assert "diadopsi 1 kali" in public.content.decode()


@pytest.mark.parametrize("role", ["staff", "mentor", "partner", "assessor"])
def test_other_roles_cannot_copy(client, world, source, bandung_draft, role):
    plan, programme = source
    client.force_login(world.user(role))
    assert client.post(adopt_url(plan, programme)).status_code == 403
    assert not Programme.objects.filter(adapted_from_programme__isnull=False).exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, source):
    plan, programme = source
    response = client.post(adopt_url(plan, programme))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_plan_that_is_not_editable_is_refused(client, world, source, bandung_draft):
    plan, programme = source
    under_review(bandung_draft, by=world.other_official)
    client.force_login(world.other_official)
    client.post(adopt_url(plan, programme))
    assert not bandung_draft.programmes.filter(adapted_from_programme__isnull=False).exists()
    page = client.get(reverse("public_programme", args=[plan.pk, programme["id"]]))
    assert "tidak dapat diubah" in page.content.decode()
    assert 'id="adopt-button"' not in page.content.decode()


def test_an_official_cannot_copy_into_their_own_source_plan(client, world, source):
    plan, programme = source
    client.force_login(world.official)
    client.post(adopt_url(plan, programme))
    assert not Programme.objects.filter(adapted_from_programme__isnull=False).exists()


def test_a_programme_of_an_unpublished_plan_cannot_be_copied(client, world, bandung_draft):
    plan = draft_plan_of(world, world.region, name="Draf Sukoharjo")
    programme = plan.programmes.get()
    client.force_login(world.other_official)
    url = reverse("public_programme_adopt", args=[plan.pk, programme.pk])
    assert client.post(url).status_code == 404
    assert client.get(reverse("public_programme", args=[plan.pk, programme.pk])).status_code == 404
    assert Plan.objects.get(pk=bandung_draft.pk).programmes.count() == 1


def test_the_copy_goes_into_the_officials_own_region_only(client, world, source, bandung_draft):
    """The service takes the plan from the official's region; no parameter names another."""
    plan, programme = source
    client.force_login(world.other_official)
    client.post(adopt_url(plan, programme), {"plan": plan.pk})
    assert plan.programmes.filter(adapted_from_programme__isnull=False).count() == 0
    assert bandung_draft.programmes.filter(adapted_from_programme__isnull=False).count() == 1
