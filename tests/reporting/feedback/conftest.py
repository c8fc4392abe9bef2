from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Page

from reporting.feedback.models import Answer, FeedbackResponse
from services.staff.operations import current_totp_code, staff_second_factor_provision
from tests.conftest import STAFF_PASSWORD


def make_staff(username: str, *groups: str):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@council.example", password=STAFF_PASSWORD, is_staff=True
    )
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    user.totp_device, user.backup_codes = staff_second_factor_provision(user=user)
    return user


def sign_in(client, user):
    """A verified staff session: password (forced) and second factor."""
    client.force_login(user)
    response = client.post("/admin/2fa/", {"code": current_totp_code(user.totp_device)})
    assert response.status_code == 302, "second factor refused"
    return client


@pytest.fixture
def comms_user(db):
    return make_staff("comms", "Comms team")


@pytest.fixture
def owner_user(db):
    return make_staff("owner", "Editors")


@pytest.fixture
def editor_user(db):
    return make_staff("editor", "Editors")


@pytest.fixture
def feedback(demo_pages, owner_user):
    """Feedback on two pages: "Parking" belongs to owner_user, "Council tax" to nobody."""
    parking = Page.objects.get(slug="parking")
    parking.owner = owner_user
    parking.save(update_fields=["owner"])
    council_tax = Page.objects.get(slug="council-tax")
    now = timezone.now()

    def add(page, answer, days, went_wrong=""):
        return FeedbackResponse.objects.create(
            page=page,
            page_revision_id=page.live_revision_id,
            path=page.url,
            answer=answer,
            went_wrong=went_wrong,
            created_at=now - timedelta(days=days),
        )

    rows = {
        "parking_no": add(parking, Answer.NO, 1, "Permit prices missing"),
        "parking_yes": add(parking, Answer.YES, 2),
        "tax_problem": add(council_tax, Answer.PROBLEM, 3, "My bin was not collected"),
        "tax_yes": add(council_tax, Answer.YES, 20),
    }
    return rows
