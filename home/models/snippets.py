"""Reusable content that editors manage once and show on many pages."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index


class ContactDetails(index.Indexed, models.Model):
    """A team's phone, email, address and opening hours, shown by the contact block."""

    name = models.CharField(max_length=120, help_text="For example: Waste and recycling team")
    phone = models.CharField(max_length=40, blank=True)
    phone_text = models.CharField(max_length=200, blank=True, help_text="For example: Textphone 18001 then the number")
    email = models.EmailField(blank=True)
    address = models.TextField(blank=True)
    opening_hours = models.TextField(blank=True, help_text="One line for each set of days")
    call_charges_link = models.BooleanField(default=True, help_text="Link to information about call charges")

    panels = [
        FieldPanel("name"),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("phone_text"), FieldPanel("email")], heading="Contact"),
        FieldPanel("address"),
        FieldPanel("opening_hours"),
        FieldPanel("call_charges_link"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = "contact details"
        verbose_name_plural = "contact details"
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def opening_hours_lines(self) -> list[str]:
        return [line.strip() for line in self.opening_hours.splitlines() if line.strip()]

    @property
    def address_lines(self) -> list[str]:
        return [line.strip() for line in self.address.splitlines() if line.strip()]


class AlertBanner(models.Model):
    """A notice shown at the top of every page, or of one section, between two times."""

    IMPORTANT = "important"
    SUCCESS = "success"
    LEVEL_CHOICES = [(IMPORTANT, "Important (blue)"), (SUCCESS, "Resolved or good news (green)")]

    title = models.CharField(max_length=120, help_text="A short headline, such as: Bin collections delayed by snow")
    message = RichTextField(features=["bold", "link"], blank=True)
    level = models.CharField(max_length=20, choices=LEVEL_CHOICES, default=IMPORTANT)
    section = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Leave blank to show the alert on every page; otherwise it shows on this page and those under it.",
    )
    starts_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField(null=True, blank=True, help_text="Leave blank to show it until you remove it")

    panels = [
        FieldPanel("title"),
        FieldPanel("message"),
        FieldPanel("level"),
        FieldPanel("section"),
        MultiFieldPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading="When to show it"),
    ]

    class Meta:
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["starts_at", "ends_at"])]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "The end must be after the start"})

    def is_current(self, now=None) -> bool:
        now = now or timezone.now()
        return self.starts_at <= now and (self.ends_at is None or self.ends_at > now)
