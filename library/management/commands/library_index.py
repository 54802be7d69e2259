from django.core.management.base import BaseCommand

from library.index import index_sync


class Command(BaseCommand):
    help = "Bring the public library's search table in step with the published plans."

    def handle(self, *args, **options):
        result = index_sync()
        self.stdout.write(
            f"Library: {result['added_versions']} plan version(s) indexed "
            f"({result['added']} programmes), {result['removed_versions']} removed."
        )
