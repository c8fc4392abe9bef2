"""Staff screens for addresses and wards, behind the second factor."""

import pytest
from django.urls import reverse

from services.staff.operations import current_totp_code


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    client.post(reverse("staff:verify"), {"code": current_totp_code(staff_user.totp_device)})
    return client


@pytest.mark.django_db
def test_address_list_search_and_inspect(staff_client, borough):
    listing = staff_client.get("/admin/gazetteer_addresses/", {"q": "BC7 1XY"})
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "7 Station Road, Felpersham, BC7 1XY" in html
    assert "10 Mill Lane" not in html
    inspect = staff_client.get("/admin/gazetteer_addresses/inspect/201/")
    assert inspect.status_code == 200
    assert b"Felpersham North" in inspect.content


@pytest.mark.django_db
def test_ward_list_counts_addresses(staff_client, borough):
    listing = staff_client.get("/admin/gazetteer_wards/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Borchester Castle" in html and "Felpersham North" in html


@pytest.mark.django_db
def test_password_only_session_cannot_see_addresses(client, staff_user, borough):
    client.force_login(staff_user)
    response = client.get("/admin/gazetteer_addresses/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("staff:verify"))


@pytest.mark.django_db
def test_staff_edits_are_checked_and_normalised(staff_client, borough):
    from services.gazetteer.models import Address, Ward

    bad = staff_client.post(
        "/admin/gazetteer_wards/new/", {"code": "W09", "name": "Broken", "boundary": '{"type": "Point"}'}
    )
    assert bad.status_code == 200
    assert b"The boundary is not a usable polygon" in bad.content
    assert not Ward.objects.filter(code="W09").exists()
    staff_client.post(
        "/admin/gazetteer_addresses/new/",
        {
            "uprn": "777",
            "line_1": "1 New Road",
            "town": "Borchester",
            "postcode": "bc12ab",
            "latitude": "52.11",
            "longitude": "-2.29",
            "property_type": "residential",
        },
    )
    assert Address.objects.get(uprn=777).postcode == "BC1 2AB"
