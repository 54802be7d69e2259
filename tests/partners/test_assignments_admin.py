"""The partners admin: mentor profiles, bodies, Bimtek and solutions open; assignments are
read only, with their history."""

import pytest
from django.urls import reverse

from partners.models import MentorProfile
from partners.services.assignments import assignment_add, assignment_end
from tests.factories import CandidateFactory, UserFactory

MODELS = [
    "partners_mentorprofile",
    "partners_mentorassignment",
    "partners_smartcitybody",
    "partners_bimteksession",
    "industry_solution",
]


@pytest.fixture
def assignment(world):
    candidate = CandidateFactory(cohort=world.cohort, region=world.region, status="selected")
    MentorProfile.objects.create(user=world.mentor)
    return assignment_add(candidate=candidate, mentor=world.mentor, by=world.staff)


@pytest.fixture
def superuser_client(db, client):
    client.force_login(UserFactory(username="root", staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("model", MODELS)
def test_each_partners_admin_list_opens(superuser_client, assignment, model):
    assert superuser_client.get(reverse(f"admin:{model}_changelist")).status_code == 200


def test_assignments_cannot_be_added_or_changed_in_the_admin(superuser_client, assignment):
    assert superuser_client.get(reverse("admin:partners_mentorassignment_add")).status_code == 403
    change = superuser_client.get(
        reverse("admin:partners_mentorassignment_change", args=[assignment.pk])
    )
    assert change.status_code == 200
    assert 'name="_save"' not in change.text


def test_an_assignments_history_shows_its_end(superuser_client, world, assignment):
    assignment_end(assignment=assignment, by=world.staff, reason="Selesai")

    response = superuser_client.get(
        reverse("admin:partners_mentorassignment_history", args=[assignment.pk])
    )

    assert response.status_code == 200
    created, ended = sorted(
        response.context["page_obj"].object_list, key=lambda row: row.history_id
    )
    assert (created.ended_at, ended.end_reason) == (None, "Selesai")
    assert ended.history_change_reason == "penugasan diakhiri"
