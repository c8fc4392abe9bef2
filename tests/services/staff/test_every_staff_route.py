"""SECURITY.md: no staff route works on a password-only session. The list of routes
comes from the URL configuration, so a new admin screen is covered automatically."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

EXEMPT = ("/admin/2fa/", "/admin/login/", "/admin/logout/", "/admin/password_reset/")


def _sample(pattern_text: str) -> str:
    text = re.sub(r"<int:\w+>", "1", pattern_text)
    text = re.sub(r"<(?:\w+:)?\w+>", "sample", text)
    text = re.sub(r"\(\?P<\w+>[^)]*\)", "1", text)
    return text.replace("^", "").replace("$", "").replace("\\", "")


def _walk(patterns, prefix=""):
    for entry in patterns:
        here = prefix + _sample(str(entry.pattern))
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, here)
        elif isinstance(entry, URLPattern):
            yield "/" + here


def staff_routes():
    from django.conf import settings

    routes = sorted(set(_walk(get_resolver().url_patterns)))
    staff = [url for url in routes if url.startswith(tuple(settings.STAFF_PROTECTED_PATH_PREFIXES))]
    return [url for url in staff if not url.startswith(EXEMPT)]


def test_the_walk_finds_the_admin_screens():
    routes = staff_routes()
    assert len(routes) > 150
    assert "/admin/pages/1/edit/" in routes


@pytest.mark.django_db
def test_every_staff_route_sends_a_password_only_session_to_verification(client, staff_user):
    client.force_login(staff_user)
    verify = reverse("staff:verify")
    let_through = []
    for url in staff_routes():
        response = client.get(url)
        if not (response.status_code == 302 and response["Location"].startswith(verify)):
            let_through.append(f"{url} -> {response.status_code}")
    assert let_through == []
