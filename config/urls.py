from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from config.health import healthz
from home import views as home_views
from home.api import api_router
from intranet import urls as intranet_urls
from reporting.feedback import urls as feedback_urls
from services.forms.api import api as forms_api
from services.gazetteer import urls as gazetteer_urls
from services.staff import urls as staff_urls

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("cookies/", home_views.cookies, name="cookies"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("feedback/", include(feedback_urls)),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path(".well-known/security.txt", home_views.security_txt, name="security_txt"),
    path("api/v2/", api_router.urls),
    # The second factor for staff, before Wagtail's admin so its URLs win.
    path("admin/2fa/", include(staff_urls)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("places/", include(gazetteer_urls)),
    path("_intranet/", include(intranet_urls)),
    path("api/forms/", forms_api.urls),
    path("forms/", include("services.forms.urls")),
    path("track/", include("services.cases.urls")),
    path("search/", include("search.urls")),
    path("account/", include("services.accounts.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's front-end URLs, with its page view replaced by one that routes in fewer
# queries and sets the page cache headers (same name, so page URLs reverse as before).
urlpatterns += [
    *(pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, home_views.serve_page, name="wagtail_serve"),
]
