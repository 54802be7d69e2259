# PDF jobs that print a plan's working copy as a draft preview, without a version.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('masterplan', '0006_plan_endorsement'),
    ]

    operations = [
        migrations.AlterField(
            model_name='pdfjob',
            name='version',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='pdf_jobs', to='masterplan.planversion', verbose_name='versi'),
        ),
        migrations.AddField(
            model_name='pdfjob',
            name='plan',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='preview_jobs', to='masterplan.plan', verbose_name='masterplan (pratinjau)'),
        ),
        migrations.AddField(
            model_name='pdfjob',
            name='preview_data',
            field=models.JSONField(blank=True, null=True, verbose_name='data salinan kerja'),
        ),
        migrations.AddField(
            model_name='pdfjob',
            name='preview_sha256',
            field=models.CharField(blank=True, max_length=64, verbose_name='SHA-256 salinan kerja'),
        ),
        migrations.AddConstraint(
            model_name='pdfjob',
            constraint=models.UniqueConstraint(condition=models.Q(('plan__isnull', False)), fields=('plan', 'preview_sha256'), name='one_preview_per_working_copy'),
        ),
        migrations.AddConstraint(
            model_name='pdfjob',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('plan__isnull', True), ('version__isnull', False)), models.Q(('approved', False), ('plan__isnull', False), ('preview_data__isnull', False), ('version__isnull', True)), _connector='OR'), name='pdf_of_a_version_or_a_preview'),
        ),
    ]
