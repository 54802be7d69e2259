"""Settings of the PDF worker processes started by `test_pdf_worker.py` and `bench/pdf_workers.py`.

The usual worker settings (which already honour the test's `PRIVATE_MEDIA_ROOT`), plus one
test-only knob: `PDF_TEST_RENDER_DELAY`, seconds each render sleeps first, so a test can kill a
worker mid-render.
"""

import os
import time

from celery.signals import worker_process_init

from tests.worker_settings import *  # noqa: F403

RENDER_DELAY = float(os.environ.get("PDF_TEST_RENDER_DELAY") or 0)


@worker_process_init.connect(weak=False)
def _slow_renders(**kwargs):
    """In each pool process, make every render wait `RENDER_DELAY` seconds before it starts."""
    if not RENDER_DELAY:
        return
    from masterplan import pdf

    render = pdf.render_version_pdf_pages

    def slow(version, *, approved, book="all"):
        time.sleep(RENDER_DELAY)
        return render(version, approved=approved)

    pdf.render_version_pdf_pages = slow
