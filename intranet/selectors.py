"""Reads the intranet's screens share. Every page query is bounded by the intranet
tree it is given, so nothing public (or anything else) can appear in them."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.module_loading import import_string
from wagtail.models import Page

from intranet.access import staff_only_collection_ids
from intranet.models import PolicyPage, StaffEventPage, StaffNewsPage, StaffProfile

SEARCH_RESULT_LIMIT = 50


def staff_news_latest(*, root: Page, limit: int) -> QuerySet[StaffNewsPage]:
    return (
        StaffNewsPage.objects.live()
        .descendant_of(root)
        .select_related("image")
        .order_by("-date", "-first_published_at")[:limit]
    )


def staff_events_upcoming(*, root: Page, limit: int) -> QuerySet[StaffEventPage]:
    now = timezone.now()
    return (
        StaffEventPage.objects.live()
        .descendant_of(root)
        .filter(Q(end__gte=now) | Q(end__isnull=True, start__gte=now))
        .order_by("start")[:limit]
    )


def policies_list(*, root: Page) -> QuerySet[PolicyPage]:
    return (
        PolicyPage.objects.live().descendant_of(root).select_related("document", "policy_owner__user").order_by("title")
    )


def _listed_profiles() -> QuerySet[StaffProfile]:
    """Profiles the directory shows: active staff who have not asked to be left out."""
    return StaffProfile.objects.filter(show_in_directory=True, user__is_active=True).filter(
        Q(user__is_staff=True) | Q(user__is_superuser=True)
    )


def staff_teams() -> list[str]:
    return list(_listed_profiles().order_by("team").values_list("team", flat=True).distinct())


def staff_directory(*, team: str = "", name: str = "") -> QuerySet[StaffProfile]:
    profiles = _listed_profiles().select_related("user")
    if team:
        profiles = profiles.filter(team=team)
    for word in name.split()[:5]:
        profiles = profiles.filter(Q(user__first_name__icontains=word) | Q(user__last_name__icontains=word))
    return profiles


@dataclass(frozen=True)
class SearchResults:
    pages: list
    documents: list


def intranet_search(*, root: Page, query: str) -> SearchResults:
    """Intranet pages and Intranet-collection documents only: the page search is
    bounded by the intranet tree and the document search by the collection."""
    from wagtail.documents import get_document_model

    pages = Page.objects.live().descendant_of(root, inclusive=True).specific().search(query)[:SEARCH_RESULT_LIMIT]
    documents = (
        get_document_model()
        .objects.filter(collection_id__in=staff_only_collection_ids())
        .search(query)[:SEARCH_RESULT_LIMIT]
    )
    return SearchResults(pages=list(pages), documents=list(documents))


@dataclass(frozen=True)
class QueueCount:
    team: str
    count: int
    url: str = ""


def team_queue_counts(*, user) -> list[QueueCount] | None:
    """The signed-in person's team queue counts, once case management exists.

    None when the cases app is not installed (the home page then shows nothing).
    The cases app is expected to provide ``services.cases.selectors.team_queue_counts(user=...)``
    returning (team name, open cases, queue URL) tuples; until it does, nothing is shown.
    """
    if not apps.is_installed("services.cases"):
        return None
    try:
        provider = import_string("services.cases.selectors.team_queue_counts")
    except ImportError:
        return None
    return [QueueCount(*row) for row in provider(user=user)]
