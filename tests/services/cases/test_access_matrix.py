"""One access rule (``cases_visible_to``) behind every case-work screen. The routes come
from the URL configuration: a new case route without a rule here fails the test."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from services.cases.models import Case, CaseFile
from services.cases.operations import ContactDetails, case_create
from tests.services.cases.conftest import verify

pytestmark = pytest.mark.django_db

ROLES = ("member", "other", "supervisor", "contact", "nobody", "dpo")
SEE = {"member", "supervisor", "contact"}  # may see the Waste team's case
WORK = {"member", "supervisor"}  # may change it

# route name -> (method, roles allowed)
RULES = {
    "my_queue": ("GET", {"member"}),  # the case is assigned to the member
    "team_queue": ("GET", SEE),
    "case": ("GET", SEE),
    "case_file": ("GET", SEE),
    "customer": ("GET", SEE),
    "assisted_forms": ("GET", SEE),
    "assisted_form": ("GET", SEE),
    "contact_new": ("GET", {"member", "other", "supervisor", "contact"}),
    "case_note": ("POST", WORK),
    "case_status": ("POST", WORK),
    "case_assign": ("POST", WORK),
    "case_link": ("POST", WORK),
    "case_unlink": ("POST", WORK),
    "case_tracking_link_revoke": ("POST", WORK),
    "bulk": ("POST", WORK),
    # The export holds the case only for those who see it, whatever filters are sent.
    "export": ("POST", SEE),
    "report_first_contact": ("GET", {"supervisor"}),
    "audit": ("GET", {"dpo"}),
}


def casework_routes():
    """(name, url pattern) for every route under /admin/casework/."""

    def walk(patterns, prefix="", namespace=""):
        for entry in patterns:
            here = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, here, entry.namespace or namespace)
            elif isinstance(entry, URLPattern) and namespace in ("casework", "assisted_digital"):
                yield entry.name, "/" + here

    return sorted(set(walk(get_resolver().url_patterns)))


def test_every_case_work_route_has_an_access_rule():
    names = {name for name, _ in casework_routes()}
    assert names, "no case-work routes found"
    assert names - set(RULES) == set(), "add an access rule for these routes"


@pytest.fixture
def sample(world, settings, tmp_path):
    from tests.services.forms.conftest import make_form

    settings.PRIVATE_UPLOAD_ROOT = tmp_path
    form = make_form()
    form.case_type = world["bins"]
    form.save()
    case = case_create(
        case_type=world["bins"],
        answers={"which": "Recycling"},
        contact=ContactDetails(name="Ada Lovelace", email="ada@example.com"),
    )
    Case.objects.filter(pk=case.pk).update(assigned_to=world["member"])
    upload = CaseFile.objects.create(
        case=case,
        original_name="bin.jpg",
        stored_name="stored-bin.jpg",
        content_type="image/jpeg",
        size=3,
        scan_status=CaseFile.Scan.CLEAN,
    )
    upload.private_path.parent.mkdir(parents=True)
    upload.private_path.write_bytes(b"abc")
    return {"case": case, "file": upload, "form": form}


def _url(pattern: str, sample) -> str:
    name_values = {
        "<int:pk>": str(sample["case"].pk),
        "<uuid:file_id>": str(sample["file"].pk),
        "<slug:slug>": sample["form"].slug,
    }
    for key, value in name_values.items():
        pattern = pattern.replace(key, value)
    return pattern


def _post_data(name, case, world):
    if name == "case_unlink":
        # Linked quietly (no timeline lines), so only the unlink itself changes the case.
        main = case_create(case_type=world["bins"], answers={})
        Case.objects.filter(pk=case.pk).update(duplicate_of=main)
        return {}
    return {
        "case_note": {"text": "Checked", "public": "0"},
        "case_status": {"status": world["bins"].statuses.get(slug="assessing").pk},
        "case_assign": {"assignee": world["member"].pk},
        "bulk": {
            "case": [case.pk],
            "action": "assign",
            "assignee": world["member"].pk,
            "listed_at": timezone.now().isoformat(),  # the queue page's time, which a bulk action needs
        },
        "case_tracking_link_revoke": {},
        "case_link": {"main": case_create(case_type=world["bins"], answers={}).pk},
        "export": {"scope": "team", "status": "", "case_type": world["bins"].pk},
    }[name]


@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(client, world, sample, role):
    user = world[role]
    verify(client, user)
    case = sample["case"]
    problems = []
    routes = sorted(casework_routes(), key=lambda route: RULES.get(route[0], ("GET",))[0])  # reads first
    for name, pattern in routes:
        method, allowed = RULES[name]
        expected = role in allowed
        url = _url(pattern, sample)
        if name == "customer":
            url = url.replace(f"/{case.pk}/", f"/{case.customer_id}/")
        if name == "export":
            response = client.post(url, _post_data(name, case, world))
            got = response.status_code == 200 and case.reference in b"".join(response.streaming_content).decode()
            if got != expected:
                problems.append(f"{role} POST {url}: {response.status_code}, expected {'rows' if expected else 'none'}")
            continue
        if method == "POST":
            before = case.events.count()
            response = client.post(url, _post_data(name, case, world))
            changed = case.events.count() > before
            if changed != expected or response.status_code not in (302, 403, 404):
                problems.append(f"{role} POST {url}: {response.status_code}, changed={changed}")
            continue
        response = client.get(url)
        if name == "case_file":
            got = response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
        elif name in ("contact_new", "report_first_contact", "audit"):
            got = response.status_code == 200
        else:
            marker = sample["form"].title if name.startswith("assisted") else case.reference
            got = response.status_code == 200 and marker in response.content.decode()
            if response.status_code not in (200, 403, 404):
                problems.append(f"{role} GET {url}: unexpected {response.status_code}")
        if got != expected:
            problems.append(f"{role} GET {url}: {response.status_code}, expected {'access' if expected else 'none'}")
    assert problems == []
