"""Intranet pages, documents and images never reach the public: not through public
search, the API, the sitemap, feeds or any other public route."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from intranet.models import IntranetHomePage, PolicyPage, StaffEventPage, StaffNewsPage
from tests.intranet.conftest import INTRANET_HOST


def _needles() -> list[str]:
    """Text that only the intranet holds."""
    titles = [
        *StaffNewsPage.objects.values_list("title", flat=True),
        *PolicyPage.objects.values_list("title", flat=True),
        *StaffEventPage.objects.values_list("title", flat=True),
        *get_document_model().objects.filter(collection__name="Intranet").values_list("title", flat=True),
    ]
    assert len(titles) >= 8
    return [*titles, INTRANET_HOST, "/_intranet/", "Staff intranet", "01632 960 101"]


def _leaks(text: str) -> list[str]:
    return [needle for needle in _needles() if needle.lower() in text.lower()]


def _public_site() -> Site:
    return Site.objects.get(is_default_site=True)


def test_public_search_over_the_public_site_finds_no_intranet_page(intranet):
    public_root = _public_site().root_page
    for query in ("policy", "staff", "contact centre", "hybrid working", "briefing"):
        results = Page.objects.live().public().descendant_of(public_root, inclusive=True).search(query)
        assert not [page for page in results if page.get_parent() and page.path.startswith(intranet.path)]
    # Even a search across every public page, whatever the tree, leaves the intranet out.
    everything = list(Page.objects.live().public().search("hybrid working policy"))
    assert not [page for page in everything if page.path.startswith(intranet.path)]
    assert Page.objects.live().public().descendant_of(intranet, inclusive=True).count() == 0


def test_the_public_sitemap_lists_public_pages_only(client, intranet):
    response = client.get("/sitemap.xml")
    xml = response.content.decode()
    assert response.status_code == 200
    assert "/council-tax/" in xml
    assert _leaks(xml) == []
    intranet_urls = [page.full_url for page in intranet.get_descendants(inclusive=True).specific()]
    assert intranet_urls and not [url for url in intranet_urls if url in xml]


def test_intranet_pages_offer_no_sitemap_entries(intranet):
    for page in intranet.get_descendants(inclusive=True).specific():
        assert page.get_sitemap_urls() == []


@pytest.mark.urls("tests.intranet.api_urls")
@pytest.mark.parametrize("who", ["anonymous", "resident"])
def test_the_public_api_never_returns_intranet_pages_documents_or_images(who, client, intranet, resident):
    if who == "resident":
        client.force_login(resident)
    policy = PolicyPage.objects.first()
    document = get_document_model().objects.get(title=policy.title)
    base = "/leak-test-api/v2"
    for url in (
        f"{base}/pages/",
        f"{base}/pages/?site={INTRANET_HOST}",
        f"{base}/pages/?site={INTRANET_HOST}:80",
        f"{base}/pages/?search=policy",
        f"{base}/pages/?search=policy&site={INTRANET_HOST}",
        f"{base}/pages/?type=intranet.PolicyPage",
        f"{base}/pages/?descendant_of={intranet.pk}",
        f"{base}/documents/",
        f"{base}/documents/?search=policy",
        f"{base}/images/",
    ):
        response = client.get(url)
        assert response.status_code in {200, 400, 404}, url
        assert _leaks(response.content.decode()) == [], url
    assert client.get(f"{base}/pages/{policy.pk}/").status_code == 404
    assert client.get(f"{base}/documents/{document.pk}/").status_code == 404
    assert client.get(f"{base}/pages/find/?html_path=/policies/hybrid-working-policy/").status_code == 404


def _sample(pattern_text: str) -> str | None:
    """A concrete address for a route without parameters (feeds, sitemaps, search,
    API listings); None for routes that need parameters."""
    if re.search(r"<|\(\?P<", pattern_text):
        return None
    return pattern_text.replace("^", "").replace("$", "").replace("\\", "")


def _public_routes(patterns=None, prefix=""):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        text = _sample(str(entry.pattern))
        if text is None:
            continue
        if isinstance(entry, URLResolver):
            yield from _public_routes(entry.url_patterns, prefix + text)
        elif isinstance(entry, URLPattern):
            yield "/" + prefix + text


@pytest.mark.parametrize("who", ["anonymous", "resident"])
def test_no_public_route_mentions_the_intranet(who, client, intranet, resident):
    """Every route without parameters on the public host (feeds, sitemaps, search,
    API listings, whatever other apps add later), with and without a search query."""
    if who == "resident":
        client.force_login(resident)
    routes = sorted(
        route
        for route in set(_public_routes())
        if not route.startswith(("/admin/", "/django-admin/", "/_intranet/", "/documents/"))
    )
    assert "/sitemap.xml" in routes
    checked = []
    for route in routes:
        for query in ("", "?q=policy", "?query=hybrid+working"):
            response = client.get(route + query)
            if response.streaming:
                continue
            assert _leaks(response.content.decode(errors="replace")) == [], route + query
            checked.append(route)
    assert checked


def test_the_intranet_home_is_private_to_intranet_readers_for_wagtail_too(intranet):
    """Wagtail's own privacy (used by .public(), the API and the admin) marks the
    whole intranet tree private, and its documents' collection too."""
    restrictions = intranet.get_view_restrictions()
    assert [r.restriction_type for r in restrictions] == ["groups"]
    assert list(restrictions[0].groups.values_list("name", flat=True)) == ["Intranet readers"]
    document = get_document_model().objects.get(title="Hybrid working policy")
    assert [r.restriction_type for r in document.collection.get_view_restrictions()] == ["groups"]
    assert IntranetHomePage.objects.count() == 1
