"""What every council content page shares: an owner, a "review by" date, SEO fields
(Wagtail's promote tab) and the API fields."""

import datetime

from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Page

REVIEW_INTERVAL_DAYS = 365


def default_review_date() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=REVIEW_INTERVAL_DAYS)


class CouncilPage(Page):
    """Abstract base of the council's page types. A page is reviewed by its owner
    before its review date; the "Pages overdue for review" report lists the late ones."""

    review_by = models.DateField(
        default=default_review_date,
        help_text="The date by which the owner checks this page is still correct.",
    )

    review_panels = [
        MultiFieldPanel(
            [FieldPanel("owner", heading="Content owner"), FieldPanel("review_by")],
            heading="Content review",
        )
    ]
    promote_panels = [*Page.promote_panels, *review_panels]

    api_fields = [APIField("review_by")]

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        # When the page was routed by home.routing: one query, asked once per request.
        from home.routing import view_restrictions

        restrictions = view_restrictions(self)
        return super().get_view_restrictions() if restrictions is None else restrictions


def council_page_models() -> list[type[CouncilPage]]:
    """Concrete page types that inherit the review date, directly under Page
    (so ``Page.objects`` can reach their fields through one join)."""
    from wagtail.models import get_page_models

    return [
        model
        for model in get_page_models()
        if issubclass(model, CouncilPage) and Page in model._meta.parents and not model._meta.abstract
    ]
