"""The indexed vocabulary as the database backend reads it: is a word known, its
other indexed forms, and the nearest indexed word to a misspelling.

Every search asks these questions of each word it was given, so the answers (and the
database backend's matches for a whole query) are kept in the cache under a version
number that changes whenever the index does (publishing, unpublishing, a rebuild): a
popular search costs cache reads instead of database queries, and no answer outlives
the index it came from.
"""

import difflib

from django.core.cache import cache
from django.db.models import Q

from search.analysis import stem
from search.models import IndexedTerm

MAX_VARIANTS = 8
VERSION_KEY = "site-search:vocabulary-version"
TIMEOUT = 24 * 60 * 60


def _version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = 1
        cache.add(VERSION_KEY, version, None)
    return version


def index_changed() -> None:
    """Forget every cached answer (called whenever an entry or the vocabulary changes)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, None)


def cached_many(kind: str, found_words: list[str], compute) -> dict[str, object]:
    """``compute(word)`` for each word, through the cache."""
    version = _version()
    keys = {word: f"site-search:v{version}:{kind}:{word}" for word in found_words}
    cached = cache.get_many(list(keys.values()))
    answers, missing = {}, {}
    for word, key in keys.items():
        if key in cached:
            answers[word] = cached[key]
        else:
            answers[word] = missing[key] = compute(word)
    if missing:
        cache.set_many(missing, TIMEOUT)
    return answers


def _variants(word: str) -> list[str]:
    forms = IndexedTerm.objects.filter(stem=stem(word)).order_by("-documents").values_list("term", flat=True)
    return list(dict.fromkeys([word, *forms[:MAX_VARIANTS]]))


def _is_known(word: str) -> bool:
    return word.isdigit() or IndexedTerm.objects.filter(Q(term=word) | Q(stem=stem(word))).exists()


def _correction(word: str) -> str:
    """The indexed word closest to ``word``, or "" when none is close."""
    if len(word) < 4 or word.isdigit():
        return ""
    candidates = dict(
        IndexedTerm.objects.filter(length__gte=len(word) - 2, length__lte=len(word) + 2, term__startswith=word[0])
        .order_by("-documents")
        .values_list("term", "documents")[:20000]
    )
    matches = difflib.get_close_matches(word, list(candidates), n=5, cutoff=0.8)
    if not matches:
        return ""
    best_ratio = difflib.SequenceMatcher(None, word, matches[0]).ratio()
    best = [m for m in matches if difflib.SequenceMatcher(None, word, m).ratio() >= best_ratio - 0.05]
    return max(best, key=lambda m: candidates[m])


def variants(found_words: list[str]) -> dict[str, list[str]]:
    """Each word with its indexed forms ("bins": ["bins", "bin"])."""
    return cached_many("variants", found_words, _variants)


def corrected(tokens: list[str]) -> list[str]:
    """The query's words, each unknown one replaced by the nearest indexed word."""
    known = cached_many("known", tokens, _is_known)
    unknown = [t for t in tokens if not known[t]]
    corrections = cached_many("correction", unknown, _correction) if unknown else {}
    return [corrections.get(t) or t for t in tokens]
