from django.db import migrations, models


class Migration(migrations.Migration):
    """A selection records the equity rules and balanced proposal it was started from."""

    dependencies = [
        ('assessment', '0004_equity_rules'),
    ]

    operations = [
        migrations.AddField(
            model_name='selection',
            name='proposal',
            field=models.JSONField(blank=True, editable=False, help_text='Aturan pemerataan dan usulan seimbang (nomor kandidat) yang menjadi titik awal penetapan, bila penetapan dimulai dari usulan.', null=True, verbose_name='usulan pemerataan asal'),
        ),
    ]
