from base64 import b32decode

from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.demo import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = (
        "Print the current sign-in code of a demo staff account (default: kominfo), as its "
        "authenticator app would show it. Only for the demo's published secret: it refuses "
        "every real account."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?", default="kominfo")

    def handle(self, *args, username, **options):
        demo_key = b32decode(DEMO_TOTP_SECRET).hex()
        device = TOTPDevice.objects.filter(
            user__username=username, confirmed=True, key=demo_key
        ).first()
        if device is None:
            raise CommandError(f"{username} has no demo authenticator (run seed_demo first).")
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{totp.token():0{device.digits}d}")
