"""Finding the site and the page for a request in as few queries as possible.

Wagtail finds the site with one query per request and then walks the page tree one
level at a time, two queries a level. Here the sites are cached (they change only when
an administrator edits one), and the pages on the way to the requested one are fetched
in one query by their slugs. Wagtail's own ``route()`` still decides whenever a page
type routes for itself (routable pages) or when anything does not match, so the
result is always the one Wagtail would give.

Both results are handed to Wagtail through the attributes it documents as its
per-request cache: ``request._wagtail_site`` and ``request._wagtail_route_for_request``.
"""

from django.core.cache import cache
from django.db.models import Q
from django.http import Http404
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.url_routing import RouteResult

SITES_CACHE_KEY = "home:sites:v1:{version}"
SITES_CACHE_SECONDS = 60 * 60


def _site_table() -> list[Site]:
    from home.page_cache import content_version

    key = SITES_CACHE_KEY.format(version=content_version())
    sites = cache.get(key)
    if sites is None:
        sites = list(Site.objects.select_related("root_page").order_by("pk"))
        for site in sites:
            # Only what routing needs from the root page; the page itself is read fresh.
            site.root_page_path = site.root_page.path
            site.root_page_depth = site.root_page.depth
            site._state.fields_cache.pop("root_page", None)
        cache.set(key, sites, SITES_CACHE_SECONDS)
    return sites


def sites_clear() -> None:
    from home.page_cache import content_version

    cache.delete(SITES_CACHE_KEY.format(version=content_version()))


def site_for_hostname(hostname: str, port: int) -> Site | None:
    """The same choice as Wagtail's ``get_site_for_hostname``, from the cached sites:
    hostname and port, then hostname on the default site, then a unique hostname,
    then the default site."""
    sites = _site_table()
    same_host = [site for site in sites if site.hostname == hostname]
    for site in same_host:
        if site.port == port:
            return site
    for site in same_host:
        if site.is_default_site:
            return site
    if len(same_host) == 1:
        return same_host[0]
    return next((site for site in sites if site.is_default_site), None)


def site_for_request(request) -> Site | None:
    if not hasattr(request, "_wagtail_site"):
        from django.http.request import split_domain_port

        hostname = split_domain_port(request._get_raw_host())[0]
        try:
            port = int(request.get_port())
        except ValueError:
            port = None
        request._wagtail_site = site_for_hostname(hostname, port)
    return request._wagtail_site


def _routes_itself(page: Page) -> bool:
    page_class = page.specific_class
    return page_class is None or page_class.route is not Page.route


def _wagtail_route(site: Site, request, components: list[str]):
    return site.root_page.localized.specific.route(request, components)


def route(request, site: Site, components: list[str]):
    """Wagtail's ``RouteResult`` for the path components, or ``Http404``."""
    root_path = getattr(site, "root_page_path", None)
    if root_path is None:
        return _wagtail_route(site, request, components)
    depth = site.root_page_depth
    candidates = Q(pk=site.root_page_id)
    if components:
        candidates |= Q(
            slug__in=set(components),
            path__startswith=root_path,
            depth__gt=depth,
            depth__lte=depth + len(components),
        )
    rows = list(Page.objects.filter(candidates))
    current = next((row for row in rows if row.pk == site.root_page_id), None)
    if current is None or current.path != root_path:
        return _wagtail_route(site, request, components)
    chain = [current]
    for slug in components:
        if _routes_itself(current):
            break
        current = next(
            (
                row
                for row in rows
                if row.depth == current.depth + 1 and row.slug == slug and row.path.startswith(current.path)
            ),
            None,
        )
        if current is None:
            return _wagtail_route(site, request, components)  # Wagtail says 404, or knows better
        chain.append(current)
    remaining = components[len(chain) - 1 :]
    page = current.specific
    page._route_ancestors = chain[:-1]
    if len(chain) > 1:
        page._cached_parent_obj = chain[-2]
    if _routes_itself(current):
        return page.route(request, remaining)
    if not page.live:
        raise Http404
    return RouteResult(page)


def route_for_request(request, path: str):
    """Fill Wagtail's per-request route cache, so ``wagtail.views.serve`` uses it."""
    if not hasattr(request, "_wagtail_route_for_request"):
        site = site_for_request(request)
        result = None
        if site is not None:
            try:
                result = route(request, site, [part for part in path.split("/") if part])
            except Http404:
                result = None
        request._wagtail_route_for_request = result
    return request._wagtail_route_for_request


def ancestors_for_breadcrumbs(page: Page) -> list[Page]:
    """The page's ancestors from its site's home page down: from routing when the
    page was routed here, otherwise one query."""
    routed = getattr(page, "_route_ancestors", None)
    if routed is not None:
        return routed
    return list(page.get_ancestors())[1:]


def view_restrictions(page: Page):
    """The privacy restrictions that apply to a routed page, in one query (Wagtail
    asks two), counted once per request: on the page and its ancestors, or on the
    page an alias among them stands for."""
    if getattr(page, "_view_restrictions", None) is not None:
        return page._view_restrictions
    chain = getattr(page, "_route_ancestors", None)
    if chain is None:
        return None
    steplen = Page.steplen
    alias_paths = {p.path for p in [*chain, page] if p.alias_of_id}
    paths = [page.path[:i] for i in range(steplen, len(page.path) + 1, steplen)]
    sources = [p.alias_of_id for p in [*chain, page] if p.alias_of_id]
    restrictions = PageViewRestriction.objects.filter(
        Q(page__path__in=[p for p in paths if p not in alias_paths]) | Q(page_id__in=sources)
    )
    list(restrictions)  # evaluate once; the hook and the cache policy both read it
    page._view_restrictions = restrictions
    return restrictions
