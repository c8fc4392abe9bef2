"""Every accounts route against every kind of visitor, generated from the URL
configuration, so a new route without an access rule fails here."""

import uuid

import pytest
from django.urls import URLPattern

from services.accounts import urls as account_urls
from services.accounts.models import Draft
from services.cases.models import CaseFile
from tests.services.accounts.conftest import make_case, make_resident

pytestmark = pytest.mark.django_db

# Routes anyone may open: signing up and in, links from emails, and the goodbye page.
PUBLIC = {
    "sign_up",
    "check_email",
    "confirm_email",
    "resend_confirmation",
    "sign_in",
    "sign_out",
    "forgot_password",
    "reset_password",
    "confirm_new_email",
    "deleted",
    "sign_in_code",
}


def routes():
    return [p for p in account_urls.urlpatterns if isinstance(p, URLPattern)]


@pytest.fixture
def owners_things(db, tmp_path, settings):
    settings.PRIVATE_UPLOAD_ROOT = tmp_path
    owner = make_resident("owner@example.org")
    case = make_case(owner.email)
    upload = CaseFile.objects.create(
        case=case,
        original_name="a.jpg",
        stored_name=uuid.uuid4().hex,
        content_type="image/jpeg",
        size=1,
        scan_status="clean",
    )
    draft = Draft.objects.create(
        user=owner,
        form_id=1,
        form_slug="f",
        form_title="F",
        progress={},
        saved_at=case.created_at,
        expires_at="2999-01-01T00:00Z",
    )
    return {"reference": case.reference, "file_id": upload.pk, "draft_id": draft.pk, "token": "not-a-real-token"}


def url_for(pattern, values):
    route = str(pattern.pattern)
    for name in pattern.pattern.converters:
        route = route.replace(
            f"<{'uuid' if name == 'file_id' else 'int' if name == 'draft_id' else 'str'}:{name}>", str(values[name])
        )
    assert "<" not in route, route
    return "/account/" + route


def test_every_route_has_a_rule(client, owners_things):
    for pattern in routes():
        url = url_for(pattern, owners_things)
        response = client.get(url)
        if pattern.name in PUBLIC:
            assert response.status_code in (200, 302, 404, 410), url
        else:
            assert response.status_code == 302 and "/account/sign-in/" in response["Location"], url


def test_another_resident_gets_404_for_every_route_naming_the_owners_things(client, owners_things):
    client.force_login(make_resident("intruder@example.org"))
    for pattern in routes():
        names = set(pattern.pattern.converters) - {"token"}
        if not names:
            continue
        url = url_for(pattern, owners_things)
        assert client.get(url).status_code in (404, 405), url
        assert client.post(url, {"information": "x"}).status_code == 404, url
