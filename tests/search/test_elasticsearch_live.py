"""Against a real Elasticsearch (8.10 or later): run with ELASTICSEARCH_URL set.
Skipped, and reported as skipped, otherwise."""

import os
import uuid

import pytest
from django.test import override_settings

from search.indexing import index_rebuild
from search.models import SynonymGroup
from search.selectors import site_search

URL = os.environ.get("ELASTICSEARCH_URL")
pytestmark = pytest.mark.skipif(not URL, reason="ELASTICSEARCH_URL is not set: no live Elasticsearch to test against")


@pytest.fixture
def live_es():
    name = f"test-{uuid.uuid4().hex[:8]}"
    with override_settings(ELASTICSEARCH_URL=URL, ELASTICSEARCH_INDEX=name):
        yield name
        from search import elastic

        es = elastic.client()
        es.indices.delete(index=f"{name}-*", ignore_unavailable=True)
        es.synonyms.delete_synonym(id=elastic.synonym_set_name(), ignore_status=(400, 404))


def test_synonyms_typos_highlights_and_the_alias_switch_on_a_real_cluster(live_es, publish):
    SynonymGroup.objects.create(terms="tip, recycling centre")
    publish("Household waste recycling centres", summary="Opening times and what you can take.")
    publish("Council tax", summary="Pay your bill.")
    index_rebuild()
    assert site_search(query="tip", site_id=None).hits[0].title == "Household waste recycling centres"
    typo = site_search(query="recyling centres", site_id=None)
    assert typo.hits[0].title == "Household waste recycling centres"
    assert "<mark>" in typo.hits[0].snippet_html or typo.hits[0].summary
    index_rebuild()
    assert site_search(query="council tax", site_id=None).hits[0].title == "Council tax"
