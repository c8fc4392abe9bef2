"""Demo residents: one with a confirmed account and requests, for trying the account pages."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from services.accounts.models import ResidentProfile
from services.accounts.operations import resident_link_cases

DEMO_EMAIL = "resident@example.org"
DEMO_PASSWORD = "burncaster resident demo"  # noqa: S105 (demo data only)


def load(*, stdout, style):
    User = get_user_model()
    user = User.objects.filter(username=DEMO_EMAIL).first()
    created = user is None
    if created:
        user = User.objects.create_user(
            username=DEMO_EMAIL, email=DEMO_EMAIL, password=DEMO_PASSWORD, first_name="Robin Resident"
        )
    profile, _ = ResidentProfile.objects.get_or_create(
        user=user, defaults={"email_verified_at": timezone.now(), "phone": "01632 960001"}
    )
    linked = resident_link_cases(user=user)
    if created:
        stdout.write(style.SUCCESS(f"Demo resident {DEMO_EMAIL} (password: {DEMO_PASSWORD})."))
    else:
        stdout.write(f"Demo resident {DEMO_EMAIL} already exists; {linked} more request(s) linked.")
