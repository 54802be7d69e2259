"""What the journeys check on a page: it fits the screen, and axe-core (installed from the npm
registry by `make assets`) finds no serious accessibility violation. The tabs themselves come
from the `open_page` fixture in tests/browser/conftest.py."""

import json

import pytest

from tests.conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# The screens the journeys are tried on: a ministry laptop and a phone.
DESKTOP = 1366
PHONE = 390


def fits_width(page) -> None:
    """Nothing on the page is wider than the screen (no sideways scrolling to reach an action)."""
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 1, f"{page.url} is {overflow} px wider than the screen"


def assert_accessible(page, *, impacts=("serious", "critical"), within: str = "") -> None:
    """axe-core's WCAG 2 A and AA rules (colour contrast included) find no violation of those
    impacts on the page as it is now (or only in the part `within` selects, e.g. "main")."""
    if not AXE.exists():
        pytest.fail(f"axe-core not found at {AXE}: run `make assets`")
    # Evaluated through the DevTools protocol, so the page's CSP does not apply to the checker.
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        """async (within) => await axe.run(within || document, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
            resultTypes: ["violations"],
        })""",
        within,
    )
    found = [v for v in result["violations"] if v["impact"] in impacts]
    report = [
        {
            "rule": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "where": [node["target"] for node in v["nodes"][:5]],
            "why": v["nodes"][0].get("failureSummary", "") if v["nodes"] else "",
        }
        for v in found
    ]
    assert not report, f"Accessibility violations on {page.url}:\n" + json.dumps(
        report, indent=2, ensure_ascii=False
    )
