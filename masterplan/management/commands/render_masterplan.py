"""Render a region's master plan to PDF from the command line, synchronously (no Celery)."""

import os
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from masterplan import pdf
from masterplan.models import Plan, PlanVersion
from masterplan.snapshot import plan_snapshot, snapshot_sha256
from smartcity.models import Region


def working_copy_version(plan: Plan) -> PlanVersion:
    """An unsaved stand-in version 0 holding a snapshot of the working copy, for a plan that was
    never submitted: it prints like a version (always as a draft), and is never stored."""
    data = plan_snapshot(plan)
    return PlanVersion(plan=plan, number=0, data=data, sha256=snapshot_sha256(data))


class Command(BaseCommand):
    help = (
        "Render the master plan of a region (its latest cohort's plan) to a PDF file. Prints the "
        "latest submitted version unless --version is given; a plan never submitted prints its "
        "working copy as an unsaved draft. Only the approved (or enacted) latest version prints "
        "without the DRAF watermark (as PDF/A). --book prints one of the three books."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        # `--version N` is the plan version here, not Django's version: let ours replace it.
        kwargs.setdefault("conflict_handler", "resolve")
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("region_code", help="Kemendagri region code, e.g. 33.11")
        parser.add_argument("--out", required=True, help="where to write the PDF")
        parser.add_argument("--html", help="also write the HTML given to WeasyPrint here")
        parser.add_argument(
            "--version", type=int, dest="number", help="version number (default: the latest)"
        )
        parser.add_argument(
            "--book",
            choices=["1", "2", "3"],
            help="print one book only: 1 Analisis Strategis, 2 Masterplan, 3 Ringkasan "
            "Eksekutif (default: the whole plan)",
        )

    def handle(self, *args, region_code, out, html=None, number=None, book=None, **options):
        region = Region.objects.filter(code=region_code).first()
        if region is None:
            raise CommandError(f"Unknown region code {region_code!r}.")
        plan = (
            Plan.objects.filter(candidate__region=region)
            .select_related("candidate__region", "candidate__cohort")
            .order_by("-candidate__cohort__year")
            .first()
        )
        if plan is None:
            raise CommandError(f"{region.name} ({region.code}) has no master plan.")
        versions = plan.versions.order_by("-number")
        if number is not None:
            version = versions.filter(number=number).first()
            if version is None:
                raise CommandError(
                    f"{region.name} has no version {number} (versions: {plan.version_count})."
                )
        else:
            version = versions.first() or working_copy_version(plan)
        version.plan = plan  # reuse the plan loaded with its region and cohort
        targets = [Path(out)] + ([Path(html)] if html else [])
        for target in targets:
            if not target.parent.is_dir():
                raise CommandError(f"Cannot write {target}: no directory {target.parent}.")
            if target.is_dir():
                raise CommandError(f"Cannot write {target}: it is a directory.")
            # Checked before the render, which takes seconds; the write below still reports.
            if not os.access(target if target.exists() else target.parent, os.W_OK):
                raise CommandError(f"Cannot write {target}: permission denied.")

        approved = pdf.is_approved_print(version)
        start = time.perf_counter()
        book = book or pdf.WHOLE
        document = pdf.render_version_html(version, approved=approved, book=book)
        content, pages = pdf.html_to_pdf_pages(document, archival=approved)
        seconds = time.perf_counter() - start
        try:
            Path(out).write_bytes(content)
            if html:
                Path(html).write_text(document, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Cannot write: {error}") from error

        which = f"version {version.number}" if version.pk else "working copy (never submitted)"
        state = "approved, PDF/A" if approved else "draft"
        if book != pdf.WHOLE:
            which += f", {pdf.book_label(book)}"
        self.stdout.write(
            self.style.SUCCESS(
                f"{out}: {region.name}, {which}, {state}, {pages} pages in {seconds:.2f} s"
            )
        )
        if html:
            self.stdout.write(f"HTML: {html}")
