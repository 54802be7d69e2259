"""The programme map's pages and data for ministry staff: the page, the geometry with its ETag,
the values per layer in a fixed number of queries, the server-rendered SVG and a region's card."""

import gzip
import json
import re

import pytest
from django.urls import reverse

from candidates.models import Candidate
from candidates.services import screening_round_for_cohort, screening_run
from dashboard.layers import LAYERS
from masterplan.models import Plan
from partners.models import MoU
from smartcity.geometry import GEOMETRY_PATH, map_svg, shapes
from tests.assessment.builders_results import small_cohort
from tests.candidates.helpers import indicators_for, screened_world, spread_regions
from tests.factories import CandidateFactory, CohortFactory
from tests.masterplan.helpers import assign

OTHER_ROLES = ["official", "other_official", "mentor", "other_mentor", "assessor", "partner"]


def get(client, name, *args, **params):
    return client.get(reverse(name, args=args), params)


# --- permissions --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["programme_map", "map_geometry", "map_values", "map_svg"])
@pytest.mark.parametrize("role", OTHER_ROLES)
def test_other_roles_are_refused_the_map_and_its_data(client, world, name, role):
    client.force_login(world.user(role))
    assert get(client, name).status_code == 403


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_other_roles_are_refused_a_region_card_even_their_own_region(client, world, role):
    client.force_login(world.user(role))
    assert get(client, "region_card", world.region.code).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    response = get(client, "map_values")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_staff_without_their_second_factor_are_sent_to_verify(client, world):
    client.force_login(world.staff, second_factor=False)
    response = get(client, "map_geometry")
    assert response.status_code == 302
    assert reverse("otp_verify") in response["Location"]


def test_the_staff_home_links_to_the_map(client, world):
    client.force_login(world.staff)
    assert reverse("programme_map") in client.get(reverse("staff_home")).text


# --- the page -----------------------------------------------------------------------------


def test_the_page_shows_the_chosen_layer_with_its_legend_and_the_no_script_picture(client, world):
    CandidateFactory(cohort=world.cohort, region=world.region, status="participant")
    client.force_login(world.staff)
    response = get(client, "programme_map", lapisan="status")
    assert response.status_code == 200
    text = response.text
    assert "Status program" in text
    assert "Peserta" in text and "(1)" in text  # one participant
    assert "Belum pernah diundang" in text and "(513)" in text
    # Without JavaScript: the SVG picture of the same layer, and a list of every kab/kota
    # (the world has two) by province, to open its card.
    assert f'src="{reverse("map_svg")}?lapisan=status"' in text
    assert '<option value="33.11">Kabupaten Sukoharjo</option>' in text
    assert '<option value="32.73">Kota Bandung</option>' in text
    assert "Ardian Saputra Hasibuan" in text  # the geometry's attribution


def test_an_unknown_layer_on_the_page_falls_back_to_the_default_and_says_so(client, world):
    client.force_login(world.staff)
    response = get(client, "programme_map", lapisan="bogus", angkatan="1900")
    assert response.status_code == 200
    assert "Pilihan peta tidak dikenal" in response.text
    assert "Status program" in response.text


def test_choosing_a_region_in_the_list_shows_its_card_beside_the_map(client, world):
    CandidateFactory(cohort=world.cohort, region=world.region, status="invited")
    client.force_login(world.staff)
    response = get(client, "programme_map", wilayah=world.region.code)
    assert "Kabupaten Sukoharjo" in response.text
    assert "Angkatan 2018" in response.text
    unknown = get(client, "programme_map", wilayah="99.99")
    assert "Tidak ada kabupaten/kota dengan kode “99.99”" in unknown.text


# --- the geometry -------------------------------------------------------------------------


def test_the_geometry_is_the_committed_file_with_an_etag_and_a_private_cache(client, world):
    client.force_login(world.staff)
    response = get(client, "map_geometry")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    assert response.content == GEOMETRY_PATH.read_bytes()
    assert re.fullmatch(r'"[0-9a-f]{32}"', response["ETag"])
    assert "private" in response["Cache-Control"]
    assert "Accept-Encoding" in response["Vary"]


def test_a_conditional_get_of_the_geometry_answers_304_without_a_body(client, world):
    client.force_login(world.staff)
    etag = get(client, "map_geometry")["ETag"]
    again = client.get(reverse("map_geometry"), headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    changed = client.get(reverse("map_geometry"), headers={"If-None-Match": '"something-else"'})
    assert changed.status_code == 200


def test_the_geometry_is_sent_gzipped_to_browsers_that_accept_it_under_its_own_etag(client, world):
    client.force_login(world.staff)
    plain = get(client, "map_geometry")
    zipped = client.get(reverse("map_geometry"), headers={"Accept-Encoding": "gzip, deflate, br"})
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == plain.content
    assert len(zipped.content) < len(plain.content) / 3
    assert zipped["ETag"] != plain["ETag"]
    revalidated = client.get(
        reverse("map_geometry"),
        headers={"Accept-Encoding": "gzip", "If-None-Match": zipped["ETag"]},
    )
    assert revalidated.status_code == 304


def test_the_geometry_is_read_without_a_query_beyond_the_sign_in(
    client, world, django_assert_num_queries
):
    client.force_login(world.staff)
    get(client, "map_geometry")
    # 1. the session, 2. the user, 3. the second-factor device of the staff session.
    with django_assert_num_queries(3):
        assert get(client, "map_geometry").status_code == 200


# --- the values ---------------------------------------------------------------------------


def test_the_values_give_each_region_its_class_and_tooltip_and_the_legend_counts(client, world):
    CohortFactory(year=2017)
    CandidateFactory(cohort__year=2017, region=world.other_region, status="participant")
    CandidateFactory(cohort=world.cohort, region=world.region, status="not_selected")
    client.force_login(world.staff)
    data = get(client, "map_values", lapisan="status").json()
    assert data["layer"] == "status" and data["cohort"] is None
    assert data["regions"] == {
        "32.73": ["participant", "Peserta · angkatan 2017"],
        "33.11": ["not_selected", "Tidak terpilih · angkatan 2018"],
    }
    counts = {c["key"]: c["count"] for c in data["classes"]}
    assert counts["participant"] == counts["not_selected"] == 1
    assert counts[""] == 512  # no value: the rest of the 514
    assert sum(counts.values()) == 514
    only_2018 = get(client, "map_values", lapisan="status", angkatan=2018).json()
    assert set(only_2018["regions"]) == {"33.11"}


@pytest.mark.parametrize(
    "params", [{"lapisan": "bogus"}, {"angkatan": "1900"}, {"angkatan": "dua ribu"}]
)
def test_a_bad_choice_of_values_answers_400_naming_the_field(client, world, params):
    client.force_login(world.staff)
    response = get(client, "map_values", **params)
    assert response.status_code == 400
    assert set(response.json()["errors"]) == set(params)


def programme_of(world, n: int):
    """n regions in the world's cohort at every stage: screened, candidates, scored, plans."""
    regions = spread_regions(n, first_province=61)
    indicators_for({r: (1.0 + i, 2.0, 50 + i) for i, r in enumerate(regions)}, year=2018)
    screening_run(round_=screening_round_for_cohort(cohort=world.cohort), by=world.staff)
    for region in regions:
        candidate = CandidateFactory(cohort=world.cohort, region=region, status="participant")
        Plan.objects.create(candidate=candidate, start_year=2019)
    small_cohort(world)  # three more candidates, scored by two assessors


@pytest.mark.parametrize("layer", sorted(LAYERS))
@pytest.mark.parametrize("n", [2, 20])
def test_the_values_of_each_layer_take_the_same_queries_for_any_number_of_regions(
    client, world, django_assert_num_queries, layer, n
):
    programme_of(world, n)
    client.force_login(world.staff)
    extra = {"status": 1, "angkatan": 1, "seleksi": 2, "asesmen": 3, "masterplan": 1}[layer]
    # 1. the session, 2. the user, 3. the second-factor device, 4. the cohorts; then the
    # layer's own: status, cohort and master plan one each (candidates or plans with region
    # and cohort); screening two (each cohort's run of record, its lines); assessment three
    # (every rubric's criteria, the counted scores, the scored candidates' regions).
    with django_assert_num_queries(4 + extra):
        response = get(client, "map_values", lapisan=layer)
    assert response.status_code == 200
    assert len(response.json()["regions"]) >= min(n, 3)


# --- the SVG ------------------------------------------------------------------------------


def test_the_svg_draws_all_514_kab_kota_filled_by_the_layer_and_linked_to_their_cards(
    client, world
):
    CandidateFactory(cohort=world.cohort, region=world.region, status="participant")
    client.force_login(world.staff)
    response = get(client, "map_svg", lapisan="status")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    svg = response.text
    assert len(re.findall(r"<(?:path|circle) [^>]*data-code=", svg)) == 514
    assert len(re.findall(r"<circle ", svg)) == 7
    sukoharjo = re.search(r'<path [^>]*data-code="33.11"[^>]*>', svg).group(0)
    assert 'fill="#1a9641"' in sukoharjo  # a participant
    assert f'<a href="{reverse("region_card", args=["33.11"])}">' in svg
    assert "<title>Kabupaten Sukoharjo — Peserta · angkatan 2018</title>" in svg
    assert "<title>Kota Bandung — Belum pernah diundang</title>" in svg


def test_map_svg_takes_a_colour_per_code_and_escapes_what_it_prints():
    svg = map_svg({"32.73": "#123456"}, titles={"32.73": "<b>Bandung</b> & co"}, label='Peta "uji"')
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1000 ')
    assert re.search(r'<path [^>]*fill="#123456"[^>]*data-code="32.73"', svg)
    assert "<title>&lt;b&gt;Bandung&lt;/b&gt; &amp; co</title>" in svg
    assert 'aria-label="Peta &quot;uji&quot;"' in svg
    assert svg.count('fill="#dee2e6"') == 513  # the others: no value
    assert len(shapes()) == 514


def test_map_svg_refuses_anything_but_a_hex_colour():
    with pytest.raises(ValueError, match="32.73"):
        map_svg({"32.73": 'red" onload="alert(1)'})


# --- the region card ----------------------------------------------------------------------


@pytest.fixture
def sukoharjo_path(world):
    """Sukoharjo screened first in 2018 (the run not confirmed yet), scored first by its panel,
    selected, MoU signed, mentored and with a plan under review; Bandung a participant of 2017."""
    run = screened_world(world, confirm=False)
    cohort, (x, _y, _z), _ = small_cohort(world)
    Candidate.objects.filter(pk=x.pk).update(status="participant")
    MoU.objects.create(candidate=x, status=MoU.Status.SIGNED, signing_date="2018-05-08")
    assign(world, x)
    plan = Plan.objects.create(candidate=x, start_year=2019, status=Plan.Status.SUBMITTED)
    CandidateFactory(cohort__year=2017, region=world.other_region, status="participant")
    return run, x, plan


def test_a_region_card_shows_its_path_through_every_stage(client, world, sukoharjo_path):
    run, candidate, plan = sukoharjo_path
    world.mentor.first_name, world.mentor.last_name = "Mentor", "Satu"
    world.mentor.save()
    client.force_login(world.staff)
    response = get(client, "region_card", world.region.code)
    assert response.status_code == 200
    text = response.text
    assert "<html" in text  # a page of its own
    assert "Kabupaten Sukoharjo" in text and "33.11 · Kabupaten" in text
    assert "Angkatan 2018" in text and "Peserta" in text
    assert reverse("screening_result", args=[run.pk, "33.11"]) in text
    assert "peringkat 1</a> · Daftar pendek" in text
    assert "belum dikonfirmasi" in text
    assert "75,0 · peringkat 1" in text  # the panel mean of tests/assessment/test_results.py
    assert reverse("candidate_report", args=[candidate.pk]) in text
    assert "Ditandatangani" in text and "8 Mei 2018" in text
    assert "Mentor Satu" in text
    assert plan.get_absolute_url() in text and "Diajukan" in text


def test_an_htmx_request_gets_the_card_alone_for_the_maps_side_panel(client, world):
    client.force_login(world.staff)
    response = client.get(
        reverse("region_card", args=[world.other_region.code]), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert "<html" not in response.text
    assert response.text.lstrip().startswith("<article")
    assert "Kota Bandung" in response.text
    assert "Belum pernah diseleksi atau diundang" in response.text


@pytest.mark.parametrize("code", ["99.99", "33", "not-a-code"])
def test_a_card_of_anything_but_a_kab_kota_is_not_found(client, world, code):
    client.force_login(world.staff)
    assert get(client, "region_card", code).status_code == 404


def test_a_region_card_takes_the_same_queries_however_many_cohorts_it_went_through(
    client, world, sukoharjo_path, django_assert_num_queries
):
    client.force_login(world.staff)
    # 1. the session, 2. the user, 3. the second-factor device, 4. the region, 5. its
    # candidacies with cohort and questionnaire, 6. each cohort's run of record, 7. its
    # screening lines, 8. the rubrics' criteria, 9. the counted scores, 10. its MoUs,
    # 11. its active mentors, 12. its plans.
    with django_assert_num_queries(12):
        assert get(client, "region_card", world.region.code).status_code == 200
    for year in (2019, 2020):
        CandidateFactory(cohort__year=year, region=world.region, status="not_selected")
    with django_assert_num_queries(12):
        assert get(client, "region_card", world.region.code).status_code == 200


def test_a_region_screened_but_never_invited_shows_its_screening_line(client, world):
    screened_world(world)  # quota 1: Bandung ranked second, not invited
    client.force_login(world.staff)
    text = get(client, "region_card", world.other_region.code).text
    assert "Angkatan 2018" in text
    assert "peringkat 2" in text and "Diperingkat" in text
    assert "Kuesioner" not in text  # it was never a candidate


def test_a_score_layers_legend_runs_from_the_highest_class_down(client, world):
    client.force_login(world.staff)
    data = json.loads(get(client, "map_values", lapisan="seleksi").content)
    assert data["label"] == "Skor seleksi awal"
    assert [c["label"] for c in data["classes"]][:5] == [
        "80–100",
        "60–80",
        "40–60",
        "20–40",
        "0–20",
    ]
