import pytest
from django.urls import reverse

from services.staff.operations import current_totp_code


@pytest.fixture
def admin_client(client, staff_user):
    """A Django test client signed in to the admin with a verified second factor."""
    client.force_login(staff_user)
    client.post(reverse("staff:verify"), {"code": current_totp_code(staff_user.totp_device)})
    return client
