# Each assigned mentor's endorsement of a submitted version: a plan is endorsed once all have.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('masterplan', '0005_plan_approval_letter'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='PlanEndorsement',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('at', models.DateTimeField(auto_now_add=True, verbose_name='disetujui pada')),
                ('note', models.TextField(blank=True, max_length=2000, verbose_name='catatan')),
                ('mentor', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='mentor')),
                ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='endorsements', to='masterplan.plan', verbose_name='masterplan')),
                ('version', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='masterplan.planversion', verbose_name='versi')),
            ],
            options={
                'verbose_name': 'persetujuan mentor',
                'verbose_name_plural': 'persetujuan mentor',
                'ordering': ['at', 'pk'],
                'constraints': [models.UniqueConstraint(fields=('version', 'mentor'), name='one_endorsement_per_mentor_and_version')],
            },
        ),
    ]
