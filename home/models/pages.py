"""The main site's page types: home, service categories, information pages,
multi-part guides and the accessibility statement."""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import RICH_TEXT_FEATURES, BodyBlock, GuidePartBlock, LinkBlock
from home.models.base import CouncilPage


class HomePage(CouncilPage):
    """The council's home page: top tasks, service categories, latest news and alerts."""

    introduction = models.TextField(blank=True, help_text="One or two sentences under the council's name.")
    top_tasks = StreamField(
        [("task", LinkBlock())],
        blank=True,
        max_num=8,
        help_text="The things most people come to do: report, pay, apply, book",
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("top_tasks")]
    api_fields = [*CouncilPage.api_fields, APIField("introduction"), APIField("top_tasks")]
    max_count_per_parent = 1
    parent_page_types = ["wagtailcore.Page"]
    template = "home/home_page.html"

    def get_context(self, request, *args, **kwargs):
        from wagtail.models import Site

        from home import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.home_listings(home=self, site=Site.find_for_request(request), limit=3))
        return context


class ServiceCategoryPage(CouncilPage):
    """A group of services such as "Bins and recycling", listing the pages under it."""

    summary = models.CharField(max_length=300, help_text="Shown on the home page under the category's name.")
    introduction = RichTextField(features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("introduction")]
    api_fields = [*CouncilPage.api_fields, APIField("summary"), APIField("introduction")]
    template = "home/service_category_page.html"

    def get_context(self, request, *args, **kwargs):
        from home import selectors

        context = super().get_context(request, *args, **kwargs)
        context["child_pages"] = selectors.listed_children(page=self)
        return context


class InformationPage(CouncilPage):
    summary = models.CharField(max_length=300, blank=True, help_text="Shown under the title and in search results.")
    body = StreamField(BodyBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    api_fields = [*CouncilPage.api_fields, APIField("summary"), APIField("body")]
    template = "home/information_page.html"


class GuidePage(RoutablePageMixin, CouncilPage):
    """A guide in several parts, each on its own page, with contents and previous/next
    links (as on GOV.UK). The first part is at the guide's address; each other part
    at the guide's address plus the part's title as a slug."""

    summary = models.CharField(max_length=300, blank=True, help_text="Shown in listings and search results.")
    parts = StreamField([("part", GuidePartBlock())], min_num=1)

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("parts")]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("parts")]
    api_fields = [*CouncilPage.api_fields, APIField("summary"), APIField("parts")]
    subpage_types = []
    template = "home/guide_page.html"

    def clean(self):
        super().clean()
        slugs = [slugify(part.value["title"]) for part in self.parts if part.block_type == "part"]
        duplicates = {slug for slug in slugs if slugs.count(slug) > 1}
        if duplicates:
            raise ValidationError({"parts": "Each part needs a different title"})

    def guide_parts(self) -> list[dict]:
        parts = []
        for number, part in enumerate(p for p in self.parts if p.block_type == "part"):
            slug = slugify(part.value["title"])
            parts.append(
                {
                    "number": number + 1,
                    "title": part.value["title"],
                    "slug": slug,
                    "body": part.value["body"],
                    "url_suffix": "" if number == 0 else f"{slug}/",
                }
            )
        return parts

    def _serve_part(self, request, slug=None):
        parts = self.guide_parts()
        if not parts:
            raise Http404
        index_ = 0 if slug is None else next((i for i, p in enumerate(parts) if p["slug"] == slug and i), None)
        if index_ is None:
            raise Http404
        return self.render(
            request,
            context_overrides={
                "parts": parts,
                "part": parts[index_],
                "previous_part": parts[index_ - 1] if index_ > 0 else None,
                "next_part": parts[index_ + 1] if index_ + 1 < len(parts) else None,
            },
        )

    @path("")
    def first_part(self, request):
        return self._serve_part(request)

    @path("<slug:part_slug>/")
    def other_part(self, request, part_slug):
        return self._serve_part(request, part_slug)


class AccessibilityStatementPage(CouncilPage):
    """The statement the Public Sector Bodies Accessibility Regulations 2018 require,
    following the GOV.UK model statement: its headings and legal wording are fixed,
    editors fill in the facts."""

    FULLY, PARTIALLY, NOT = "full", "partial", "not"
    COMPLIANCE_CHOICES = [
        (FULLY, "Fully compliant with WCAG 2.2 AA"),
        (PARTIALLY, "Partially compliant with WCAG 2.2 AA"),
        (NOT, "Not compliant with WCAG 2.2 AA"),
    ]

    website_name = models.CharField(max_length=200, help_text="For example: borsetshire.gov.uk")
    using_this_website = RichTextField(features=RICH_TEXT_FEATURES, help_text="What people can do on the website")
    how_accessible = RichTextField(
        features=RICH_TEXT_FEATURES, help_text="What parts are known not to be fully accessible", blank=True
    )
    feedback_contact = models.ForeignKey(
        "home.ContactDetails",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who to contact about accessibility problems",
    )
    response_days = models.PositiveSmallIntegerField(default=5, help_text="Working days to reply")
    compliance_status = models.CharField(max_length=10, choices=COMPLIANCE_CHOICES, default=PARTIALLY)
    non_compliance = RichTextField(
        features=RICH_TEXT_FEATURES, blank=True, help_text="Non-compliance with the regulations"
    )
    disproportionate_burden = RichTextField(features=RICH_TEXT_FEATURES, blank=True)
    outside_scope = RichTextField(
        features=RICH_TEXT_FEATURES, blank=True, help_text="Content not within the scope of the regulations"
    )
    improvements = RichTextField(features=RICH_TEXT_FEATURES, blank=True, help_text="What we're doing to improve")
    prepared_on = models.DateField(help_text="When this statement was first prepared")
    last_reviewed_on = models.DateField()
    last_tested_on = models.DateField()
    tested_by = models.CharField(max_length=200, help_text="For example: our digital team, or an outside auditor")
    test_approach = models.TextField(help_text="How pages were chosen and tested")

    content_panels = [
        *Page.content_panels,
        FieldPanel("website_name"),
        FieldPanel("using_this_website"),
        FieldPanel("how_accessible"),
        MultiFieldPanel([FieldPanel("feedback_contact"), FieldPanel("response_days")], heading="Feedback"),
        MultiFieldPanel(
            [
                FieldPanel("compliance_status"),
                FieldPanel("non_compliance"),
                FieldPanel("disproportionate_burden"),
                FieldPanel("outside_scope"),
            ],
            heading="Compliance status",
        ),
        FieldPanel("improvements"),
        MultiFieldPanel(
            [
                FieldPanel("prepared_on"),
                FieldPanel("last_reviewed_on"),
                FieldPanel("last_tested_on"),
                FieldPanel("tested_by"),
                FieldPanel("test_approach"),
            ],
            heading="Preparation of this statement",
        ),
    ]
    api_fields = [
        *CouncilPage.api_fields,
        APIField("compliance_status"),
        APIField("prepared_on"),
        APIField("last_reviewed_on"),
    ]
    max_count = 1
    template = "home/accessibility_statement_page.html"

    def clean(self):
        super().clean()
        if self.compliance_status != self.FULLY and not self.non_compliance and not self.disproportionate_burden:
            raise ValidationError(
                {"non_compliance": "Say which content is not accessible, since the site is not fully compliant"}
            )
        if self.last_reviewed_on and self.prepared_on and self.last_reviewed_on < self.prepared_on:
            raise ValidationError({"last_reviewed_on": "The review date cannot be before the date it was prepared"})
