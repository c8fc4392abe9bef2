"""Keep cached things fresh: the per-site chrome (menus, restricted paths, alerts), the
cached sites, the page cache and the reverse-proxy cache. Also make image renditions
when an image is saved, so no page view ever has to.

What empties what:

- a page published or unpublished: the page cache (all of it), and in the proxy the
  page, its parent and its site's home page (Wagtail's frontend-cache app purges the
  page itself; the parent and home page list it), and, in the background, the pages
  that link to it (Wagtail's reference index: related links, page choosers, rich text);
  when the header or footer menu links to it, every live page; and, when its title
  changed or it was unpublished, the pages below it, whose breadcrumbs name it;
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
        _purge_pages_linking_to(instance, already={instance.pk, *(p.pk for p in pages)})
        if instance.numchild and instance.depth > 2 and _breadcrumb_changed(instance, **kwargs):
            from home.tasks import proxy_cache_purge_descendants

            page_id = instance.pk
            transaction.on_commit(lambda: proxy_cache_purge_descendants.enqueue(page_id=page_id))


def _purge_pages_linking_to(page: Page, *, already: set[int]) -> None:
    """Pages that show a link to ``page`` (and so its title) leave the proxy too, in the
    background: a page such as "Contact us" may be linked from hundreds."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ReferenceIndex

    from home.models import NavigationSettings
    from home.tasks import proxy_cache_purge_pages, proxy_cache_purge_site

    page_type = ContentType.objects.get_for_model(Page).pk
    menus = ContentType.objects.get_for_model(NavigationSettings).pk
    sources = set(ReferenceIndex.get_references_to(page).values_list("base_content_type_id", "object_id"))
    if any(content_type == menus for content_type, _ in sources):
        # The header or footer menu links to it: every page shows that link.
        transaction.on_commit(proxy_cache_purge_site.enqueue)
        return
    page_ids = sorted({int(object_id) for content_type, object_id in sources if content_type == page_type} - already)
    if page_ids:
        transaction.on_commit(lambda: proxy_cache_purge_pages.enqueue(page_ids=page_ids))


_PUBLISH_ACTIONS = ("wagtail.publish", "wagtail.publish.scheduled")


def _breadcrumb_changed(page: Page, *, signal=None, revision=None, **kwargs) -> bool:
    """Whether the pages below ``page`` now show it wrongly in their breadcrumbs: it was
    unpublished (a link to a page that is gone) or published under a new title. (A site's
    home page is "Home" in every breadcrumb, whatever its title.)"""
    from wagtail.models import PageLogEntry

    if signal is page_unpublished:
        return True
    if revision is None:
        return False
    # The title it was last published under: Wagtail logs this publish only after the
    # signal, so the newest publish entry is the one before. (Comparing with the previous
    # revision would miss a title changed in a draft saved before publishing.)
    before = (
        PageLogEntry.objects.filter(page=page, action__in=_PUBLISH_ACTIONS, revision__isnull=False)
        .exclude(revision=revision)
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    if before is not None:
        return before.revision.as_object().title != page.title
    # No publish on record (the demo loader and imports publish without logging): the
    # revision before this one is the best guess.
    try:
        return revision.get_previous().as_object().title != page.title
    except revision.DoesNotExist:
        return False  # its first revision: nothing below was published under another title


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
