from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from config.health import healthz
from home import views as home_views
from services.forms.api import api as forms_api
from services.staff import urls as staff_urls

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("cookies/", home_views.cookies, name="cookies"),
    path("sitemap.xml", sitemap, name="sitemap"),
    # The second factor for staff, before Wagtail's admin so its URLs win.
    path("admin/2fa/", include(staff_urls)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/forms/", forms_api.urls),
    path("forms/", include("services.forms.urls")),
    path("track/", include("services.cases.urls")),
    path("account/", include("services.accounts.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
