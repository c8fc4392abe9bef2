"""The public API as Wagtail ships it (v2: pages, documents, images) in front of the
project's URLs, so the leak tests hold whatever the API engineer registers."""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from config.urls import urlpatterns as project_urlpatterns

router = WagtailAPIRouter("leaktestapi")
router.register_endpoint("pages", PagesAPIViewSet)
router.register_endpoint("documents", DocumentsAPIViewSet)
router.register_endpoint("images", ImagesAPIViewSet)

urlpatterns = [path("leak-test-api/v2/", router.urls), *project_urlpatterns]
