"""On a phone, the region moves a commented programme to another dimension and deletes another
one inline: each programme's review thread goes where its row goes (out of band), the
deleted one's comment is counted under the programmes section, and nothing logs an error."""

from unittest import mock

import pytest
from playwright.sync_api import expect

from masterplan.models import Dimension, Plan
from masterplan.services.review import comment_add
from masterplan.services.workflow import plan_move, plan_submit
from tests.browser.pages import PHONE, fits_width
from tests.masterplan.helpers import full_plan

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_a_programmes_thread_follows_its_row_when_it_moves_or_goes(
    transactional_db, world, open_page
):
    # The submission's and revision's e-mails and PDF are other tests' subject.
    with mock.patch("masterplan.services.workflow.transaction.on_commit"):
        plan = plan_submit(plan=full_plan(world, programmes_per_dimension=2), by=world.official)
        moved, deleted = plan.programmes.filter(is_quick_win=False).order_by("pk")[:2]
        comment_add(plan=plan, by=world.mentor, body="Pindahkan.", section="", programme=moved)
        comment_add(plan=plan, by=world.mentor, body="Hapus.", section="", programme=deleted)
        plan = plan_move(plan=plan, to=Plan.Status.REVISION, by=world.mentor, note="Rapikan.")
    economy = Dimension.objects.get(code="economy")
    assert moved.dimension != economy

    page = open_page(world.official.username, width=PHONE)
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"/masterplan/{plan.pk}/")
    page.get_by_role("link", name=f"Ubah {moved.name}").click()
    form = page.locator(f"#programme-{moved.pk} form")
    form.get_by_label("Dimensi").select_option(label=economy.name)
    form.get_by_label("Elemen").select_option(label=economy.elements.first().name)
    fits_width(page)
    form.get_by_role("button", name="Simpan program").click()
    page.locator(f"#programmes-economy #programme-{moved.pk}").wait_for()
    expect(page.locator(f"#thread-programme-{moved.pk}")).to_have_count(1)
    expect(page.locator(f"#programmes-economy #thread-programme-{moved.pk}")).to_contain_text(
        "Pindahkan."
    )

    page.get_by_role("button", name=f"Hapus {deleted.name}").click()
    page.locator(f"#programme-{deleted.pk}").wait_for(state="detached")
    expect(page.locator(f"#thread-programme-{deleted.pk}")).to_have_count(0)
    expect(page.locator("#comments-toggle-section-programmes")).to_contain_text("1 komentar")
    expect(page.locator("#messages")).to_contain_text(f"Program “{deleted.name}” dihapus.")
    fits_width(page)
