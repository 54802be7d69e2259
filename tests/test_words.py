"""Pages say things in words, not stored keys: roles and weights by their labels, regions by
their names beside their codes. (Labels in the admin: tests/test_verbose_names.py; one
spelling per region kind: tests/smartcity/test_regions.py and the browser crawl.)"""

from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from candidates.services import screening_round_for_cohort
from tests.candidates.helpers import indicators_for


def test_the_staff_home_counts_people_by_role_label(client, world):
    client.force_login(world.staff)

    text = client.get(reverse("staff_home")).text

    assert "Asesor: 1" in text and "Mentor: 2" in text and "Pejabat Pemda: 2" in text
    assert "assessor:" not in text and "official:" not in text


def test_a_role_label_says_when_there_is_no_role():
    with translation.override("id"):
        rendered = Template("{% load portal %}{{ a|role_label }}|{{ b|role_label }}").render(
            Context({"a": "partner", "b": ""})
        )

    assert rendered == "Mitra industri|Tanpa peran"


def test_the_stability_table_names_each_weight_and_the_regions_that_move(client, world):
    # Sukoharjo leads on fiscal capacity, Bandung on the other two: with fiscal at 52 % Sukoharjo
    # takes the one place; 10 % less fiscal weight hands it to Bandung.
    indicators_for({world.region: (2.0, 3.0, 60), world.other_region: (1.0, 3.5, 80)}, year=2018)
    round_ = screening_round_for_cohort(cohort=world.cohort)
    client.force_login(world.staff)

    response = client.post(
        reverse("screening_whatif", args=[2018]),
        {"fiscal": "52", "governance": "24", "green": "24", "quota": "1"},
        headers={"HX-Request": "true"},
    )

    assert round_.runs.count() == 0
    rows = {(row["weight"], row["direction"]): row for row in response.context["whatif"].stability}
    assert rows["fiscal", "-"]["entered_regions"] == [("32.73", "Kota Bandung")]
    assert rows["fiscal", "-"]["left_regions"] == [("33.11", "Kabupaten Sukoharjo")]
    text = " ".join(response.text.split())
    assert '<th scope="row">Kapasitas fiskal</th>' in text
    assert '<th scope="row">Indeks kota hijau</th>' in text
    assert '<th scope="row">Kinerja pemerintahan (EKPPD)</th>' in text
    assert ">fiscal<" not in text and ">green<" not in text
    assert 'Kota Bandung <span class="text-muted">32.73</span>' in text
    assert 'Kabupaten Sukoharjo <span class="text-muted">33.11</span>' in text


def test_the_indicator_import_speaks_english_second(client, world, settings):
    from portal.demo import seed_ministry_group

    world.staff.groups.add(seed_ministry_group())
    client.force_login(world.staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    try:
        text = client.get(reverse("admin:candidates_indicatorimport_upload")).text
    finally:
        # The locale middleware leaves English active in this thread: not for the next tests.
        translation.activate(settings.LANGUAGE_CODE)

    assert "Check and preview" in text and "not available" in text
    assert "Periksa dan tampilkan pratinjau" not in text
