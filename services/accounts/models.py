"""Residents' accounts: a resident is a non-staff Django user with a profile.

The cases a resident follows are reached through the customers (the CRM's record of a
person by email address) linked to the profile once the email address was verified.
"""

from django.conf import settings
from django.db import models


class ResidentProfile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resident_profile")
    phone = models.CharField(max_length=40, blank=True)
    uprn = models.CharField("UPRN", max_length=20, blank=True)
    address = models.CharField(max_length=500, blank=True)
    email_updates = models.BooleanField(default=True, help_text="Email me when one of my requests changes.")
    email_verified_at = models.DateTimeField(null=True, blank=True)
    # A new address waiting for its owner to confirm it; the account keeps the old one until then.
    pending_email = models.EmailField(blank=True)
    customers = models.ManyToManyField("cases.Customer", blank=True, related_name="resident_profiles")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Resident {self.user_id}"

    @property
    def verified(self) -> bool:
        return self.email_verified_at is not None


class AccountToken(models.Model):
    """A single-use link sent by email. Only a hash of the token is kept."""

    class Purpose(models.TextChoices):
        VERIFY = "verify", "Confirm email address"
        RESET = "reset", "Reset password"
        EMAIL_CHANGE = "email_change", "Confirm new email address"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="account_tokens")
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.get_purpose_display()} for user {self.user_id}"


class Draft(models.Model):
    """A form a signed-in resident left part-way, to finish later."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="form_drafts")
    form_id = models.PositiveIntegerField()
    form_slug = models.SlugField(max_length=255)
    form_title = models.CharField(max_length=255)
    progress = models.JSONField(default=dict)
    saved_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-saved_at"]
        constraints = [models.UniqueConstraint(fields=["user", "form_id"], name="one_draft_per_form")]

    def __str__(self):
        return f"Draft of {self.form_title}"
