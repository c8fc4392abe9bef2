"""API v2, the sitemap and the feeds show only live public pages: never drafts,
never pages restricted to a group or a password."""

import pytest
from wagtail.models import Page, PageViewRestriction

from home.models import EventIndexPage, EventPage, InformationPage

pytestmark = pytest.mark.django_db

MICROSITE = {"HTTP_HOST": "adult-learning.localhost"}


def _api_ids(client, **extra) -> set[int]:
    ids, offset = set(), 0
    while True:
        data = client.get("/api/v2/pages/", {"limit": 100, "offset": offset}, **extra).json()
        ids |= {item["id"] for item in data["items"]}
        offset += 100
        if offset >= data["meta"]["total_count"]:
            return ids


def test_api_lists_only_live_public_pages_of_the_site(client, demo_pages):
    parking = InformationPage.objects.get(slug="parking")
    parking.unpublish()
    draft = InformationPage(title="Draft winter plan", slug="draft-winter-plan", live=False)
    parking.get_parent().add_child(instance=draft)

    ids = _api_ids(client)
    assert parking.pk not in ids and draft.pk not in ids
    home = Page.objects.get(depth=2, slug="home")
    expected = set(home.get_descendants(inclusive=True).live().public().values_list("pk", flat=True))
    assert ids == expected
    assert client.get(f"/api/v2/pages/{parking.pk}/").status_code == 404


def test_restricted_pages_are_absent_from_api_sitemap_and_feeds(client, demo_pages):
    restricted = [r.page for r in PageViewRestriction.objects.select_related("page")]
    assert {r.restriction_type for r in PageViewRestriction.objects.all()} == {"groups", "password"}

    for host in ({}, MICROSITE, {"HTTP_HOST": "safeguarding.localhost"}):
        ids = _api_ids(client, **host)
        sitemap = client.get("/sitemap.xml", **host).content.decode()
        for page in restricted:
            assert page.pk not in ids
            assert f"/{page.slug}/" not in sitemap
            assert client.get(f"/api/v2/pages/{page.pk}/", **host).status_code == 404
    # The microsite's own public pages are in its sitemap.
    assert "http://adult-learning.localhost/how-to-enrol/" in client.get("/sitemap.xml", **MICROSITE).content.decode()

    # A restricted event never reaches the calendar or its feed.
    event = EventPage.objects.get(slug="repair-cafe")
    PageViewRestriction.objects.create(page=event, restriction_type="password", password="secret-word")
    assert "Repair café" not in client.get("/events/ical/").content.decode()
    assert ">Repair café</a>" not in client.get("/events/").content.decode()
    assert "Repair café" not in client.get("/").content.decode()


def test_api_serves_streamfield_bodies_as_structured_json(client, demo_pages):
    page = InformationPage.objects.get(slug="bins-and-recycling")
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert data["summary"] == page.summary
    types = [block["type"] for block in data["body"]]
    assert types[:2] == ["heading", "paragraph"]
    assert data["body"][0]["value"] == {"text": "Collection days", "level": "h2"}
    assert "review_by" in data

    events = client.get("/api/v2/pages/", {"type": "home.EventPage", "fields": "start,end,location"}).json()
    assert events["meta"]["total_count"] == EventPage.objects.live().count()
    assert {"start", "end", "location"} <= set(events["items"][0])


def test_api_allows_only_the_configured_origins(client, demo_pages, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://app.borsetshire.example"]
    allowed = client.get("/api/v2/pages/", HTTP_ORIGIN="https://app.borsetshire.example")
    assert allowed["Access-Control-Allow-Origin"] == "https://app.borsetshire.example"
    refused = client.get("/api/v2/pages/", HTTP_ORIGIN="https://evil.example")
    assert "Access-Control-Allow-Origin" not in refused


def test_microsite_has_its_own_home_page_and_name(client, demo_pages):
    html = client.get("/", **MICROSITE).content.decode()
    assert '<h1 class="govuk-heading-xl">Borsetshire Adult Learning</h1>' in html
    assert 'council-header__name">Borsetshire Adult Learning</a>' in html
    assert "Find a course" in html and "Tutors&#x27; area" not in html


def test_group_restricted_page_asks_for_sign_in_and_password_page_for_the_word(client, demo_pages):
    response = client.get("/tutors-area/", **MICROSITE)
    assert response.status_code == 302
    assert "login" in response["Location"]

    safeguarding = {"HTTP_HOST": "safeguarding.localhost"}
    html = client.get("/partner-resources/", **safeguarding).content.decode()
    assert "Procedures, case review action plans" not in html
    assert 'type="password"' in html


def test_feeds_and_calendar_never_list_unpublished_events(client, demo_pages):
    event = EventPage.objects.get(slug="code-club")
    event.unpublish()
    assert "Code club" not in client.get("/events/ical/").content.decode()
    assert EventIndexPage.objects.get().get_children().live().count() == EventPage.objects.live().count()
