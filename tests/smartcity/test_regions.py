from django.core.management import call_command

from smartcity.models import Region


def test_load_regions_loads_every_province_and_kab_kota(db):
    call_command("load_regions", verbosity=0)

    assert Region.objects.provinces().count() == 38
    assert Region.objects.kab_kota().count() == 514
    assert Region.objects.filter(kind=Region.Kind.REGENCY).count() == 416
    assert Region.objects.filter(kind=Region.Kind.CITY).count() == 98


def test_mimika_has_its_post_2022_code_in_papua_tengah(db):
    call_command("load_regions", verbosity=0)

    mimika = Region.objects.select_related("province").get(code="94.04")
    assert mimika.name == "Kabupaten Mimika"
    assert mimika.short_name == "Kabupaten Mimika"
    assert mimika.province.name == "Papua Tengah"
    assert not Region.objects.filter(code="91.09", name__contains="Mimika").exists()


def test_every_kab_kota_is_written_in_full_by_its_kind(db):
    """One spelling per kind on every page: `Kabupaten Sukoharjo`, `Kota Bandung`, never `Kab.`"""
    call_command("load_regions", verbosity=0)

    prefix = {Region.Kind.REGENCY: "Kabupaten ", Region.Kind.CITY: "Kota "}
    for region in Region.objects.kab_kota():
        assert region.short_name.startswith(prefix[region.kind]), region.code
        assert "Kab." not in region.short_name and "Kab." not in str(region)
    sukoharjo = Region.objects.get(code="33.11")
    assert (sukoharjo.short_name, str(sukoharjo)) == (
        "Kabupaten Sukoharjo",
        "Kabupaten Sukoharjo (33.11)",
    )


def test_only_dki_jakartas_six_kab_kota_are_administrative(db):
    call_command("load_regions", verbosity=0)

    administrative = Region.objects.filter(is_administrative=True)
    assert administrative.count() == 6
    assert set(administrative.values_list("province__code", flat=True)) == {"31"}


def test_loading_regions_twice_changes_nothing(db, django_assert_num_queries):
    call_command("load_regions", verbosity=0)
    before = list(
        Region.objects.values_list("pk", "code", "name", "kind", "province_id", "is_administrative")
    )

    # A second run writes nothing: savepoint, one read of the table, two counts, release.
    with django_assert_num_queries(5):
        call_command("load_regions", verbosity=0)

    after = list(
        Region.objects.values_list("pk", "code", "name", "kind", "province_id", "is_administrative")
    )
    assert after == before


def test_load_regions_repairs_a_changed_name(db):
    call_command("load_regions", verbosity=0)
    Region.objects.filter(code="33.11").update(name="Sukoharjo (lama)")

    call_command("load_regions", verbosity=0)

    assert Region.objects.get(code="33.11").name == "Kabupaten Sukoharjo"
