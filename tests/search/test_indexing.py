"""What the public index holds, and that it follows publishing, moving, deleting,
privacy and sites."""

import re

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction, Site

from home.models import HomePage
from search.indexing import index_rebuild, page_entry_data
from search.models import SearchEntry
from search.selectors import site_search


def titles(query, site_id=None, **kwargs):
    return [hit.title for hit in site_search(query=query, site_id=site_id, **kwargs).hits]


def test_publishing_adds_a_page_and_unpublishing_removes_it(publish):
    page = publish("Garden waste subscription", summary="Brown bin collections.", body="Costs 50 pounds a year.")
    assert titles("garden waste") == ["Garden waste subscription"]
    assert titles("pounds") == ["Garden waste subscription"]  # body text is searchable
    page.unpublish()
    assert titles("garden waste") == []


def test_a_search_never_returns_results_from_before_a_publish_even_if_the_cache_lost_its_version(publish):
    from django.core.cache import cache

    from search.vocabulary import VERSION_KEY, index_changed

    publish("Allotments", summary="Apply for a plot.")
    assert titles("allotment") == ["Allotments"]
    publish("Allotment waiting list", summary="How long you may wait.")
    assert sorted(titles("allotment")) == ["Allotment waiting list", "Allotments"]
    cache.delete(VERSION_KEY)  # as when a full cache evicts it
    index_changed()  # then other changes to the index, such as other pages published
    index_changed()
    assert sorted(titles("allotment")) == ["Allotment waiting list", "Allotments"]


def test_a_new_draft_does_not_change_results_until_published(publish):
    page = publish("Garden waste subscription")
    page.title = "Brown bin service"
    page.save_revision()
    assert titles("garden waste") == ["Garden waste subscription"]
    page.get_latest_revision().publish()
    assert titles("brown bin") == ["Brown bin service"]
    assert titles("garden") == []


def test_moving_a_section_updates_its_pages_section(publish):
    waste = publish("Waste")
    environment = publish("Environment")
    page = publish("Report fly-tipping", parent=waste)
    assert SearchEntry.objects.get(key=f"page:{page.pk}").section == "Waste"
    Page.objects.get(pk=page.pk).move(environment, pos="last-child")
    entry = SearchEntry.objects.get(key=f"page:{page.pk}")
    assert entry.section == "Environment"
    assert entry.url == "/environment/report-fly-tipping/"


def test_deleting_a_page_removes_it(publish):
    page = publish("Pest control")
    Page.objects.get(pk=page.pk).delete()
    assert titles("pest control") == []
    assert not SearchEntry.objects.exists()


def test_private_pages_and_their_children_never_appear(publish):
    section = publish("Staff only")
    child = publish("Staff car parking", parent=section)
    public = publish("Resident parking permits")
    assert set(titles("parking")) == {"Staff car parking", "Resident parking permits"}
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.PASSWORD, password="x")
    assert titles("parking") == ["Resident parking permits"]
    assert titles("staff") == []
    # A rebuild keeps them out too.
    index_rebuild()
    assert titles("parking") == ["Resident parking permits"]
    assert page_entry_data(child) is None and page_entry_data(public) is not None


def test_pages_of_another_site_such_as_the_intranet_never_appear_in_public_search(publish, public_site, client):
    root = Page.get_first_root_node()
    intranet_home = HomePage(title="Staff intranet", slug="another-site")
    root.add_child(instance=intranet_home)
    intranet = Site.objects.create(hostname="intranet.localhost", port=80, root_page=intranet_home)
    publish("Expenses policy", summary="Claim travel expenses.", parent=intranet_home)
    publish("Council tax", summary="Pay your council tax.")
    assert titles("expenses", site_id=public_site.get_site().pk) == []
    assert titles("expenses", site_id=intranet.pk) == ["Expenses policy"]
    response = client.get("/search/", {"q": "expenses"})
    assert "Expenses policy" not in response.content.decode()
    assert "0 results" in response.content.decode()


def test_pages_outside_any_site_are_not_indexed(public_site):
    orphan = HomePage(title="Old microsite", slug="old-microsite")
    Page.get_first_root_node().add_child(instance=orphan)
    orphan.save_revision().publish()
    assert not SearchEntry.objects.filter(title="Old microsite").exists()


@pytest.fixture
def documents(public_site, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return get_document_model()


def test_documents_are_found_by_title_and_text(documents):
    documents.objects.create(
        title="Bin collection calendar 2026", file=ContentFile(b"Collections move on bank holidays", name="bins.txt")
    )
    documents.objects.create(title="Budget summary", file=ContentFile(b"%PDF-1.4 binary", name="budget.pdf"))
    assert titles("bank holidays") == ["Bin collection calendar 2026"]
    assert titles("budget") == ["Budget summary"]
    outcome = site_search(query="calendar", site_id=None)
    assert outcome.hits[0].content_type == "Document"


def test_documents_in_private_collections_never_appear(documents):
    private = Collection.get_first_root_node().add_child(name="HR")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    documents.objects.create(title="Disciplinary procedure", collection=private, file=ContentFile(b"x", name="d.txt"))
    assert titles("disciplinary") == []
    public = Collection.get_first_root_node().add_child(name="Policies")
    documents.objects.create(title="Grievance procedure", collection=public, file=ContentFile(b"x", name="g.txt"))
    assert titles("grievance") == ["Grievance procedure"]
    CollectionViewRestriction.objects.create(collection=public, restriction_type="login")
    assert titles("grievance") == []


def test_the_rebuild_command_shows_progress_and_indexes_everything(publish, capsys):
    from django.core.management import call_command

    publish("Bulky waste collection")
    publish("Council tax")
    SearchEntry.objects.all().delete()
    call_command("rebuild_site_search")
    out = capsys.readouterr().out
    # A full bar: every candidate (the pages, site roots, the intranet's pages) was looked at.
    assert re.search(r"\[#{30}\] (\d+)/\1\n", out)
    assert "Indexed 2 pages and documents" in out
    assert titles("bulky") == ["Bulky waste collection"]


def test_content_types_come_from_the_model_and_sections_from_the_top_level_page(publish):
    section = publish("Bins and recycling")
    page = publish("Report a missed bin", parent=section)
    entry = SearchEntry.objects.get(key=f"page:{page.pk}")
    assert (entry.content_type, entry.section) == ("Information", "Bins and recycling")


def test_block_settings_such_as_heading_levels_are_not_indexed(public_site):
    from home.models import InformationPage

    page = InformationPage(
        title="Collections",
        body=[("heading", {"text": "Collection days", "level": "h2"}), ("paragraph", "<p>Bins <b>out</b> by 7am</p>")],
    )
    public_site.add_child(instance=page)
    page.save_revision().publish()
    assert SearchEntry.objects.get(key=f"page:{page.pk}").body == "Collection days Bins out by 7am"
