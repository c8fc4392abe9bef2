"""News: an index of stories, newest first, and the stories themselves."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BodyBlock
from home.models.base import CouncilPage


class NewsIndexPage(CouncilPage):
    introduction = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    api_fields = [*CouncilPage.api_fields, APIField("introduction")]
    subpage_types = ["home.NewsPage"]
    template = "home/news_index_page.html"
    PER_PAGE = 10

    def get_context(self, request, *args, **kwargs):
        from home import selectors

        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(selectors.news_in(index=self), self.PER_PAGE)
        context["stories"] = paginator.get_page(request.GET.get("page"))
        return context


class NewsPage(CouncilPage):
    date = models.DateField("Date published", default=timezone.localdate)
    summary = models.CharField(max_length=300, help_text="Shown in news listings and search results.")
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The image's description is used as its alt text, so the image needs one",
    )
    body = StreamField(BodyBlock(), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    api_fields = [
        *CouncilPage.api_fields,
        APIField("date"),
        APIField("summary"),
        APIField("image", serializer=ImageRenditionField("fill-960x540")),
        APIField("body"),
    ]
    parent_page_types = ["home.NewsIndexPage"]
    subpage_types = []
    template = "home/news_page.html"

    def clean(self):
        super().clean()
        if self.image_id and not (self.image.description or "").strip():
            raise ValidationError(
                {"image": "This image has no alt text: add a description to the image, or choose another"}
            )
