from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from evaluation.imports import ScoreImportError, evaluation_import
from smartcity.validators import YEAR_MAX, YEAR_MIN


class Command(BaseCommand):
    help = (
        "Import a past evaluation cycle's part scores from a CSV or XLSX file with the columns "
        "region_code,baseline,output,outcome,impact,quick_win and optionally "
        "governance,branding,economy,living,society,environment (each 0-5). All or nothing: if "
        "any row has a problem, every problem is listed with its row and column and nothing is "
        "written. Creates the year's cycle if needed; accepts any kab/kota. A cycle that already "
        "has results is only replaced with --replace; a published cycle never is."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH", help="the .csv or .xlsx file to import")
        parser.add_argument(
            "--year", type=int, required=True, metavar="YYYY", help="the evaluation's year"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="validate and report, without writing"
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="replace the cycle's results (those not in the file are removed)",
        )

    def handle(self, *args, **options):
        path, year = Path(options["path"]), options["year"]
        if not YEAR_MIN <= year <= YEAR_MAX:
            raise CommandError(f"Tahun harus antara {YEAR_MIN} dan {YEAR_MAX}.")
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise CommandError(f"Berkas tidak ditemukan: {path}") from None
        except IsADirectoryError:
            raise CommandError(f"Bukan berkas (melainkan folder): {path}") from None
        except OSError as exc:
            raise CommandError(f"Berkas tidak dapat dibaca: {path} ({exc.strerror})") from None
        try:
            summary = evaluation_import(
                year=year,
                data=data,
                file_name=path.name,
                dry_run=options["dry_run"],
                replace=options["replace"],
            )
        except ScoreImportError as exc:
            for problem in exc.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{path.name}: {len(exc.problems)} masalah; tidak ada data yang disimpan."
            ) from None
        self.stdout.write(f"Berkas: {path.name} (SHA-256 {summary.checksum})")
        self.stdout.write(f"Tahun: {year}" + (" (siklus baru)" if summary.cycle_created else ""))
        self.stdout.write(f"Baris: {summary.row_count}")
        if summary.existing_count:
            self.stdout.write(
                f"Mengganti {summary.existing_count} hasil sebelumnya"
                f" ({summary.replaced_count} tidak ada di berkas dan dihapus)"
            )
        if summary.dry_run:
            self.stdout.write(
                self.style.WARNING("Uji coba (--dry-run): tidak ada data yang disimpan.")
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(f"Berhasil: {summary.row_count} hasil evaluasi {year} disimpan.")
            )
