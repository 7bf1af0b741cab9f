from tests.conftest import MINI, linked_tree


def linked():
    return linked_tree(MINI)


def test_relations_are_seen_from_both_ends():
    result = linked()
    members = {(i.subject, i.relation.type) for i in result.incoming["river-party"]}
    assert members == {("ada-example", "leader_of"), ("bo-sample", "member_of")}


def test_events_are_listed_for_participants_and_places():
    result = linked()
    assert {(i.event, i.role) for i in result.events_of["ada-example"]} == {
        ("vote", "lost the vote"), ("resignation", "resigned")}
    assert {i.event for i in result.events_of["riverton"]} == {"vote", "resignation"}


def test_quotes_are_indexed_by_speaker():
    result = linked()
    [use] = result.quotes_by["ada-example"]
    assert use.quote.text == "I had no choice" and use.entry == "ada-example"
    assert result.quotes == [use]


def test_sources_know_what_they_back_directly_and_through_others():
    result = linked()
    direct = {(c.entry, c.section) for c in result.backing["daily-2024-01-07"]}
    assert ("ada-example", "disagreement") in direct and ("vote", "summary") in direct
    relayed = {(c.entry, c.section) for c in result.relayed["wire-2024-01-05"]}
    assert relayed == {("ada-example", "name"), ("ada-example", "disagreement"),
                       ("resignation", "summary"), ("01-the-vote", "story")}
    assert result.published["the-daily"] == ["daily-2024-01-07", "wire-2024-01-05"]


def test_timeline_orders_by_date_bounds():
    # 'early January 2024', its day not known, is listed at the last day it can be,
    # 10 January: after 5 January, which it may have followed (issue 18's trial).
    assert linked().timeline == ["resignation", "vote"]


def test_story_chapters_are_in_file_name_order_and_back_their_sources():
    result = linked()
    assert result.chapters == ["01-the-vote"]
    story = [c.text for c in result.backing["daily-2024-01-07"] if c.section == "story"]
    assert story[0].startswith("In early January 2024 the [[riverton]] council")


def test_mentions_record_every_other_page_naming_an_entry_and_where():
    result = linked()
    mentions = {m.entry: m.sections for m in result.mentions["ada-example"]}
    assert mentions["vote"] == ("who was involved",)
    assert mentions["01-the-vote"] == ("story",)
    assert "ada-example" not in mentions  # its own page does not link to itself
    assert "daily-2024-01-07" not in {m.entry for m in result.mentions["the-daily"]}
