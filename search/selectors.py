"""Reads: the site search itself, promoted results, and the analytics reports."""

import logging
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, Max, Q, Sum
from django.db.models.functions import TruncWeek

from search import database
from search.analysis import content_words, normalise_query
from search.models import BestBet, SearchClick, SearchEvent
from search.results import SearchOutcome

logger = logging.getLogger(__name__)


def backend_name() -> str:
    return "elasticsearch" if settings.ELASTICSEARCH_URL else "database"


def site_search(
    *,
    query: str,
    site_id: int | None,
    content_types: list[str] | tuple = (),
    sections: list[str] | tuple = (),
    offset: int = 0,
    size: int = 10,
) -> SearchOutcome:
    """Search live public content of one site. Uses Elasticsearch when configured and
    answering, the database index otherwise; both return the same shape."""
    query = normalise_query(query)
    if not content_words(query):
        return SearchOutcome(total=0, hits=[], backend=backend_name())
    arguments = {
        "query": query,
        "site_id": site_id,
        "content_types": content_types,
        "sections": sections,
        "offset": offset,
        "size": size,
    }
    if backend_name() == "elasticsearch":
        from search import elastic

        try:
            return elastic.search(**arguments)
        except elastic.SearchUnavailable:
            logger.warning("Elasticsearch unavailable; answering from the database index")
    return database.search(**arguments)


@dataclass(frozen=True)
class PromotedResult:
    id: int
    title: str
    url: str
    description: str


def best_bets_for(*, query: str) -> list[PromotedResult]:
    """Editors' promoted results for exactly this (normalised) search."""
    query = normalise_query(query)
    if not query:
        return []
    bets = (
        BestBet.objects.filter(live=True, query_rows__query=query)
        .filter(Q(page__isnull=True) | Q(page__live=True))
        .select_related("page")
        .distinct()
        .order_by("pk")
    )
    results = []
    for bet in bets:
        url = bet.target_url()
        if url:
            results.append(PromotedResult(id=bet.pk, title=bet.display_title(), url=url, description=bet.description))
    return results


# --- Analytics -----------------------------------------------------------------------


def _since(days: int | None):
    return SearchEvent.objects.filter(day__gte=date.today() - timedelta(days=days)) if days else SearchEvent.objects


def top_queries(*, days: int | None = 30):
    """Most frequent searches, with how many results they found and how often a result was chosen."""
    clicks = dict(
        (SearchClick.objects.filter(day__gte=date.today() - timedelta(days=days)) if days else SearchClick.objects)
        .values("query")
        .annotate(n=Count("id"))
        .values_list("query", "n")
    )
    rows = (
        _since(days)
        .values("query")
        .annotate(searches=Count("id"), last_results=Max("results"), last_searched=Max("day"))
        .order_by("-searches", "query")
    )
    return [{**row, "clicks": clicks.get(row["query"], 0)} for row in rows]


def zero_result_queries(*, days: int | None = 30):
    return list(
        _since(days)
        .filter(results=0)
        .values("query")
        .annotate(searches=Count("id"), last_searched=Max("day"))
        .order_by("-searches", "query")
    )


def clicked_results(*, days: int | None = 30):
    base = SearchClick.objects.filter(day__gte=date.today() - timedelta(days=days)) if days else SearchClick.objects
    return list(
        base.values("query", "title", "url")
        .annotate(clicks=Count("id"), best_position=Max("position"), promoted=Count("id", filter=Q(promoted=True)))
        .order_by("-clicks", "query", "title")
    )


def weekly_trend(*, weeks: int = 12):
    since = date.today() - timedelta(weeks=weeks)
    searches = (
        SearchEvent.objects.filter(day__gte=since)
        .annotate(week=TruncWeek("day"))
        .values("week")
        .annotate(searches=Count("id"), zero=Count("id", filter=Q(results=0)), results=Sum("results"))
        .order_by("week")
    )
    clicks = dict(
        SearchClick.objects.filter(day__gte=since)
        .annotate(week=TruncWeek("day"))
        .values("week")
        .annotate(n=Count("id"))
        .values_list("week", "n")
    )
    rows = []
    for row in searches:
        week = row["week"].date() if hasattr(row["week"], "date") else row["week"]
        n_clicks = clicks.get(row["week"], 0)
        rows.append(
            {
                "week": week,
                "searches": row["searches"],
                "zero_results": row["zero"],
                "clicks": n_clicks,
                "click_rate": round(100 * n_clicks / row["searches"]) if row["searches"] else 0,
            }
        )
    return rows
