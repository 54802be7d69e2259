from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from candidates.services import IndicatorImportError, ReplaceRequired, indicators_import
from candidates.services.indicators import INDICATOR_YEAR_MAX, INDICATOR_YEAR_MIN


class Command(BaseCommand):
    help = (
        "Import one year's regional indicators for the kab/kota from a CSV or XLSX file "
        "(format: DESIGN.md, 'Indicator file'). All or nothing: if any row has a problem, "
        "every problem is listed with its row and column and nothing is written. A year that "
        "already has data is only replaced with --replace; the old dataset is kept, marked "
        "as superseded."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH", help="the .csv or .xlsx file to import")
        parser.add_argument(
            "--year",
            type=int,
            required=True,
            metavar="YYYY",
            help=f"the year of the data ({INDICATOR_YEAR_MIN}-{INDICATOR_YEAR_MAX})",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="validate and report what would happen, without writing anything",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="replace the year's current dataset if there is one",
        )
        parser.add_argument(
            "--fiscal-regulation",
            default="",
            metavar="TEXT",
            help="source of the fiscal capacity index, e.g. 'PMK 116/PMK.07/2021'",
        )
        parser.add_argument(
            "--ekppd-regulation",
            default="",
            metavar="TEXT",
            help="source of the EKPPD scores, e.g. 'Kepmendagri 100.2.1.3-1234 Tahun 2024'",
        )
        parser.add_argument(
            "--green-source",
            default="",
            metavar="TEXT",
            help="source of the green city index",
        )

    def handle(self, *args, **options):
        path = Path(options["path"])
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise CommandError(f"Berkas tidak ditemukan: {path}") from None
        except IsADirectoryError:
            raise CommandError(f"Bukan berkas (melainkan folder): {path}") from None
        except OSError as exc:
            raise CommandError(f"Berkas tidak dapat dibaca: {path} ({exc.strerror})") from None

        try:
            summary = indicators_import(
                year=options["year"],
                data=data,
                file_name=path.name,
                replace=options["replace"],
                dry_run=options["dry_run"],
                fiscal_regulation=options["fiscal_regulation"],
                ekppd_regulation=options["ekppd_regulation"],
                green_source=options["green_source"],
            )
        except IndicatorImportError as exc:
            for problem in exc.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{path.name}: {len(exc.problems)} masalah; tidak ada data yang disimpan."
            ) from None
        except ReplaceRequired as exc:
            raise CommandError(str(exc)) from None

        self._report(summary, path.name, replace=options["replace"])

    def _report(self, summary, file_name, *, replace):
        lines = [
            f"Berkas: {file_name} (SHA-256 {summary.checksum})",
            f"Tahun: {summary.year}",
            f"Baris: {summary.row_count} ({summary.complete_count} lengkap, "
            f"{summary.incomplete_count} tidak lengkap)",
        ]
        old = summary.replaced
        if old is not None:
            verb = "Akan mengganti" if summary.dry_run else "Mengganti"
            lines.append(
                f"{verb} data sebelumnya: {old.file_name} ({old.row_count} baris, impor #{old.pk})"
            )
        else:
            lines.append("Data sebelumnya: tidak ada")
        for line in lines:
            self.stdout.write(line)
        if summary.dry_run:
            note = "Uji coba (--dry-run): tidak ada data yang disimpan."
            if summary.would_replace and not replace:
                note += " Impor sungguhan memerlukan --replace."
            self.stdout.write(self.style.WARNING(note))
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Berhasil: {summary.row_count} baris disimpan sebagai impor "
                    f"#{summary.dataset.pk}."
                )
            )
