"""Background work for the public site."""

from django_tasks import task


@task()
def proxy_cache_purge_site() -> int:
    """Purge every live page from the reverse-proxy cache: after a change that shows
    on every page (alerts, menus, footer, settings, a move or a deletion)."""
    from wagtail.contrib.frontend_cache.utils import PurgeBatch
    from wagtail.models import Page

    batch = PurgeBatch()
    batch.add_pages(Page.objects.live().filter(depth__gt=1).specific(defer=True).iterator())
    batch.purge()
    return len(batch.urls)


@task()
def proxy_cache_purge_pages(*, page_ids: list[int]) -> int:
    """Purge these pages, those still live, from the reverse-proxy cache: the pages that
    link to a page just published or unpublished."""
    from wagtail.contrib.frontend_cache.utils import PurgeBatch
    from wagtail.models import Page

    batch = PurgeBatch()
    batch.add_pages(Page.objects.live().filter(pk__in=page_ids).specific(defer=True).iterator())
    batch.purge()
    return len(batch.urls)


@task()
def proxy_cache_purge_descendants(*, page_id: int) -> int:
    """Purge the live pages below a page from the reverse-proxy cache: after the page
    was renamed or unpublished, as their breadcrumbs name it."""
    from wagtail.contrib.frontend_cache.utils import PurgeBatch
    from wagtail.models import Page

    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return 0
    batch = PurgeBatch()
    batch.add_pages(page.get_descendants().live().specific(defer=True).iterator())
    batch.purge()
    return len(batch.urls)
