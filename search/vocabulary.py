"""The indexed vocabulary as the database backend reads it: is a word known, its
other indexed forms, and the nearest indexed word to a misspelling.

Every search asks these questions of each word it was given, so the answers (and the
database backend's matches for a whole query) are kept in the cache under a version
number that changes whenever the index does (publishing, unpublishing, a rebuild): a
popular search costs cache reads instead of database queries, and no answer outlives
the index it came from.
"""

import difflib
import time

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
        # A cache may evict this key: starting again from the clock, never from an
        # earlier number, keeps answers cached under an old version from coming back.
        cache.add(VERSION_KEY, time.time_ns(), None)
        version = cache.get(VERSION_KEY)
    return version


def index_changed() -> None:
    """Forget every cached answer (called whenever an entry or the vocabulary changes)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, time.time_ns(), None)


def cached_many(kind: str, found_words: list[str], compute) -> dict[str, object]:
    """``compute(words)`` (a dict of answers) for the words not already cached."""
    version = _version()
    keys = {word: f"site-search:v{version}:{kind}:{word}" for word in found_words}
    cached = cache.get_many(list(keys.values()))
    answers = {word: cached[key] for word, key in keys.items() if key in cached}
    missing = [word for word in found_words if word not in answers]
    if missing:
        computed = compute(missing)
        cache.set_many({keys[word]: computed[word] for word in missing}, TIMEOUT)
        answers.update(computed)
    return answers


def _variants(found_words: list[str]) -> dict[str, list[str]]:
    stems = {word: stem(word) for word in found_words}
    forms: dict[str, list[str]] = {}
    rows = IndexedTerm.objects.filter(stem__in=set(stems.values())).order_by("-documents", "term")
    for term, term_stem in rows.values_list("term", "stem"):
        forms.setdefault(term_stem, []).append(term)
    return {word: list(dict.fromkeys([word, *forms.get(stems[word], [])[:MAX_VARIANTS]])) for word in found_words}


def _known(found_words: list[str]) -> dict[str, bool]:
    stems = {word: stem(word) for word in found_words}
    rows = IndexedTerm.objects.filter(Q(term__in=found_words) | Q(stem__in=set(stems.values())))
    terms, term_stems = set(), set()
    for term, term_stem in rows.values_list("term", "stem"):
        terms.add(term)
        term_stems.add(term_stem)
    return {word: word.isdigit() or word in terms or stems[word] in term_stems for word in found_words}


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
    known = cached_many("known", tokens, _known)
    unknown = [t for t in tokens if not known[t]]
    corrections = cached_many("correction", unknown, lambda words: {w: _correction(w) for w in words})
    return [corrections.get(t) or t for t in tokens]
