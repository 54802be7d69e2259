"""Master-plan PDF performance bar (master-plan issue, PDF part).

The demo Kab. Sukoharjo plan itself (made by `masterplan.demo`'s seeder: 40 programmes over
the six dimensions, the Dewan and Tim Pelaksana), printed to a PDF of 30+ pages. Measured in one
process, side by side:

  (a) the project's full render, `masterplan.pdf.render_version_pdf` on a version loaded from
      the database (queries, context, templates, WeasyPrint);
  (b) WeasyPrint alone turning the same HTML string (rendered once beforehand) into a PDF, with
      the same URL fetcher and base URL.

The two alternate for several rounds and the best of each is kept. Bar: (a) / (b) <= 1.2, that
is the project adds at most a fifth to what WeasyPrint itself costs. Exits non-zero if missed or
if the document is shorter than 30 pages.

Run: .venv/bin/python bench/pdf_render.py [--rounds N] [--out plan.pdf]
"""

import argparse
import io
import sys
import time

from _django import scratch_database, setup

setup()

BAR = 1.2
MIN_PAGES = 30


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
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--out", help="also write the rendered PDF here")
    args = parser.parse_args()

    from pypdf import PdfReader

    from masterplan import pdf
    from masterplan.models import PlanVersion

    with scratch_database():
        version_pk, programmes = build_plan()

        def full():
            version = PlanVersion.objects.select_related("plan").get(pk=version_pk)
            return pdf.render_version_pdf(version, approved=pdf.is_approved_print(version))

        version = PlanVersion.objects.get(pk=version_pk)
        html = pdf.render_version_html(version, approved=False)

        def weasyprint_only():
            import weasyprint

            return weasyprint.HTML(
                string=html, base_url=pdf.static_base_url(), url_fetcher=pdf.pdf_fetcher()
            ).write_pdf()

        content = full()  # warm up: imports, fonts, template loading
        weasyprint_only()
        pages = len(PdfReader(io.BytesIO(content)).pages)
        if args.out:
            with open(args.out, "wb") as f:
                f.write(content)

        full_times, alone_times = [], []
        for round_ in range(args.rounds):
            # Alternate which goes first, so neither always runs on a warmer machine.
            order = (full, weasyprint_only) if round_ % 2 == 0 else (weasyprint_only, full)
            for fn in order:
                seconds, _ = timed(fn)
                (full_times if fn is full else alone_times).append(seconds)
        best_full, best_alone = min(full_times), min(alone_times)
        ratio = best_full / best_alone
        ok_pages = pages >= MIN_PAGES
        ok_ratio = ratio <= BAR
        print(f"plan: {programmes} programmes, {len(html):,} characters of HTML")
        print(
            f"pages:                               {pages:7d}  (at least {MIN_PAGES}) "
            f"{'OK' if ok_pages else 'FAIL'}"
        )
        print(
            f"(a) render_version_pdf, best of {args.rounds}:   {best_full:7.2f} s "
            f"({pages / best_full:.1f} pages/s)"
        )
        print(
            f"(b) WeasyPrint alone, best of {args.rounds}:     {best_alone:7.2f} s "
            f"({pages / best_alone:.1f} pages/s)"
        )
        print(
            f"ratio (a) / (b):                     {ratio:7.2f}  (bar: <= {BAR:.2f}) "
            f"{'OK' if ok_ratio else 'FAIL'}"
        )
        if not (ok_pages and ok_ratio):
            sys.exit(1)


if __name__ == "__main__":
    main()
