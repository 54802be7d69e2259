"""The region's Dewan Smart City and Tim Pelaksana: decree, members, dimension coverage."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partners.models import BodyMember, SmartCityBody
from partners.services.bodies import body_member_add, body_save
from tests.partners.url_expectations_mou import make_pdf

EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200


@pytest.fixture
def dewan(world):
    return body_save(
        region=world.region,
        kind="dewan",
        decree_number="050/123/2018",
        decree_date=datetime.date(2018, 7, 2),
        upload=SimpleUploadedFile("sk-dewan.pdf", make_pdf()),
        by=world.official,
    )


def post_body(client, kind="dewan", **extra):
    data = {
        "action": "body",
        "kind": kind,
        f"{kind}-kind": kind,
        f"{kind}-decree_number": "050/1/2018",
        f"{kind}-decree_date": "2018-07-02",
        **extra,
    }
    return client.post(reverse("bodies"), data)


def test_official_records_the_decree_with_its_pdf(client, world):
    client.force_login(world.official)
    response = post_body(client, **{"dewan-decree_file": SimpleUploadedFile("sk.pdf", make_pdf())})
    assert response.status_code == 302
    body = SmartCityBody.objects.get(region=world.region, kind="dewan")
    assert body.decree_number == "050/1/2018"
    assert body.decree_file.startswith("decrees/") and body.decree_file_name == "sk.pdf"


def test_a_renamed_executable_is_refused_as_decree(client, world):
    client.force_login(world.official)
    response = post_body(client, **{"dewan-decree_file": SimpleUploadedFile("sk.pdf", EXE)})
    assert response.status_code == 400
    assert "bukan PDF" in response.content.decode()
    assert not SmartCityBody.objects.exists()


def test_saving_again_updates_the_one_body_of_that_kind(world, dewan):
    body_save(
        region=world.region,
        kind="dewan",
        decree_number="050/999/2019",
        decree_date=datetime.date(2019, 1, 2),
        by=world.official,
    )
    body = SmartCityBody.objects.get()
    assert body.decree_number == "050/999/2019"
    assert body.decree_file == dewan.decree_file  # the file is kept when none is uploaded


def test_official_adds_and_removes_a_member(client, world, dewan):
    client.force_login(world.official)
    response = client.post(
        reverse("bodies"),
        {
            "action": "member",
            "kind": "dewan",
            "dewan-m-kind": "dewan",
            "dewan-m-name": "Budi Santoso",
            "dewan-m-position": "Kepala Diskominfo",
            "dewan-m-agency": "Diskominfo",
            "dewan-m-role": "Sekretaris",
            "dewan-m-dimension": "governance",
        },
    )
    assert response.status_code == 302
    member = BodyMember.objects.get()
    assert (member.name, member.dimension) == ("Budi Santoso", "governance")
    response = client.post(reverse("bodies"), {"action": "remove", "member": member.pk})
    assert response.status_code == 302
    assert not BodyMember.objects.exists()


def test_official_cannot_remove_another_regions_member(client, world):
    other = body_save(
        region=world.other_region,
        kind="tim",
        decree_number="1",
        decree_date=datetime.date(2018, 1, 1),
        by=world.other_official,
    )
    member = body_member_add(
        body=other, name="X", position="Y", agency="Z", role="Ketua", by=world.other_official
    )
    client.force_login(world.official)
    response = client.post(reverse("bodies"), {"action": "remove", "member": member.pk})
    assert response.status_code == 404
    assert BodyMember.objects.filter(pk=member.pk).exists()


def test_page_summarises_which_dimensions_have_a_person_in_charge(client, world, dewan):
    body_member_add(
        body=dewan,
        name="Sri Lestari",
        position="Kepala Bappeda",
        agency="Bappeda",
        role="Anggota",
        dimension="economy",
        by=world.official,
    )
    client.force_login(world.official)
    html = client.get(reverse("bodies")).content.decode()
    assert "Sri Lestari" in html
    assert html.count("Belum ada</span>") == 5


def test_staff_read_a_region_without_forms(client, world, dewan):
    client.force_login(world.staff)
    response = client.get(reverse("bodies_for_region", args=[world.region.code]))
    assert response.status_code == 200
    assert "050/123/2018" in response.content.decode()
    assert 'name="action"' not in response.content.decode()


def test_staff_list_the_regions_with_bodies(client, world, dewan):
    client.force_login(world.staff)
    response = client.get(reverse("bodies"))
    assert reverse("bodies_for_region", args=[world.region.code]) in response.content.decode()


def test_staff_cannot_write_a_body(client, world):
    client.force_login(world.staff)
    assert post_body(client).status_code == 302
    assert not SmartCityBody.objects.exists()


def test_another_regions_official_gets_404(client, world, dewan):
    client.force_login(world.other_official)
    assert client.get(reverse("bodies_for_region", args=[world.region.code])).status_code == 404
    url = reverse("body_decree_download", args=[world.region.code, "dewan"])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("role", ["partner", "mentor", "assessor"])
def test_other_roles_are_refused_the_bodies(client, world, dewan, role):
    client.force_login(getattr(world, role))
    assert client.get(reverse("bodies")).status_code == 403
    assert client.get(reverse("bodies_for_region", args=[world.region.code])).status_code == 403
    url = reverse("body_decree_download", args=[world.region.code, "dewan"])
    assert client.get(url).status_code == 404


def test_the_decree_downloads_as_an_attachment(client, world, dewan):
    client.force_login(world.official)
    response = client.get(reverse("body_decree_download", args=[world.region.code, "dewan"]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_anonymous_goes_to_login(client, world):
    response = client.get(reverse("bodies"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
