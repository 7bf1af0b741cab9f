"""What can be read of a refused file (kb.checks.partial), through its typed accessor,
and the disagreements a file records (kb.checks.cross_file.recorded_in) read with it."""

from __future__ import annotations

from kb.addresses import EntryId
from kb.checks.cross_file import recorded_in
from kb.checks.partial import partial, read_field
from kb.model import Dispute, Person
from kb.pipeline.load import RawRecord

VERSIONS = [{"value": "one", "cite": ["s"]}, {"value": "two", "cite": ["t"]}]


def _person(**fields: object) -> dict[str, object]:
    return {"name": "Abu Taqwa", "summary": {"text": "A commander.", "cite": ["s"]},
            "stray": 1, **fields}  # the stray field: the model refuses the file


def _record(data: dict[str, object]) -> RawRecord:
    return RawRecord("data/people/p.yaml", "person", EntryId("p"), data)


def test_read_field_gives_a_field_read_as_its_kind_or_none():
    data = _person(disputes=[{"about": "Full name", "versions": VERSIONS},
                             {"about": "Age", "versions": "none"}])
    part = partial(Person, data)
    disputes = read_field(part, "disputes", list)
    assert disputes is not None and len(disputes) == 2
    assert isinstance(disputes[0], Dispute)
    assert read_field(disputes[0], "about", str) == "Full name"
    # The second disagreement's versions are refused; its `about` is still read.
    assert read_field(disputes[1], "about", str) == "Age"
    assert read_field(disputes[1], "versions", list) is None
    assert read_field(part, "name", str) == "Abu Taqwa"
    assert read_field(part, "name", list) is None  # another kind
    assert read_field(part, "nickname", str) is None  # no such field of the model
    assert read_field(None, "disputes", list) is None  # nothing could be read
    assert read_field({"disputes": []}, "disputes", list) is None  # no model instance


def test_a_required_field_the_model_refused_reads_as_none():
    part = partial(Person, _person(name=["not", "a", "name"]))
    assert part is not None
    assert read_field(part, "name", str) is None
    assert read_field(part, "summary", object) is not None


def test_recorded_in_reads_a_refused_files_disagreements():
    data = _person(disputes=[{"about": "Full name", "versions": VERSIONS},
                             {"about": "Age", "versions": VERSIONS}])
    assert recorded_in(_record(data), partial(Person, data)) == ["Full name", "Age"]
    valid = {k: v for k, v in data.items() if k != "stray"}
    assert recorded_in(_record(valid), partial(Person, valid)) == ["Full name", "Age"]
    none = _person()
    assert recorded_in(_record(none), partial(Person, none)) == []


def test_recorded_in_is_none_unless_every_disagreement_is_read_with_its_about():
    # An `about` the model refuses (a list): that disagreement is not missing.
    data = _person(disputes=[{"about": "Full name", "versions": VERSIONS},
                             {"about": ["Age"], "versions": VERSIONS}])
    assert recorded_in(_record(data), partial(Person, data)) is None
    # A disagreement that is no mapping at all: read as None in its place.
    data = _person(disputes=[{"about": "Full name", "versions": VERSIONS}, "Age"])
    assert recorded_in(_record(data), partial(Person, data)) is None
    # The field itself refused (not a list).
    data = _person(disputes="Full name")
    assert recorded_in(_record(data), partial(Person, data)) is None
    assert recorded_in(_record(_person()), None) is None
