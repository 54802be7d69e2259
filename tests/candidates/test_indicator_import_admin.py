"""The admin upload flow for indicator files: upload, preview, confirm; templates; permissions."""

import os
import time
import uuid

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from candidates.admin_import import PENDING_MAX_AGE_SECONDS, SESSION_KEY, _pending_path
from candidates.indicator_file import COLUMNS, parse_indicator_file
from candidates.models import IndicatorImport, IndicatorSet
from candidates.services import indicators_import
from portal.demo import seed_ministry_group
from smartcity.models import Region
from tests.factories import RegionFactory, UserFactory

UPLOAD = reverse("admin:candidates_indicatorimport_upload")
CONFIRM = reverse("admin:candidates_indicatorimport_confirm")
CHANGELIST = reverse("admin:candidates_indicatorimport_changelist")
TEMPLATE_CSV = reverse("admin:candidates_indicatorimport_template_csv")
TEMPLATE_XLSX = reverse("admin:candidates_indicatorimport_template_xlsx")
ADMIN_LOGIN = reverse("admin:login")

GOOD_ROWS = [
    "33.11,0.6012,rendah,3.2145,sangat_tinggi,45,62.5,",
    "32.73,1.25,sedang,3.1,tinggi,12,,65.5",
    "33.72,0.9,,2.8,,,55,",
]
REPLACE_LABEL = "Saya mengerti data tahun ini akan diganti"


def csv_file(*rows: str, name: str = "indikator-2018.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    content = ("\n".join([",".join(COLUMNS), *rows]) + "\n").encode()
    return SimpleUploadedFile(name, content, content_type="text/csv")


def upload(client, *rows, year=2018, name="indikator-2018.csv", **sources):
    return client.post(UPLOAD, {"year": year, "file": csv_file(*rows, name=name), **sources})


def counts():
    return IndicatorImport.objects.count(), IndicatorSet.objects.count()


@pytest.fixture
def imports_dir(settings, tmp_path):
    """Each test keeps its pending uploads in its own folder."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return tmp_path / "private" / "imports"


@pytest.fixture
def importer(world, imports_dir):
    """Ministry staff as the demo sets them up: every permission of the project's apps."""
    RegionFactory(code="33.72", name="Kota Surakarta", city=True)
    world.staff.groups.add(seed_ministry_group())
    return world.staff


@pytest.fixture
def signed_in(client, importer):
    client.force_login(importer)
    return client


def pending_files(imports_dir) -> list:
    return sorted(imports_dir.iterdir()) if imports_dir.exists() else []


# --- the changelist --------------------------------------------------------------------------


def test_the_changelist_offers_the_import_and_the_templates_instead_of_a_plain_add(signed_in):
    response = signed_in.get(CHANGELIST)

    assert response.status_code == 200
    assert "Impor berkas indikator" in response.text
    assert f'href="{UPLOAD}"' in response.text
    assert f'href="{TEMPLATE_CSV}"' in response.text
    assert f'href="{TEMPLATE_XLSX}"' in response.text
    tools = response.text.split('<ul class="object-tools">', 1)[1].split("</ul>", 1)[0]
    assert reverse("admin:candidates_indicatorimport_add") not in tools


def test_the_plain_add_link_of_the_sidebar_leads_to_the_upload(signed_in):
    response = signed_in.get(reverse("admin:candidates_indicatorimport_add"))

    assert response.status_code == 302
    assert response.url == UPLOAD


def test_a_dataset_can_be_viewed_but_not_changed_or_deleted(signed_in, importer):
    dataset = indicators_import(
        year=2018, data=csv_file(GOOD_ROWS[0]).read(), file_name="a.csv", by=importer
    ).dataset
    change = reverse("admin:candidates_indicatorimport_change", args=[dataset.pk])
    delete = reverse("admin:candidates_indicatorimport_delete", args=[dataset.pk])

    view = signed_in.get(change)
    assert view.status_code == 200
    assert 'name="_save"' not in view.text
    assert signed_in.post(change, {"year": 2019, "file_name": "x.csv"}).status_code == 403
    assert signed_in.post(delete, {"post": "yes"}).status_code == 403
    dataset.refresh_from_db()
    assert (dataset.year, dataset.file_name) == (2018, "a.csv")


# --- upload, preview, confirm ----------------------------------------------------------------


def test_the_upload_page_shows_the_form_and_the_template_links(signed_in):
    response = signed_in.get(UPLOAD)

    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in response.text
    for field in ("year", "file", "fiscal_regulation", "ekppd_regulation", "green_source"):
        assert f'name="{field}"' in response.text
    assert f'href="{TEMPLATE_CSV}"' in response.text
    assert f'href="{TEMPLATE_XLSX}"' in response.text


def test_staff_with_permission_can_upload_preview_and_confirm(signed_in, importer, imports_dir):
    preview = upload(signed_in, *GOOD_ROWS, fiscal_regulation="PMK 126/PMK.07/2017")

    assert preview.status_code == 200
    assert preview.context["summary"].row_count == 3
    assert preview.context["summary"].complete_count == 2
    assert "Kota Surakarta" in preview.text
    assert REPLACE_LABEL not in preview.text
    assert counts() == (0, 0)  # a preview writes nothing
    token = preview.context["token"]
    assert f'name="token" value="{token}"' in preview.text
    assert pending_files(imports_dir) == [imports_dir / f"{token}.csv"]

    confirmed = signed_in.post(CONFIRM, {"token": token})

    assert confirmed.status_code == 302
    assert confirmed.url == CHANGELIST
    dataset = IndicatorImport.objects.get()
    assert (dataset.year, dataset.file_name, dataset.row_count) == (2018, "indikator-2018.csv", 3)
    assert dataset.imported_by == importer
    assert dataset.fiscal_regulation == "PMK 126/PMK.07/2017"
    assert IndicatorSet.objects.filter(dataset=dataset).count() == 3
    assert pending_files(imports_dir) == []  # the temporary copy is gone
    page = signed_in.get(CHANGELIST)
    assert "diimpor dari indikator-2018.csv: 3 baris" in page.text


def test_the_preview_shows_the_first_twenty_rows_only(signed_in):
    codes = [RegionFactory(code=f"35.{number:02d}").code for number in range(1, 26)]

    preview = upload(signed_in, *[f"{code},1,,2,,,3," for code in codes])

    assert len(preview.context["preview_rows"]) == 20
    assert "35.20" in preview.text and "35.21" not in preview.text
    assert "5 baris lainnya" in preview.text


def test_problems_are_all_shown_in_the_preview_and_nothing_is_written_or_kept(
    signed_in, imports_dir
):
    preview = upload(signed_in, GOOD_ROWS[0], "99.99,1,,2,,,3,", "32.73,1,,7,,,300,")

    assert preview.status_code == 200
    problems = [(p.row, p.column) for p in preview.context["problems"]]
    assert problems == [(3, "region_code"), (4, "ekppd_score"), (4, "green_city_index")]
    assert "Kode wilayah 99.99 tidak dikenal" in preview.text
    assert "Nilai harus antara 0 dan 4" in preview.text
    assert "Konfirmasi impor" not in preview.text
    assert "token" not in preview.context
    assert counts() == (0, 0)
    assert pending_files(imports_dir) == []


def test_a_file_of_another_type_is_refused_by_the_form(signed_in, imports_dir):
    response = upload(signed_in, *GOOD_ROWS, name="indikator.txt")

    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert counts() == (0, 0)
    assert pending_files(imports_dir) == []


def test_a_year_outside_the_range_is_refused_by_the_form(signed_in):
    response = upload(signed_in, *GOOD_ROWS, year=1990)

    assert response.context["form"].errors["year"]
    assert counts() == (0, 0)


# --- replacing a year ------------------------------------------------------------------------


@pytest.fixture
def existing(importer):
    data = ("\n".join([",".join(COLUMNS), *GOOD_ROWS[:2]]) + "\n").encode()
    return indicators_import(year=2018, data=data, file_name="lama.csv", by=importer).dataset


def test_replacing_a_year_requires_the_checkbox(signed_in, existing, imports_dir):
    preview = upload(signed_in, GOOD_ROWS[2], name="baru.csv")

    assert preview.context["summary"].replaced == existing
    assert REPLACE_LABEL in preview.text
    assert "lama.csv" in preview.text and "2 baris" in preview.text
    token = preview.context["token"]

    refused = signed_in.post(CONFIRM, {"token": token})

    assert refused.status_code == 200
    assert "Centang" in refused.context["error"]
    existing.refresh_from_db()
    assert existing.superseded_at is None
    assert counts() == (1, 2)
    assert refused.context["token"] == token  # the upload is kept for the second try

    confirmed = signed_in.post(CONFIRM, {"token": token, "confirm_replace": "on"})

    assert confirmed.status_code == 302
    existing.refresh_from_db()
    assert existing.superseded_at is not None
    new = IndicatorImport.objects.get(superseded_at__isnull=True)
    assert (new.file_name, new.row_count) == ("baru.csv", 1)
    assert list(IndicatorSet.objects.values_list("dataset_id", flat=True)) == [new.pk]
    assert pending_files(imports_dir) == []


# --- the token -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "token",
    [
        "../../../etc/passwd",
        "../imports/x",
        "/etc/passwd",
        "",
        "0123",
        # Fixed values: parameters must be the same in every pytest-xdist worker.
        "A29DC26C-74CC-4CB2-B4BE-66F5CB5E964D",  # upper case
        "e42056d3-6d90-4ec6-93db-1da25b5b361e/../x",  # path traversal
        "8d3ff06a-eb71-11f1-9aaf-02fc00000001",  # a uuid1, not a uuid4
    ],
)
def test_a_token_that_is_not_one_of_our_uuids_is_refused(signed_in, token):
    response = signed_in.post(CONFIRM, {"token": token})

    assert response.status_code == 400
    assert counts() == (0, 0)


def test_the_token_cannot_point_outside_the_imports_folder(imports_dir):
    for token in ("../secret", "..", "/etc/passwd", "a/../../b"):
        with pytest.raises(ValueError):
            _pending_path(token, "csv")
    with pytest.raises(ValueError):
        _pending_path(str(uuid.uuid4()), "../csv")
    token = str(uuid.uuid4())
    assert _pending_path(token, "csv") == imports_dir.resolve() / f"{token}.csv"


def test_a_well_formed_token_that_was_not_uploaded_in_this_session_is_refused(
    signed_in, imports_dir
):
    # A file planted in the folder is not enough: the token must come from this session.
    token = str(uuid.uuid4())
    imports_dir.mkdir(parents=True)
    (imports_dir / f"{token}.csv").write_text(",".join(COLUMNS) + "\n" + GOOD_ROWS[0] + "\n")

    response = signed_in.post(CONFIRM, {"token": token})

    assert response.status_code == 302
    assert response.url == UPLOAD
    assert counts() == (0, 0)


def test_another_staff_member_cannot_confirm_someone_elses_upload(client, signed_in):
    token = upload(signed_in, *GOOD_ROWS).context["token"]
    colleague = UserFactory(username="staf-lain", staff=True)
    colleague.groups.add(seed_ministry_group())
    client.force_login(colleague)  # a fresh session

    response = client.post(CONFIRM, {"token": token})

    assert response.status_code == 302
    assert counts() == (0, 0)


def test_an_upload_cannot_be_confirmed_twice(signed_in):
    token = upload(signed_in, *GOOD_ROWS).context["token"]
    signed_in.post(CONFIRM, {"token": token})

    again = signed_in.post(CONFIRM, {"token": token})

    assert again.status_code == 302 and again.url == UPLOAD
    assert counts() == (1, 3)


def test_a_pending_file_changed_on_disk_is_not_imported(signed_in, imports_dir):
    token = upload(signed_in, *GOOD_ROWS).context["token"]
    (imports_dir / f"{token}.csv").write_text(",".join(COLUMNS) + "\n" + GOOD_ROWS[1] + "\n")

    response = signed_in.post(CONFIRM, {"token": token})

    assert response.status_code == 302 and response.url == UPLOAD
    assert counts() == (0, 0)
    assert SESSION_KEY not in signed_in.session or token not in signed_in.session[SESSION_KEY]


def test_previews_abandoned_for_a_day_are_removed_on_the_next_upload(signed_in, imports_dir):
    old_token = upload(signed_in, *GOOD_ROWS).context["token"]
    old_file = imports_dir / f"{old_token}.csv"
    long_ago = time.time() - PENDING_MAX_AGE_SECONDS - 60
    os.utime(old_file, (long_ago, long_ago))
    unrelated = imports_dir / "catatan.txt"
    unrelated.write_text("bukan unggahan")

    new_token = upload(signed_in, *GOOD_ROWS).context["token"]

    assert not old_file.exists()
    assert unrelated.exists()
    assert (imports_dir / f"{new_token}.csv").exists()


def test_confirming_with_a_get_goes_back_to_the_upload(signed_in):
    response = signed_in.get(CONFIRM)

    assert response.status_code == 302 and response.url == UPLOAD


# --- templates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "file_name", "content_type"),
    [
        (TEMPLATE_CSV, "templat-indikator.csv", "text/csv"),
        (
            TEMPLATE_XLSX,
            "templat-indikator.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    ],
)
def test_the_templates_download_and_parse_cleanly(signed_in, url, file_name, content_type):
    response = signed_in.get(url)

    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert response["Content-Disposition"] == f'attachment; filename="{file_name}"'
    regions = dict(Region.objects.kab_kota().values_list("code", "kind"))
    result = parse_indicator_file(response.content, file_name, regions=regions)
    assert result.ok, [str(problem) for problem in result.problems]
    assert [row.region_code for row in result.rows] == ["33.11"]


# --- who may use it --------------------------------------------------------------------------

IMPORT_URLS = [UPLOAD, CONFIRM, TEMPLATE_CSV, TEMPLATE_XLSX, CHANGELIST]


@pytest.mark.parametrize("role", ["anonymous", "official", "mentor", "assessor", "partner"])
@pytest.mark.parametrize("url", IMPORT_URLS)
def test_people_outside_the_ministry_are_sent_to_the_admin_login(client, world, role, url):
    user = world.user(role)
    if user is not None:
        client.force_login(user)

    for response in (client.get(url), client.post(url, {"token": str(uuid.uuid4())})):
        assert response.status_code == 302
        assert response.url.startswith(ADMIN_LOGIN)


def test_staff_without_permissions_are_refused(client, world, imports_dir):
    client.force_login(world.staff)

    for url in IMPORT_URLS:
        assert client.get(url).status_code == 403, url
    assert upload(client, *GOOD_ROWS).status_code == 403
    assert counts() == (0, 0)
    assert pending_files(imports_dir) == []


def test_staff_who_may_only_view_imports_cannot_upload_but_get_the_templates(
    client, world, imports_dir
):
    world.staff.user_permissions.add(Permission.objects.get(codename="view_indicatorimport"))
    client.force_login(world.staff)

    assert client.get(CHANGELIST).status_code == 200
    assert "Impor berkas indikator" not in client.get(CHANGELIST).text
    assert client.get(UPLOAD).status_code == 403
    assert upload(client, *GOOD_ROWS).status_code == 403
    assert client.post(CONFIRM, {"token": str(uuid.uuid4())}).status_code == 403
    assert client.get(TEMPLATE_CSV).status_code == 200
    assert counts() == (0, 0)


def test_staff_with_only_the_add_permission_can_import(client, world, imports_dir):
    RegionFactory(code="33.72", city=True)
    world.staff.user_permissions.add(Permission.objects.get(codename="add_indicatorimport"))
    client.force_login(world.staff)

    token = upload(client, *GOOD_ROWS).context["token"]

    assert client.post(CONFIRM, {"token": token}).status_code == 302
    assert counts() == (1, 3)


# --- the strict CSP --------------------------------------------------------------------------


def test_the_import_pages_need_no_inline_styles_or_scripts(signed_in, existing):
    pages = {
        "upload": signed_in.get(UPLOAD),
        "preview": upload(signed_in, *GOOD_ROWS),
        "problems": upload(signed_in, "99.99,1,,2,,,3,"),
        "changelist": signed_in.get(CHANGELIST),
    }

    for name, response in pages.items():
        assert response.status_code == 200, name
        assert " style=" not in response.text, name
        assert "<script>" not in response.text, name


def test_a_value_too_precise_to_store_is_a_problem_in_the_preview(signed_in, imports_dir):
    preview = upload(signed_in, "33.11,0.123456789012345678901,,2,,99999999999,3,")

    problems = [(p.row, p.column) for p in preview.context["problems"]]
    assert problems == [(2, "fiscal_capacity_index"), (2, "ekppd_rank")]
    assert "maks. 20" in preview.text
    assert counts() == (0, 0)


def test_indicator_rows_show_their_values_as_the_file_wrote_them(signed_in):
    indicators_import(
        year=2018,
        data=("\n".join([",".join(COLUMNS), "33.11,0.12345678,,3.25,,,62.5,"]) + "\n").encode(),
        file_name="presisi.csv",
    )
    row = IndicatorSet.objects.get()

    changelist = signed_in.get(reverse("admin:candidates_indicatorset_changelist"))
    detail = signed_in.get(reverse("admin:candidates_indicatorset_change", args=[row.pk]))

    for page in (changelist, detail):
        assert page.status_code == 200
        for shown in ("0,12345678", "3,25", "62,5"):
            assert shown in page.text and shown + "0" not in page.text
    assert "None" not in detail.text  # the missing sustainability index shows as empty
