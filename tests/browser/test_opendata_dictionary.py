"""The open data dictionary (/data-terbuka/) in a browser, anonymously: reached from the landing
page's footer, it fits a phone and a laptop and passes axe-core; its links lead to the API."""

import json

import pytest
from django.urls import reverse

from opendata.datasets import DATASETS
from tests.browser.pages import DESKTOP, PHONE, assert_accessible, fits_width
from tests.opendata.conftest import plans  # noqa: F401 - the fixture: one published plan

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_the_data_dictionary_is_reached_from_the_footer_and_fits(
    transactional_db,
    plans,  # noqa: F811
    open_page,
    width,
):
    page = open_page(width=width)
    page.goto(reverse("landing"))
    page.get_by_role("contentinfo").get_by_role("link", name="Data terbuka").click()
    page.wait_for_url(f"**{reverse('data_dictionary')}")
    assert page.get_by_role("heading", level=1).inner_text() == "Kamus data terbuka"
    assert page.locator("section table").count() == len(DATASETS)  # a table per dataset
    fits_width(page)
    assert_accessible(page)

    # The API's JSON, as a script would read it from the address the page gives (a browser tab
    # showing raw JSON asks for a favicon the portal does not have).
    link = page.locator("#quick-wins").get_by_role("link", name="/api/v1/quick-wins/")
    response = page.request.get(link.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/json"
    document = json.loads(response.text())
    assert document["dataset"] == "quick-wins" and len(document["results"]) == 3
