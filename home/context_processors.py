from django.conf import settings


def site_chrome(request):
    """What the base template needs on every page: the council's name and the
    visitor's cookie choice (read from the cookie, no database query)."""
    return {
        "council_name": settings.COUNCIL_NAME,
        "cookie_choice_made": "cookies_policy" in request.COOKIES,
        "analytics_cookies_accepted": request.COOKIES.get("cookies_policy") == "accepted",
    }
