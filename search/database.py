"""The embedded backend: Wagtail's database search over ``SearchEntry`` (SQLite FTS5
by default, PostgreSQL full-text in CI and production without Elasticsearch).

The query is expanded here, so both databases behave alike: word forms from the
indexed vocabulary ("bins" finds "bin"), the editors' synonyms, and misspelt words
corrected to the nearest indexed word ("recyling" to "recycling").
"""

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from functools import partial, reduce

from django.db import connection
from django.db.models import Sum
from django.utils.html import escape
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, PlainText

from search import vocabulary
from search.analysis import content_words, normalise_query, stem, words
from search.models import IndexedTerm, SearchEntry
from search.results import Hit, SearchOutcome
from search.synonyms import expand

SNIPPET_CHARS = 240
RERANK_WINDOW = 50
TITLE_WEIGHT, SUMMARY_WEIGHT, BODY_WEIGHT = 3.0, 1.5, 0.5
FACETS = ("content_type", "section")


def _all_words(concepts) -> list[str]:
    return list(dict.fromkeys(w for concept in concepts for alternative in concept for w in alternative))


def build_query(concepts, forms: dict[str, list[str]], *, match_all: bool = True):
    """Wagtail's query for the expanded words: every concept (any of its alternatives,
    each word in any of its indexed forms), or any concept when ``match_all`` is false."""

    def word_query(word):
        return reduce(lambda a, b: a | b, [PlainText(v) for v in forms[word]])

    def alternative_query(alternative):
        return reduce(lambda a, b: a & b, [word_query(w) for w in alternative])

    parts = [reduce(lambda a, b: a | b, [alternative_query(alt) for alt in concept]) for concept in concepts]
    if len(parts) == 1:
        return parts[0]
    return And(parts) if match_all else Or(parts)


def highlight(text: str, tokens: Iterable[str]) -> str:
    """A short escaped extract of ``text`` around the first matched word, matches marked."""
    stems = {stem(t) for t in tokens}
    if not text:
        return ""
    start = 0
    for match in re.finditer(r"[A-Za-z0-9']+", text):
        if stem(match.group().lower()) in stems:
            start = max(0, match.start() - 60)
            break
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    extract = text[start : start + SNIPPET_CHARS]
    prefix = "… " if start else ""
    suffix = " …" if start + SNIPPET_CHARS < len(text) else ""
    parts = []
    for piece in re.split(r"([A-Za-z0-9']+)", extract):
        if piece and stem(piece.lower()) in stems:
            parts.append(f"<mark>{escape(piece)}</mark>")
        else:
            parts.append(escape(piece))
    return prefix + "".join(parts) + suffix


class _Coverage:
    """How much of the query a text covers: 1 per concept found as typed, 0.7 when
    found through a synonym; averaged over the query's concepts. Each word matches in
    any of its indexed forms, found by one regular expression per word (a body can be
    50,000 characters, too long to split into words for every result)."""

    def __init__(self, concepts, forms: dict[str, list[str]]):
        self.concepts = concepts
        self.patterns = {
            word: re.compile(r"\b(?:" + "|".join(re.escape(f) for f in forms[word]) + r")\b")
            for word in _all_words(concepts)
        }

    def __call__(self, text: str) -> float:
        text = text.lower().replace("\u2019", "'")
        found: dict[str, bool] = {}

        def has(word):
            if word not in found:
                found[word] = bool(self.patterns[word].search(text))
            return found[word]

        total = 0.0
        for alternatives in self.concepts:
            for n, alternative in enumerate(alternatives):
                if all(has(w) for w in alternative):
                    total += 1.0 if n == 0 else 0.7
                    break
        return total / (len(self.concepts) or 1)


def rerank(entries: list[SearchEntry], coverage: _Coverage) -> list[SearchEntry]:
    """Order the backend's best matches so that pages whose title (then summary)
    says what the resident typed come first. SQLite's ranking has no field weights,
    and synonyms should count for a little less than the words typed."""
    window = len(entries) or 1

    def score(item):
        position, entry = item
        return (
            TITLE_WEIGHT * coverage(entry.title)
            + SUMMARY_WEIGHT * coverage(entry.summary)
            + BODY_WEIGHT * coverage(entry.body)
            + (1 - position / window)
        )

    return [entry for _, entry in sorted(enumerate(entries), key=score, reverse=True)]


def _tsquery(concepts, *, match_all: bool) -> str:
    """The expanded query as a PostgreSQL tsquery. PostgreSQL stems each word itself,
    so word forms need no expansion; words are [a-z0-9] only, so nothing here can be
    query syntax (the tsquery is passed as a parameter all the same)."""

    def group(parts, joiner):
        parts = [p for p in parts if p]
        return parts[0] if len(parts) == 1 else "(" + f" {joiner} ".join(parts) + ")"

    parts = [group([group(alt, "&") for alt in concept], "|") for concept in concepts]
    return group(parts, "&" if match_all else "|")


class _Matches:
    """One run of the query: how many entries match with the filters applied, the
    filter counts (without the filters, so a resident can widen a search), and a
    window of the best-ranked entries."""

    def __init__(self, total: int, facets: dict[str, Counter], ranked_ids: list[int]):
        self.total, self.facets, self.ranked_ids = total, facets, ranked_ids


def _postgres_matches(concepts, *, match_all, site_id, content_types, sections, offset, limit) -> _Matches:
    """Native PostgreSQL full-text search over ``SearchEntry.search_vector`` (GIN indexed,
    computed when the entry is written, never at query time). One statement reads the
    matching rows once: their counts by content type and section (total and filter
    counts come from those) and the ids of the best-ranked window."""
    table = connection.ops.quote_name(SearchEntry._meta.db_table)
    site_clause = "AND site_id = %(site_id)s" if site_id is not None else ""
    sql = f"""
        WITH matched AS MATERIALIZED (
            SELECT id, content_type, section, ts_rank(search_vector, query) AS rank
            FROM {table}, to_tsquery('english', %(tsquery)s) AS query
            WHERE search_vector @@ query {site_clause}
        )
        SELECT content_type, section, COUNT(*), NULL::bigint, NULL::real FROM matched GROUP BY 1, 2
        UNION ALL
        (
            SELECT NULL, NULL, NULL, id, rank FROM matched
            WHERE (cardinality(%(types)s::text[]) = 0 OR content_type = ANY(%(types)s::text[]))
              AND (cardinality(%(sections)s::text[]) = 0 OR section = ANY(%(sections)s::text[]))
            ORDER BY rank DESC, id LIMIT %(limit)s OFFSET %(offset)s
        )
    """  # noqa: S608 - only the table name is formatted in; every value is a parameter
    params = {
        "tsquery": _tsquery(concepts, match_all=match_all),
        "site_id": site_id,
        "types": list(content_types),
        "sections": list(sections),
        "limit": limit,
        "offset": offset,
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    facets = {name: Counter() for name in FACETS}
    total = 0
    ranked = []
    for content_type, section, count, entry_id, rank in rows:
        if entry_id is not None:
            ranked.append((-rank, entry_id))
            continue
        facets["content_type"][content_type] += count
        facets["section"][section] += count
        if (not content_types or content_type in content_types) and (not sections or section in sections):
            total += count
    return _Matches(total, facets, [entry_id for _, entry_id in sorted(ranked)])


def _wagtail_matches(concepts, forms, *, match_all, site_id, content_types, sections, offset, limit) -> _Matches:
    """Wagtail's database search backend (SQLite FTS5 on the embedded default)."""
    backend = get_search_backend()
    query = build_query(concepts, forms, match_all=match_all)

    def run(queryset):
        return backend.search(query, queryset, operator=None)

    results = run(_base_queryset(site_id, content_types, sections))
    facet_results = run(_base_queryset(site_id, (), ())) if content_types or sections else results
    facets = {name: Counter(facet_results.facet(name)) for name in FACETS}
    ranked_ids = [entry.pk for entry in results[offset : offset + limit]]
    return _Matches(results.count(), facets, ranked_ids)


def _base_queryset(site_id, content_types, sections):
    queryset = SearchEntry.objects.all()
    if site_id is not None:
        queryset = queryset.filter(site_id=site_id)
    if content_types:
        queryset = queryset.filter(content_type__in=list(content_types))
    if sections:
        queryset = queryset.filter(section__in=list(sections))
    return queryset


def search(
    *,
    query: str,
    site_id: int | None,
    content_types: Iterable[str] = (),
    sections: Iterable[str] = (),
    offset: int = 0,
    size: int = 10,
) -> SearchOutcome:
    """Search the database index. Outcomes are cached until the index or the synonyms
    change: popular searches repeat far more often than either changes."""
    content_types, sections = sorted(content_types), sorted(sections)
    fingerprint = repr((normalise_query(query), site_id, content_types, sections, offset, size))
    digest = hashlib.sha256(fingerprint.encode()).hexdigest()
    compute = partial(
        _search, query=query, site_id=site_id, content_types=content_types, sections=sections, offset=offset, size=size
    )
    return vocabulary.cached_many("outcome", [digest], lambda _: {digest: compute()})[digest]


def _search(*, query: str, site_id: int | None, content_types: list, sections: list, offset: int, size: int):
    tokens = [w.replace("'", "") for w in content_words(query)]
    if not tokens:
        return SearchOutcome(total=0, hits=[])
    corrected = vocabulary.corrected(tokens)
    concepts = expand(corrected)
    forms = vocabulary.variants(_all_words(concepts))
    # The best-ranked window is re-ranked as a whole, so the first pages stay consistent.
    start, limit = (0, max(RERANK_WINDOW, offset + size)) if offset < RERANK_WINDOW else (offset, size)

    def run(match_all):
        arguments = {
            "match_all": match_all,
            "site_id": site_id,
            "content_types": content_types,
            "sections": sections,
            "offset": start,
            "limit": limit,
        }
        if connection.vendor == "postgresql":
            return _postgres_matches(concepts, **arguments)
        return _wagtail_matches(concepts, forms, **arguments)

    matches = run(True)
    if matches.total == 0 and len(concepts) > 1:
        # No entry has every word: rank entries by how many they have.
        matches = run(False)
    total = matches.total
    found = SearchEntry.objects.defer("search_vector").in_bulk(matches.ranked_ids)
    entries = [found[pk] for pk in matches.ranked_ids if pk in found]
    if start == 0:
        entries = rerank(entries, _Coverage(concepts, forms))[offset : offset + size]
    hits = [
        Hit(
            key=e.key,
            title=e.title,
            url=e.url,
            summary=e.summary,
            snippet_html=highlight(e.summary if _mentions(e.summary, corrected) else e.body or e.summary, corrected),
            content_type=e.content_type,
            section=e.section,
            date=e.date,
        )
        for e in entries
    ]
    facets = {
        name: sorted(((k, v) for k, v in matches.facets[name].items() if k), key=lambda kv: (-kv[1], kv[0]))
        for name in FACETS
    }
    corrected_text = " ".join(corrected)
    return SearchOutcome(
        total=total,
        hits=hits,
        facets=facets,
        corrected_from=query if corrected != tokens and total else "",
        corrected_to=corrected_text if corrected != tokens and total else "",
        suggestion=corrected_text if corrected != tokens and total == 0 else "",
        backend="database",
    )


def _mentions(text: str, tokens: list[str]) -> bool:
    stems = {stem(t) for t in tokens}
    return any(stem(w) in stems for w in words(text))


def vocabulary_size() -> int:
    return IndexedTerm.objects.aggregate(n=Sum("documents"))["n"] or 0
