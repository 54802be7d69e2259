# The ministry's approval letter (number and date), asked for when staff approve a plan.

import smartcity.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('masterplan', '0004_indonesian_labels'),
    ]

    operations = [
        migrations.AddField(
            model_name='plan',
            name='approval_letter_number',
            field=models.CharField(blank=True, max_length=100, verbose_name='nomor surat pengesahan'),
        ),
        migrations.AddField(
            model_name='plan',
            name='approval_letter_date',
            field=models.DateField(blank=True, null=True, validators=[smartcity.validators.validate_date], verbose_name='tanggal surat pengesahan'),
        ),
    ]
