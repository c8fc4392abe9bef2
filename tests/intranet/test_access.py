"""The access matrix: every intranet page type, the intranet search, and the
intranet's document and image addresses, for anonymous visitors, signed-in
residents, staff with only a password, and staff with the second factor."""

from urllib.parse import urlencode

import pytest
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from intranet.models import INTRANET_PAGE_TYPES
from tests.intranet.conftest import INTRANET_HOST, verify_second_factor

ROLES = ["anonymous", "resident", "staff_password_only", "staff_verified"]


def _client_for(role, client, resident, staff_user):
    if role == "resident":
        client.force_login(resident)
    elif role == "staff_password_only":
        client.force_login(staff_user)
    elif role == "staff_verified":
        verify_second_factor(client, staff_user)
    return client


def _intranet_targets():
    """(description, host, path, text that only the intranet would show) for every target."""
    from intranet.models import IntranetHomePage

    home = IntranetHomePage.objects.get()
    targets = []
    for model in INTRANET_PAGE_TYPES:
        page = model.objects.live().descendant_of(home, inclusive=True).first()
        assert page is not None, f"the demo has no {model.__name__}"
        path = page.get_url_parts()[2]
        targets.append((model.__name__, INTRANET_HOST, path, page.title))
    targets.append(("intranet search", INTRANET_HOST, "/find/?q=policy", "Hybrid working policy"))
    targets.append(("intranet sitemap", INTRANET_HOST, "/sitemap.xml", None))
    document = get_document_model().objects.get(title="Hybrid working policy")
    image = get_image_model().objects.get(title="Contact centre training")
    rendition = image.get_rendition("fill-640x360")
    for host in (INTRANET_HOST, "localhost"):
        targets.append((f"document on {host}", host, document.url, "%PDF"))
        targets.append((f"image on {host}", host, f"/_intranet/images/{image.pk}/fill-640x360/", "PNG"))
    targets.append(("document file", "localhost", document.file.url, None))
    targets.append(("original image file", "localhost", image.file.url, None))
    targets.append(("image rendition file", "localhost", rendition.file.url, None))
    return targets


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.mark.parametrize("role", ROLES)
def test_the_access_matrix(role, client, intranet, resident, staff_user):
    client = _client_for(role, client, resident, staff_user)
    failures = []
    for name, host, path, secret in _intranet_targets():
        response = client.get(path, HTTP_HOST=host)
        location = response.get("Location", "")
        body = _body(response)
        if role in {"anonymous", "resident"}:
            if (response.status_code, location) != (302, f"/admin/login/?{urlencode({'next': path})}"):
                failures.append(f"{name}: {response.status_code} {location}")
        elif role == "staff_password_only":
            if (response.status_code, location) != (302, f"/admin/2fa/?{urlencode({'next': path})}"):
                failures.append(f"{name}: {response.status_code} {location}")
        elif secret is not None and (response.status_code != 200 or secret.encode() not in body):
            failures.append(f"{name}: {response.status_code}, without {secret!r}")
        if role != "staff_verified" and secret is not None and secret.encode() in body:
            failures.append(f"{name}: leaked {secret!r}")
    assert failures == []


@pytest.mark.parametrize("role", ["anonymous", "resident"])
def test_the_sign_in_page_shows_nothing_of_the_intranet(role, client, intranet, resident, staff_user):
    client = _client_for(role, client, resident, staff_user)
    response = client.get("/policies/hybrid-working-policy/", HTTP_HOST=INTRANET_HOST, follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="password"' in html
    assert "Hybrid working" not in html
    assert "Staff intranet" not in html


def test_staff_sign_in_on_the_intranet_host_returns_to_the_page_asked_for(client, intranet, staff_user):
    from services.staff.operations import current_totp_code

    response = client.get("/policies/", HTTP_HOST=INTRANET_HOST)
    assert response["Location"] == "/admin/login/?next=%2Fpolicies%2F"
    client.force_login(staff_user)
    response = client.get("/policies/", HTTP_HOST=INTRANET_HOST)
    assert response["Location"] == "/admin/2fa/?next=%2Fpolicies%2F"
    code = current_totp_code(staff_user.totp_device)
    response = client.post("/admin/2fa/", {"code": code, "next": "/policies/"}, HTTP_HOST=INTRANET_HOST)
    assert response["Location"] == "/policies/"
    response = client.get("/policies/", HTTP_HOST=INTRANET_HOST)
    assert response.status_code == 200
    assert "Information security policy" in response.content.decode()
    assert "private" in response["Cache-Control"]


def test_public_images_and_documents_are_not_caught_by_the_intranet_rules(client, intranet):
    from wagtail.models import Collection

    from intranet.demo import _pdf

    Document = get_document_model()
    from django.core.files.base import ContentFile

    public = Document(title="Bin calendar", collection=Collection.objects.get(name="Public"))
    public.file.save("bin-calendar.pdf", ContentFile(_pdf("Bin calendar")), save=False)
    public.save()
    response = client.get(public.url)
    assert response.status_code == 200
    # Its file address is left to the web server (here: not served at all), not sent to sign-in.
    assert client.get(public.file.url).status_code == 404


def test_the_public_site_still_answers_on_its_own_host(client, intranet):
    response = client.get("/council-tax/")
    assert response.status_code == 200
    assert "Council tax" in response.content.decode()


def test_intranet_pages_are_not_served_on_the_public_host(client, intranet, staff_user):
    verify_second_factor(client, staff_user)
    assert client.get("/policies/hybrid-working-policy/").status_code == 404
    assert client.get("/intranet/policies/hybrid-working-policy/").status_code == 404


@pytest.mark.parametrize("role", ["anonymous", "resident", "staff_password_only"])
def test_every_route_on_the_intranet_host_needs_verified_staff(role, client, intranet, resident, staff_user):
    """Walks the URL configuration, so a route another app adds later is covered on
    the intranet's host too. The admin's own routes are left to the admin."""
    from django.urls import get_resolver

    from tests.services.staff.test_every_staff_route import _walk

    client = _client_for(role, client, resident, staff_user)
    routes = sorted(route for route in set(_walk(get_resolver().url_patterns)) if not route.startswith("/admin/"))
    assert "/sitemap.xml" in routes and "/cookies/" in routes
    let_through = []
    for route in [*routes, "/", "/policies/", "/no-such-page/"]:
        response = client.get(route, HTTP_HOST=INTRANET_HOST)
        target = "/admin/2fa/?next=" if role == "staff_password_only" else "/admin/login/?next="
        if response.status_code != 302 or not response["Location"].startswith(target):
            let_through.append(f"{route} -> {response.status_code}")
    assert let_through == []


def test_an_idle_staff_session_ends_on_the_intranet_too(client, intranet, staff_user):
    import time

    verify_second_factor(client, staff_user)
    assert client.get("/events/", HTTP_HOST=INTRANET_HOST).status_code == 200
    session = client.session
    session["staff_session_last_seen"] = int(time.time()) - 31 * 60
    session.save()
    response = client.get("/events/", HTTP_HOST=INTRANET_HOST)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert client.get("/events/", HTTP_HOST=INTRANET_HOST)["Location"].startswith("/admin/login/")
