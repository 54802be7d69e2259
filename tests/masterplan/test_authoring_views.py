"""The official writes the plan: the entry page, the section forms, the inline programme editor,
and the plan page showing the content to everyone who may read it."""

import datetime
import re

import pytest
from django.urls import reverse

from candidates.models import Candidate
from masterplan.models import Dimension, Element, Plan, Programme
from masterplan.services.workflow import plan_submit
from partners.models import BodyMember, SmartCityBody
from tests.factories import CandidateFactory, CohortFactory
from tests.masterplan.helpers import full_plan, participant

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def plan(world):
    return full_plan(world)


def as_user(client, world, who):
    client.force_login(getattr(world, who))
    return client


def programme_post(plan, **changes):
    """What the programme form sends for a valid Smart Governance programme."""
    dimension = Dimension.objects.get(code="governance")
    y = plan.start_year
    data = {
        "name": "Mal Pelayanan Publik Digital",
        "description": "Satu pintu untuk semua izin.",
        "dimension": str(dimension.pk),
        "element": str(dimension.elements.first().pk),
        "start_year": str(y),
        "end_year": str(y + 1),
        "funding_source": "apbd",
        "agency": "DPMPTSP",
        "kpi": "Izin terbit daring",
        "kpi_unit": "persen",
        "kpi_baseline": "10",
        "kpi_target": "90,5",
        f"budget_{y}": "Rp 1.250.000",
        f"budget_{y + 1}": "2.500.000",
    }
    data.update(changes)
    return data


# --- the official's entry page ----------------------------------------------------------------


def test_an_officials_first_visit_creates_the_draft_and_opens_it(client, world):
    candidate = participant(world)
    response = as_user(client, world, "official").get(reverse("my_plan"))
    plan = Plan.objects.get(candidate=candidate)
    assert response.status_code == 302 and response.url == plan.get_absolute_url()
    assert plan.status == Plan.Status.DRAFT and plan.start_year == world.cohort.year + 1
    client.get(reverse("my_plan"))
    assert Plan.objects.count() == 1


def test_the_entry_page_opens_the_plan_of_the_latest_cohort_in_the_programme(client, world):
    participant(world)
    later = CandidateFactory(
        cohort=CohortFactory(year=2019), region=world.region, status=Candidate.Status.SELECTED
    )
    CandidateFactory(
        cohort=CohortFactory(year=2020), region=world.region, status=Candidate.Status.INVITED
    )
    response = as_user(client, world, "official").get(reverse("my_plan"))
    assert response.url == Plan.objects.get(candidate=later).get_absolute_url()


def test_a_region_outside_the_programme_is_told_so_and_gets_no_plan(client, world):
    CandidateFactory(cohort=world.cohort, region=world.region, status=Candidate.Status.INVITED)
    response = as_user(client, world, "official").get(reverse("my_plan"))
    assert response.status_code == 200
    assert "belum menjadi peserta" in response.content.decode()
    assert not Plan.objects.exists()


@pytest.mark.parametrize("who", ["staff", "mentor", "assessor", "partner"])
def test_the_entry_page_is_for_officials_only(client, world, who):
    participant(world)
    assert as_user(client, world, who).get(reverse("my_plan")).status_code == 403


def test_the_officials_menu_leads_to_the_plan(client, world):
    response = as_user(client, world, "official").get(reverse("official_home"))
    assert f'href="{reverse("my_plan")}"' in response.content.decode()


# --- section forms ----------------------------------------------------------------------------


def section_url(plan, section):
    return reverse("plan_section_edit", args=[plan.pk, section])


def test_the_official_edits_the_header(client, world, plan):
    client = as_user(client, world, "official")
    response = client.get(section_url(plan, "header"))
    assert response.status_code == 200 and "Isi vision." in response.content.decode()
    response = client.post(
        section_url(plan, "header"),
        {
            "title": "Sukoharjo Cerdas",
            "start_year": plan.start_year,
            "horizon_years": "7",
            "vision": "Sukoharjo makmur\ndan cerdas.",
            "mission": "Satu.\nDua.",
        },
    )
    assert response.status_code == 302
    assert response.url == plan.get_absolute_url() + "#plan-vision"
    plan.refresh_from_db()
    assert (plan.title, plan.horizon_years, plan.vision) == (
        "Sukoharjo Cerdas",
        7,
        "Sukoharjo makmur\ndan cerdas.",
    )


def test_a_refused_header_keeps_what_was_typed(client, world, plan):
    response = as_user(client, world, "official").post(
        section_url(plan, "header"),
        {"title": "Judul baru", "start_year": "", "horizon_years": "11", "vision": "Visi baru"},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert 'value="Judul baru"' in html and "Visi baru" in html
    assert Plan.objects.get(pk=plan.pk).title == "Masterplan Smart City"


def test_the_official_edits_the_readiness_analysis(client, world, plan):
    data = {
        key: f"Baru {key}."
        for key in (
            "readiness_structure",
            "readiness_infrastructure",
            "readiness_superstructure",
            "strengths",
            "weaknesses",
            "opportunities",
            "threats",
            "gaps",
        )
    }
    response = as_user(client, world, "official").post(section_url(plan, "readiness"), data)
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.threats == "Baru threats." and plan.gaps == "Baru gaps."


def test_the_official_edits_the_strategy_of_each_dimension(client, world, plan):
    data = {f"strategy_{d.code}": f"Strategi {d.name}." for d in Dimension.objects.all()}
    response = as_user(client, world, "official").post(section_url(plan, "strategy"), data)
    assert response.status_code == 302
    assert plan.strategies.get(dimension__code="living").text == "Strategi Smart Living."


def test_an_unknown_section_is_not_found(client, world, plan):
    assert as_user(client, world, "official").get(section_url(plan, "budget")).status_code == 404


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("other_official", 404),
        ("other_mentor", 404),
        ("assessor", 403),
        ("partner", 403),
        ("mentor", 403),
        ("staff", 403),
    ],
)
def test_nobody_but_the_regions_official_edits_a_section(client, world, plan, who, status):
    client = as_user(client, world, who)
    assert client.get(section_url(plan, "header")).status_code == status
    assert client.post(section_url(plan, "header"), {"vision": "X"}).status_code == status
    assert Plan.objects.get(pk=plan.pk).vision == "Isi vision."


def test_a_submitted_plan_cannot_be_edited_and_the_official_is_told_why(client, world, plan):
    plan_submit(plan=plan, by=world.official)
    response = as_user(client, world, "official").get(section_url(plan, "readiness"))
    assert response.status_code == 403
    assert "tidak dapat diubah" in response.content.decode()


# --- programmes -------------------------------------------------------------------------------


def new_url(plan, dimension="governance"):
    return reverse("programme_new", args=[plan.pk]) + f"?dimensi={dimension}"


def test_the_add_form_opens_inline_under_its_dimension(client, world, plan):
    response = as_user(client, world, "official").get(new_url(plan), **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and 'class="programme-new' in html
    assert f'hx-post="{new_url(plan)}"' in html
    governance = Dimension.objects.get(code="governance")
    assert f'<option value="{governance.pk}" selected>' in html
    assert "<optgroup" in html and 'inputmode="numeric"' in html


def test_a_programme_added_inline_appears_in_its_dimensions_table(client, world, plan):
    response = as_user(client, world, "official").post(new_url(plan), programme_post(plan), **HTMX)
    assert response.status_code == 200
    programme = Programme.objects.get(name="Mal Pelayanan Publik Digital")
    assert programme.plan == plan and str(programme.kpi_target) == "90.50"
    assert dict(programme.budgets.values_list("year", "amount")) == {
        plan.start_year: 1_250_000,
        plan.start_year + 1: 2_500_000,
    }
    html = response.content.decode()
    assert "<html" not in html
    assert 'hx-swap-oob="beforeend:#programmes-governance"' in html
    assert f'id="programme-{programme.pk}"' in html
    # The totals around the tables follow: 1 200 000 000 of the plan plus 3 750 000.
    assert 'id="plan-budget" class="mt-4" hx-swap-oob="true"' in html
    assert "Rp 1.203.750.000" in html
    # So do the row's review counter and thread, and the word of success (out of band).
    assert f'id="comments-toggle-programme-{programme.pk}"' in html
    assert f'id="thread-programme-{programme.pk}" hidden' in html
    assert "Program “Mal Pelayanan Publik Digital” ditambahkan." in html


def test_a_programme_added_without_javascript_redirects_to_it(client, world, plan):
    response = as_user(client, world, "official").post(new_url(plan), programme_post(plan))
    programme = Programme.objects.get(name="Mal Pelayanan Publik Digital")
    assert response.status_code == 302
    assert response.url == plan.get_absolute_url() + f"#programme-{programme.pk}"


def test_a_bad_budget_comes_back_with_everything_typed_and_the_error(client, world, plan):
    y = plan.start_year
    data = programme_post(plan, **{f"budget_{y}": "1,5 juta"})
    client = as_user(client, world, "official")
    for extra, status in ((HTMX, 200), ({}, 422)):
        response = client.post(new_url(plan), data, **extra)
        html = response.content.decode()
        assert response.status_code == status
        assert 'value="1,5 juta"' in html and 'value="2.500.000"' in html
        assert (
            'value="Mal Pelayanan Publik Digital"' in html
            and "Satu pintu untuk semua izin." in html
        )
        assert "Tulis jumlah rupiah dengan angka saja" in html
        # htmx's form sits deep in the page: the layout's messages say it too.
        assert ("Program belum tersimpan. Periksa isian yang ditandai." in html) == bool(extra)
    assert not Programme.objects.filter(name="Mal Pelayanan Publik Digital").exists()


def test_a_budget_outside_the_programmes_years_is_pointed_at(client, world, plan):
    y = plan.start_year
    data = programme_post(plan, **{f"budget_{y + 3}": "1.000"})
    response = as_user(client, world, "official").post(new_url(plan), data, **HTMX)
    assert "Di luar tahun pelaksanaan program" in response.content.decode()
    assert not Programme.objects.filter(name="Mal Pelayanan Publik Digital").exists()


def test_years_outside_the_plan_and_an_early_end_are_refused(client, world, plan):
    data = programme_post(plan, start_year=plan.start_year + 1, end_year=plan.end_year + 2)
    html = as_user(client, world, "official").post(new_url(plan), data, **HTMX).content.decode()
    assert "Harus di dalam jangka waktu masterplan" in html
    data = programme_post(plan, start_year=plan.start_year + 2, end_year=plan.start_year + 1)
    html = client.post(new_url(plan), data, **HTMX).content.decode()
    assert "Tahun selesai tidak boleh sebelum tahun mulai" in html
    assert not Programme.objects.filter(name="Mal Pelayanan Publik Digital").exists()


def test_an_element_of_another_dimension_is_refused(client, world, plan):
    elsewhere = Element.objects.get(dimension__code="living", code="health")
    data = programme_post(plan, element=str(elsewhere.pk))
    html = as_user(client, world, "official").post(new_url(plan), data, **HTMX).content.decode()
    assert "bukan bagian dari Smart Governance" in html
    assert not Programme.objects.filter(name="Mal Pelayanan Publik Digital").exists()


def test_a_quick_win_needs_its_timeline_impact_and_service(client, world, plan):
    client = as_user(client, world, "official")
    html = client.post(
        new_url(plan), programme_post(plan, is_quick_win="on"), **HTMX
    ).content.decode()
    assert html.count("Wajib diisi untuk quick win.") == 3
    assert not Programme.objects.filter(name="Mal Pelayanan Publik Digital").exists()
    data = programme_post(
        plan,
        is_quick_win="on",
        quick_win_months="9",
        quick_win_start=f"{plan.start_year}-02-01",
        quick_win_impact="Izin terbit dalam sehari.",
        quick_win_service="Perizinan",
    )
    client.post(new_url(plan), data, **HTMX)
    programme = Programme.objects.get(name="Mal Pelayanan Publik Digital")
    assert programme.is_quick_win and programme.quick_win_start == datetime.date(
        plan.start_year, 2, 1
    )


def edit_url(plan, programme):
    return reverse("programme_edit", args=[plan.pk, programme.pk])


def test_a_programmes_row_turns_into_its_form_with_amounts_grouped(client, world, plan):
    programme = plan.programmes.first()
    response = as_user(client, world, "official").get(edit_url(plan, programme), **HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith(f'<tr id="programme-{programme.pk}"')
    assert 'value="100.000.000"' in html and f'value="{programme.name}"' in html
    assert f'id="p{programme.pk}_name"' in html


def test_a_programme_edited_inline_replaces_only_its_row(client, world, plan):
    programme = plan.programmes.get(dimension__code="governance")
    data = programme_post(plan, name="Nama baru", element=str(programme.element_id))
    response = as_user(client, world, "official").post(edit_url(plan, programme), data, **HTMX)
    html = response.content.decode()
    programme.refresh_from_db()
    assert programme.name == "Nama baru"
    assert html.lstrip().startswith(f'<tr id="programme-{programme.pk}"')
    assert "beforeend:#programmes-" not in html
    # Its review thread's row stays where it is, under the row.
    assert f'id="thread-programme-{programme.pk}"' not in html
    assert "Program “Nama baru” tersimpan." in html


def test_a_programme_moved_to_another_dimension_moves_to_that_table(client, world, plan):
    programme = plan.programmes.get(dimension__code="governance")
    economy = Dimension.objects.get(code="economy")
    data = programme_post(plan, dimension=str(economy.pk), element=str(economy.elements.first().pk))
    response = as_user(client, world, "official").post(edit_url(plan, programme), data, **HTMX)
    html = response.content.decode()
    assert not html.lstrip().startswith("<tr")
    assert 'hx-swap-oob="beforeend:#programmes-economy"' in html
    # Its review thread's row goes along: out of the old table first, then under the row.
    drop = html.index(f'<tr id="thread-programme-{programme.pk}" hx-swap-oob="delete">')
    assert drop < html.index(f'id="thread-programme-{programme.pk}" hidden')


def test_cancelling_an_inline_edit_gives_back_the_row(client, world, plan):
    programme = plan.programmes.first()
    response = as_user(client, world, "official").get(
        edit_url(plan, programme) + "?batal=1", **HTMX
    )
    html = response.content.decode()
    assert html.lstrip().startswith(f'<tr id="programme-{programme.pk}"') and "<form" in html
    assert 'name="name"' not in html


def test_a_programme_edited_without_javascript_redirects_to_it(client, world, plan):
    programme = plan.programmes.get(dimension__code="governance")
    data = programme_post(plan, name="Nama baru", element=str(programme.element_id))
    response = as_user(client, world, "official").post(edit_url(plan, programme), data)
    assert response.status_code == 302
    assert response.url.endswith(f"#programme-{programme.pk}")


def test_a_programme_of_another_plan_is_not_found(client, world, plan):
    foreign = full_plan(world, region=world.other_region).programmes.first()
    client = as_user(client, world, "official")
    assert client.get(edit_url(plan, foreign)).status_code == 404
    delete = reverse("programme_delete", args=[plan.pk, foreign.pk])
    assert client.post(delete).status_code == 404
    assert Programme.objects.filter(pk=foreign.pk).exists()


def delete_url(plan, programme):
    return reverse("programme_delete", args=[plan.pk, programme.pk])


def test_a_programme_deleted_inline_disappears_and_the_totals_follow(client, world, plan):
    programme = plan.programmes.first()
    response = as_user(client, world, "official").post(delete_url(plan, programme), **HTMX)
    html = response.content.decode()
    assert not Programme.objects.filter(pk=programme.pk).exists()
    assert f'id="programme-{programme.pk}"' not in html
    assert "Rp 1.000.000.000" in html  # five programmes of 2 × 100 000 000 are left
    assert f'<tr id="thread-programme-{programme.pk}" hx-swap-oob="delete">' in html
    assert f"Program “{programme.name}” dihapus." in html


def test_a_programme_deleted_without_javascript_goes_back_to_the_programmes(client, world, plan):
    programme = plan.programmes.first()
    response = as_user(client, world, "official").post(delete_url(plan, programme))
    assert response.status_code == 302 and response.url.endswith("#plan-programmes")


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("other_official", 404),
        ("other_mentor", 404),
        ("assessor", 403),
        ("partner", 403),
        ("mentor", 403),
        ("staff", 403),
    ],
)
def test_nobody_but_the_regions_official_changes_programmes(client, world, plan, who, status):
    programme = plan.programmes.first()
    client = as_user(client, world, who)
    assert client.get(new_url(plan)).status_code == status
    assert client.post(new_url(plan), programme_post(plan)).status_code == status
    assert client.post(edit_url(plan, programme), programme_post(plan)).status_code == status
    assert client.post(delete_url(plan, programme)).status_code == status
    assert plan.programmes.count() == 6
    assert not Programme.objects.filter(name="Mal Pelayanan Publik Digital").exists()


def test_programmes_of_a_submitted_plan_stay_as_they_are(client, world, plan):
    plan_submit(plan=plan, by=world.official)
    programme = plan.programmes.first()
    client = as_user(client, world, "official")
    response = client.post(delete_url(plan, programme))
    assert response.status_code == 403 and "tidak dapat diubah" in response.content.decode()
    assert client.post(new_url(plan), programme_post(plan)).status_code == 403
    # htmx does not swap a 403: the reason goes to the page's alert slot instead.
    response = client.post(edit_url(plan, programme), programme_post(plan), **HTMX)
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#plan-authoring-alert"
    assert "tidak dapat diubah" in response.content.decode()
    assert Programme.objects.get(pk=programme.pk).name == programme.name
    assert plan.programmes.count() == 6


# --- the plan page ----------------------------------------------------------------------------


def with_governance(world):
    body = SmartCityBody.objects.create(
        region=world.region,
        kind=SmartCityBody.Kind.COUNCIL,
        decree_number="188/45/2019",
        decree_date=datetime.date(2019, 3, 1),
    )
    BodyMember.objects.create(
        body=body, name="Etik Suryani", position="Bupati", agency="Setda", role="Ketua"
    )


def test_the_plan_page_shows_the_whole_plan_and_its_budget(client, world, plan):
    with_governance(world)
    Plan.objects.filter(pk=plan.pk).update(vision="Visi yang sangat panjang\nbaris kedua.")
    html = as_user(client, world, "official").get(plan.get_absolute_url()).content.decode()
    assert "Visi yang sangat panjang\nbaris kedua." in html and "plan-text" in html
    assert "Isi readiness_structure." in html and "Isi threats." in html
    assert "Strategi." in html
    for programme in plan.programmes.all():
        assert f'id="programme-{programme.pk}"' in html
    # Six programmes, each 100 000 000 on each of the first two years.
    assert 'id="plan-budget-total">Rp 1.200.000.000' in html
    assert "Rp 600.000.000" in html and "APBD" in html
    assert "Waktu layanan turun dari 5 hari menjadi 1 hari." in html  # quick-win impact
    assert "Etik Suryani" in html and "188/45/2019" in html
    assert 'id="plan-progress"' in html and "100% selesai" in html
    assert reverse("plan_section_edit", args=[plan.pk, "header"]) in html
    assert reverse("programme_new", args=[plan.pk]) + "?dimensi=living" in html


def test_the_official_sees_what_to_fix_before_submitting(client, world, plan):
    plan.programmes.filter(is_quick_win=True).update(is_quick_win=False, quick_win_months=None)
    Plan.objects.filter(pk=plan.pk).update(gaps="")
    html = as_user(client, world, "official").get(plan.get_absolute_url()).content.decode()
    assert "harus diperbaiki sebelum diajukan" in html
    assert "Perlu sedikitnya 3 quick win" in html
    assert "Analisis kesiapan: Kesenjangan belum diisi." in html


def test_the_mentor_reads_the_plan_and_its_warnings_without_edit_buttons(client, world, plan):
    Plan.objects.filter(pk=plan.pk).update(gaps="")
    html = as_user(client, world, "mentor").get(plan.get_absolute_url()).content.decode()
    assert "Isi vision." in html and 'id="plan-budget-total"' in html
    assert "Analisis kesiapan: Kesenjangan belum diisi." in html
    assert reverse("plan_section_edit", args=[plan.pk, "header"]) not in html
    assert reverse("programme_new", args=[plan.pk]) not in html


def test_a_submitted_plan_shows_no_edit_buttons_to_the_official(client, world, plan):
    plan_submit(plan=plan, by=world.official)
    html = as_user(client, world, "official").get(plan.get_absolute_url()).content.decode()
    assert "Isi vision." in html
    assert reverse("programme_new", args=[plan.pk]) not in html


def test_a_partner_reads_the_submitted_version(client, world, plan):
    plan_submit(plan=plan, by=world.official)
    Plan.objects.filter(pk=plan.pk).update(vision="Draf baru yang belum diajukan.")
    html = as_user(client, world, "partner").get(plan.get_absolute_url()).content.decode()
    assert "Isi vision." in html and "Draf baru" not in html
    assert 'id="plan-budget-total">Rp 1.200.000.000' in html


@pytest.mark.parametrize("per_dimension", [1, 20])
def test_the_plan_page_costs_the_same_for_5_or_120_programmes(
    client, world, django_assert_num_queries, per_dimension
):
    plan = full_plan(world, programmes_per_dimension=per_dimension)
    if per_dimension == 1:
        plan.programmes.last().delete()
    assert plan.programmes.count() == (5 if per_dimension == 1 else 120)
    with_governance(world)
    client = as_user(client, world, "official")
    with django_assert_num_queries(15):
        # 1 session, 2 user,
        # 3 the plan with candidate, region, province, cohort (access.plan_for_user),
        # 4 its versions (numbers only),
        # plan_snapshot: 5 dimensions, 6 programme types, 7 strategies, 8 programmes with
        # dimension, element and type, 9 their budgets, 10 the region's smart-city bodies,
        # 11 their members (the regional profile and its map come from files, no query),
        # 12 review comments the official may read, 13 the plan's history,
        # 14 the latest version (other features' parts of the page),
        # 15 the latest draft preview of the working copy (its PDF slot).
        # Partners' input is a panel of its own (industry), loaded by htmx.
        response = client.get(plan.get_absolute_url())
    assert response.status_code == 200


def test_programme_rows_escape_what_the_region_typed(client, world, plan):
    # Every row, its buttons' labels and confirmation included, is escaped by the template.
    programme = plan.programmes.first()
    Programme.objects.filter(pk=programme.pk).update(
        name='<script>alert("x")</script>', agency="Dinas <b>Kominfo</b> & Statistik"
    )
    as_user(client, world, "official")
    html = client.get(plan.get_absolute_url()).content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "Dinas &lt;b&gt;Kominfo&lt;/b&gt; &amp; Statistik" in html
    assert 'hx-confirm="Hapus program ini? &lt;script&gt;alert(&quot;x&quot;)' in html
    edit = reverse("programme_edit", args=[plan.pk, programme.pk])
    assert f'hx-get="{edit}"' in html


def test_the_budget_summary_has_a_row_per_year_and_a_column_per_source(client, world, plan):
    # A ten-year plan adds rows, not columns: the summary fits a laptop's screen.
    Plan.objects.filter(pk=plan.pk).update(horizon_years=10)
    Programme.objects.filter(pk=plan.programmes.first().pk).update(funding_source="kpbu")
    html = as_user(client, world, "official").get(plan.get_absolute_url()).content.decode()
    budget = html[
        html.index('id="plan-budget"') : html.index("</table>", html.index('id="plan-budget"'))
    ]
    head = budget[budget.index("<thead>") : budget.index("</thead>")]
    assert [c.strip() for c in re.findall(r"<th[^>]*>([^<]*)</th>", head)] == [
        "Tahun",
        "APBD",
        "KPBU",
        "Jumlah",
    ]
    years = re.findall(r'<th scope="row">(\d{4})</th>', budget)
    assert years == [str(plan.start_year + i) for i in range(10)]
    assert 'id="plan-budget-total">Rp 1.200.000.000' in budget
