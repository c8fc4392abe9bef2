from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Site

from home.models import HomePage


@pytest.mark.django_db
def test_loading_the_demo_twice_neither_fails_nor_duplicates():
    first = StringIO()
    call_command("load_demo", stdout=first)
    pages, users = Page.objects.count(), get_user_model().objects.count()
    assert "password:" in first.getvalue()

    second = StringIO()
    call_command("load_demo", stdout=second)
    assert Page.objects.count() == pages
    assert get_user_model().objects.count() == users
    # Credentials are printed once only.
    assert "password:" not in second.getvalue()
    assert "already exists" in second.getvalue()

    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert HomePage.objects.count() == 1


@pytest.mark.django_db
def test_demo_staff_can_use_the_printed_backup_code(client):
    out = StringIO()
    call_command("load_demo", stdout=out)
    lines = out.getvalue().splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().endswith(": editor"))
    password = lines[start + 1].split(":", 1)[1].strip()
    backup_code = lines[start + 4].split(":", 1)[1].split()[0]
    assert client.post("/admin/login/", {"username": "editor", "password": password}).status_code == 302
    response = client.post("/admin/2fa/", {"code": backup_code})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
