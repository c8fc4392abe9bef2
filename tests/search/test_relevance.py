"""Relevance: realistic resident queries, each with the page that must rank in the top
three. Runs on the database backend always and on Elasticsearch when ELASTICSEARCH_URL
is set. Prints the mean reciprocal rank (run with -s to see it)."""

import os

import pytest
from django.test import override_settings

from search.selectors import site_search
from tests.search.council_pages import RELEVANCE


def _ranks(pages):
    ranks = {}
    for query, slug in RELEVANCE:
        outcome = site_search(query=query, site_id=None, size=10)
        urls = [hit.url for hit in outcome.hits]
        target = pages[slug].url
        ranks[query] = (urls.index(target) + 1 if target in urls else None, [h.title for h in outcome.hits[:3]])
    return ranks


def _report(ranks, backend):
    mrr = sum(1 / rank for rank, _ in ranks.values() if rank) / len(ranks)
    print(f"\n{backend}: {len(ranks)} queries, mean reciprocal rank {mrr:.3f}")  # noqa: T201
    misses = {q: r for q, r in ranks.items() if not r[0] or r[0] > 3}
    for query, (rank, top) in misses.items():
        print(f"  {query!r}: rank {rank}, top three {top}")  # noqa: T201
    return mrr, misses


def test_the_set_is_big_enough():
    assert len(RELEVANCE) >= 40


def test_every_query_finds_its_page_in_the_top_three_on_the_database_backend(council_pages):
    mrr, misses = _report(_ranks(council_pages), "database")
    assert not misses
    assert mrr >= 0.8


@pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"), reason="ELASTICSEARCH_URL is not set: no live Elasticsearch"
)
def test_every_query_finds_its_page_in_the_top_three_on_elasticsearch(council_pages):
    from search.indexing import index_rebuild

    with override_settings(ELASTICSEARCH_URL=os.environ["ELASTICSEARCH_URL"], ELASTICSEARCH_INDEX="test-relevance"):
        index_rebuild()
        mrr, misses = _report(_ranks(council_pages), "elasticsearch")
    assert not misses
    assert mrr >= 0.8
