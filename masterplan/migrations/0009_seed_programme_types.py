"""The programme's usual five programme types (Sukoharjo's and Kota Jambi's plans group their
programmes this way); staff may rename, add or reorder them in the admin."""

from django.db import migrations

TYPES = [
    ("policy", "Kebijakan dan kelembagaan", "Regulasi, tata kelola, kelembagaan dan SOP."),
    ("infrastructure", "Infrastruktur", "Jaringan, pusat data, perangkat dan sarana fisik."),
    ("applications", "Aplikasi dan literasi", "Aplikasi layanan, sistem informasi dan literasi digital."),
    ("people", "Sumber daya manusia", "Kompetensi ASN dan talenta digital daerah."),
    ("partnerships", "Kemitraan", "Kerja sama dengan dunia usaha, perguruan tinggi dan komunitas."),
]


def seed(apps, schema_editor):
    ProgrammeType = apps.get_model("masterplan", "ProgrammeType")
    for order, (code, name, description) in enumerate(TYPES):
        ProgrammeType.objects.update_or_create(
            code=code, defaults={"name": name, "description": description, "order": order}
        )


def unseed(apps, schema_editor):
    ProgrammeType = apps.get_model("masterplan", "ProgrammeType")
    Programme = apps.get_model("masterplan", "Programme")
    Programme.objects.filter(programme_type__code__in=[t[0] for t in TYPES]).update(
        programme_type=None
    )
    ProgrammeType.objects.filter(code__in=[t[0] for t in TYPES]).delete()


class Migration(migrations.Migration):
    dependencies = [("masterplan", "0008_plan_document_and_programme_types")]

    operations = [migrations.RunPython(seed, unseed)]
