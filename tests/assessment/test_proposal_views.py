"""The balanced proposal's page, starting the selection from it, and what the decision records.

The hand-computed cohort (tests/assessment/builders_results.py) with a quota of 2 — X
(Sukoharjo, Jawa) 75, Y (Bandung, Jawa) 62.5, Z (Pacitan, Jawa) 31.25 — plus W, a Papua
kabupaten scored 50: at least one per island group brings W in and sends Y out.
"""

import pytest
from django.urls import reverse

from assessment.models import EquityRules, Selection
from tests.assessment.builders_results import candidate, sheet, small_cohort


@pytest.fixture
def cohort4(world, client):
    client.force_login(world.staff)
    cohort, (x, y, z), (ani, budi) = small_cohort(world, quota=2)
    w = candidate(cohort, "91.01", "Kabupaten Uji Papua")
    sheet(w, ani, (3, 3, 3), by=world.staff)  # 50
    sheet(w, budi, (3, 3, 3), by=world.staff)
    EquityRules.objects.create(cohort=cohort, max_per_province=None, min_per_island_group=1)
    return cohort, (x, y, z, w)


def proposal_url(year=2018):
    return reverse("assessment_proposal", args=[year])


def selection_url(year=2018):
    return reverse("assessment_selection", args=[year])


def test_the_page_shows_who_enters_and_leaves_and_what_it_costs(client, cohort4):
    _, (x, y, z, w) = cohort4

    response = client.get(proposal_url())

    assert response.status_code == 200
    comparison = response.context["comparison"]
    assert [r.candidate_id for r in comparison.entering] == [w.pk]
    assert [r.candidate_id for r in comparison.leaving] == [y.pk]
    assert comparison.score_lost == pytest.approx(12.5)  # 62.5 out, 50 in
    assert comparison.mean_lost == pytest.approx(6.25)
    text = response.text
    assert "pemerataan: paling sedikit 1 per kelompok pulau (Papua)" in text
    assert "−12,50" in text and "−6,25" in text
    # The spread: Jawa gives one place to Papua.
    islands = {s.key: (s.assessed, s.ranking, s.proposal) for s in comparison.islands}
    assert islands["jawa"] == (3, 2, 1) and islands["papua"] == (1, 0, 1)
    assert 'id="start-from-proposal"' in text
    # The map's slot asks the dashboard for its panel.
    assert reverse("dashboard_proposal_map", args=[2018]) in text


def test_the_page_says_when_rules_cannot_all_be_met_and_what_was_relaxed(client, cohort4):
    cohort, _ = cohort4
    EquityRules.objects.filter(cohort=cohort).update(min_per_island_group=3)

    response = client.get(proposal_url())

    assert response.status_code == 200
    assert (
        "Paling sedikit 3 per kelompok pulau tidak terpenuhi: kurang 2 daerah (Jawa, Papua)."
        in response.text
    )
    assert "Usulan ini melonggarkan: minimum per kelompok pulau" in response.text


def test_without_rules_saved_the_cohort_gets_the_default_rules(client, cohort4):
    cohort, _ = cohort4
    EquityRules.objects.filter(cohort=cohort).delete()

    response = client.get(proposal_url())

    assert response.context["comparison"].rules.max_per_province == 3
    assert response.context["comparison"].rules.min_per_island_group == 2
    assert not EquityRules.objects.exists()  # reading does not write


def test_the_page_runs_a_fixed_number_of_queries(client, cohort4, django_assert_num_queries):
    client.get(proposal_url())
    # 1-3 session, user and its second factor; 4 the cohort with its selection; 5 the rules;
    # 6-8 the panel results (criteria, candidates with seats, counted scores); 9 the regions'
    # provinces and kinds; 10 the rules' admin link.
    with django_assert_num_queries(10):
        client.get(proposal_url())


def test_starting_from_the_proposal_ticks_it_and_fills_each_departures_reason(client, cohort4):
    _, (x, y, z, w) = cohort4

    response = client.get(selection_url() + "?dari=usulan")

    assert response.status_code == 200
    form = response.context["form"]
    checked = {i.row.candidate.pk for i in form.items() if i.checked}
    assert checked == {x.pk, w.pk}
    assert form[f"reason_{y.pk}"].value() == "pemerataan: paling sedikit 1 per kelompok pulau"
    assert (
        form[f"reason_{w.pk}"].value() == "pemerataan: paling sedikit 1 per kelompok pulau (Papua)"
    )
    assert 'id="from-proposal"' in response.text


def _post_from_proposal(client, response, *, reasons=None, **extra):
    form = response.context["form"]
    data = {
        "letter_number": "B-300/DJAI/KOMINFO/04/2018",
        "letter_date": "2018-04-20",
        "selected": [i.row.candidate.pk for i in form.items() if i.checked],
        "proposal": form["proposal"].value(),
    }
    for item in form.items():
        data[item.reason.html_name] = item.reason.value() or ""
    data.update(reasons or {})
    return client.post(selection_url(), data | extra)


def test_the_decision_records_the_rules_and_proposal_it_came_from(client, cohort4):
    _, (x, y, z, w) = cohort4
    start = client.get(selection_url() + "?dari=usulan")
    # Staff edit one pre-filled reason before checking.
    check = _post_from_proposal(
        client, start, reasons={f"reason_{y.pk}": "pemerataan: Papua belum terwakili"}
    )
    assert check.status_code == 200
    assert "usulan pemerataan (aturan dan usulan dicatat bersama penetapan)" in check.text

    done = _post_from_proposal(
        client,
        start,
        reasons={f"reason_{y.pk}": "pemerataan: Papua belum terwakili"},
        confirm="1",
    )

    assert done.status_code == 302
    selection = Selection.objects.get()
    assert selection.proposal["rules"]["min_per_island_group"] == 1
    assert selection.proposal["rules"]["max_per_province"] is None
    assert sorted(selection.proposal["chosen"]) == sorted([x.pk, w.pk])
    reasons = {d.candidate_id: d.reason for d in selection.deviations.all()}
    assert reasons == {
        y.pk: "pemerataan: Papua belum terwakili",
        w.pk: "pemerataan: paling sedikit 1 per kelompok pulau (Papua)",
    }
    page = client.get(selection_url())
    assert "Usulan pemerataan: 2 dari 2 daerah usulan ditetapkan." in page.text
    assert "paling sedikit 1 per kelompok pulau" in page.text


def test_a_decision_made_from_the_ranking_records_no_proposal(client, cohort4):
    _, (x, y, z, w) = cohort4
    data = {
        "letter_number": "B-301/DJAI/KOMINFO/04/2018",
        "letter_date": "2018-04-20",
        "selected": [x.pk, y.pk],
        "confirm": "1",
    }

    assert client.post(selection_url(), data).status_code == 302

    assert Selection.objects.get().proposal is None


def test_an_altered_proposal_is_refused(client, cohort4):
    start = client.get(selection_url() + "?dari=usulan")

    response = _post_from_proposal(client, start, proposal="not-a-signed-proposal", confirm="1")

    assert response.status_code == 200
    assert "Usulan pemerataan tidak dikenali" in response.text
    assert not Selection.objects.exists()


@pytest.mark.parametrize("role", ["official", "assessor", "mentor", "partner"])
def test_other_roles_cannot_see_the_proposal_or_its_map(client, world, role):
    client.force_login(world.user(role))

    assert client.get(proposal_url()).status_code == 403
    assert client.get(reverse("dashboard_proposal_map", args=[2018])).status_code == 403


def test_an_unknown_cohort_has_no_proposal(client, world):
    client.force_login(world.staff)

    assert client.get(proposal_url(2031)).status_code == 404
    assert client.get(reverse("dashboard_proposal_map", args=[2031])).status_code == 404
