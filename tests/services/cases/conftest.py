import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from services.cases.models import CaseType, PriorityRule, ResolutionCategory, Team, WorkflowStatus
from services.staff.operations import current_totp_code, staff_second_factor_provision


def make_case_type(name="Missed bin", team=None, **extra) -> CaseType:
    case_type = CaseType.objects.create(name=name, sla_working_days=3, team=team, **extra)
    statuses = [
        ("received", "Received", "Received", False, "assessing,closed"),
        ("assessing", "Assessing", "", False, "scheduled,closed"),
        ("scheduled", "Collection scheduled", "Scheduled", False, "closed"),
        ("closed", "Closed", "Done", True, ""),
    ]
    for order, (slug, label, public, closed, nxt) in enumerate(statuses):
        WorkflowStatus.objects.create(
            case_type=case_type,
            sort_order=order,
            slug=slug,
            name=label,
            public_label=public,
            is_closed=closed,
            allowed_next=nxt,
            email_text=f"Text for {slug}." if public else "",
        )
    ResolutionCategory.objects.create(case_type=case_type, name="Collected", sort_order=0)
    ResolutionCategory.objects.create(case_type=case_type, name="No fault found", sort_order=1)
    PriorityRule.objects.create(case_type=case_type, question_id="which", answer="Clinical", priority="urgent")
    return case_type


def make_staff(username, *, teams=(), supervises=()):
    user = get_user_model().objects.create_user(
        username=username, password="x" * 20, is_staff=True, first_name=username.title()
    )
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for team in teams:
        team.members.add(user)
    for team in supervises:
        team.supervisors.add(user)
    user.totp_device, _ = staff_second_factor_provision(user=user)
    return user


def verify(client, user):
    client.force_login(user)
    client.post("/admin/2fa/", {"code": current_totp_code(user.totp_device)})
    return client


@pytest.fixture
def world(db):
    """Two service teams, the contact centre and staff in each role."""
    waste = Team.objects.create(name="Waste")
    parking = Team.objects.create(name="Parking")
    contact_centre = Team.objects.create(name="Contact centre", is_contact_centre=True)
    bins = make_case_type("Missed bin", team=waste)
    permits = make_case_type("Parking permit", team=parking)
    return {
        "waste": waste,
        "parking": parking,
        "contact_centre": contact_centre,
        "bins": bins,
        "permits": permits,
        "member": make_staff("wendy", teams=[waste]),
        "other": make_staff("percy", teams=[parking]),
        "supervisor": make_staff("sam", supervises=[waste]),
        "contact": make_staff("connie", teams=[contact_centre]),
        "nobody": make_staff("nora"),
        "dpo": make_data_protection_officer("dora"),
    }


def make_data_protection_officer(username):
    """The data-protection role: searches the audit trail, belongs to no case team."""
    user = make_staff(username)
    user.user_permissions.add(Permission.objects.get(codename="search_audit"))
    return user
