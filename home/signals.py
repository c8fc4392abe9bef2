"""Keep cached things fresh: the per-site chrome (menus, restricted paths, alerts), the
cached sites, the page cache and the reverse-proxy cache. Also make image renditions
when an image is saved, so no page view ever has to.

What empties what:

- a page published or unpublished: the page cache (all of it), and in the proxy the
  page, its parent and its site's home page (Wagtail's frontend-cache app purges the
  page itself; the parent and home page list it);
- a page moved or deleted, or anything shown on every page saved or deleted (alerts,
  menus and footer, site settings, contact details, event categories, sites, privacy
  restrictions, images, documents, published snippets such as e-forms): the page
  cache, and every live page in the proxy (in the background).
"""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

logger = logging.getLogger(__name__)

# The renditions the templates use; generated on save, never on a page view.
RENDITION_SPECS = ["fill-960x540", "fill-480x270", "width-800", "width-400", "max-200x80"]


def _proxy_configured() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def _clear_chrome() -> None:
    from home.routing import sites_clear
    from home.selectors import site_chrome_clear

    site_chrome_clear()
    sites_clear()


def page_changed(instance=None, **kwargs) -> None:
    """A page was published or unpublished."""
    from home import page_cache

    _clear_chrome()
    page_cache.purge_all()
    if _proxy_configured() and instance is not None:
        from wagtail.contrib.frontend_cache.utils import PurgeBatch

        listing = [p for p in (instance.get_parent(), instance.get_site() and instance.get_site().root_page) if p]
        pages = [p.specific_deferred for p in listing if p.live and p.depth > 1]
        if pages:
            batch = PurgeBatch()
            batch.add_pages(pages)
            batch.purge()


def site_wide_change(**kwargs) -> None:
    """Something shown on many or all pages changed."""
    from home import page_cache

    _clear_chrome()
    page_cache.purge_all()
    if _proxy_configured():
        from home.tasks import proxy_cache_purge_site

        transaction.on_commit(proxy_cache_purge_site.enqueue)


def _snippet_published(sender, instance=None, **kwargs) -> None:
    if not isinstance(instance, Page):
        site_wide_change()


def _page_deleted(sender, instance=None, **kwargs) -> None:
    if isinstance(instance, Page):
        site_wide_change()


def _make_renditions(sender, instance, **kwargs):
    try:
        instance.get_renditions(*RENDITION_SPECS)
    except Exception:  # a broken upload must not stop the save
        logger.exception("Could not make renditions for image %s", instance.pk)


def connect() -> None:
    from home.models import AlertBanner, ContactDetails, EventCategory, NavigationSettings, SiteSettings

    page_published.connect(page_changed, dispatch_uid="home-cache-published")
    page_unpublished.connect(page_changed, dispatch_uid="home-cache-unpublished")
    post_page_move.connect(site_wide_change, dispatch_uid="home-cache-move")
    post_delete.connect(_page_deleted, dispatch_uid="home-cache-page-delete")
    published.connect(_snippet_published, dispatch_uid="home-cache-snippet-published")
    unpublished.connect(_snippet_published, dispatch_uid="home-cache-snippet-unpublished")
    site_wide = (
        AlertBanner,
        ContactDetails,
        EventCategory,
        NavigationSettings,
        SiteSettings,
        PageViewRestriction,
        Site,
        get_image_model(),
        get_document_model(),
    )
    for model in site_wide:
        post_save.connect(site_wide_change, sender=model, dispatch_uid=f"home-cache-save-{model.__name__}")
        post_delete.connect(site_wide_change, sender=model, dispatch_uid=f"home-cache-delete-{model.__name__}")
    post_save.connect(_make_renditions, sender=get_image_model(), dispatch_uid="home-renditions")
