"""Publishing: the site as GitHub Pages serves it from a project address, and the
workflow that tests and deploys it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, reading
from tests.site import mkdocs_build

PAGES_URL = "https://someone.github.io/iraq-kb/"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    site_dir = tmp_path_factory.mktemp("pages-site")
    result = mkdocs_build(ROOT, site_dir, env={"SITE_URL": PAGES_URL})
    assert result.returncode == 0, result.stderr
    return site_dir


def meta(html: str, key: str) -> str | None:
    match = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', html)
    return match[1] if match else None


def test_pages_carry_canonical_and_open_graph_addresses(site):
    html = (site / "people" / "abu-taqwa" / "index.html").read_text("utf-8")
    assert f'<link rel="canonical" href="{PAGES_URL}people/abu-taqwa/">' in html
    assert meta(html, "og:url") == f"{PAGES_URL}people/abu-taqwa/"
    assert meta(html, "og:title") == "Abu Taqwa"
    assert meta(html, "og:description").startswith("A leader of Harakat al-Nujaba")
    assert meta(html, "description") == meta(html, "og:description")


def test_each_page_offers_a_citation_with_its_published_address(site):
    html = (site / "events" / "tower-22-attack" / "index.html").read_text("utf-8")
    cite = reading(html.split('id="cite-this-page"')[1].split("</div>")[0])
    assert "“Drone attack on Tower 22 kills three US soldiers”, in <em>Iraq and the US-led " \
           "coalition since 2024</em>, last changed " in cite
    assert f'href="{PAGES_URL}events/tower-22-attack/"' in cite


def test_the_sitemap_lists_every_entity_page_at_its_published_address(site):
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    assert f"<loc>{PAGES_URL}people/abu-taqwa/</loc>" in sitemap
    assert f"<loc>{PAGES_URL}timeline/</loc>" in sitemap


def test_the_404_page_finds_its_styles_and_downloads_from_any_depth(site):
    html = (site / "404.html").read_text("utf-8")
    assert 'href="/iraq-kb/assets/stylesheets/' in html
    assert 'href="/iraq-kb/downloads/knowledge-base.json"' in html
    assert "<base" not in html  # only a build without an address looks for its root


WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def test_the_workflow_tests_then_deploys_with_githubs_pages_actions():
    workflow = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    test_steps = workflow["jobs"]["test"]["steps"]
    assert any(s.get("run") == "make test" for s in test_steps)
    assert any("--format github" in s.get("run", "") for s in test_steps)
    publish = workflow["jobs"]["publish"]
    assert publish["needs"] == "test"
    uses = [s.get("uses", "").split("@")[0] for s in publish["steps"]]
    assert {"actions/configure-pages", "actions/upload-pages-artifact",
            "actions/deploy-pages"} <= set(uses)
    build = next(s for s in publish["steps"] if s.get("run") == "make build")
    assert build["env"]["SITE_URL"].startswith("${{ steps.pages.outputs.base_url }}")
    assert publish["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_every_job_that_builds_the_site_checks_out_the_whole_history():
    # A shallow checkout sees one commit: pages would cite no date of last change.
    workflow = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    for name in ("test", "publish"):
        [checkout] = [s for s in workflow["jobs"][name]["steps"]
                      if s.get("uses", "").startswith("actions/checkout@")]
        assert checkout.get("with", {}).get("fetch-depth") == 0, name
