"""The editors' synonym groups, read once per change."""

import functools

from django.core.cache import cache

from search.analysis import stem, words
from search.models import SynonymGroup

CACHE_KEY = "site-search:synonyms:v1"


def synonym_groups() -> list[list[str]]:
    groups = cache.get(CACHE_KEY)
    if groups is None:
        groups = [group.term_list() for group in SynonymGroup.objects.all()]
        groups = [g for g in groups if len(g) > 1]
        cache.set(CACHE_KEY, groups, 300)
    return groups


def synonyms_changed() -> None:
    """Forget the cached groups and, on Elasticsearch, publish the new synonym set."""
    cache.delete(CACHE_KEY)
    from search.vocabulary import index_changed

    index_changed()  # cached search outcomes were expanded with the old synonyms
    from django.conf import settings

    if settings.ELASTICSEARCH_URL:
        from search.tasks import elasticsearch_publish_synonyms

        elasticsearch_publish_synonyms.enqueue()


@functools.lru_cache(maxsize=8)
def _alternatives_index(groups: tuple[tuple[str, ...], ...]) -> dict[tuple[str, ...], list[list[str]]]:
    """Each synonym's stems, with every alternative of its group (built once per set of groups)."""
    index: dict[tuple[str, ...], list[list[str]]] = {}
    for group in groups:
        alternatives = [words(term) for term in group]
        for alternative in alternatives:
            key = tuple(stem(w) for w in alternative)
            index.setdefault(key, [])
            for other in alternatives:
                if other not in index[key]:
                    index[key].append(other)
    return index


def expand(tokens: list[str]) -> list[list[list[str]]]:
    """Group a query's words with their synonyms.

    Returns one item per concept in the query; each item lists the alternatives (each
    a list of words). ``["missed", "bin"]`` with the group "bin, refuse, waste" gives
    ``[[["missed"]], [["bin"], ["refuse"], ["waste"]]]``. Multi-word synonyms match
    ("council tax" and "ctax"), longest first; words are compared by stem.
    """
    index = _alternatives_index(tuple(tuple(group) for group in synonym_groups()))
    longest = max((len(k) for k in index), default=1)
    stems = [stem(t) for t in tokens]
    concepts: list[list[list[str]]] = []
    i = 0
    while i < len(tokens):
        for size in range(min(longest, len(tokens) - i), 0, -1):
            key = tuple(stems[i : i + size])
            if key in index:
                alternatives = [tokens[i : i + size]] + [a for a in index[key] if tuple(stem(w) for w in a) != key]
                concepts.append(alternatives)
                i += size
                break
        else:
            concepts.append([[tokens[i]]])
            i += 1
    return concepts
