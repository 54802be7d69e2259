from django.conf import settings
from django.core.management.base import BaseCommand

from portal.demo import ACCOUNTS, DEMO_RECOVERY_CODES, DEMO_TOTP_SECRET, SEEDERS


class Command(BaseCommand):
    help = (
        "Create the demo programme (regions, cohorts, indicators, every stage) and the demo "
        "accounts with $DEMO_PASSWORD. Safe to run again."
    )

    def handle(self, *args, **options):
        for seeder in SEEDERS:
            seeder()
        self.stdout.write(self.style.SUCCESS("Demo programme ready. Demo logins:"))
        for username, role, *_ in ACCOUNTS:
            self.stdout.write(f"  {username:<15} {role.label}")
        self.stdout.write(f"  password: {settings.DEMO_PASSWORD}")
        self.stdout.write(
            f"  kominfo's second factor: `python manage.py demo_totp` prints the code "
            f"(secret {DEMO_TOTP_SECRET}); recovery codes {', '.join(DEMO_RECOVERY_CODES)}"
        )
