from django.conf import settings
from django.db import models


class StaffProfile(models.Model):
    """What the staff directory shows about a member of staff. Their name comes from
    their user account, so it is kept in one place."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="staff_profile",
        limit_choices_to={"is_staff": True},
        help_text="Only staff accounts can have a profile.",
    )
    role = models.CharField(max_length=120, help_text="Job title, for example \u201cContact centre adviser\u201d.")
    team = models.CharField(max_length=120, db_index=True, help_text="For example \u201cWaste and recycling\u201d.")
    phone = models.CharField(max_length=40, blank=True, help_text="Work phone number or extension.")
    show_in_directory = models.BooleanField(default=True)

    class Meta:
        ordering = ["user__last_name", "user__first_name"]
        verbose_name = "staff profile"

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.user.get_full_name() or self.user.get_username()
