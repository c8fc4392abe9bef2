"""Intranet page types. They can only be created inside the intranet tree, and
public page types cannot be created there: every intranet type lists only intranet
types as parents and children, and IntranetHomePage sits directly under the root."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BodyBlock
from intranet.blocks import QuickLinksBlock


class IntranetPageMixin:
    """What every intranet page type shares: never in the public sitemap, never
    cached by shared caches."""

    def get_sitemap_urls(self, request=None):
        return []

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        return response


class IntranetHomePage(IntranetPageMixin, RoutablePageMixin, Page):
    introduction = models.TextField(blank=True)
    quick_links = StreamField(QuickLinksBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("quick_links")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "intranet.IntranetPage",
        "intranet.StaffNewsIndexPage",
        "intranet.PolicyIndexPage",
        "intranet.StaffDirectoryPage",
        "intranet.StaffEventIndexPage",
    ]
    max_count = 1
    template = "intranet/intranet_home_page.html"

    def get_context(self, request, *args, **kwargs):
        from intranet import selectors

        context = super().get_context(request, *args, **kwargs)
        context["news"] = selectors.staff_news_latest(root=self, limit=3)
        context["events"] = selectors.staff_events_upcoming(root=self, limit=3)
        context["queue_counts"] = selectors.team_queue_counts(user=request.user)
        return context

    @path("")
    def home(self, request):
        return self.render(request)

    @path("find/")
    def search(self, request):
        from intranet import selectors

        query = request.GET.get("q", "").strip()[:200]
        results = selectors.intranet_search(root=self, query=query) if query else None
        return self.render(
            request,
            context_overrides={"query": query, "results": results},
            template="intranet/search.html",
        )


class IntranetPage(IntranetPageMixin, Page):
    summary = models.CharField(max_length=300, blank=True)
    body = StreamField(BodyBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["intranet.IntranetHomePage", "intranet.IntranetPage"]
    subpage_types = ["intranet.IntranetPage"]
    template = "intranet/intranet_page.html"


class StaffNewsIndexPage(IntranetPageMixin, Page):
    parent_page_types = ["intranet.IntranetHomePage"]
    subpage_types = ["intranet.StaffNewsPage"]
    max_count = 1
    template = "intranet/staff_news_index_page.html"

    def get_context(self, request, *args, **kwargs):
        from intranet import selectors

        context = super().get_context(request, *args, **kwargs)
        context["news"] = selectors.staff_news_latest(root=self, limit=50)
        return context


class StaffNewsPage(IntranetPageMixin, Page):
    date = models.DateField(default=date.today)
    summary = models.CharField(max_length=300)
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Choose an image from the Intranet collection.",
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
    parent_page_types = ["intranet.StaffNewsIndexPage"]
    subpage_types = []
    template = "intranet/staff_news_page.html"


class PolicyIndexPage(IntranetPageMixin, Page):
    introduction = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["intranet.IntranetHomePage"]
    subpage_types = ["intranet.PolicyPage"]
    max_count = 1
    template = "intranet/policy_index_page.html"

    def get_context(self, request, *args, **kwargs):
        from intranet import selectors

        context = super().get_context(request, *args, **kwargs)
        context["policies"] = selectors.policies_list(root=self)
        return context


class PolicyPage(IntranetPageMixin, Page):
    """A policy is its document; the page says what it covers, who owns it and when
    it is next reviewed."""

    summary = models.CharField(max_length=300)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The policy itself. Upload it to the Intranet collection.",
    )
    policy_owner = models.ForeignKey(
        "intranet.StaffProfile",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The person responsible for keeping this policy up to date.",
    )
    review_date = models.DateField(help_text="When the policy must next be reviewed.")
    body = StreamField(BodyBlock(), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("document"),
        MultiFieldPanel([FieldRowPanel([FieldPanel("policy_owner"), FieldPanel("review_date")])], heading="Ownership"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["intranet.PolicyIndexPage"]
    subpage_types = []
    template = "intranet/policy_page.html"

    @property
    def review_overdue(self) -> bool:
        return self.review_date < timezone.localdate()


class StaffDirectoryPage(IntranetPageMixin, Page):
    introduction = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["intranet.IntranetHomePage"]
    subpage_types = []
    max_count = 1
    template = "intranet/staff_directory_page.html"

    def get_context(self, request, *args, **kwargs):
        from intranet import selectors

        context = super().get_context(request, *args, **kwargs)
        team = request.GET.get("team", "").strip()[:120]
        name = request.GET.get("name", "").strip()[:120]
        context["teams"] = selectors.staff_teams()
        context["team"] = team
        context["name"] = name
        context["profiles"] = selectors.staff_directory(team=team, name=name)
        return context


class StaffEventIndexPage(IntranetPageMixin, Page):
    parent_page_types = ["intranet.IntranetHomePage"]
    subpage_types = ["intranet.StaffEventPage"]
    max_count = 1
    template = "intranet/staff_event_index_page.html"

    def get_context(self, request, *args, **kwargs):
        from intranet import selectors

        context = super().get_context(request, *args, **kwargs)
        context["events"] = selectors.staff_events_upcoming(root=self, limit=100)
        return context


class StaffEventPage(IntranetPageMixin, Page):
    start = models.DateTimeField()
    end = models.DateTimeField(null=True, blank=True)
    location = models.CharField(max_length=200, blank=True)
    summary = models.CharField(max_length=300)
    body = StreamField(BodyBlock(), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("location"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["intranet.StaffEventIndexPage"]
    subpage_types = []
    template = "intranet/staff_event_page.html"

    def clean(self):
        super().clean()
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": "The end must be after the start"})


INTRANET_PAGE_TYPES = [
    IntranetHomePage,
    IntranetPage,
    StaffNewsIndexPage,
    StaffNewsPage,
    PolicyIndexPage,
    PolicyPage,
    StaffDirectoryPage,
    StaffEventIndexPage,
    StaffEventPage,
]
