"""The embedded backend: Wagtail's database search over ``SearchEntry`` (SQLite FTS5
by default, PostgreSQL full-text in CI and production without Elasticsearch).

The query is expanded here, so both databases behave alike: word forms from the
indexed vocabulary ("bins" finds "bin"), the editors' synonyms, and misspelt words
corrected to the nearest indexed word ("recyling" to "recycling").
"""

import difflib
import re
from collections.abc import Iterable
from functools import reduce

from django.db import connection
from django.db.models import Count, F, Q, Sum
from django.utils.html import escape
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, PlainText

from search.analysis import content_words, stem, words
from search.models import IndexedTerm, SearchEntry
from search.results import Hit, SearchOutcome
from search.synonyms import expand

MAX_VARIANTS = 8
SNIPPET_CHARS = 240
RERANK_WINDOW = 50
TITLE_WEIGHT, SUMMARY_WEIGHT, BODY_WEIGHT = 3.0, 1.5, 0.5


def _variants(word: str) -> list[str]:
    forms = list(
        IndexedTerm.objects.filter(stem=stem(word)).order_by("-documents").values_list("term", flat=True)[:MAX_VARIANTS]
    )
    return list(dict.fromkeys([word, *forms]))


def _is_known(word: str) -> bool:
    return word.isdigit() or IndexedTerm.objects.filter(Q(term=word) | Q(stem=stem(word))).exists()


def correct_word(word: str) -> str | None:
    """The indexed word closest to a word that is not in the index, if one is close."""
    if len(word) < 4 or word.isdigit():
        return None
    candidates = dict(
        IndexedTerm.objects.filter(length__gte=len(word) - 2, length__lte=len(word) + 2, term__startswith=word[0])
        .order_by("-documents")
        .values_list("term", "documents")[:20000]
    )
    matches = difflib.get_close_matches(word, list(candidates), n=5, cutoff=0.8)
    if not matches:
        return None
    best_ratio = difflib.SequenceMatcher(None, word, matches[0]).ratio()
    best = [m for m in matches if difflib.SequenceMatcher(None, word, m).ratio() >= best_ratio - 0.05]
    return max(best, key=lambda m: candidates[m])


def correct_query(tokens: list[str]) -> list[str]:
    corrected = []
    for token in tokens:
        if _is_known(token):
            corrected.append(token)
        else:
            corrected.append(correct_word(token) or token)
    return corrected


def _word_query(word: str):
    return reduce(lambda a, b: a | b, [PlainText(v) for v in _variants(word)])


def _alternative_query(alternative: list[str]):
    return reduce(lambda a, b: a & b, [_word_query(w) for w in alternative])


def build_query(tokens: list[str], *, match_all: bool = True):
    concepts = [reduce(lambda a, b: a | b, [_alternative_query(alt) for alt in concept]) for concept in expand(tokens)]
    if len(concepts) == 1:
        return concepts[0]
    return And(concepts) if match_all else Or(concepts)


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


def _coverage(text: str, concepts: list[list[list[str]]]) -> float:
    """How much of the query a text covers: 1 per concept found as typed, 0.7 when
    found through a synonym; averaged over the query's concepts."""
    present = {stem(w) for w in words(text)}
    total = 0.0
    for alternatives in concepts:
        for n, alternative in enumerate(alternatives):
            if all(stem(w) in present for w in alternative):
                total += 1.0 if n == 0 else 0.7
                break
    return total / (len(concepts) or 1)


def rerank(entries: list[SearchEntry], tokens: list[str]) -> list[SearchEntry]:
    """Order the backend's best matches so that pages whose title (then summary)
    says what the resident typed come first. SQLite's ranking has no field weights,
    and synonyms should count for a little less than the words typed."""
    concepts = expand(tokens)
    window = len(entries) or 1

    def score(item):
        position, entry = item
        return (
            TITLE_WEIGHT * _coverage(entry.title, concepts)
            + SUMMARY_WEIGHT * _coverage(entry.summary, concepts)
            + BODY_WEIGHT * _coverage(entry.body, concepts)
            + (1 - position / window)
        )

    return [entry for _, entry in sorted(enumerate(entries), key=score, reverse=True)]


def _tsquery(tokens: list[str], *, match_all: bool) -> str:
    """The same expansion as ``build_query``, as a PostgreSQL tsquery (words are
    [a-z0-9] only, so nothing here can be query syntax)."""

    def group(parts, joiner):
        parts = [p for p in parts if p]
        return parts[0] if len(parts) == 1 else "(" + f" {joiner} ".join(parts) + ")"

    concepts = [
        group([group([group(_variants(w), "|") for w in alt], "&") for alt in concept], "|")
        for concept in expand(tokens)
    ]
    return group(concepts, "&" if match_all else "|")


class _PostgresResults:
    """Native PostgreSQL full-text search over ``SearchEntry.search_vector`` (GIN indexed),
    with the same interface as the part of Wagtail's results this module uses."""

    def __init__(self, tsquery: str, queryset):
        from django.contrib.postgres.search import SearchQuery, SearchRank

        query = SearchQuery(tsquery, search_type="raw", config="english")
        self.queryset = queryset.filter(search_vector=query)
        self.ranked = self.queryset.annotate(rank=SearchRank(F("search_vector"), query)).order_by("-rank", "pk")

    def count(self):
        return self.queryset.count()

    def __getitem__(self, item):
        return list(self.ranked.defer("search_vector")[item])

    def facet(self, name):
        return dict(self.queryset.order_by().values_list(name).annotate(n=Count("pk")).values_list(name, "n"))


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
    content_types, sections = list(content_types), list(sections)
    tokens = [w.replace("'", "") for w in content_words(query)]
    if not tokens:
        return SearchOutcome(total=0, hits=[])
    corrected = correct_query(tokens)
    backend = get_search_backend()

    def run(query_tokens, match_all, queryset):
        if connection.vendor == "postgresql":
            return _PostgresResults(_tsquery(query_tokens, match_all=match_all), queryset)
        return backend.search(build_query(query_tokens, match_all=match_all), queryset, operator=None)

    queryset = _base_queryset(site_id, content_types, sections)
    unfiltered = _base_queryset(site_id, (), ())
    filtered = bool(content_types or sections)
    results = run(corrected, True, queryset)
    total = results.count()
    if total == 0 and len(corrected) > 1:
        # No page has every word: rank pages by how many they have.
        match_all = False
        results = run(corrected, False, queryset)
        total = results.count()
    else:
        match_all = True
    facet_results = run(corrected, match_all, unfiltered) if filtered else results
    if offset < RERANK_WINDOW:
        entries = rerank(list(results[:RERANK_WINDOW]), corrected)[offset : offset + size]
    else:
        entries = list(results[offset : offset + size])
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
    facets = {}
    for name in ("content_type", "section"):
        counts = facet_results.facet(name)
        facets[name] = sorted(((k, v) for k, v in counts.items() if k), key=lambda kv: (-kv[1], kv[0]))
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
