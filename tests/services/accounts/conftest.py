import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from services.accounts.models import ResidentProfile
from services.accounts.operations import resident_link_cases
from services.cases.models import CaseType
from services.cases.operations import ContactDetails, case_create

PASSWORD = "a long walk by the river"


def make_resident(email="rita@example.org", *, verified=True, name="Rita Resident", phone=""):
    user = get_user_model().objects.create_user(username=email, email=email, password=PASSWORD, first_name=name)
    ResidentProfile.objects.create(user=user, email_verified_at=timezone.now() if verified else None, phone=phone)
    if verified:
        resident_link_cases(user=user)
    return user


def make_case(email="rita@example.org", *, case_type_name="Missed bin", sla_days=5, now=None, **kwargs):
    case_type, _ = CaseType.objects.get_or_create(name=case_type_name, defaults={"sla_working_days": sla_days})
    return case_create(
        case_type=case_type,
        answers={"what": "Blue bin"},
        answer_summary=[{"question_id": "what", "label": "Which bin?", "answer": "Blue bin"}],
        contact=ContactDetails(name="Rita Resident", email=email) if email else None,
        now=now,
        **kwargs,
    )


def link_from_last_email(pattern=r"http://testserver(/account/\S+/)"):
    return re.search(pattern, mail.outbox[-1].body)[1]


@pytest.fixture
def resident(db):
    return make_resident()


@pytest.fixture
def signed_in(client, resident):
    client.force_login(resident)
    return client
