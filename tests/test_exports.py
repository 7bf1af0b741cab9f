"""Open-data exports: each download, loaded as a reader would, against its schema."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest

from kb.dates.date import parse
from kb.model import Source
from kb.pipeline.link import link, statements
from kb.pipeline.load import load
from kb.pipeline.render.entity import _schema_org_dates
from kb.pipeline.render.export_model import DateValue, json_schema
from kb.pipeline.render.exports import (
    CSV_COLUMNS,
    CSV_PATH,
    JSON_PATH,
    _row,
    date_value,
    exports,
    knowledge_base,
)
from kb.pipeline.validate import validate
from tests.conftest import MINI, ROOT, linked_tree
from tests.site import mkdocs_build, parse_page


@pytest.fixture(scope="module")
def linked():
    return linked_tree(ROOT)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    site_dir = tmp_path_factory.mktemp("exports-site")
    result = mkdocs_build(ROOT, site_dir)
    assert result.returncode == 0, result.stderr
    return site_dir


def test_the_json_export_matches_its_schema_and_the_data(site, linked):
    data = json.loads((site / "downloads" / "knowledge-base.json").read_text("utf-8"))
    schema = json.loads((site / "downloads" / "knowledge-base.schema.json").read_text("utf-8"))
    jsonschema.validate(data, schema, format_checker=jsonschema.FormatChecker())
    kinds = linked.kb.kinds
    assert len(data["entities"]) == sum(k in ("person", "group", "place", "event")
                                        for k in kinds.values())
    assert len(data["sources"]) == sum(k == "source" for k in kinds.values())
    strike = next(e for e in data["entities"] if e["id"] == "us-strike-kills-abu-taqwa")
    assert strike["date"]["earliest"] == "2024-01-04" and strike["date"]["precision"] == "day"
    assert {"about": "How many were killed"}.items() <= strike["disagreements"][0].items()
    remarks = next(s for s in data["sources"] if s["id"] == "kavanagh-remarks-to-vox")
    assert (remarks["speaker"], remarks["outlet"]) == ("jennifer-kavanagh", "vox")
    talaat = next(s for s in data["sources"] if s["id"].startswith("kurdistan24-"))
    assert talaat["title"].startswith("“Iraq and entire")  # the raw title, as printed
    kerman = next(e for e in data["entities"] if e["id"] == "kerman-bombings")
    assert kerman["date"] == {
        "edtf": "[2024-01-01..2024-01-04]", "qualifier": None, "earliest": "2024-01-01",
        "latest": "2024-01-04", "precision": "one of a range",
        "text": "between 1 and 4 January 2024"}


def test_the_csv_has_one_valid_row_per_statement_and_citation(site, linked):
    text = (site / "downloads" / "statements.csv").read_text("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    schema = json.loads((site / "downloads" / "statement.schema.json").read_text("utf-8"))
    for row in rows:
        jsonschema.validate(row, schema)
    expected = sum(len(list(statements(linked.entry(i)))) for i, k in linked.kb.kinds.items()
                   if k != "source")
    assert len(rows) == expected and tuple(rows[0]) == CSV_COLUMNS
    quoted = [r for r in rows if r["speaker"] == "pat-ryder"]
    assert quoted and all(r["quote"] for r in quoted)
    assert not [r for r in rows if "[[" in r["value"]]  # link markup is data, not text
    kerman = {r["statement_date"] for r in rows
              if r["entity"] == "kerman-bombings" and r["property"] == "summary"}
    assert kerman == {"[2024-01-01..2024-01-04]"}


@pytest.mark.parametrize(("text", "earliest", "latest", "precision"), [
    ("[..2024-01-04]", None, "2024-01-04", "one of a range"),
    ("[2024-01-01..]", "2024-01-01", None, "one of a range"),
    ("2024-01-01/..", "2024-01-01", None, "interval"),
    ("2024-01-04/2024-01-07", "2024-01-04", "2024-01-07", "interval"),
    # Every form the date reader accepts exports with a precision its schema allows.
    ("199X", "1990-01-01", "1999-12-31", "decade"),
    ("19XX", "1900-01-01", "1999-12-31", "century"),
    ("2024-01-XX", "2024-01-01", "2024-01-31", "month"),
    ("2001-21", "2001-03-01", "2001-05-31", "part of year"),
    ("2004?-06-11", "2004-06-11", "2004-06-11", "day"),
    ("[2024-01-04, 2024-01-06]", "2024-01-04", "2024-01-06", "one of a range"),
    ("{2024-01-02, 2024-01-04}", "2024-01-02", "2024-01-04", "several dates"),
])
def test_exported_dates_say_an_unknown_side_is_unknown(text, earliest, latest, precision):
    value = date_value(parse(text))
    assert (value["earliest"], value["latest"], value["precision"]) == (earliest, latest,
                                                                        precision)
    schema = json_schema(DateValue, "A date")
    jsonschema.validate(value, schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize(("text", "qualifier", "expected"), [
    ("2024-01-04", None, {"startDate": "2024-01-04"}),
    ("2023-10", None, {"startDate": "2023-10"}),
    ("2024-01-04/2024-01-07", None, {"startDate": "2024-01-04", "endDate": "2024-01-07"}),
    ("2024-01-04/..", None, {"startDate": "2024-01-04"}),
    ("../2024-01-07", None, {"endDate": "2024-01-07"}),
    # One unknown day is not a span: the month or year that holds it, and no end.
    ("[2024-01-01..2024-01-04]", None, {"startDate": "2024-01"}),
    ("[2024-01-30..2024-02-02]", None, {"startDate": "2024"}),
    ("[2023-12-30..2024-01-04]", None, {}),
    ("[..2024-01-04]", None, {}),
    ("2023-10", "late", {"startDate": "2023-10"}),
    ("2019", "as-early-as", {"startDate": "2019"}),
    ("2020~", None, {}),
    # EDTF forms that look like ISO 8601 but are not: a season is no month 21.
    ("2001-21", None, {}),
    ("2001-21/2001-23", None, {"startDate": "2001"}),
    ("199X", None, {}),
    ("2024-01-XX", None, {}),
    ("2004?-06-11", None, {}),
    ("[2024-01-04, 2024-01-06]", None, {"startDate": "2024-01"}),
    ("{2024-01-02, 2024-01-04}", None, {"startDate": "2024-01"}),
])
def test_schema_org_dates_claim_no_more_than_is_known(text, qualifier, expected):
    assert _schema_org_dates(parse(text, qualifier)) == expected


def test_a_bad_row_fails_the_row_schema():
    schema = json.loads(exports(linked_tree(MINI))["downloads/statement.schema.json"])
    row = dict.fromkeys(CSV_COLUMNS, "")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(row, schema)  # no entity, value or source


def test_every_page_footer_links_the_downloads(site):
    for page in (site / "index.html", site / "people" / "abu-taqwa" / "index.html"):
        links = {(page.parent / link).resolve() for link in parse_page(page).links
                 if "downloads/" in link}
        assert links == {(site / "downloads" / name).resolve() for name in (
            "statements.csv", "knowledge-base.json", "statement.schema.json",
            "knowledge-base.schema.json")}, page
        assert all(link.is_file() for link in links)


def test_entity_pages_carry_schema_org_json_ld_in_the_head(site):
    html = (site / "people" / "abu-taqwa" / "index.html").read_text("utf-8")
    head = html.split("</head>", 1)[0]
    block = head.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    data = json.loads(block)
    assert data["@type"] == "Person" and data["name"] == "Abu Taqwa"
    assert "Mushtaq Jawad Kazim al-Jawari" in data["alternateName"]
    event = (site / "events" / "tower-22-attack" / "index.html").read_text("utf-8")
    event_data = json.loads(event.split('application/ld+json">', 1)[1].split("</script>")[0])
    assert event_data["@type"] == "Event" and event_data["startDate"] == "2024-01-28"
    assert {"@type": "Place", "name": "Tower 22"} in event_data["location"]


@pytest.mark.browser
def test_a_reader_downloads_the_exports_from_the_footer(page, base_url):
    page.goto(base_url + "/events/us-strike-kills-abu-taqwa/")
    json_link = page.locator("footer a", has_text="whole knowledge base (JSON)")
    data = page.request.get(json_link.evaluate("a => a.href")).json()
    assert any(e["id"] == "us-strike-kills-abu-taqwa" for e in data["entities"])
    csv_link = page.locator("footer a", has_text="every statement with its source (CSV)")
    text = page.request.get(csv_link.evaluate("a => a.href")).text()
    assert text.startswith(",".join(CSV_COLUMNS))
    ld = page.locator('script[type="application/ld+json"]').first.text_content()
    assert json.loads(ld)["@type"] == "Event"


def test_the_csv_says_when_each_quote_was_said(site):
    rows = list(csv.DictReader(io.StringIO(
        (site / "downloads" / "statements.csv").read_text("utf-8"))))
    said = {(r["quote"].split()[1], r["quote_said"]) for r in rows
            if r["speaker"] == "basim-alawadi"}
    assert said == {("American", "2024-02-03"), ("aggressive", "2024-02-03")}
    # Ryder relaying Austin: the transcript gives no day, and none is made up.
    austin = [r for r in rows if r["quote"] == "this is the start of our response"]
    assert austin and {r["quote_said"] for r in austin} == {""}
    assert {r["quote_said"] for r in rows if not r["quote"]} == {""}


QUALIFIED = """\
name: Ada
summary:
  text: A spokeswoman.
  cite:
    - source: report
      quote: {text: "We will stay.", speaker: ada, said: {edtf: 2023-10, qualifier: late}}
facts:
  - text: She spoke again.
    date: {edtf: 2019, qualifier: as-early-as}
    cite:
      - source: report
        quote: {text: "Again.", speaker: ada, said: "[2024-01-01..2024-01-04]"}
"""


def test_a_quote_said_and_a_fact_dated_in_part_of_a_month_keep_the_part(data_tree):
    root = data_tree({"people/ada.yaml": QUALIFIED})
    linked = link(validate(load(root / "data", root=root))[0])
    text = exports(linked)["downloads/statements.csv"]
    rows = {r["value"]: r for r in csv.DictReader(io.StringIO(text)) if r["entity"] == "ada"}
    summary, fact = rows["A spokeswoman."], rows["She spoke again."]
    assert (summary["quote_said"], summary["quote_said_qualifier"]) == ("2023-10", "late")
    assert (fact["quote_said"], fact["quote_said_qualifier"]) == ("[2024-01-01..2024-01-04]", "")
    assert (fact["statement_date"], fact["statement_date_qualifier"]) == ("2019",
                                                                          "as-early-as")
    schema = json.loads(exports(linked)["downloads/statement.schema.json"])
    for row in rows.values():
        jsonschema.validate(row, schema)


# ---------------------------------------------------------------------------- schemas


def test_the_published_schemas_are_generated_from_the_export_model():
    """Not written by hand (issue 16, item 4): the typed dicts the exporter is built to
    are what the schemas say, key for key."""
    from kb.pipeline.render.export_model import (
        EntityValue,
        KnowledgeBaseExport,
        SourceValue,
        StatementRow,
    )

    published = exports(linked_tree(MINI))
    kb_schema = json.loads(published["downloads/knowledge-base.schema.json"])
    row_schema = json.loads(published["downloads/statement.schema.json"])
    assert kb_schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(kb_schema["properties"]) == set(KnowledgeBaseExport.__annotations__)
    defs = kb_schema["$defs"]
    assert set(defs["EntityValue"]["properties"]) == set(EntityValue.__annotations__)
    assert set(defs["SourceValue"]["properties"]) == set(SourceValue.__annotations__)
    assert tuple(StatementRow.__annotations__) == CSV_COLUMNS
    assert list(row_schema["properties"]) == list(CSV_COLUMNS)
    assert row_schema["required"] == list(CSV_COLUMNS)


def _one_of_each(linked) -> dict:
    data = json.loads(exports(linked)["downloads/knowledge-base.json"])
    return {"entities": data["entities"][:1], "relations": data["relations"][:1],
            "sources": data["sources"][:1]}


@pytest.mark.parametrize(("part", "change"), [
    ("entities", {"kind": "source"}),
    ("entities", {"name": ""}),
    ("entities", {"id": "Not An Id"}),
    ("entities", {"wikidata": "42"}),
    ("entities", {"colour": "red"}),  # no key the model does not declare
    ("relations", {"type": "friends_with"}),
    ("relations", {"citations": []}),
    ("sources", {"date_basis": "guessed"}),
    ("sources", {"url": "javascript:alert(1)"}),
    ("sources", {"title_kind": "slogan"}),
])
def test_a_bad_export_fails_the_generated_schema(part, change):
    linked = linked_tree(MINI)
    schema = json.loads(exports(linked)["downloads/knowledge-base.schema.json"])
    document = _one_of_each(linked)
    jsonschema.validate(document, schema, format_checker=jsonschema.FormatChecker())
    document[part][0] = {**document[part][0], **change}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize(("column", "value"), [
    ("property", "rumour"), ("kind", "source"), ("date_qualifier", "soon"),
    ("precision", "week"), ("speaker", "Pat Ryder"), ("citing", "Not An Id"),
])
def test_a_bad_row_value_fails_the_generated_row_schema(column, value):
    linked = linked_tree(MINI)
    schema = json.loads(exports(linked)["downloads/statement.schema.json"])
    row = next(csv.DictReader(io.StringIO(exports(linked)["downloads/statements.csv"])))
    jsonschema.validate(row, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**row, column: value}, schema)


def test_the_downloads_joined_entry_by_entry_are_the_whole_written_at_once(linked):
    """Each entry's part of the downloads is made apart (so that the live preview can
    reuse it); joined, the parts are byte for byte the whole export written in one go."""
    made = exports(linked)
    whole = json.dumps(knowledge_base(linked), ensure_ascii=False, separators=(",", ":"))
    assert made[JSON_PATH] == whole + "\n"
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(_row(linked, linked.kind(entry.id), cited)
                     for entry in linked.kb.entries.values() if not isinstance(entry, Source)
                     for cited in statements(entry))
    assert made[CSV_PATH] == out.getvalue()
    assert made[CSV_PATH].count("\n") > 1000 and '"relations":[{' in made[JSON_PATH]
