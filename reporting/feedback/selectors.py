"""Who may see which feedback, and the summaries the review screens share.

One access rule, used by every screen, export and summary: the comms team (anyone
with ``feedback.view_feedbackresponse``, given by the "Comms team" group) sees all
feedback; anyone else sees only feedback on pages they own or that was assigned to
them."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from wagtail.models import Page, Site

from reporting.feedback.models import Answer, FeedbackResponse

COMMS_TEAM_GROUP = "Comms team"
VIEW_PERMISSION = "feedback.view_feedbackresponse"
CHANGE_PERMISSION = "feedback.change_feedbackresponse"


def feedback_is_comms(*, user) -> bool:
    return bool(user and user.is_active and user.has_perm(VIEW_PERMISSION))


def feedback_visible_to(*, user) -> QuerySet[FeedbackResponse]:
    responses = FeedbackResponse.objects.select_related("page", "assigned_to")
    if not (user and user.is_authenticated and user.is_active):
        return responses.none()
    if feedback_is_comms(user=user):
        return responses
    return responses.filter(Q(page__owner=user) | Q(assigned_to=user))


def feedback_user_may_view(*, user) -> bool:
    """May this person open the feedback screens at all?"""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return feedback_is_comms(user=user) or feedback_visible_to(user=user).exists()


MENU_CACHE_SECONDS = 300


def feedback_menu_shown(*, user) -> bool:
    """Whether the admin menu offers the feedback screens. Asked on every admin page, so
    the answer for page owners is kept for a few minutes; the screens themselves still
    check ``feedback_user_may_view`` on every request."""
    from django.core.cache import cache

    if not (user and user.is_authenticated and user.is_active):
        return False
    if feedback_is_comms(user=user):
        return True
    key = f"feedback:menu-shown:{user.pk}"
    shown = cache.get(key)
    if shown is None:
        shown = feedback_visible_to(user=user).exists()
        cache.set(key, shown, MENU_CACHE_SECONDS)
    return shown


def feedback_user_may_view_page(*, user, page: Page) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    return feedback_is_comms(user=user) or (page.owner_id is not None and page.owner_id == user.pk)


def feedback_user_may_triage(*, user, response: FeedbackResponse) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.has_perm(CHANGE_PERMISSION):
        return True
    return feedback_visible_to(user=user).filter(pk=response.pk).exists()


def feedback_sections() -> QuerySet[Page]:
    """The top-level sections: the children of each site's home page."""
    roots = Site.objects.values_list("root_page__path", flat=True)
    query = Q()
    for path in roots:
        query |= Q(path__startswith=path, depth=len(path) // Page.steplen + 1)
    if not query:
        return Page.objects.none()
    return Page.objects.filter(query).order_by("title")


def feedback_page_owners(*, user) -> QuerySet:
    """Owners of pages with feedback this person may see (for the list's filter)."""
    pages = feedback_visible_to(user=user).values("page_id")
    return get_user_model().objects.filter(owned_pages__in=pages).distinct().order_by("username")


def percent(yes: int, no: int) -> int | None:
    return round(100 * yes / (yes + no)) if (yes + no) else None


@dataclass
class WeekSummary:
    start: datetime
    end: datetime
    yes: int = 0
    no: int = 0
    problem: int = 0

    @property
    def total(self) -> int:
        return self.yes + self.no + self.problem

    @property
    def percent_useful(self) -> int | None:
        return percent(self.yes, self.no)


@dataclass
class PageSummary:
    page_id: int | None
    title: str = ""
    weeks: list[WeekSummary] = field(default_factory=list)

    @property
    def yes(self) -> int:
        return sum(w.yes for w in self.weeks)

    @property
    def no(self) -> int:
        return sum(w.no for w in self.weeks)

    @property
    def problem(self) -> int:
        return sum(w.problem for w in self.weeks)

    @property
    def total(self) -> int:
        return self.yes + self.no + self.problem

    @property
    def percent_useful(self) -> int | None:
        return percent(self.yes, self.no)

    @property
    def change(self) -> int | None:
        """Points of "% useful" gained in the last 7 days against the 7 before."""
        if len(self.weeks) < 2:
            return None
        this, last = self.weeks[0].percent_useful, self.weeks[1].percent_useful
        return None if this is None or last is None else this - last


def _week_bounds(weeks: int, now: datetime) -> list[tuple[datetime, datetime]]:
    return [(now - timedelta(days=7 * (i + 1)), now - timedelta(days=7 * i)) for i in range(weeks)]


def _weekly_aggregates(bounds) -> dict:
    aggregates = {}
    for i, (start, end) in enumerate(bounds):
        for answer in Answer.values:
            aggregates[f"w{i}_{answer}"] = Count(
                "pk", filter=Q(created_at__gte=start, created_at__lt=end, answer=answer)
            )
    return aggregates


def _weeks_from_row(row: dict, bounds) -> list[WeekSummary]:
    return [
        WeekSummary(start=start, end=end, yes=row[f"w{i}_yes"], no=row[f"w{i}_no"], problem=row[f"w{i}_problem"])
        for i, (start, end) in enumerate(bounds)
    ]


def _countable(queryset: QuerySet) -> QuerySet:
    return queryset.exclude(status="spam")


def feedback_page_summary(*, page: Page, weeks: int = 8, now: datetime | None = None) -> PageSummary:
    """One page's answers, week by week (most recent first), spam left out."""
    now = now or timezone.now()
    bounds = _week_bounds(weeks, now)
    row = _countable(FeedbackResponse.objects.filter(page=page)).aggregate(**_weekly_aggregates(bounds))
    return PageSummary(page_id=page.pk, title=page.title, weeks=_weeks_from_row(row, bounds))


def feedback_page_summaries(
    *, user, weeks: int = 8, now: datetime | None = None, pages: QuerySet | None = None
) -> list[PageSummary]:
    """Every page with feedback this person may see, with weekly counts."""
    now = now or timezone.now()
    bounds = _week_bounds(weeks, now)
    responses = _countable(feedback_visible_to(user=user)).filter(page__isnull=False, created_at__gte=bounds[-1][0])
    if pages is not None:
        responses = responses.filter(page__in=pages)
    rows = responses.order_by().values("page_id", "page__title").annotate(**_weekly_aggregates(bounds))
    return [
        PageSummary(page_id=row["page_id"], title=row["page__title"], weeks=_weeks_from_row(row, bounds))
        for row in rows
    ]


@dataclass
class SiteOverview:
    least_useful: list[PageSummary]
    biggest_changes: list[PageSummary]
    yes: int
    no: int
    problem: int

    @property
    def percent_useful(self) -> int | None:
        return percent(self.yes, self.no)


def feedback_site_overview(
    *, user, weeks: int = 4, minimum_answers: int = 5, minimum_weekly: int = 3, limit: int = 10, now=None
) -> SiteOverview:
    """The least useful pages over ``weeks`` (with at least ``minimum_answers`` yes/no
    answers), and the biggest week-on-week changes in "% useful" (pages with at least
    ``minimum_weekly`` yes/no answers in each of the last two weeks)."""
    summaries = feedback_page_summaries(user=user, weeks=max(weeks, 2), now=now)
    recent = [
        PageSummary(page_id=s.page_id, title=s.title, weeks=s.weeks[:weeks])
        for s in summaries
        if sum(w.yes + w.no for w in s.weeks[:weeks]) >= minimum_answers
    ]
    least_useful = sorted(recent, key=lambda s: (s.percent_useful, -s.total, s.title))[:limit]
    changing = [
        s
        for s in summaries
        if s.weeks[0].yes + s.weeks[0].no >= minimum_weekly and s.weeks[1].yes + s.weeks[1].no >= minimum_weekly
    ]
    biggest = sorted((s for s in changing if s.change), key=lambda s: (-abs(s.change), s.title))[:limit]
    return SiteOverview(
        least_useful=least_useful,
        biggest_changes=biggest,
        yes=sum(w.yes for s in summaries for w in s.weeks[:weeks]),
        no=sum(w.no for s in summaries for w in s.weeks[:weeks]),
        problem=sum(w.problem for s in summaries for w in s.weeks[:weeks]),
    )
