"""Relevance on the demo council: realistic resident searches, each with the demo page
that must rank in the top three. Runs on the database backend always (SQLite, or
PostgreSQL when DATABASE_URL says so) and on Elasticsearch when ELASTICSEARCH_URL is
set. Prints the mean reciprocal rank (run with -s to see it)."""

import os

import pytest
from django.test import override_settings
from wagtail.models import Page, PageViewRestriction

from search.models import SearchEntry
from search.selectors import site_search
from tests.search.relevance_set import RELEVANCE


def _ranks(site):
    ranks = {}
    for query, url in RELEVANCE:
        outcome = site_search(query=query, site_id=site.pk, size=10)
        urls = [hit.url for hit in outcome.hits]
        ranks[query] = (urls.index(url) + 1 if url in urls else None, [h.url for h in outcome.hits[:3]])
    return ranks


def _report(ranks, backend):
    mrr = sum(1 / rank for rank, _ in ranks.values() if rank) / len(ranks)
    print(f"\n{backend}: {len(ranks)} queries, mean reciprocal rank {mrr:.3f}")  # noqa: T201
    misses = {q: r for q, r in ranks.items() if not r[0] or r[0] > 3}
    for query, (rank, top) in misses.items():
        print(f"  {query!r}: rank {rank}, top three {top}")  # noqa: T201
    return mrr, misses


def test_the_set_is_big_enough_and_names_real_demo_pages(demo_council):
    assert len(RELEVANCE) >= 40
    indexed = set(SearchEntry.objects.filter(site_id=demo_council.pk).values_list("url", flat=True))
    assert {url for _, url in RELEVANCE} <= indexed


def test_every_query_finds_its_page_in_the_top_three_on_the_database_backend(demo_council):
    mrr, misses = _report(_ranks(demo_council), "database")
    assert not misses
    assert mrr >= 0.8


@pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"), reason="ELASTICSEARCH_URL is not set: no live Elasticsearch"
)
def test_every_query_finds_its_page_in_the_top_three_on_elasticsearch(demo_council):
    from search.indexing import index_rebuild

    with override_settings(ELASTICSEARCH_URL=os.environ["ELASTICSEARCH_URL"], ELASTICSEARCH_INDEX="test-relevance"):
        index_rebuild()
        mrr, misses = _report(_ranks(demo_council), "elasticsearch")
    assert not misses
    assert mrr >= 0.8


def test_no_intranet_or_private_demo_page_is_ever_found_on_the_public_site(demo_council, client):
    public_root = demo_council.root_page
    hidden = [
        page for page in Page.objects.filter(depth__gt=2).specific() if not page.path.startswith(public_root.path)
    ]
    hidden += [
        page
        for restriction in PageViewRestriction.objects.all()
        for page in Page.objects.descendant_of(restriction.page, inclusive=True)
    ]
    intranet_titles = {page.title for page in hidden if "intranet" in type(page)._meta.app_label}
    assert intranet_titles and len(hidden) > len(intranet_titles)  # the demo has both kinds
    hidden_urls = {page.url for page in hidden}
    for page in hidden:
        outcome = site_search(query=page.title, site_id=demo_council.pk, size=50)
        assert not {hit.url for hit in outcome.hits} & hidden_urls, page.title
    for page in [page for page in hidden if page.title in intranet_titles][:10]:
        html = client.get("/search/", {"q": page.title}).content.decode()
        assert f"to=page%3A{page.pk}&" not in html  # no result links to it
