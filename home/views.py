import datetime

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

COOKIE_POLICY_NAME = "cookies_policy"
COOKIE_POLICY_MAX_AGE = 365 * 24 * 60 * 60


def _safe_next(request, default="/"):
    candidate = request.POST.get("next") or default
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


# No CSRF token: the banner is on every page, and a token would make every page
# uncacheable. The worst a forged post can do is record a cookie preference.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def cookies(request):
    """The cookies page and the banner's buttons. The choice itself is stored in an
    essential cookie; no analytics cookie is ever set unless it says "accepted"."""
    if request.method == "POST":
        choice = request.POST.get("cookies")
        if choice in {"accept", "reject"}:
            value = "accepted" if choice == "accept" else "rejected"
            confirmation = (
                "You've accepted additional cookies." if value == "accepted" else "You've rejected additional cookies."
            )
            messages.info(request, confirmation, extra_tags="cookies")
            response = HttpResponseRedirect(_safe_next(request, default="/cookies/"))
            response.set_cookie(
                COOKIE_POLICY_NAME,
                value,
                max_age=COOKIE_POLICY_MAX_AGE,
                secure=request.is_secure(),
                httponly=True,
                samesite="Lax",
            )
            return response
        return render(
            request, "home/cookies.html", {"error": "Select whether you accept additional cookies"}, status=400
        )
    return render(request, "home/cookies.html", {"current": request.COOKIES.get(COOKIE_POLICY_NAME)})


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without a RequestContext that touches the database: the error may be
    # that the database is down.
    return render(request, "500.html", status=500)


def robots_txt(request):
    """Crawlers may read the public site, not the admin, the API or form steps."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /api/",
        "",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def security_txt(request):
    """RFC 9116 security contact, from settings (SECURITY_TXT_*)."""
    expires = timezone.now().replace(microsecond=0) + datetime.timedelta(days=settings.SECURITY_TXT_EXPIRES_DAYS)
    lines = [f"Contact: {contact}" for contact in settings.SECURITY_TXT_CONTACTS]
    lines.append(f"Expires: {expires.astimezone(datetime.UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}")
    if settings.SECURITY_TXT_POLICY:
        lines.append(f"Policy: {settings.SECURITY_TXT_POLICY}")
    lines.append("Preferred-Languages: en")
    lines.append(f"Canonical: {request.build_absolute_uri('/.well-known/security.txt')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def serve_page(request, path):
    """Wagtail's page view, with the site and page found by ``home.routing`` (fewer
    queries) and the Cache-Control the page cache policy gives (``home.page_cache``)."""
    from wagtail import views as wagtail_views

    from home import page_cache, routing

    route = routing.route_for_request(request, path)
    response = wagtail_views.serve(request, path)
    page_cache.mark_page_response(request, response, route.page if route else None)
    return response
