"""One answer to "Is this page useful?". Comments are redacted before they are saved
(see ``redaction.py``); the client's address is never stored."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Answer(models.TextChoices):
    YES = "yes", "Yes, useful"
    NO = "no", "Not useful"
    PROBLEM = "problem", "Problem reported"


class Status(models.TextChoices):
    NEW = "new", "New"
    ACTIONED = "actioned", "Actioned"
    NO_ACTION = "no_action", "No action needed"
    PASSED_TO_OWNER = "passed_to_owner", "Passed to the page owner"
    SPAM = "spam", "Spam"


class FeedbackResponse(models.Model):
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback_responses",
        help_text="Empty for pages outside Wagtail (the cookies page, page not found).",
    )
    page_revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    path = models.CharField(max_length=2048)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    answer = models.CharField(max_length=10, choices=Answer.choices)
    doing = models.TextField("what they were trying to do", blank=True)
    went_wrong = models.TextField("what went wrong", blank=True)
    redacted = models.JSONField(
        default=list, blank=True, help_text="Kinds of personal data removed from the comments before saving."
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW, db_index=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    case_reference = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "page feedback"
        verbose_name_plural = "page feedback"
        indexes = [models.Index(fields=["page", "created_at"])]

    def __str__(self):
        where = self.page.title if self.page_id and self.page else self.path
        return f"{self.get_answer_display()} on {where}, {timezone.localtime(self.created_at):%d %b %Y %H:%M}"

    def received_label(self) -> str:
        return f"{timezone.localtime(self.created_at):%d %b %Y %H:%M}"

    received_label.short_description = "Received"

    def page_label(self) -> str:
        return self.page.title if self.page_id and self.page else self.path

    page_label.short_description = "Page"

    def comment_excerpt(self) -> str:
        text = self.comment.replace("\n", " ")
        return text if len(text) <= 120 else text[:117] + "..."

    comment_excerpt.short_description = "Comment"

    @property
    def has_comment(self) -> bool:
        return bool(self.doing or self.went_wrong)

    @property
    def comment(self) -> str:
        parts = []
        if self.doing:
            parts.append(f"Trying to: {self.doing}")
        if self.went_wrong:
            parts.append(f"What went wrong: {self.went_wrong}")
        return "\n".join(parts)
