"""The six dimensions and their three elements each (DOMAIN.md), as data."""

from django.db import migrations

DIMENSIONS = [
    ("governance", "Smart Governance", [
        ("public-service", "Pelayanan publik"), ("bureaucracy", "Birokrasi"),
        ("public-policy", "Kebijakan publik"),
    ]),
    ("branding", "Smart Branding", [
        ("tourism-branding", "Branding pariwisata"), ("business-branding", "Branding bisnis"),
        ("city-appearance", "Wajah kota"),
    ]),
    ("economy", "Smart Economy", [
        ("industry-ecosystem", "Ekosistem industri"), ("welfare", "Kesejahteraan rakyat"),
        ("financial-transactions", "Ekosistem transaksi keuangan"),
    ]),
    ("living", "Smart Living", [
        ("harmony", "Harmonisasi tata ruang"), ("health", "Kesehatan"), ("mobility", "Mobilitas"),
    ]),
    ("society", "Smart Society", [
        ("community", "Komunitas"), ("learning-ecosystem", "Ekosistem belajar"),
        ("security", "Keamanan"),
    ]),
    ("environment", "Smart Environment", [
        ("protection", "Proteksi lingkungan"), ("waste", "Pengelolaan sampah"),
        ("energy", "Energi"),
    ]),
]


def seed(apps, schema_editor):
    Dimension = apps.get_model("masterplan", "Dimension")
    Element = apps.get_model("masterplan", "Element")
    for order, (code, name, elements) in enumerate(DIMENSIONS, start=1):
        dimension, _ = Dimension.objects.update_or_create(
            code=code, defaults={"name": name, "order": order}
        )
        for element_order, (element_code, element_name) in enumerate(elements, start=1):
            Element.objects.update_or_create(
                dimension=dimension,
                code=element_code,
                defaults={"name": element_name, "order": element_order},
            )


def unseed(apps, schema_editor):
    apps.get_model("masterplan", "Element").objects.all().delete()
    apps.get_model("masterplan", "Dimension").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("masterplan", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
