from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from home.blocks import BodyBlock


class HomePage(Page):
    introduction = models.TextField(blank=True, help_text="One or two sentences under the council's name.")

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    max_count_per_parent = 1
    template = "home/home_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["child_pages"] = self.get_children().live().public().specific().only("title", "url_path")
        return context


class InformationPage(Page):
    summary = models.CharField(max_length=300, blank=True, help_text="Shown under the title and in search results.")
    body = StreamField(BodyBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    template = "home/information_page.html"
