from django.conf import settings
from django.utils.functional import SimpleLazyObject


def _chrome(request) -> dict:
    from wagtail.models import Site

    from home.selectors import site_chrome

    return site_chrome(site=Site.find_for_request(request))


def _navigation_items(request, chrome) -> list[dict]:
    items = []
    for link in chrome["header_links"]:
        url = link["url"]
        current = url == request.path or (url not in {"", "/"} and url.startswith("/") and request.path.startswith(url))
        items.append({**link, "current": current})
    return items


def site_chrome(request):
    """What the base template needs on every page: the council's name, the visitor's
    cookie choice (read from the cookie, no database query), and the site's menus,
    contact details and social links (cached per site; worked out only when used)."""
    chrome = SimpleLazyObject(lambda: _chrome(request))
    return {
        "council_name": settings.COUNCIL_NAME,
        "cookie_choice_made": "cookies_policy" in request.COOKIES,
        "analytics_cookies_accepted": request.COOKIES.get("cookies_policy") == "accepted",
        "site_chrome": chrome,
        "navigation_items": SimpleLazyObject(lambda: _navigation_items(request, chrome)),
    }
