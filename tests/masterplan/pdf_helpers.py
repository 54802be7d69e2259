"""PDF-job test helpers: a submitted plan, a counting stand-in for the renderer, an inline run.

`tiny_pdf()` is a real one-page PDF, so jobs rendered with `counting_renderer` store a file the
download view can send, without paying for WeasyPrint in every test.
"""

from __future__ import annotations

import io
import time
from dataclasses import dataclass, field

from pypdf import PdfWriter

from masterplan import pdf
from masterplan.models import PdfJob
from masterplan.pdfjobs import pdf_job_claim, pdf_job_render
from masterplan.services.workflow import plan_submit
from tests.masterplan.helpers import full_plan


def tiny_pdf(pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@dataclass
class CountingRenderer:
    """Stands in for `masterplan.pdf.render_version_pdf_pages`; records each call, may fail."""

    calls: list = field(default_factory=list)
    error: Exception | None = None
    pages: int = 2
    seconds: float = 0  # how long each render takes

    def __call__(self, version, *, approved, book="all"):
        self.calls.append((version.pk, approved) if book == "all" else (version.pk, approved, book))
        time.sleep(self.seconds)
        if self.error is not None:
            raise self.error
        return tiny_pdf(self.pages), self.pages


def counting_renderer(monkeypatch, **kwargs) -> CountingRenderer:
    renderer = CountingRenderer(**kwargs)
    monkeypatch.setattr(pdf, "render_version_pdf_pages", renderer)
    return renderer


def submitted_plan(world, **kwargs):
    """Sukoharjo's full plan submitted once by its official (version 1). The submission wrote
    the version's PDF job; no worker rendered it (its message is never sent in these tests)."""
    return plan_submit(plan=full_plan(world, **kwargs), by=world.official)


def without_pdf_jobs(plan):
    """The plan as if submitted before PDFs were requested on submission: no job rows, so a
    test can ask for the PDF itself."""
    PdfJob.objects.filter(version__plan=plan).delete()
    return plan


def render_inline(job: PdfJob, worker: str = "test:1") -> PdfJob:
    """Claim and render a job in this process, as a worker would."""
    claimed = pdf_job_claim(job.pk, worker)
    assert claimed is not None, "the job could not be claimed"
    pdf_job_render(job=claimed)
    claimed.refresh_from_db()
    return claimed
