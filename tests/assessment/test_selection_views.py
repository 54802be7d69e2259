"""The selection page: ranking with checkboxes, reasons per deviation, confirmation, decision.

The hand-computed cohort with a quota of 2: X (Sukoharjo) rank 1, Y (Bandung) 2, Z (Pacitan) 3.
"""

import pytest
from django.urls import reverse

from assessment.models import Selection
from candidates.models import Candidate
from tests.assessment.builders_results import assessor, sheet, small_cohort
from tests.factories import UserFactory


@pytest.fixture
def small(world, client):
    client.force_login(world.staff)
    return small_cohort(world, quota=2)


def url():
    return reverse("assessment_selection", args=[2018])


def form_data(selected, reasons=None, **extra):
    data = {
        "letter_number": "B-200/DJAI/KOMINFO/04/2018",
        "letter_date": "2018-04-20",
        "selected": [c.pk for c in selected],
    }
    for candidate, reason in (reasons or {}).items():
        data[f"reason_{candidate.pk}"] = reason
    return data | extra


def test_the_form_lists_the_ranking_with_the_quota_pre_checked(client, small):
    _, (x, y, z), _ = small

    response = client.get(url())

    assert response.status_code == 200
    items = response.context["form"].items()
    assert [(i.row.candidate.pk, i.checked, i.within_quota) for i in items] == [
        (x.pk, True, True),
        (y.pk, True, True),
        (z.pk, False, False),
    ]
    assert response.text.count('type="checkbox"') == 3
    assert response.text.count(" checked>") == 2


def test_each_missing_reason_is_reported_on_its_own_row(client, small):
    _, (x, y, z), _ = small

    response = client.post(url(), form_data([x, z]))

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors[f"reason_{y.pk}"] == [
        "Peringkat 2 berada dalam kuota: tuliskan alasan tidak dipilih."
    ]
    assert form.errors[f"reason_{z.pk}"] == ["Peringkat 3 di luar kuota: tuliskan alasan dipilih."]
    assert "is-invalid" in response.text
    assert not Selection.objects.exists()


def test_selecting_more_than_the_quota_is_refused(client, small):
    _, (x, y, z), _ = small

    response = client.post(url(), form_data([x, y, z], {z: "Unggul"}))

    assert "Kuota terpilih 2 daerah; dipilih 3." in response.text
    assert not Selection.objects.exists()


def test_a_valid_choice_is_shown_for_confirmation_before_anything_is_saved(client, small):
    _, (x, y, z), _ = small

    response = client.post(url(), form_data([x, z], {y: "Belum ada SK", z: "Pemerataan"}))

    assert response.status_code == 200
    assert "Konfirmasi penetapan" in response.text
    assert "Belum ada SK" in response.text and "Pemerataan" in response.text
    assert [i.row.candidate.pk for i in response.context["chosen"]] == [x.pk, z.pk]
    assert not Selection.objects.exists()


def test_the_confirmation_says_what_the_decision_will_change(client, small):
    _, (x, y, z), _ = small

    response = client.post(url(), form_data([x, z], {y: "Belum ada SK", z: "Pemerataan"}))

    text = " ".join(response.text.split())
    assert "2 daerah akan ditetapkan terpilih angkatan 2018; 1 kandidat lainnya tercatat tidak" in (
        text
    )
    assert "Surat Dirjen B-200/DJAI/KOMINFO/04/2018 tanggal 20 Apr 2018 dicatat" in text
    assert "kuesionernya tidak dapat dibuka kembali" in text
    assert "Konfirmasi penetapan 2 daerah" in text
    assert "Kabupaten Sukoharjo</strong>" not in text  # Sukoharjo follows the ranking...
    assert '<strong>Kota Bandung</strong> <span class="text-muted">32.73</span>' in text
    assert not Selection.objects.exists()


def test_going_back_to_edit_keeps_what_was_entered(client, small):
    _, (x, y, z), _ = small

    response = client.post(url(), form_data([x, z], {y: "Belum ada SK", z: "Pemerataan"}, edit="1"))

    assert response.templates[0].name == "assessment/results/selection_form.html"
    assert "Belum ada SK" in response.text
    assert not Selection.objects.exists()


def test_confirming_records_the_decision_and_shows_it(client, small, world):
    _, (x, y, z), _ = small

    response = client.post(
        url(), form_data([x, z], {y: "Belum ada SK", z: "Pemerataan"}, confirm="1"), follow=True
    )

    selection = Selection.objects.get()
    assert (selection.letter_number, selection.decided_by) == (
        "B-200/DJAI/KOMINFO/04/2018",
        world.staff,
    )
    assert Candidate.objects.get(pk=z.pk).status == Candidate.Status.SELECTED
    assert response.templates[0].name == "assessment/results/selection_decision.html"
    assert "B-200/DJAI/KOMINFO/04/2018" in response.text
    assert "Pemerataan" in response.text and "Belum ada SK" in response.text
    assert [candidate for _, candidate, _ in response.context["selected"]] == [x, z]


def test_a_confirmation_without_the_reasons_is_refused_on_the_server(client, small):
    _, (x, _, z), _ = small

    response = client.post(url(), form_data([x, z], confirm="1"))

    assert response.status_code == 200
    assert len(response.context["form"].errors) == 2
    assert not Selection.objects.exists()


def test_once_made_the_selection_cannot_be_made_again(client, small):
    _, (x, y, _), _ = small
    client.post(url(), form_data([x, y], confirm="1"))

    response = client.post(url(), form_data([x], {y: "lain"}, confirm="1"), follow=True)

    assert "sudah dibuat" in response.text
    assert Selection.objects.count() == 1
    assert Candidate.objects.get(pk=y.pk).status == Candidate.Status.SELECTED


@pytest.mark.parametrize("role", ["official", "other_official", "assessor", "mentor", "partner"])
def test_the_selection_page_is_refused_to_every_other_role(client, small, world, role):
    client.force_login(getattr(world, role))

    assert client.get(url()).status_code == 403
    assert client.post(url(), form_data(small[1][:2], confirm="1")).status_code == 403
    assert not Selection.objects.exists()


def test_the_selection_page_sends_anonymous_users_to_the_login(client, small):
    client.logout()

    response = client.get(url())

    assert response.status_code == 302 and reverse("login") in response.url


def test_the_form_warns_about_panels_that_are_not_finished(client, small, world):
    _, (x, _, _), _ = small
    sheet(x, assessor("cara"), (1, 1, 1), by=world.staff, submitted=False)

    response = client.get(url())

    assert "1 kandidat panelnya belum lengkap" in response.text
    assert "Kabupaten Sukoharjo (2/3)" in response.text
    items = {i.row.candidate.pk: i for i in response.context["form"].items()}
    assert not items[x.pk].checked  # not pre-checked: it cannot be selected yet
    assert f'id="pilih-{x.pk}" disabled' in response.text


def test_ticking_a_candidate_whose_panel_is_incomplete_is_refused(client, small, world):
    _, (x, y, _), _ = small
    sheet(x, assessor("cara"), (1, 1, 1), by=world.staff, submitted=False)

    response = client.post(url(), form_data([x, y], confirm="1"))

    assert response.status_code == 200
    assert "Panel belum lengkap, belum dapat dipilih: Kabupaten Sukoharjo." in response.text
    assert not Selection.objects.exists()


def test_the_admin_shows_a_selection_with_its_deviations_but_never_changes_it(client, small, world):
    _, (x, y, _), _ = small
    client.post(url(), form_data([x], {y: "Belum ada SK"}, confirm="1"))
    selection = Selection.objects.get()
    admin = UserFactory(username="admin", staff=True, is_superuser=True)
    client.force_login(admin)

    change = client.get(reverse("admin:assessment_selection_change", args=[selection.pk]))

    assert change.status_code == 200
    assert "B-200/DJAI/KOMINFO/04/2018" in change.text and "Belum ada SK" in change.text
    assert client.get(reverse("admin:assessment_selection_add")).status_code == 403
    delete_url = reverse("admin:assessment_selection_delete", args=[selection.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert Selection.objects.exists()
