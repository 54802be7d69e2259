"""The plan as the region's own document: front and back matter, the regional profile, programme
types and RPJMD/Renstra references, and the roadmap by term (issue #18, parts 2–5)."""

from __future__ import annotations

import copy

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from masterplan.document import (
    NATIONAL_LEGAL_BASIS,
    GlossaryError,
    Term,
    executive_summary_draft,
    executive_summary_text,
    glossary,
    group_by_term,
    group_by_type,
    legal_basis_list,
    parse_glossary,
    programme_term,
    snapshot_profile,
)
from masterplan.forms import ClosingForm, ExecutiveSummaryForm, LegalBasisForm, ProgrammeForm
from masterplan.models import Dimension, Plan, ProgrammeType
from masterplan.services.workflow import plan_submit
from masterplan.snapshot import SCHEMA, diff, plan_snapshot, snapshot_sha256
from smartcity.geometry import region_shape_svg
from smartcity.profile import region_profile
from tests.masterplan.helpers import add_programme, full_plan

# --- the regional profile, from the committed data -------------------------------------------


def test_sukoharjos_profile_is_read_from_the_kemendagri_2025_file(world):
    profile = region_profile(world.region, cohort=2018)
    # wilayah-profil-2025.csv: 33.11,Kabupaten Sukoharjo,458337,458135,916472,493.601
    assert profile.population == 916_472 == profile.population_male + profile.population_female
    assert str(profile.area_km2) == "493.601"
    assert str(profile.density) == "1856.7"  # 916 472 / 493.601 km²
    assert profile.province_code == "33"
    assert profile.province_name == "Jawa Tengah"
    assert profile.kind == "kabupaten" and profile.kind_name == "Kabupaten"
    assert profile.cohort == 2018
    assert "Kepmendagri" in profile.source and "MIT" in profile.source


def test_a_code_the_file_does_not_know_has_no_figures_rather_than_zero():
    stand_in = type("Region", (), {"code": "45.01", "name": "Kota Baru", "kind": "kota"})
    profile = region_profile(stand_in)
    assert profile.population is None and profile.area_km2 is None and profile.density is None


def test_the_regions_shape_is_an_svg_of_its_own_polygon_and_nothing_for_an_unknown_code():
    svg = region_shape_svg("33.11")
    assert svg.startswith("<svg") and 'aria-label="Kabupaten Sukoharjo"' in svg
    assert '<path d="M' in svg
    assert region_shape_svg("33.11", label="<b>").count("&lt;b&gt;") == 2  # escaped
    assert "<circle" in region_shape_svg("13.75")  # Kota Bukittinggi: a point in the file
    assert region_shape_svg("45.01") == ""


# --- legal basis and glossary ------------------------------------------------------------------


def test_a_new_plan_starts_with_the_national_regulations(world):
    plan = full_plan(world)
    assert legal_basis_list(plan.legal_basis) == list(NATIONAL_LEGAL_BASIS)
    assert any("Nomor 95 Tahun 2018" in line for line in NATIONAL_LEGAL_BASIS)
    assert any("Nomor 23 Tahun 2014" in line for line in NATIONAL_LEGAL_BASIS)


def test_the_legal_basis_list_drops_numbering_blank_lines_and_repeats():
    text = "1. UU 23/2014\n\n2) Perpres 95/2018\n- Perbup 3/2018\n  perpres 95/2018  \n"
    assert legal_basis_list(text) == ["UU 23/2014", "Perpres 95/2018", "Perbup 3/2018"]


def test_the_glossary_lists_each_agency_the_programmes_name_with_known_or_own_names():
    entries = glossary(
        ["Diskominfo", "Diskominfo dan Dinas PMD", "Bappeda", "Dinas Rahasia"],
        {"bappeda": "Badan Perencanaan, Penelitian dan Pengembangan Daerah"},
    )
    assert entries == [
        {"abbr": "Bappeda", "name": "Badan Perencanaan, Penelitian dan Pengembangan Daerah"},
        {"abbr": "Dinas PMD", "name": "Dinas Pemberdayaan Masyarakat dan Desa"},
        {"abbr": "Dinas Rahasia", "name": ""},
        {"abbr": "Diskominfo", "name": "Dinas Komunikasi dan Informatika"},
    ]


def test_a_glossary_text_with_bad_lines_names_every_one_of_them():
    with pytest.raises(GlossaryError) as caught:
        parse_glossary(
            "Diskominfo = Dinas Kominfo\nBappeda Badan\n = Tanpa singkatan\nDISKOMINFO = x"
        )
    assert [p.split(":")[0] for p in caught.value.problems] == ["Baris 2", "Baris 3", "Baris 4"]
    assert parse_glossary("Dinkes = Dinas Kesehatan\nRSUD =\n") == {"Dinkes": "Dinas Kesehatan"}


# --- programme types --------------------------------------------------------------------------


def test_the_five_programme_types_are_seeded_in_order(db):
    assert list(ProgrammeType.objects.values_list("code", flat=True)) == [
        "policy",
        "infrastructure",
        "applications",
        "people",
        "partnerships",
    ]


def test_programmes_group_by_type_in_the_types_order_with_the_untyped_last(world):
    plan = full_plan(world)
    types = {t.code: t for t in ProgrammeType.objects.all()}
    first, second, *_ = list(plan.programmes.all())
    first.programme_type = types["partnerships"]
    first.save()
    second.programme_type = types["policy"]
    second.save()
    data = plan_snapshot(plan)
    groups = group_by_type(data)
    assert [t["code"] for t, _, _ in groups] == ["policy", "partnerships", ""]
    assert [len(ps) for _, ps, _ in groups] == [1, 1, len(data["programmes"]) - 2]
    assert sum(total for _, _, total in groups) == sum(
        sum(p["budgets"].values()) for p in data["programmes"]
    )


# --- the roadmap by term ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("end_offset", "term"),
    [(0, "quick_win"), (1, "short"), (2, "short"), (3, "medium"), (4, "medium"), (5, "long")],
)
def test_a_programme_takes_the_term_of_the_plan_year_it_ends_in(end_offset, term):
    assert programme_term(start_year=2020, end_year=2020 + end_offset, plan_start=2020) == term


@given(
    plan_start=st.integers(2000, 2090),
    start=st.integers(0, 9),
    length=st.integers(0, 9),
    later=st.integers(0, 9),
    quick_win=st.booleans(),
)
def test_the_term_is_one_of_four_and_never_shortens_as_a_programme_ends_later(
    plan_start, start, length, later, quick_win
):
    kwargs = {"start_year": plan_start + start, "plan_start": plan_start}
    term = programme_term(end_year=plan_start + start + length, **kwargs)
    longer = programme_term(end_year=plan_start + start + length + later, **kwargs)
    assert term in Term.ORDER
    assert Term.ORDER.index(longer) >= Term.ORDER.index(term)
    year = start + length + 1  # the plan year it ends in
    assert year <= Term.LAST_YEAR[term] or term == Term.LONG
    if term != Term.QUICK_WIN:
        assert year > Term.LAST_YEAR[Term.ORDER[Term.ORDER.index(term) - 1]]
    flagged = programme_term(end_year=plan_start + start + length, is_quick_win=True, **kwargs)
    assert flagged == Term.QUICK_WIN


def test_a_ten_year_plan_has_every_term(world):
    plan = full_plan(world)
    Plan.objects.filter(pk=plan.pk).update(horizon_years=10)
    plan.refresh_from_db()
    governance = Dimension.objects.get(code="governance")
    for length in (3, 5, 10):
        add_programme(plan, governance, end_year=plan.start_year + length - 1)
    terms = [term for term, _, _ in group_by_term(plan_snapshot(plan))]
    assert terms == ["quick_win", "short", "medium", "long"]


# --- the snapshot -----------------------------------------------------------------------------


def test_the_snapshot_carries_the_document_the_profile_and_the_types(world):
    plan = full_plan(world)
    Plan.objects.filter(pk=plan.pk).update(
        foreword_head="Kata Bupati.",
        foreword_team="Kata Ketua Tim.",
        closing="Penutup.",
        executive_summary="Ringkasan.",
        profile_economy="Jamu dan tekstil.",
        profile_sectors="Gamelan.",
        agency_names={"Diskominfo": "Dinas Kominfo Sukoharjo"},
    )
    programme = plan.programmes.first()
    programme.programme_type = ProgrammeType.objects.get(code="people")
    programme.rpjmd_reference = "Misi 2"
    programme.renstra_reference = "Program SPBE"
    programme.save()
    plan = Plan.objects.select_related("candidate__region", "candidate__cohort").get(pk=plan.pk)
    data = plan_snapshot(plan)
    assert data["schema"] == SCHEMA == 2
    assert data["front_matter"] == {
        "foreword_head": "Kata Bupati.",
        "foreword_team": "Kata Ketua Tim.",
        "executive_summary": "Ringkasan.",
        "legal_basis": list(NATIONAL_LEGAL_BASIS),
    }
    assert data["back_matter"]["closing"] == "Penutup."
    assert data["back_matter"]["glossary"] == [
        {"abbr": "Diskominfo", "name": "Dinas Kominfo Sukoharjo"}
    ]
    assert data["profile"]["population"] == 916_472
    assert data["profile"]["economy"] == "Jamu dan tekstil."
    assert data["profile"]["sectors"] == "Gamelan."
    assert [t["code"] for t in data["programme_types"]][0] == "policy"
    row = next(p for p in data["programmes"] if p["id"] == programme.pk)
    assert row["programme_type"] == "people"
    assert row["programme_type_name"] == "Sumber daya manusia"
    assert (row["rpjmd_reference"], row["renstra_reference"]) == ("Misi 2", "Program SPBE")


def _schema_1(data: dict) -> dict:
    """A snapshot as versions frozen before schema 2 hold it."""
    old = copy.deepcopy(data)
    old["schema"] = 1
    for key in ("programme_types", "front_matter", "back_matter", "profile"):
        del old[key]
    for p in old["programmes"]:
        for key in ("programme_type", "programme_type_name", "rpjmd_reference"):
            del p[key]
        del p["renstra_reference"]
    return old


def test_an_old_version_still_verifies_reads_and_compares_without_false_changes(client, world):
    plan = full_plan(world)
    plan = plan_submit(plan=plan, by=world.official)
    version = plan.versions.get()
    assert version.sha256 == snapshot_sha256(version.data)
    old = _schema_1(version.data)
    # The hash is of the stored data: an old version's hash stays its own.
    assert snapshot_sha256(old) == snapshot_sha256(_schema_1(version.data))
    assert snapshot_sha256(old) != version.sha256
    changes = diff(old, version.data)
    assert not changes.changed and not changes.added and not changes.removed
    # The region has written none of the texts, so only the legal basis appears as new.
    assert [c.field for c in changes.sections] == ["legal_basis"]
    # Old data reads with the defaults: untyped, draft summary, the live file's profile.
    assert [t["code"] for t, _, _ in group_by_type(old)] == [""]
    text, is_draft = executive_summary_text(old)
    assert is_draft and text == executive_summary_draft(old)
    assert snapshot_profile(old).population == 916_472


def test_the_executive_summary_draft_gives_vision_figures_quick_wins_and_sources(world):
    plan = full_plan(world)
    data = plan_snapshot(plan)
    text = executive_summary_draft(data)
    assert "Isi vision." in text
    assert f"{len(data['programmes'])} program" in text
    assert "3 quick win" in text
    assert "APBD Rp " in text
    for p in data["programmes"]:
        if p["is_quick_win"]:
            assert f"- {p['name']}" in text


# --- forms --------------------------------------------------------------------------------------


def test_the_legal_basis_form_starts_from_the_national_list_and_saves_the_edit(world):
    plan = full_plan(world)
    Plan.objects.filter(pk=plan.pk).update(legal_basis="")
    plan.refresh_from_db()
    assert LegalBasisForm(plan=plan)["legal_basis"].value().splitlines() == list(
        NATIONAL_LEGAL_BASIS
    )
    form = LegalBasisForm({"legal_basis": "1. UU 23/2014\n2. Perbup Sukoharjo 3/2018"}, plan=plan)
    assert form.is_valid() and form.save(by=world.official)
    plan.refresh_from_db()
    assert plan.legal_basis == "UU 23/2014\nPerbup Sukoharjo 3/2018"


def test_a_legal_basis_line_too_long_is_refused_naming_the_line_and_keeps_the_text(world):
    plan = full_plan(world)
    typed = "UU 23/2014\n" + "x" * 501
    form = LegalBasisForm({"legal_basis": typed}, plan=plan)
    assert not form.is_valid()
    assert "Baris 2" in form.errors["legal_basis"][0]
    assert form["legal_basis"].value() == typed
    plan.refresh_from_db()
    assert plan.legal_basis.startswith(NATIONAL_LEGAL_BASIS[0])


def test_the_closing_form_refuses_a_bad_glossary_line_and_writes_nothing(world):
    plan = full_plan(world)
    typed = {"closing": "Penutup baru.", "glossary": "Diskominfo Dinas Kominfo"}
    form = ClosingForm(typed, plan=plan)
    assert not form.is_valid()
    assert "Baris 1" in form.errors["glossary"][0] and "=" in form.errors["glossary"][0]
    assert form["glossary"].value() == typed["glossary"]
    plan.refresh_from_db()
    assert plan.closing == "" and plan.agency_names == {}


def test_the_closing_form_offers_the_agencies_of_the_programmes_and_saves_long_names(world):
    plan = full_plan(world)
    form = ClosingForm(plan=plan)
    assert form["glossary"].value() == "Diskominfo = Dinas Komunikasi dan Informatika"
    form = ClosingForm(
        {"closing": "Penutup.", "glossary": "Diskominfo = Dinas Kominfo dan Persandian"}, plan=plan
    )
    assert form.is_valid() and form.save(by=world.official)
    plan.refresh_from_db()
    assert plan.agency_names == {"Diskominfo": "Dinas Kominfo dan Persandian"}


def test_the_summary_form_opens_on_the_draft_and_can_return_to_it(world):
    plan = full_plan(world)
    form = ExecutiveSummaryForm(plan=plan)
    assert form["executive_summary"].value() == executive_summary_draft(plan_snapshot(plan))
    assert form["use_draft"].value() is True
    form = ExecutiveSummaryForm({"executive_summary": "Ringkasan kami."}, plan=plan)
    assert form.is_valid() and form.save(by=world.official)
    plan.refresh_from_db()
    assert plan.executive_summary == "Ringkasan kami."
    form = ExecutiveSummaryForm(
        {"executive_summary": "Ringkasan kami.", "use_draft": "on"}, plan=plan
    )
    assert form.is_valid() and form.save(by=world.official)
    plan.refresh_from_db()
    assert plan.executive_summary == ""


def _programme_post(plan, programme, **changes):
    data = {
        "name": programme.name,
        "description": "",
        "dimension": str(programme.dimension_id),
        "element": str(programme.element_id),
        "start_year": programme.start_year,
        "end_year": programme.end_year,
        "funding_source": programme.funding_source,
        "agency": programme.agency,
        "kpi": programme.kpi,
        "kpi_unit": programme.kpi_unit,
        "kpi_baseline": "2",
        "kpi_target": "20",
        f"budget_{plan.start_year}": "100.000.000",
    }
    return data | changes


def test_the_programme_form_saves_its_type_and_references(world):
    plan = full_plan(world)
    programme = plan.programmes.filter(is_quick_win=False).first()
    people = ProgrammeType.objects.get(code="people")
    post = _programme_post(
        plan,
        programme,
        programme_type=str(people.pk),
        rpjmd_reference="Misi 3, Tujuan 3.1",
        renstra_reference="Diskominfo: Program Aplikasi Informatika",
    )
    form = ProgrammeForm(post, plan=plan, programme=programme)
    assert form.is_valid(), form.errors
    assert form.save(by=world.official)
    programme.refresh_from_db()
    assert programme.programme_type == people
    assert programme.rpjmd_reference == "Misi 3, Tujuan 3.1"
    assert programme.renstra_reference.startswith("Diskominfo")


def test_a_programme_type_not_on_the_list_is_refused_and_the_rest_is_kept(world):
    plan = full_plan(world)
    programme = plan.programmes.filter(is_quick_win=False).first()
    post = _programme_post(plan, programme, programme_type="999999", rpjmd_reference="Misi 1")
    form = ProgrammeForm(post, plan=plan, programme=programme)
    assert not form.is_valid()
    assert list(form.errors) == ["programme_type"]
    assert form["rpjmd_reference"].value() == "Misi 1"


# --- the pages ----------------------------------------------------------------------------------

NEW_SECTIONS = ["foreword", "legal", "summary", "profile", "closing"]


@pytest.mark.parametrize("section", NEW_SECTIONS)
def test_the_official_opens_and_saves_each_document_section(client, world, section):
    plan = full_plan(world)
    client.force_login(world.official)
    url = reverse("plan_section_edit", args=[plan.pk, section])
    assert client.get(url).status_code == 200
    posts = {
        "foreword": {"foreword_head": "Kata Bupati.", "foreword_team": "Kata Ketua."},
        "legal": {"legal_basis": "UU 23/2014"},
        "summary": {"executive_summary": "Ringkasan."},
        "profile": {"profile_economy": "Ekonomi.", "profile_sectors": "Sektor."},
        "closing": {"closing": "Penutup.", "glossary": "Diskominfo = Dinas Kominfo"},
    }
    response = client.post(url, posts[section])
    assert response.status_code == 302
    assert response["Location"].endswith(f"#plan-{section}")


@pytest.mark.parametrize("section", NEW_SECTIONS)
@pytest.mark.parametrize(
    ("role", "status"),
    [("staff", 403), ("mentor", 403), ("partner", 403), ("other_official", 404)],
)
def test_document_sections_are_refused_to_other_roles_and_regions(
    client, world, section, role, status
):
    plan = full_plan(world)
    client.force_login(world.user(role))
    url = reverse("plan_section_edit", args=[plan.pk, section])
    assert client.get(url).status_code == status
    assert client.post(url, {"closing": "x", "foreword_head": "x"}).status_code == status
    plan.refresh_from_db()
    assert plan.closing == "" and plan.foreword_head == ""


def test_a_bad_glossary_posted_comes_back_422_with_what_was_typed(client, world):
    plan = full_plan(world)
    client.force_login(world.official)
    url = reverse("plan_section_edit", args=[plan.pk, "closing"])
    response = client.post(url, {"closing": "Penutup kami.", "glossary": "Bappeda tanpa sama"})
    assert response.status_code == 422
    text = response.content.decode()
    assert "Penutup kami." in text and "Bappeda tanpa sama" in text and "Baris 1" in text


def test_the_plan_page_shows_the_document_the_profile_the_types_and_the_roadmap(client, world):
    plan = full_plan(world)
    Plan.objects.filter(pk=plan.pk).update(foreword_head="Sambutan Bupati Sukoharjo.")
    long_name = "Program dengan nama yang sangat panjang " * 4
    add_programme(plan, Dimension.objects.get(code="economy"), name=long_name.strip())
    client.force_login(world.official)
    text = client.get(plan.get_absolute_url()).content.decode()
    assert "Sambutan Bupati Sukoharjo." in text
    assert NATIONAL_LEGAL_BASIS[0] in text
    assert "916.472 jiwa" in text and "Jawa Tengah" in text
    assert 'class="region-shape-svg"' in text
    assert 'id="plan-budget-by-type"' in text
    assert 'id="plan-roadmap"' in text and "Jangka pendek (1–3 tahun)" in text
    # Roadmap labels are printed whole, never cut short.
    assert long_name.strip() in text
    assert "…" not in text.split('id="plan-roadmap"')[1].split("</section>")[0]


def test_the_region_card_shows_the_profile(client, world):
    client.force_login(world.staff)
    text = client.get(reverse("region_card", args=[world.region.code])).content.decode()
    assert "Gambaran umum daerah" in text and "916.472 jiwa" in text
    assert 'class="region-shape-svg"' in text


# --- the admin ----------------------------------------------------------------------------------


def test_staff_add_a_programme_type_in_the_admin_and_the_programme_form_offers_it(client, world):
    from portal.demo import seed_ministry_group

    world.staff.groups.add(seed_ministry_group())
    client.force_login(world.staff)
    response = client.post(
        reverse("admin:masterplan_programmetype_add"),
        {"code": "regulation", "name": "Regulasi", "description": "", "order": 9},
    )
    assert response.status_code == 302
    assert client.get(reverse("admin:masterplan_programmetype_changelist")).status_code == 200
    plan = full_plan(world)
    choices = dict(ProgrammeForm(plan=plan).fields["programme_type"].choices)
    assert "Regulasi" in choices.values()


def test_staff_read_a_programmes_type_and_references_in_the_admin(client, world):
    from portal.demo import seed_ministry_group

    world.staff.groups.add(seed_ministry_group())
    client.force_login(world.staff)
    plan = full_plan(world)
    programme = plan.programmes.first()
    programme.rpjmd_reference = "Misi 4"
    programme.save()
    url = reverse("admin:masterplan_programme_change", args=[programme.pk])
    assert "Misi 4" in client.get(url).content.decode()
    assert client.get(reverse("admin:masterplan_programme_changelist")).status_code == 200


def test_the_version_difference_names_a_changed_type_and_reference(world):
    plan = full_plan(world)
    before = plan_snapshot(plan)
    programme = plan.programmes.first()
    programme.programme_type = ProgrammeType.objects.get(code="infrastructure")
    programme.rpjmd_reference = "Misi 1"
    programme.save()
    Plan.objects.filter(pk=plan.pk).update(closing="Penutup baru.")
    plan.refresh_from_db()
    changes = diff(before, plan_snapshot(plan))
    [changed] = changes.changed
    assert {(c.field, c.old, c.new) for c in changes.changed[0].changes} == {
        ("programme_type_name", "", "Infrastruktur"),
        ("rpjmd_reference", "", "Misi 1"),
    }
    assert changed.id == programme.pk
    assert [(c.field, c.new) for c in changes.sections] == [("closing", "Penutup baru.")]
