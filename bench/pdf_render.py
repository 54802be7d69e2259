"""Master-plan PDF performance bars (master-plan issue, PDF part; issue #18, the books).

The demo Kab. Sukoharjo plan itself (made by `masterplan.demo`'s seeder: 40 programmes over
the six dimensions, the Dewan and Tim Pelaksana), printed to a PDF of 30+ pages. Measured in one
process, side by side:

  (a) the project's full render of the whole plan, `masterplan.pdf.render_version_pdf` on a
      version loaded from the database (queries, context, templates, WeasyPrint, tagging);
  (b) WeasyPrint alone turning the same HTML string (rendered once beforehand) into a PDF, with
      the same URL fetcher, base URL and PDF options (tagged);
  (s) a bare Django start-up: `django.setup()` of a bare project (`bench/bare_settings.py`) in
      a fresh process;
  (1)–(3) the full render of each book on its own (Buku I, II, III).

The renders alternate for several rounds and the best of each is kept. Bars: (a) <= 1.25 x
((b) + (s)), the project adds at most a quarter to WeasyPrint itself and a bare start-up; each
book renders faster than the whole (a). Exits non-zero if a bar is missed or if the whole
document is shorter than 30 pages.

Run: .venv/bin/python bench/pdf_render.py [--rounds N] [--out plan.pdf]
"""

import argparse
import io
import os
import subprocess
import sys
import time
from pathlib import Path

from _django import ROOT, scratch_database, setup

setup()

BAR = 1.25
MIN_PAGES = 30
BENCH = Path(__file__).resolve().parent
BOOKS = ("1", "2", "3")


def bare_django_setup(rounds: int) -> float:
    """The best wall time of a fresh process doing `django.setup()` of a bare project."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bare_settings", "PYTHONPATH": str(BENCH)}
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", "import django; django.setup()"],
            env=env,
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        best = min(best, time.perf_counter() - start)
    return best


def build_plan():
    """The demo's Kab. Sukoharjo plan, made by the demo's own seeder, in a scratch database.

    Only what `masterplan.demo.seed_sukoharjo` needs is created first (the region, the 2018
    cohort, its candidacy, pemda-3311, mentor-itb assigned, kominfo); the seeder then writes the
    plan through the services: two versions, comments, the Dewan and Tim Pelaksana.
    """
    from unittest import mock

    from candidates.models import Candidate, Cohort
    from masterplan.demo import seed_sukoharjo
    from masterplan.models import Plan
    from partners.models import MentorAssignment
    from smartcity.models import Institution, Region, User

    province = Region.objects.create(code="33", name="Jawa Tengah", kind=Region.Kind.PROVINCE)
    region = Region.objects.create(
        code="33.11", name="Kabupaten Sukoharjo", kind=Region.Kind.REGENCY, province=province
    )
    cohort = Cohort.objects.create(year=2018, name="Gerakan Menuju 100 Smart City 2018")
    candidate = Candidate.objects.create(
        cohort=cohort, region=region, status=Candidate.Status.PARTICIPANT
    )
    staff = User.objects.create(username="kominfo", role=User.Role.STAFF, is_staff=True)
    User.objects.create(username="pemda-3311", role=User.Role.OFFICIAL, region=region)
    itb = Institution.objects.create(
        code="itb", name="Institut Teknologi Bandung", kind=Institution.Kind.UNIVERSITY
    )
    mentor = User.objects.create(username="mentor-itb", role=User.Role.MENTOR, institution=itb)
    MentorAssignment.objects.create(candidate=candidate, mentor=mentor, assigned_by=staff)
    # The e-mails and PDF jobs a submission queues after commit are not this benchmark's subject.
    with mock.patch("django.db.transaction.on_commit"):
        seed_sukoharjo(staff)
    plan = Plan.objects.get(candidate=candidate)
    version = plan.versions.order_by("-number").first()
    return version.pk, len(version.data["programmes"])


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", help="also write the rendered PDF here")
    args = parser.parse_args()

    from pypdf import PdfReader

    from masterplan import pdf
    from masterplan.models import PlanVersion

    with scratch_database():
        version_pk, programmes = build_plan()

        def render(book):
            def run():
                version = PlanVersion.objects.select_related("plan").get(pk=version_pk)
                approved = pdf.is_approved_print(version)
                return pdf.render_version_pdf(version, approved=approved, book=book)

            return run

        full = render(pdf.WHOLE)
        version = PlanVersion.objects.get(pk=version_pk)
        html = pdf.render_version_html(version, approved=False)

        def weasyprint_only():
            import weasyprint

            options = pdf.pdf_options(archival=False)
            return weasyprint.HTML(
                string=html, base_url=pdf.static_base_url(), url_fetcher=pdf.pdf_fetcher()
            ).write_pdf(**options)

        content = full()  # warm up: imports, fonts, template loading
        weasyprint_only()
        pages = len(PdfReader(io.BytesIO(content)).pages)
        if args.out:
            with open(args.out, "wb") as f:
                f.write(content)
        book_pages = {book: len(PdfReader(io.BytesIO(render(book)())).pages) for book in BOOKS}

        runs = {"whole": full, "alone": weasyprint_only} | {b: render(b) for b in BOOKS}
        times = {name: [] for name in runs}
        names = list(runs)
        for round_ in range(args.rounds):
            # Rotate which goes first, so none always runs on a warmer machine.
            shift = round_ % len(names)
            for name in names[shift:] + names[:shift]:
                seconds, _ = timed(runs[name])
                times[name].append(seconds)
        best = {name: min(ts) for name, ts in times.items()}
        bare = bare_django_setup(args.rounds)
        baseline = best["alone"] + bare
        ratio = best["whole"] / baseline
        ok_pages = pages >= MIN_PAGES
        ok_ratio = ratio <= BAR
        ok_books = all(best[b] < best["whole"] for b in BOOKS)
        print(
            f"plan: {programmes} programmes, {len(html):,} characters of HTML, "
            f"best of {args.rounds}"
        )
        print(f"{'':44s} {'pages':>6s} {'seconds':>8s} {'/ whole':>8s}")
        print(
            f"{'(a) whole plan, render_version_pdf':44s} {pages:6d} {best['whole']:8.2f} "
            f"{1:8.2f}  (at least {MIN_PAGES} pages) {'OK' if ok_pages else 'FAIL'}"
        )
        for book in BOOKS:
            faster = best[book] < best["whole"]
            print(
                f"({book}) {pdf.book_label(book):40s} {book_pages[book]:6d} {best[book]:8.2f} "
                f"{best[book] / best['whole']:8.2f}  (bar: < 1) {'OK' if faster else 'FAIL'}"
            )
        print(
            f"{'(b) WeasyPrint alone, same HTML and options':44s} {pages:6d} {best['alone']:8.2f}"
        )
        print(f"{'(s) bare Django start-up (fresh process)':44s} {'':6s} {bare:8.2f}")
        print(
            f"{'(a) / ((b) + (s))':44s} {'':6s} {ratio:8.2f}  (bar: <= {BAR:.2f}) "
            f"{'OK' if ok_ratio else 'FAIL'}"
        )
        print(f"{'(a) / (b), for reference':44s} {'':6s} {best['whole'] / best['alone']:8.2f}")
        if not (ok_pages and ok_ratio and ok_books):
            sys.exit(1)


if __name__ == "__main__":
    main()
