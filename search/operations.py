"""Writes: recording searches and clicks anonymously, and keeping best bets in step."""

from django.db import transaction
from django.utils import timezone

from search.analysis import content_words, normalise_query, redact_query
from search.models import BestBet, BestBetQuery, SearchClick, SearchEvent


def _analytics_query(query: str) -> str:
    return redact_query(normalise_query(query))[:200]


def search_event_record(*, query: str, results: int) -> SearchEvent | None:
    """Count one search. Only the redacted, normalised words and the day are kept."""
    text = _analytics_query(query)
    if not content_words(text):
        return None
    return SearchEvent.objects.create(query=text, results=results, day=timezone.localdate())


def search_click_record(*, query: str, url: str, title: str, position: int, promoted: bool = False) -> SearchClick:
    return SearchClick.objects.create(
        query=_analytics_query(query),
        url=url[:500],
        title=title[:255],
        position=max(0, min(position, 32767)),
        promoted=promoted,
        day=timezone.localdate(),
    )


@transaction.atomic
def best_bet_queries_sync(*, best_bet: BestBet) -> None:
    best_bet.query_rows.all().delete()
    BestBetQuery.objects.bulk_create([BestBetQuery(best_bet=best_bet, query=q) for q in best_bet.query_list()])
