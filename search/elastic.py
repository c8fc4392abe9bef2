"""Elasticsearch through elasticsearch-dsl: the index definition, the query, the
zero-downtime rebuild and the editors' synonym set.

Supported: Elasticsearch 8.10 or later (synonym sets through the synonyms API,
reloaded without reindexing when editors change them). The client pins the 8.x
line, as STACK.md explains. Every call has a timeout; a failure raises
``SearchUnavailable`` so the site can fall back to the database index.
"""

import logging
from collections.abc import Iterable
from datetime import UTC, datetime

from django.conf import settings
from elasticsearch import Elasticsearch
from elasticsearch import helpers as es_helpers
from elasticsearch.exceptions import ApiError, NotFoundError, TransportError
from elasticsearch_dsl import Date, Document, Index, Integer, Keyword, Q, Search, Text, analyzer, token_filter

from search.results import Hit, SearchOutcome

logger = logging.getLogger(__name__)

TITLE_BOOST = 5
SUMMARY_BOOST = 2
HIGHLIGHT_FRAGMENT = 200


class SearchUnavailable(Exception):
    """Elasticsearch could not answer."""


def alias_name() -> str:
    return getattr(settings, "ELASTICSEARCH_INDEX", "council-site-search")


def synonym_set_name() -> str:
    return f"{alias_name()}-synonyms"


english_possessive = token_filter("english_possessive", type="stemmer", language="possessive_english")
english_stop = token_filter("english_stop", type="stop", stopwords="_english_")
english_stemmer = token_filter("english_stemmer", type="stemmer", language="english")


def council_synonyms():
    return token_filter("council_synonyms", type="synonym_graph", synonyms_set=synonym_set_name(), updateable=True)


index_analyzer = analyzer(
    "council_english",
    tokenizer="standard",
    filter=[english_possessive, "lowercase", english_stop, english_stemmer],
)


def search_analyzer():
    return analyzer(
        "council_english_search",
        tokenizer="standard",
        filter=[english_possessive, "lowercase", council_synonyms(), english_stop, english_stemmer],
    )


def _text():
    return Text(analyzer=index_analyzer, search_analyzer=search_analyzer(), copy_to="spelling")


class EntryDocument(Document):
    """One ``SearchEntry`` as Elasticsearch holds it."""

    key = Keyword()
    kind = Keyword()
    site_id = Integer()
    url = Keyword(index=False)
    title = _text()
    summary = _text()
    body = _text()
    spelling = Text(analyzer="standard")
    content_type = Keyword()
    section = Keyword()
    date = Date()

    @classmethod
    def from_entry(cls, entry) -> "EntryDocument":
        return cls(
            meta={"id": entry.key},
            key=entry.key,
            kind=entry.kind,
            site_id=entry.site_id,
            url=entry.url,
            title=entry.title,
            summary=entry.summary,
            body=entry.body,
            content_type=entry.content_type,
            section=entry.section,
            date=entry.date,
        )


def index_definition(name: str) -> Index:
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=getattr(settings, "ELASTICSEARCH_REPLICAS", 1))
    index.document(EntryDocument)
    return index


def client() -> Elasticsearch:
    return Elasticsearch(
        settings.ELASTICSEARCH_URL,
        request_timeout=getattr(settings, "ELASTICSEARCH_TIMEOUT", 5),
        max_retries=2,
        retry_on_timeout=True,
    )


# --- Queries ---------------------------------------------------------------------


def build_search(
    *,
    query: str,
    site_id: int | None,
    content_types: Iterable[str] = (),
    sections: Iterable[str] = (),
    offset: int = 0,
    size: int = 10,
) -> Search:
    """The search request: synonyms and stemming through the search analyser, a fuzzy
    clause for typos, boosts title > summary > body, highlights, facets for the filters
    (post_filter, so counts ignore the chosen filters) and a spelling suggestion."""
    fields = [f"title^{TITLE_BOOST}", f"summary^{SUMMARY_BOOST}", "body"]
    exact = Q("multi_match", query=query, fields=fields, type="best_fields", operator="and", boost=2)
    loose = Q("multi_match", query=query, fields=fields, type="best_fields", minimum_should_match="2<75%")
    fuzzy = Q(
        "multi_match",
        query=query,
        fields=fields,
        analyzer="council_english",
        fuzziness="AUTO",
        prefix_length=1,
        max_expansions=20,
        minimum_should_match="2<75%",
        boost=0.5,
    )
    phrase = Q("match_phrase", title={"query": query, "boost": 3})
    search = Search(index=alias_name()).query(Q("bool", should=[exact, loose, fuzzy, phrase], minimum_should_match=1))
    if site_id is not None:
        search = search.filter("term", site_id=site_id)
    filters = []
    if content_types := list(content_types):
        filters.append(Q("terms", content_type=content_types))
    if sections := list(sections):
        filters.append(Q("terms", section=sections))
    if filters:
        search = search.post_filter(Q("bool", filter=filters))
    search.aggs.bucket("content_type", "terms", field="content_type", size=20)
    search.aggs.bucket("section", "terms", field="section", size=50)
    search = search.highlight_options(
        encoder="html", pre_tags=["<mark>"], post_tags=["</mark>"], fragment_size=HIGHLIGHT_FRAGMENT
    )
    search = search.highlight("summary", number_of_fragments=0).highlight("body", number_of_fragments=1)
    search = search.suggest("did_you_mean", query, term={"field": "spelling", "suggest_mode": "popular"})
    return search.source(["key", "kind", "url", "title", "summary", "content_type", "section", "date"])[
        offset : offset + size
    ]


def _suggestion(response, query: str) -> str:
    suggest = getattr(response, "suggest", None)
    if not suggest or "did_you_mean" not in suggest:
        return ""
    text, changed = query, False
    for entry in suggest.did_you_mean:
        if entry.options:
            text = text.replace(entry.text, entry.options[0].text, 1)
            changed = True
    return text if changed else ""


def search(
    *,
    query: str,
    site_id: int | None,
    content_types: Iterable[str] = (),
    sections: Iterable[str] = (),
    offset: int = 0,
    size: int = 10,
) -> SearchOutcome:
    request = build_search(
        query=query, site_id=site_id, content_types=content_types, sections=sections, offset=offset, size=size
    )
    try:
        response = request.using(client()).execute()
    except (ApiError, TransportError) as error:
        raise SearchUnavailable(str(error)) from error
    hits = []
    for hit in response.hits:
        highlight = getattr(hit.meta, "highlight", None)
        snippet = ""
        if highlight is not None:
            fragments = list(getattr(highlight, "summary", [])) or list(getattr(highlight, "body", []))
            snippet = " … ".join(fragments)
        hits.append(
            Hit(
                key=hit.key,
                title=hit.title,
                url=hit.url,
                summary=getattr(hit, "summary", "") or "",
                snippet_html=snippet,
                content_type=hit.content_type,
                section=getattr(hit, "section", "") or "",
                date=getattr(hit, "date", None),
            )
        )
    facets = {
        name: [(bucket.key, bucket.doc_count) for bucket in getattr(response.aggregations, name).buckets]
        for name in ("content_type", "section")
    }
    return SearchOutcome(
        total=response.hits.total.value,
        hits=hits,
        facets=facets,
        suggestion=_suggestion(response, query),
        backend="elasticsearch",
    )


# --- Writing -----------------------------------------------------------------------


def synonyms_publish(*, groups: list[list[str]]) -> None:
    """Send the editors' synonym groups to Elasticsearch's synonym set; search analysers
    using it reload without a reindex."""
    rules = [{"id": f"group-{n}", "synonyms": ", ".join(terms)} for n, terms in enumerate(groups, 1)]
    if not rules:
        rules = [{"id": "placeholder", "synonyms": "council, council"}]
    try:
        client().synonyms.put_synonym(id=synonym_set_name(), synonyms_set=rules)
    except (ApiError, TransportError) as error:
        raise SearchUnavailable(str(error)) from error


def entries_sync(*, entries: Iterable, deleted_keys: Iterable[str] = ()) -> None:
    """Index or delete individual entries in the live index (through the alias)."""
    actions = [{"_op_type": "index", **EntryDocument.from_entry(e).to_dict(include_meta=True)} for e in entries]
    for action in actions:
        action["_index"] = alias_name()
    actions += [{"_op_type": "delete", "_index": alias_name(), "_id": key} for key in deleted_keys]
    if not actions:
        return
    try:
        # require_alias: before the first rebuild there is no alias, and Elasticsearch
        # must not auto-create an index under the alias's name.
        es_helpers.bulk(client(), actions, raise_on_error=False, refresh="wait_for", require_alias=True)
    except (ApiError, TransportError) as error:
        raise SearchUnavailable(str(error)) from error


def index_rebuild(*, entries: Iterable, groups: list[list[str]] | None = None) -> str:
    """Build a new index beside the live one, fill it, then move the alias to it in one
    atomic step and delete the old index: searches never see a missing or half index."""
    if groups is None:
        from search.synonyms import synonym_groups

        groups = synonym_groups()
    es = client()
    name = f"{alias_name()}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"
    try:
        synonyms_publish(groups=groups)
        index_definition(name).create(using=es)
        actions = []
        for entry in entries:
            action = EntryDocument.from_entry(entry).to_dict(include_meta=True)
            action["_index"] = name
            actions.append(action)
        if actions:
            es_helpers.bulk(es, actions, chunk_size=500)
        es.indices.refresh(index=name)
        try:
            old = list(es.indices.get_alias(name=alias_name()).keys())
        except NotFoundError:
            old = []
        changes = [{"remove": {"index": old_name, "alias": alias_name()}} for old_name in old]
        changes.append({"add": {"index": name, "alias": alias_name()}})
        es.indices.update_aliases(actions=changes)
        for old_name in old:
            es.indices.delete(index=old_name, ignore_unavailable=True)
    except (ApiError, TransportError) as error:
        raise SearchUnavailable(str(error)) from error
    return name
