"""Elasticsearch: the index definition and queries (through elasticsearch-dsl's
``to_dict()``), and the real client over real HTTP against a local server speaking
the Elasticsearch REST contract. Tests against a live cluster are in
``test_elasticsearch_live.py``."""

import pytest
from django.test import override_settings

from search import elastic
from search.indexing import index_rebuild
from search.models import SearchEntry, SynonymGroup
from search.selectors import site_search
from tests.search.fake_elasticsearch import FakeElasticsearch


def test_the_index_analyses_english_and_applies_the_editors_synonyms_at_search_time():
    definition = elastic.index_definition("council-site-search-1").to_dict()
    analysis = definition["settings"]["analysis"]
    assert analysis["filter"]["english_stemmer"] == {"type": "stemmer", "language": "english"}
    assert analysis["filter"]["council_synonyms"] == {
        "type": "synonym_graph",
        "synonyms_set": "council-site-search-synonyms",
        "updateable": True,
    }
    assert "council_synonyms" not in analysis["analyzer"]["council_english"]["filter"]
    assert "council_synonyms" in analysis["analyzer"]["council_english_search"]["filter"]
    properties = definition["mappings"]["properties"]
    for field in ("title", "summary", "body"):
        assert properties[field]["analyzer"] == "council_english"
        assert properties[field]["search_analyzer"] == "council_english_search"
    assert properties["content_type"]["type"] == properties["section"]["type"] == "keyword"
    assert properties["url"] == {"type": "keyword", "index": False}


def test_the_query_boosts_title_over_summary_over_body_and_tolerates_typos():
    body = elastic.build_search(query="recyling centre", site_id=3).to_dict()
    should = body["query"]["bool"]["should"]
    fields = should[0]["multi_match"]["fields"]
    assert fields == ["title^5", "summary^2", "body"]
    fuzzy = [clause["multi_match"] for clause in should if "fuzziness" in clause.get("multi_match", {})]
    assert fuzzy and fuzzy[0]["fuzziness"] == "AUTO" and fuzzy[0]["analyzer"] == "council_english"
    assert body["query"]["bool"]["filter"] == [{"term": {"site_id": 3}}]
    assert body["highlight"]["encoder"] == "html"
    assert body["suggest"]["did_you_mean"]["term"]["field"] == "spelling"
    assert set(body["aggs"]) == {"content_type", "section"}


def test_filters_narrow_the_hits_but_not_the_filter_counts():
    body = elastic.build_search(query="bins", site_id=None, content_types=["News"], sections=["Waste"]).to_dict()
    assert "filter" not in body["query"]["bool"]
    assert body["post_filter"] == {
        "bool": {"filter": [{"terms": {"content_type": ["News"]}}, {"terms": {"section": ["Waste"]}}]}
    }


def test_pagination_is_from_and_size():
    body = elastic.build_search(query="bins", site_id=None, offset=20, size=10).to_dict()
    assert (body["from"], body["size"]) == (20, 10)


@pytest.fixture
def fake_es(httpserver):
    fake = FakeElasticsearch(httpserver)
    with override_settings(ELASTICSEARCH_URL=fake.url, ELASTICSEARCH_INDEX="council-test"):
        yield fake


def test_a_rebuild_fills_a_new_index_then_switches_the_alias_and_drops_the_old_one(fake_es, publish):
    SynonymGroup.objects.create(terms="bin, refuse, rubbish")
    publish("Report a missed bin", summary="Tell us if we missed your bin.")
    index_rebuild()
    first = fake_es.aliases["council-test"]
    assert list(fake_es.indices) == [first]
    assert fake_es.synonym_sets["council-test-synonyms"] == [{"id": "group-1", "synonyms": "bin, refuse, rubbish"}]
    assert [doc["title"] for doc in fake_es.indices[first]["docs"].values()] == ["Report a missed bin"]

    fake_es.calls.clear()
    index_rebuild()
    second = fake_es.aliases["council-test"]
    assert second != first
    assert list(fake_es.indices) == [second]
    methods = [f"{method} {path}" for method, path in fake_es.calls]
    create, switch, drop = (
        methods.index(f"PUT /{second}"),
        methods.index("POST /_aliases"),
        methods.index(f"DELETE /{first}"),
    )
    assert create < switch < drop
    assert any(call.startswith("PUT /_bulk") or call.startswith("POST /_bulk") for call in methods[create:switch])


def test_search_goes_through_the_client_and_comes_back_in_the_common_shape(fake_es, publish):
    publish("Household waste recycling centres", summary="Opening times of the tip.")
    publish("Council tax", summary="Pay your bill.")
    index_rebuild()
    outcome = site_search(query="Recyling centres", site_id=None)
    assert outcome.backend == "elasticsearch"
    assert outcome.total == 1
    hit = outcome.hits[0]
    assert hit.title == "Household waste recycling centres"
    assert hit.url.endswith("/household-waste-recycling-centres/")
    assert hit.snippet_html == "About <mark>recyling</mark> &amp; more"
    assert outcome.facets["content_type"] == [("Information", 1)]
    assert outcome.suggestion == "recycling centres"
    assert fake_es.searches[-1] == elastic.build_search(query="recyling centres", site_id=None).to_dict()


def test_publishing_and_unpublishing_update_the_live_index(fake_es, publish):
    index_rebuild()
    page = publish("Garden waste", summary="Brown bins.")
    live = fake_es.indices[fake_es.aliases["council-test"]]["docs"]
    assert live[f"page:{page.pk}"]["title"] == "Garden waste"
    page.unpublish()
    assert f"page:{page.pk}" not in live


def test_editors_changing_synonyms_updates_the_synonym_set(fake_es, db):
    SynonymGroup.objects.create(terms="tip, recycling centre")
    assert fake_es.synonym_sets["council-test-synonyms"] == [{"id": "group-1", "synonyms": "tip, recycling centre"}]


def test_when_elasticsearch_fails_the_database_index_answers(fake_es, publish):
    publish("Report a missed bin", summary="Tell us if we missed your bin.")
    fake_es.fail_with = 503
    index_rebuild_database_only()
    outcome = site_search(query="missed bin", site_id=None)
    assert outcome.backend == "database"
    assert [hit.title for hit in outcome.hits] == ["Report a missed bin"]


def index_rebuild_database_only():
    with override_settings(ELASTICSEARCH_URL=None):
        index_rebuild()


def test_when_elasticsearch_is_unreachable_the_database_index_answers(publish):
    publish("Report a missed bin", summary="Tell us if we missed your bin.")
    index_rebuild()
    with override_settings(ELASTICSEARCH_URL="http://127.0.0.1:9", ELASTICSEARCH_TIMEOUT=1):
        outcome = site_search(query="missed bin", site_id=None)
    assert outcome.backend == "database"
    assert outcome.total == 1
    assert SearchEntry.objects.count() == 1
