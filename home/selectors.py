"""Reads that the content pages, templates, feeds and reports share. Each is one or
two queries; nothing here writes."""

import datetime

from django.core.cache import cache
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Site

from home.models import (
    AlertBanner,
    EventCategory,
    EventPage,
    NavigationSettings,
    NewsPage,
    ServiceCategoryPage,
    SiteSettings,
)
from home.models.base import council_page_models
from home.models.settings import SOCIAL_PLATFORMS
from home.page_cache import content_version

CHROME_CACHE_KEY = "home:chrome:v1:{site_id}:{version}"
CHROME_CACHE_SECONDS = 60 * 60
RESTRICTED_PATHS_CACHE_KEY = "home:restricted-paths:v1:{version}"


def _restricted_paths() -> list[str]:
    """Paths of pages with a view restriction (a short list): their subtrees are
    private. One query, cheaper than Wagtail's public() on every listing."""
    key = RESTRICTED_PATHS_CACHE_KEY.format(version=content_version())
    paths = cache.get(key)
    if paths is None:
        paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))
        cache.set(key, paths, CHROME_CACHE_SECONDS)
    return paths


def _public(queryset):
    for path in _restricted_paths():
        queryset = queryset.exclude(path__startswith=path)
    return queryset


def service_categories(*, home: Page):
    return _public(ServiceCategoryPage.objects.child_of(home).live()).only("title", "url_path", "summary", "path")


def listed_children(*, page: Page) -> list[Page]:
    """The live public pages under a page, as their specific types (for summaries)."""
    return list(_public(page.get_children().live()).specific())


def latest_news(*, root: Page, limit: int = 3):
    return list(
        _public(NewsPage.objects.descendant_of(root).live())
        .order_by("-date", "-pk")
        .only("title", "url_path", "date", "summary", "path")[:limit]
    )


def news_in(*, index: Page):
    return _public(NewsPage.objects.child_of(index).live()).order_by("-date", "-pk").defer_streamfields()


def event_categories() -> list[EventCategory]:
    return list(EventCategory.objects.all())


def events_in(
    *,
    index: Page,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    category: str | None = None,
):
    """Events under an index that have not ended before ``date_from`` (today by
    default) and start on or before ``date_to``, earliest first."""
    tz = timezone.get_current_timezone()
    start_of = datetime.datetime.combine(date_from or timezone.localdate(), datetime.time.min, tzinfo=tz)
    events = _public(EventPage.objects.child_of(index).live()).filter(end__gte=start_of)
    if date_to:
        events = events.filter(start__lt=datetime.datetime.combine(date_to, datetime.time.max, tzinfo=tz))
    if category:
        events = events.filter(category__slug=category)
    return events.select_related("category").defer_streamfields().order_by("start", "pk")


def upcoming_events(*, root: Page, limit: int = 3) -> list[EventPage]:
    now = timezone.now()
    return list(
        _public(EventPage.objects.descendant_of(root).live())
        .filter(end__gte=now)
        .order_by("start", "pk")
        .only("title", "url_path", "start", "end", "all_day", "path", "location")[:limit]
    )


HOME_LISTINGS_CACHE_KEY = "home:listings:v1:{page_id}:{version}"


def home_listings(*, home: Page, site: Site | None, limit: int = 3) -> dict:
    """What the home page lists (top tasks, categories, latest news, next events),
    cached per home page: it changes on publish (signals clear it) and when the first
    listed event ends (the cache lasts no longer)."""
    key = HOME_LISTINGS_CACHE_KEY.format(page_id=home.pk, version=content_version())
    listings = cache.get(key)
    if listings is None:
        now = timezone.now()
        listings = {
            "top_tasks": _link_items(home.top_tasks, site),
            "categories": list(service_categories(home=home)),
            "latest_news": latest_news(root=home, limit=limit),
            "next_events": upcoming_events(root=home, limit=limit),
        }
        keep = CHROME_CACHE_SECONDS
        if listings["next_events"]:
            first_end = min(event.end for event in listings["next_events"])
            keep = max(1, min(keep, int((first_end - now).total_seconds())))
        cache.set(key, listings, keep)
    return listings


def _unended_alerts(request=None, now: datetime.datetime | None = None) -> list[AlertBanner]:
    """Alerts showing now or later, with their section's tree path: one query, asked
    once per request (the banner and the page cache policy both read it)."""
    if request is not None and hasattr(request, "_council_alerts"):
        return request._council_alerts
    now = now or timezone.now()
    alerts = list(
        AlertBanner.objects.filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))
        .annotate(section_path=F("section__path"))
        .order_by("-starts_at")
    )
    if request is not None:
        request._council_alerts = alerts
    return alerts


def alerts_for_page(*, page: Page | None, now: datetime.datetime | None = None, request=None) -> list[AlertBanner]:
    """Alerts showing now: site-wide ones, and those for this page's section."""
    now = now or timezone.now()
    path = getattr(page, "path", None) if page is not None else None
    return [
        alert
        for alert in _unended_alerts(request, now)
        if alert.is_current(now) and (alert.section_path is None or (path and path.startswith(alert.section_path)))
    ]


def next_alert_change(now: datetime.datetime | None = None, request=None) -> datetime.datetime | None:
    """The next time an alert starts or ends: a cached page must not outlive it."""
    now = now or timezone.now()
    times = [t for a in _unended_alerts(request, now) for t in (a.starts_at, a.ends_at) if t is not None and t > now]
    return min(times, default=None)


def _link_items(stream, site: Site) -> list[dict]:
    items = []
    for block in stream:
        value = block.value
        page = value.get("page")
        href = page.get_url(current_site=site) if page else value.get("url")
        if not href:
            continue
        items.append({"title": value.label(), "url": href})
    return items


def site_chrome(*, site: Site | None) -> dict:
    """The site's name, contact details, social links, header menu and footer links,
    cached per site and cleared when settings or pages are published (signals)."""
    if site is None:
        return {"name": "", "header_links": [], "footer_links": [], "social_links": []}
    key = CHROME_CACHE_KEY.format(site_id=site.pk, version=content_version())
    chrome = cache.get(key)
    if chrome is None:
        platforms = dict(SOCIAL_PLATFORMS)
        site_settings = SiteSettings.for_site(site)
        navigation = NavigationSettings.for_site(site)
        chrome = {
            "name": site_settings.council_name or site.site_name,
            "phone": site_settings.main_phone,
            "email": site_settings.main_email,
            "social_links": [
                {"label": platforms.get(b.value["platform"], b.value["platform"]), "url": b.value["url"]}
                for b in site_settings.social_links
            ],
            "header_links": _link_items(navigation.header_links, site),
            "footer_links": _link_items(navigation.footer_links, site),
        }
        cache.set(key, chrome, CHROME_CACHE_SECONDS)
    return chrome


def site_chrome_clear() -> None:
    version = content_version()
    sites = list(Site.objects.values_list("pk", "root_page_id"))
    keys = [CHROME_CACHE_KEY.format(site_id=pk, version=version) for pk, _ in sites]
    keys += [HOME_LISTINGS_CACHE_KEY.format(page_id=root_id, version=version) for _, root_id in sites]
    cache.delete_many([*keys, RESTRICTED_PATHS_CACHE_KEY.format(version=version)])


def pages_overdue_for_review(*, today: datetime.date | None = None):
    """Pages (all council page types) whose review date has passed, most overdue first,
    with ``review_due`` annotated. One query with a join per page type."""
    today = today or timezone.localdate()
    models = council_page_models()
    fields = [F(f"{model._meta.model_name}__review_by") for model in models]
    due = Coalesce(*fields) if len(fields) > 1 else fields[0]
    return Page.objects.annotate(review_due=due).filter(review_due__lt=today).order_by("review_due", "path")
