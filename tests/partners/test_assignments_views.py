"""The mentoring pages: the staff overview and suggestion (the mentor's home, which reads plans,
is tested with the master plan: tests/masterplan/test_mentor_home.py)."""

import pytest
from django.urls import reverse

from partners.models import MentorAssignment, MentorProfile
from partners.services.assignments import assignment_add, assignment_end
from tests.factories import CandidateFactory, CohortFactory, RegionFactory, UserFactory

OTHER_ROLES = ["official", "other_official", "mentor", "other_mentor", "assessor", "partner"]


def selected(world, region=None, *, cohort=None):
    return CandidateFactory(
        cohort=cohort or world.cohort, region=region or world.region, status="selected"
    )


def mentor(username, **profile):
    user = UserFactory(username=username, mentor=True)
    if profile:
        MentorProfile.objects.create(user=user, **profile)
    return user


def assign(world, candidate, who):
    return assignment_add(candidate=candidate, mentor=who, by=world.staff)


def overview_url(world):
    return reverse("mentoring_overview", kwargs={"year": world.cohort.year})


def suggest_url(world):
    return reverse("mentoring_suggest", kwargs={"year": world.cohort.year})


def end_url(assignment):
    year = assignment.candidate.cohort.year
    return reverse("mentoring_end", kwargs={"year": year, "pk": assignment.pk})


# --- permissions ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", OTHER_ROLES)
@pytest.mark.parametrize("name", ["mentoring_index", "mentoring_overview", "mentoring_suggest"])
def test_the_mentoring_pages_are_for_staff_only(client, world, role, name):
    selected(world)
    kwargs = {} if name == "mentoring_index" else {"year": world.cohort.year}
    client.force_login(getattr(world, role))

    assert client.get(reverse(name, kwargs=kwargs)).status_code == 403
    assert client.post(reverse(name, kwargs=kwargs), {"action": "assign"}).status_code == 403


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_no_other_role_can_assign_end_or_confirm(client, world, role):
    candidate = selected(world)
    assignment = assign(world, candidate, world.mentor)
    client.force_login(getattr(world, role))

    client.post(
        overview_url(world),
        {
            "action": "assign",
            "assign-candidate": candidate.pk,
            "assign-mentor": world.other_mentor.pk,
        },
    )
    assert client.get(end_url(assignment)).status_code == 403
    assert client.post(end_url(assignment), {"reason": "Coba"}).status_code == 403
    client.post(suggest_url(world), {"pair": [f"{candidate.pk}:{world.other_mentor.pk}"]})

    assert MentorAssignment.objects.active().count() == 1


@pytest.mark.parametrize("name", ["mentoring_index", "mentoring_overview", "mentoring_suggest"])
def test_anonymous_visitors_are_sent_to_login(client, world, name):
    kwargs = {} if name == "mentoring_index" else {"year": world.cohort.year}
    response = client.get(reverse(name, kwargs=kwargs))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_an_unknown_cohort_is_not_found(client, world):
    client.force_login(world.staff)

    assert client.get(reverse("mentoring_overview", kwargs={"year": 1999})).status_code == 404
    assert client.get(reverse("mentoring_suggest", kwargs={"year": 1999})).status_code == 404


# --- the overview --------------------------------------------------------------------------


def test_the_index_lists_cohorts_with_their_counts(client, world):
    assign(world, selected(world), world.mentor)
    client.force_login(world.staff)

    response = client.get(reverse("mentoring_index"))

    assert overview_url(world) in response.text
    assert "1 daerah terpilih · 1 penugasan aktif" in response.text


def test_the_overview_shows_each_selected_region_with_its_team_and_each_mentors_load(client, world):
    candidate = selected(world)
    CandidateFactory(cohort=world.cohort, region=world.other_region, status="not_selected")
    MentorProfile.objects.create(user=world.mentor, capacity=2)
    assign(world, candidate, world.mentor)
    client.force_login(world.staff)

    response = client.get(overview_url(world))

    assert response.status_code == 200
    rows = response.text.split("<tbody>")[1].split("</tbody>")[0]
    assert "Kabupaten Sukoharjo" in rows
    assert "Kota Bandung" not in rows
    assert "mentor-a" in rows
    assert "1 / 2" in response.text  # mentor-a's load against capacity
    assert "0 / 3" in response.text  # mentor-b: no profile, the default capacity


def test_staff_assign_a_mentor_by_hand(client, world):
    candidate = selected(world)
    client.force_login(world.staff)

    response = client.post(
        overview_url(world),
        {"action": "assign", "assign-candidate": candidate.pk, "assign-mentor": world.mentor.pk},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == overview_url(world)
    assert "mentor-a ditugaskan ke Kabupaten Sukoharjo" in response.text
    assert MentorAssignment.objects.get().mentor == world.mentor


def test_a_conflict_is_explained_and_needs_an_override_reason(client, world):
    candidate = selected(world)
    world.mentor.home_region = world.region
    world.mentor.save()
    client.force_login(world.staff)
    data = {"action": "assign", "assign-candidate": candidate.pk, "assign-mentor": world.mentor.pk}

    refused = client.post(overview_url(world), data)

    assert refused.status_code == 200
    assert "Daerah asal" in refused.text
    assert not MentorAssignment.objects.exists()

    client.post(overview_url(world), {**data, "assign-override_reason": "Disetujui Direktur"})

    assert MentorAssignment.objects.get().override_reason == "Disetujui Direktur"


def test_a_mentor_at_capacity_is_refused_with_a_message(client, world):
    MentorProfile.objects.create(user=world.mentor, capacity=1)
    assign(
        world, selected(world, world.other_region, cohort=CohortFactory(year=2017)), world.mentor
    )
    candidate = selected(world)
    client.force_login(world.staff)

    response = client.post(
        overview_url(world),
        {"action": "assign", "assign-candidate": candidate.pk, "assign-mentor": world.mentor.pk},
    )

    assert "kapasitas" in response.text
    assert not candidate.mentor_assignments.exists()


def test_the_overview_has_no_end_button_on_its_rows_only_a_menu_to_the_end_page(client, world):
    assignment = assign(world, selected(world), world.mentor)
    client.force_login(world.staff)

    page = client.get(overview_url(world)).text

    assert "Akhiri</button>" not in page and 'name="reason"' not in page
    assert f'href="{end_url(assignment)}"' in page
    assert '<details class="row-menu">' in page


def test_the_end_page_says_what_changes_before_anything_does(client, world):
    candidate = selected(world)
    ending = assign(world, candidate, world.mentor)
    assign(world, candidate, world.other_mentor)
    client.force_login(world.staff)

    response = client.get(end_url(ending))

    text = " ".join(response.text.split())
    assert "Penugasan mentor mentor-a" in text and "di Kabupaten Sukoharjo (33.11) berakhir" in text
    assert "alasan wajib" in text
    assert "mentor-a tidak lagi dapat membuka dan mereviu masterplan Kabupaten Sukoharjo" in text
    assert "Kabupaten Sukoharjo tetap didampingi 1 mentor: mentor-b" in text
    assert "Timnya belum lengkap: tugaskan pengganti." in text
    assert MentorAssignment.objects.active().count() == 2


def test_the_end_page_warns_when_no_mentor_would_be_left(client, world):
    assignment = assign(world, selected(world), world.mentor)
    client.force_login(world.staff)

    response = client.get(end_url(assignment))

    text = " ".join(response.text.split())
    assert "Kabupaten Sukoharjo tidak lagi memiliki mentor aktif: tugaskan pengganti." in text


def test_staff_end_an_assignment_with_a_reason(client, world):
    assignment = assign(world, selected(world), world.mentor)
    client.force_login(world.staff)

    response = client.post(end_url(assignment), {"reason": "Pindah tugas"}, follow=True)

    assert response.redirect_chain[-1][0] == overview_url(world)
    assert "Penugasan mentor-a di Kabupaten Sukoharjo diakhiri" in response.text
    assignment.refresh_from_db()
    assert (assignment.end_reason, assignment.ended_at is not None) == ("Pindah tugas", True)


def test_ending_without_a_reason_is_refused_on_the_page(client, world):
    assignment = assign(world, selected(world), world.mentor)
    client.force_login(world.staff)

    response = client.post(end_url(assignment), {"reason": "   "})

    assert response.status_code == 200
    assert "Tuliskan alasan penugasan diakhiri." in response.text
    assignment.refresh_from_db()
    assert assignment.ended_at is None


def test_a_reason_too_long_comes_back_as_typed(client, world):
    assignment = assign(world, selected(world), world.mentor)
    client.force_login(world.staff)
    typed = "Pindah tugas ke kementerian lain. " * 10  # 340 characters

    response = client.post(end_url(assignment), {"reason": typed})

    assert response.status_code == 200
    assert typed.strip() in response.text
    assignment.refresh_from_db()
    assert assignment.ended_at is None


def test_an_ended_assignment_is_not_ended_again(client, world):
    assignment = assign(world, selected(world), world.mentor)
    assignment_end(assignment=assignment, by=world.staff, reason="Selesai")
    client.force_login(world.staff)

    response = client.post(end_url(assignment), {"reason": "Lagi"}, follow=True)

    assert response.redirect_chain[-1][0] == overview_url(world)
    assert "sudah diakhiri" in response.text
    assignment.refresh_from_db()
    assert assignment.end_reason == "Selesai"


def test_an_assignment_of_another_cohort_is_not_ended_from_this_cohorts_pages(client, world):
    elsewhere = assign(world, selected(world, cohort=CohortFactory(year=2017)), world.mentor)
    client.force_login(world.staff)
    url = reverse("mentoring_end", kwargs={"year": world.cohort.year, "pk": elsewhere.pk})

    assert client.get(url).status_code == 404
    assert client.post(url, {"reason": "Coba"}).status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.ended_at is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["32.73", "33.11", "35.01"]),
        ({"q": "sukoharjo"}, ["33.11"]),
        ({"q": "35"}, ["35.01"]),
        ({"province": "32"}, ["32.73"]),
        ({"team": "none"}, ["35.01"]),
        ({"team": "short"}, ["33.11", "35.01"]),
        ({"team": "full"}, ["32.73"]),
        ({"mentor": "mentor-a"}, ["32.73", "33.11"]),
        ({"mentor": "mentor-b"}, ["32.73"]),
    ],
)
def test_the_overview_filters_by_region_province_team_and_mentor(client, world, query, expected):
    full = selected(world, world.other_region)
    assign(world, full, world.mentor)
    assign(world, full, world.other_mentor)
    assign(world, selected(world), world.mentor)
    selected(world, RegionFactory(code="35.01", name="Kabupaten Pacitan"))
    if "mentor" in query:  # by id, as the form's choice sends it
        query = {
            "mentor": {"mentor-a": world.mentor, "mentor-b": world.other_mentor}[query["mentor"]].pk
        }
    client.force_login(world.staff)

    response = client.get(overview_url(world), query)

    assert [c.region.code for c in response.context["rows"]] == expected


@pytest.mark.parametrize("n", [1, 6])
def test_the_overview_runs_the_same_queries_for_any_cohort(
    client, world, django_assert_num_queries, n
):
    for i in range(1, n + 1):
        candidate = selected(world, RegionFactory(code=f"35.{i:02d}"))
        assign(world, candidate, mentor(f"m-{i}", capacity=2))
    client.force_login(world.staff)

    # 1. the session, 2. the user, 3. the cohort, 4. its selected candidates with regions
    # and provinces, 5. their active assignments with mentor and institution, 6. every mentor
    # with institution, profile and active load,
    # 7. the second-factor device of the staff session (django-otp). Filters add none.
    with django_assert_num_queries(7):
        response = client.get(overview_url(world))
    with django_assert_num_queries(7):
        client.get(overview_url(world), {"team": "full", "q": "35"})

    assert response.text.count("Akhiri penugasan") == n


# --- the suggestion ------------------------------------------------------------------------


def test_the_suggestion_shows_teams_quality_and_unfilled_regions(client, world):
    selected(world)
    selected(world, world.other_region)
    a = mentor("m-a", capacity=1)
    b = mentor("m-b", capacity=1)
    client.force_login(world.staff)

    response = client.get(suggest_url(world))

    assert response.status_code == 200
    assert response.text.count('name="pair"') == 2
    assert f':{a.pk}"' in response.text and f':{b.pk}"' in response.text
    assert "Kapasitas mentor tidak cukup" in response.text  # the second region is left empty
    assert "Mentor melebihi kapasitas" in response.text
    assert "1 / 2" in response.text  # regions covered


def test_confirming_creates_only_the_ticked_pairs(client, world):
    candidate = selected(world)
    a, b = mentor("m-a", capacity=2), mentor("m-b", capacity=2)
    client.force_login(world.staff)

    response = client.post(suggest_url(world), {"pair": [f"{candidate.pk}:{a.pk}"]}, follow=True)

    assert response.redirect_chain[-1][0] == overview_url(world)
    assert "1 penugasan mentor dibuat" in response.text
    assert list(candidate.mentor_assignments.values_list("mentor", flat=True)) == [a.pk]
    assert not b.mentor_assignments.exists()


def test_a_tampered_confirmation_is_refused_whole(client, world):
    candidate = selected(world)
    ok = mentor("m-ok", capacity=2)
    home = mentor("m-asal", capacity=2, home_province=world.region.province)
    client.force_login(world.staff)

    response = client.post(
        suggest_url(world),
        {"pair": [f"{candidate.pk}:{ok.pk}", f"{candidate.pk}:{home.pk}", "junk"]},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == suggest_url(world)
    assert "konflik" in response.text
    assert not MentorAssignment.objects.exists()


def test_confirming_nothing_says_so(client, world):
    client.force_login(world.staff)

    response = client.post(suggest_url(world), {}, follow=True)

    assert "Tidak ada pasangan yang dipilih" in response.text


@pytest.mark.parametrize("n", [1, 6])
def test_the_suggestion_page_runs_the_same_queries_for_any_cohort(
    client, world, django_assert_num_queries, n
):
    for i in range(1, n + 1):
        selected(world, RegionFactory(code=f"35.{i:02d}"))
        mentor(f"m-{i}", capacity=2)
    client.force_login(world.staff)

    # 1. the session, 2. the user, 3. the cohort, then the suggestion's five: 4. candidates,
    # 5. active assignments, 6. mentors, 7. declared conflicts, 8. institution ties,
    # 9. the second-factor device of the staff session (django-otp).
    with django_assert_num_queries(9):
        response = client.get(suggest_url(world))

    assert response.status_code == 200
