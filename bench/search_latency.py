"""Site search latency on the default (database) backend.

Target (issue 8): p95 <= 50 ms for typical queries over 20,000 indexed items on the
default backend with PostgreSQL. Run:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/search_latency.py

It creates a throwaway test database, indexes ITEMS generated council pages, runs each
typical query several times through the same function the results page uses (search,
facet counts, spelling and synonym expansion included) and prints the percentiles.
"""

import os
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

ITEMS = int(os.environ.get("ITEMS", "20000"))
RUNS = int(os.environ.get("RUNS", "5"))
QUERIES = [
    "missed bin",
    "council tax",
    "pay a parking fine",
    "recycling centre opening times",
    "recyling centre opening times",
    "bulky waste collection",
    "report flytipping",
    "housing benefit",
    "planning application",
    "school admissions",
    "library opening times",
    "garden waste",
    "blue badge",
    "register a death",
    "pothole",
    "tip",
]


def main():
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run():
    from wagtail.search.backends import get_search_backend

    from search.analysis import stem, words
    from search.models import IndexedTerm, SearchEntry, SynonymGroup
    from search.selectors import site_search
    from tests.search.council_pages import PAGES, SYNONYMS

    rng = random.Random(8)
    for line in SYNONYMS:
        SynonymGroup.objects.create(terms=line)
    filler = [w for _, _, title, summary, body in PAGES for w in f"{title} {summary} {body}".split()]
    entries = []
    for n in range(ITEMS):
        section, slug, title, summary, body = PAGES[n % len(PAGES)]
        variant = n // len(PAGES)
        extra = " ".join(rng.choice(filler) for _ in range(120))
        entries.append(
            SearchEntry(
                key=f"page:{n}",
                kind="page",
                object_id=n,
                site_id=1,
                url=f"/{slug}-{variant}/",
                title=f"{title} {variant}" if variant else title,
                summary=summary,
                body=f"{body} {extra}",
                content_type=rng.choice(["Information", "Guide", "News", "Event", "Service"]),
                section=section,
            )
        )
    started = time.perf_counter()
    SearchEntry.objects.bulk_create(entries, batch_size=1000)
    entries = list(SearchEntry.objects.all())
    if connection.vendor != "postgresql":  # PostgreSQL searches SearchEntry.search_vector
        backend = get_search_backend()
        for start in range(0, len(entries), 1000):
            backend.add_bulk(SearchEntry, entries[start : start + 1000])
    from search.indexing import vectors_update

    vectors_update(SearchEntry.objects.all())
    vocabulary = Counter(w for e in entries for w in set(words(f"{e.title} {e.summary} {e.body}")))
    IndexedTerm.objects.bulk_create(
        [IndexedTerm(term=t, stem=stem(t), documents=c, length=len(t)) for t, c in vocabulary.items() if len(t) > 1],
        batch_size=1000,
    )
    print(f"database: {connection.vendor}; indexed {len(entries)} items in {time.perf_counter() - started:.1f}s")

    for query in QUERIES:  # warm up
        site_search(query=query, site_id=1)
    if os.environ.get("SHOW_SQL"):
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            site_search(query="pay a parking fine", site_id=1)
        for q in sorted(ctx.captured_queries, key=lambda q: -float(q["time"]))[:6]:
            print(q["time"], q["sql"][:700])
        print(len(ctx.captured_queries), "queries")
        return
    timings = {q: [] for q in QUERIES}
    for _ in range(RUNS):
        for query in QUERIES:
            t0 = time.perf_counter()
            outcome = site_search(query=query, site_id=1)
            timings[query].append((time.perf_counter() - t0) * 1000)
            if not outcome.total:
                print(f"  warning: {query!r} found nothing")
    every = sorted(t for ts in timings.values() for t in ts)
    p50 = statistics.median(every)
    p95 = every[int(len(every) * 0.95) - 1]
    for query, ts in timings.items():
        print(f"  {query!r:40} median {statistics.median(ts):6.1f} ms")
    print(f"{len(every)} searches: p50 {p50:.1f} ms, p95 {p95:.1f} ms (target p95 <= 50 ms)")


if __name__ == "__main__":
    main()
