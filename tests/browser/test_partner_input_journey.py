"""An industry partner reads Kabupaten Sukoharjo's submitted plan and leaves input on a programme
without leaving the page; the region's official then sees it, with a badge on the programme."""

from unittest import mock

import pytest
from playwright.sync_api import expect

from masterplan.services.workflow import plan_submit
from tests.conftest import sign_in
from tests.masterplan.helpers import full_plan

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_a_partner_leaves_input_and_the_region_sees_it_on_the_programme(
    transactional_db, world, page, browser, live_server
):
    # The submission's e-mails and PDF are other journeys' subject: their after-commit tasks are
    # not enqueued here, so this journey needs no Celery broker.
    with mock.patch("masterplan.services.workflow.transaction.on_commit"):
        plan = plan_submit(plan=full_plan(world), by=world.official)
    programme = plan.programmes.order_by("pk").first()

    sign_in(page, world.partner.username)
    page.get_by_role("link", name="Masterplan", exact=True).click()
    page.get_by_role("link", name="Kabupaten Sukoharjo").click()
    page.wait_for_url(f"**/masterplan/{plan.pk}/")
    page.get_by_label("Tentang").select_option(str(programme.pk))
    page.get_by_label("Masukan").fill("Kami siap menyiapkan uji coba tiga bulan.")
    page.get_by_role("button", name="Kirim masukan").click()
    mine = page.locator("#partner-inputs-mine")
    mine.get_by_text("Kami siap menyiapkan uji coba tiga bulan.").wait_for()
    expect(mine).to_contain_text(programme.name)
    expect(page.get_by_label("Masukan")).to_have_value("")  # htmx swapped a fresh form in

    region = browser.new_context(base_url=live_server.url, locale="id-ID").new_page()
    sign_in(region, world.official.username)
    region.goto(f"/masterplan/{plan.pk}/")
    badge = region.locator(f"#programme-{programme.pk} .partner-input-badge")
    expect(badge).to_have_text("Masukan mitra: 1")
    expect(region.locator(f"#partner-inputs-programme-{programme.pk} + ul")).to_contain_text(
        "Kami siap menyiapkan uji coba tiga bulan."
    )
    region.context.close()
