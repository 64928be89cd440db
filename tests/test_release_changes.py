"""A reporter sees what each release changed: the dataset page's "Changes" section and the
Atom feeds (read with a feed parser) list every release with its change note and what it
changed against the one before, from known pairs of releases. A suppressed cell whose
hidden value changes is reported as changed, never with its value."""

import feedparser
import pytest
from django.core.files.base import ContentFile

from publicdata.models import FieldSpec, Release
from publicdata.publishing import create_draft, publish
from tests.publicdata_helpers import REFERRALS_V1, REFERRALS_V2, make_dataset, publish_csv

pytestmark = pytest.mark.django_db

# January's social contacts were 3 (suppressed) and become 5 (still suppressed); the total
# moves with them. The hidden 3 and 5, and the rate 0.4 built on the 5, must never show.
REFERRALS_V3 = REFERRALS_V2.replace(
    "2017-01,Social contact,3,2,0.667", "2017-01,Social contact,5,2,0.4"
).replace("2017-01,Total,27,20,0.741", "2017-01,Total,29,20,0.69")
HIDDEN_ROW = [["month", "2017-01"], ["referral_type", "Social contact"]]


def changes_section(client, slug="referrals"):
    html = client.get(f"/data/{slug}/").content.decode()
    start = html.index('<section id="changes"')
    return html[start : html.index("</section>", start)]


def entry_for(feed, version):
    return next(entry for entry in feed.entries if entry.link.endswith(f"#version-{version}"))


def test_each_release_lists_the_cells_it_changed(client, referrals):
    section = changes_section(client)
    assert "Version 2," in section and "Version 1," in section
    assert "Corrected February&#x27;s social contacts." in section
    assert "Against version 1:" in section and "2 cells changed" in section
    assert "0 rows added" in section and "0 rows removed" in section
    assert "month = 2017-02, referral_type = Social contact" in section
    assert "<td>14</td>" in section and "<td>15</td>" in section
    assert "The first release." in section


def test_rows_added_and_removed_and_fields_added_are_listed(client, db):
    dataset = make_dataset()
    publish_csv(dataset, REFERRALS_V1)
    FieldSpec.objects.create(
        dataset=dataset, sort_order=10, name="note", title="Note", type="string",
        role="measure", required=False,
    )  # fmt: skip
    lines = REFERRALS_V1.splitlines()
    header = lines[0] + ",note"
    kept = [line + ",checked" for line in lines[1:4]]  # January only
    march = "2017-03,Total,50,40,0.8,2017-03-01,true,new month"
    release = publish_csv(dataset, "\n".join([header, *kept, march]) + "\n", note="March")
    record = release.changes
    assert record["fields_added"] == ["note"]
    assert record["rows_added"] == 1 and record["rows_removed"] == 3
    # A new column is a field added, not a change in every row.
    assert record["cells_changed"] == 0
    section = changes_section(client)
    assert "1 row added" in section and "3 rows removed" in section
    assert "Fields added: <code>note</code>" in section
    assert "<caption>Rows added</caption>" in section and "new month" in section


def test_a_suppressed_cell_that_changes_is_reported_changed_without_its_value(client, referrals):
    release = publish_csv(referrals, REFERRALS_V3, note="Late January referrals")
    record = release.changes
    hidden = next(change for change in record["changed"] if change["key"] == HIDDEN_ROW)
    suppressed = {"suppressed": True}
    assert hidden["cells"] == [
        {"column": "referrals", "before": suppressed, "after": suppressed},
        {"column": "enrolment_rate", "before": suppressed, "after": suppressed},
    ]
    assert record["hidden_cells_changed"] == 2 and record["cells_changed"] == 4
    section = changes_section(client)
    version_3 = section[section.index('id="version-3"') : section.index('id="version-2"')]
    assert version_3.count("suppressed before and after; the hidden value changed") == 2
    assert "2 of them suppressed: they changed, their values stay hidden" in version_3
    for hidden_value in ("<td>5</td>", "<td>3</td>", "40.0%", "66.7%"):
        assert hidden_value not in version_3
    # The public total moved as it says.
    assert "<td>27</td>" in version_3 and "<td>29</td>" in version_3


def test_a_suppressed_cell_hiding_the_same_value_is_not_a_change(client, referrals):
    release = publish_csv(referrals, REFERRALS_V2, note="Republished, nothing new")
    assert release.changes["cells_changed"] == 0
    assert "No rows or values changed against version 2." in changes_section(client)


def test_the_admin_review_of_a_draft_shows_the_same_changes(client, admin_user, referrals):
    draft = create_draft(referrals, ContentFile(REFERRALS_V3.encode()), "Late January")
    client.force_login(admin_user)
    html = client.get(f"/admin/open-data/releases/edit/{draft.pk}/").content.decode()
    assert "Changes since version 2" in html and "4 cells changed" in html
    assert "2 suppressed cells hide different values than before" in html
    published = publish(draft)
    assert published.changes["cells_changed"] == 4


def test_a_release_published_before_the_record_is_worked_out_when_first_shown(client, referrals):
    Release.objects.update(changes={})
    assert "2 cells changed" in changes_section(client)
    assert Release.objects.get(dataset=referrals, version=2).changes["cells_changed"] == 2


def test_the_dataset_feed_lists_every_release_newest_first(client, referrals):
    publish_csv(referrals, REFERRALS_V3, note="Late January referrals")
    response = client.get("/data/referrals/releases.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "Referrals and enrolments by month: new releases"
    assert [entry.title for entry in feed.entries] == [
        "Referrals and enrolments by month, version 3",
        "Referrals and enrolments by month, version 2",
        "Referrals and enrolments by month, version 1",
    ]
    newest = entry_for(feed, 3)
    assert newest.link == "http://testserver/data/referrals/#version-3"
    assert newest.id == newest.link
    content = newest.content[0].value
    assert "Late January referrals" in content
    assert content.count("suppressed before and after; the hidden value changed") == 2
    assert "<td>5</td>" not in content and "<td>3</td>" not in content
    assert "2 cells changed" in entry_for(feed, 2).content[0].value
    assert {tag.term for tag in newest.tags} == {"referrals", "enrolment"}


def test_the_site_feed_lists_every_datasets_releases_with_the_same_ids(client, referrals):
    other = make_dataset(slug="other", title="Another dataset")
    publish_csv(other, REFERRALS_V1)
    site = feedparser.parse(client.get("/data/releases.atom").content)
    assert not site.bozo, site.bozo_exception
    titles = [entry.title for entry in site.entries]
    assert titles[0] == "Another dataset, version 1"
    assert "Referrals and enrolments by month, version 2" in titles
    one = feedparser.parse(client.get("/data/referrals/releases.atom").content)
    assert {entry.id for entry in one.entries} <= {entry.id for entry in site.entries}
    # In Spanish, the same entries keep their ids.
    spanish = feedparser.parse(client.get("/es/data/releases.atom").content)
    assert {entry.id for entry in spanish.entries} == {entry.id for entry in site.entries}


def test_the_catalogue_and_the_dataset_page_link_to_their_feeds(client, referrals):
    catalogue = client.get("/data/").content.decode()
    assert 'type="application/atom+xml" href="/data/releases.atom"' in catalogue
    assert '<a href="/data/releases.atom">' in catalogue
    page = client.get("/data/referrals/").content.decode()
    assert 'type="application/atom+xml" href="/data/referrals/releases.atom"' in page


def test_a_feed_of_an_unknown_or_unpublished_dataset_is_not_found(client, db):
    make_dataset(slug="draft-only")
    assert client.get("/data/draft-only/releases.atom").status_code == 404
    assert client.get("/data/nothing-here/releases.atom").status_code == 404
