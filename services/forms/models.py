"""The e-form snippet and the GOV.UK-style service start page."""

from __future__ import annotations

from functools import cached_property

from django.db import models
from django.urls import reverse
from django.utils import timezone
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.fields import RichTextField, StreamField
from wagtail.models import DraftStateMixin, LockableMixin, Page, PreviewableMixin, Revision, RevisionMixin
from wagtail.search import index

from home.blocks import RICH_TEXT_FEATURES, BodyBlock
from services.forms.blocks import FormStepsBlock
from services.forms.definition import FormDefinition, definition_shared


class EForm(PreviewableMixin, LockableMixin, DraftStateMixin, RevisionMixin, index.Indexed, models.Model):
    class ContactDetails(models.TextChoices):
        NONE = "none", "Do not ask"
        OPTIONAL = "optional", "Ask, optional"
        REQUIRED = "required", "Ask, required"

    title = models.CharField(max_length=150, help_text="What the resident is doing, like ‘Report a fly-tip’.")
    slug = models.SlugField(max_length=100, unique=True, help_text="Part of the form's web address.")
    introduction = models.TextField(blank=True, help_text="Shown with the start button where the form is embedded.")
    case_type = models.ForeignKey(
        "cases.CaseType",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The case each submission makes.",
    )
    questions = StreamField(FormStepsBlock(), blank=True)
    allow_anonymous = models.BooleanField(
        default=False, help_text="Residents may submit without giving contact details; they get a tracking link."
    )
    contact_details = models.CharField(
        max_length=10,
        choices=ContactDetails.choices,
        default=ContactDetails.REQUIRED,
        help_text="Whether to ask for name, email and phone. Required whenever anonymous submission is not allowed.",
    )
    privacy_notice = RichTextField(features=RICH_TEXT_FEATURES, blank=True, help_text="How we use the answers.")
    confirmation_email_text = models.TextField(
        blank=True, help_text="Added to the confirmation email, under the reference. Plain text."
    )
    opens_at = models.DateTimeField(null=True, blank=True)
    closes_at = models.DateTimeField(null=True, blank=True)
    closed_message = models.TextField(
        blank=True, default="This form is closed.", help_text="Shown instead of the form outside its dates."
    )
    other_ways = RichTextField(
        features=RICH_TEXT_FEATURES, blank=True, help_text="Other ways to do this: phone, in person, by post."
    )

    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [FieldPanel("title"), FieldPanel("slug"), FieldPanel("introduction"), FieldPanel("questions")],
                heading="Questions",
            ),
            ObjectList(
                [
                    FieldPanel("case_type"),
                    MultiFieldPanel(
                        [FieldPanel("allow_anonymous"), FieldPanel("contact_details")], heading="Who is asking"
                    ),
                    FieldPanel("privacy_notice"),
                    FieldPanel("confirmation_email_text"),
                    MultiFieldPanel(
                        [FieldPanel("opens_at"), FieldPanel("closes_at"), FieldPanel("closed_message")],
                        heading="When it is open",
                    ),
                    FieldPanel("other_ways"),
                ],
                heading="Settings",
            ),
        ]
    )

    class Meta:
        verbose_name = "e-form"
        ordering = ["title"]

    def __str__(self):
        return self.title

    @cached_property
    def definition(self) -> FormDefinition:
        return definition_shared(self.questions)

    @property
    def asks_contact(self) -> bool:
        return not self.allow_anonymous or self.contact_details != self.ContactDetails.NONE

    @property
    def contact_required(self) -> bool:
        return not self.allow_anonymous or self.contact_details == self.ContactDetails.REQUIRED

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        if self.opens_at and now < self.opens_at:
            return False
        return not (self.closes_at and now >= self.closes_at)

    def get_url(self) -> str:
        return reverse("forms:start", kwargs={"slug": self.slug})

    def revision_as_form(self, revision_id: int | None) -> EForm | None:
        """The form as it was at a revision (what a resident started), or None."""
        if revision_id is None:
            return None
        revision = Revision.objects.filter(pk=revision_id, object_id=str(self.pk)).first()
        if revision is None or revision.base_content_type_id != self.get_base_content_type().pk:
            return None
        return revision.as_object()

    def get_preview_template(self, request, mode_name):
        return "forms/preview.html"


class ServicePage(Page):
    """A GOV.UK start page: what the service is, what you need, a start button,
    other ways to do it, and related content."""

    summary = models.CharField(max_length=300, blank=True, help_text="What you can do here, in one sentence.")
    body = StreamField(BodyBlock(), blank=True, help_text="Use this service to... / Before you start...")
    form = models.ForeignKey(
        EForm,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Opened by the button.",
    )
    start_button_text = models.CharField(max_length=50, default="Start now")
    other_ways = RichTextField(
        features=RICH_TEXT_FEATURES, blank=True, help_text="Other ways to apply: phone, in person, by post."
    )
    related_links = StreamField(
        [("page", blocks.PageChooserBlock())], blank=True, help_text="Related content shown beside the page."
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("form"), FieldPanel("start_button_text")], heading="Start button"),
        FieldPanel("other_ways"),
        FieldPanel("related_links"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    template = "forms/service_page.html"

    class Meta:
        verbose_name = "service page"
