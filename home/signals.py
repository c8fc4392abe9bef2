"""Keep cached site chrome (menus, restricted paths) fresh, and make image
renditions when an image is saved so no page view ever has to."""

import logging

from django.db.models.signals import post_delete, post_save
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

logger = logging.getLogger(__name__)

# The renditions the templates use; generated on save, never on a page view.
RENDITION_SPECS = ["fill-960x540", "fill-480x270", "width-800", "max-200x80"]


def _clear_chrome(**kwargs):
    from home.selectors import site_chrome_clear

    site_chrome_clear()


def _make_renditions(sender, instance, **kwargs):
    try:
        instance.get_renditions(*RENDITION_SPECS)
    except Exception:  # a broken upload must not stop the save
        logger.exception("Could not make renditions for image %s", instance.pk)


def connect() -> None:
    from home.models import NavigationSettings, SiteSettings

    for signal in (page_published, page_unpublished):
        signal.connect(_clear_chrome, dispatch_uid=f"home-chrome-{signal}")
    post_page_move.connect(_clear_chrome, dispatch_uid="home-chrome-move")
    for model in (NavigationSettings, SiteSettings, PageViewRestriction, Site):
        post_save.connect(_clear_chrome, sender=model, dispatch_uid=f"home-chrome-save-{model.__name__}")
        post_delete.connect(_clear_chrome, sender=model, dispatch_uid=f"home-chrome-delete-{model.__name__}")
    post_delete.connect(_clear_chrome, sender=Page, dispatch_uid="home-chrome-delete-page")
    post_save.connect(_make_renditions, sender=get_image_model(), dispatch_uid="home-renditions")
