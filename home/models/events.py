"""Events: a calendar listing filtered by dates and category, each event's page,
and iCalendar feeds for the calendar and for each event."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BodyBlock
from home.models.base import CouncilPage


class EventCategory(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "event categories"

    def __str__(self):
        return self.name


def _ical_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


class EventIndexPage(RoutablePageMixin, CouncilPage):
    introduction = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    api_fields = [*CouncilPage.api_fields, APIField("introduction")]
    subpage_types = ["home.EventPage"]
    template = "home/event_index_page.html"
    PER_PAGE = 20

    @path("")
    def calendar(self, request):
        from home import selectors
        from home.forms import EventFilterForm

        form = EventFilterForm(request.GET or None, categories=selectors.event_categories())
        filters = form.cleaned_filters() if form.is_bound and form.is_valid() else {}
        events = selectors.events_in(index=self, **filters) if not form.errors else selectors.events_in(index=self)
        paginator = Paginator(events, self.PER_PAGE)
        return self.render(
            request,
            context_overrides={
                "form": form,
                "events": paginator.get_page(request.GET.get("page")),
                "filter_query": form.query_string() if form.is_bound and form.is_valid() else "",
            },
        )

    @path("ical/", name="feed")
    def feed(self, request):
        from home import selectors
        from home.ical import calendar_for

        category = request.GET.get("category") or None
        events = selectors.events_in(index=self, category=category)
        body = calendar_for(events=events, name=self.title, request=request)
        return _ical_response(body, f"{self.slug}.ics")


class EventPage(RoutablePageMixin, CouncilPage):
    summary = models.CharField(max_length=300, help_text="Shown in the calendar listing.")
    start = models.DateTimeField()
    end = models.DateTimeField()
    all_day = models.BooleanField(default=False, help_text="The times are ignored; the event lasts whole days")
    location = models.CharField(
        max_length=255, help_text="Venue and address, for example: Borchester Library, Market Street"
    )
    cost = models.CharField(max_length=120, blank=True, help_text="For example: Free, or £5 (children free)")
    booking_url = models.URLField(blank=True, help_text="Where people book a place, if they need to")
    category = models.ForeignKey(EventCategory, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    body = StreamField(BodyBlock(), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("all_day")], heading="When"
        ),
        FieldPanel("location"),
        FieldPanel("cost"),
        FieldPanel("booking_url"),
        FieldPanel("category"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("location")]
    api_fields = [
        *CouncilPage.api_fields,
        APIField("summary"),
        APIField("start"),
        APIField("end"),
        APIField("all_day"),
        APIField("location"),
        APIField("cost"),
        APIField("booking_url"),
        APIField("category_name"),
        APIField("body"),
    ]
    parent_page_types = ["home.EventIndexPage"]
    subpage_types = []
    template = "home/event_page.html"

    class Meta:
        indexes = [models.Index(fields=["end"]), models.Index(fields=["start"])]

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": "The end must be the same as or after the start"})

    @property
    def category_name(self) -> str:
        return self.category.name if self.category_id else ""

    @property
    def local_start(self):
        return timezone.localtime(self.start)

    @property
    def local_end(self):
        return timezone.localtime(self.end)

    @property
    def single_day(self) -> bool:
        return self.local_start.date() == self.local_end.date()

    @path("")
    def event(self, request):
        return self.render(request)

    @path("ical/", name="ics")
    def ics(self, request):
        from home.ical import calendar_for

        return _ical_response(calendar_for(events=[self], name=self.title, request=request), f"{self.slug}.ics")
