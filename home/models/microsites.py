"""Microsites: another Wagtail Site with its own home page and name, such as the
adult learning service or the safeguarding partnership. Pages under it can be
restricted to signed-in groups or a password through Wagtail's privacy settings."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page

from home.blocks import BodyBlock
from home.models.base import CouncilPage


class MicrositeHomePage(CouncilPage):
    introduction = models.TextField(blank=True)
    body = StreamField(BodyBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    api_fields = [*CouncilPage.api_fields, APIField("introduction"), APIField("body")]
    parent_page_types = ["wagtailcore.Page"]
    template = "home/microsite_home_page.html"

    def get_context(self, request, *args, **kwargs):
        from home import selectors

        context = super().get_context(request, *args, **kwargs)
        context["child_pages"] = selectors.listed_children(page=self)
        return context
