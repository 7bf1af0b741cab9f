"""axe-core (vendored from npm, see tests/vendor/axe-core/) on the pages readers use
most: no serious or critical accessibility violation."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
PAGES = ["/", "/people/abu-taqwa/", "/events/us-strike-kills-abu-taqwa/", "/timeline/", "/network/",
         "/story/", "/disagreements/", "/sources/vox-2024-01-07/"]


def violations(page: Page) -> list[dict]:
    page.add_script_tag(content=AXE.read_text("utf-8"))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                        nodes: v.nodes.slice(0, 3).map(n => n.target)}));
    }""")
    return [v for v in result if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_or_critical_violations(page: Page, base_url: str, path: str, scheme: str):
    page.emulate_media(color_scheme=scheme)
    page.goto(base_url + path)
    assert violations(page) == []


def test_axe_finds_a_violation_when_there_is_one(page: Page, base_url: str):
    page.goto(base_url + "/")
    page.evaluate("""() => {
        const img = document.createElement('img'); img.src = 'x.png';
        document.querySelector('article').appendChild(img);
    }""")
    assert [v["id"] for v in violations(page)] == ["image-alt"]


def test_the_vendored_file_is_the_one_recorded():
    recorded = (AXE.parent / "README.md").read_text("utf-8")
    assert hashlib.sha256(AXE.read_bytes()).hexdigest() in recorded
