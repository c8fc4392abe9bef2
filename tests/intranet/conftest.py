import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management.color import no_style

from services.staff.operations import current_totp_code

INTRANET_HOST = "intranet.localhost"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Documents and images the tests make go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def intranet(db, demo_pages):
    """The demo intranet (news, policies with documents, an image, events, and the
    directory of the demo staff) beside the demo public site."""
    from intranet import demo
    from intranet.models import IntranetHomePage
    from services.staff import demo as staff_demo

    staff_demo.load(stdout=io.StringIO(), style=no_style())
    demo.load(stdout=io.StringIO(), style=no_style())
    return IntranetHomePage.objects.get()


@pytest.fixture
def resident(db):
    """A resident's account: signed in, but not staff."""
    return get_user_model().objects.create_user(
        username="resident", email="resident@example.com", password="a long resident password"
    )


def verify_second_factor(client, user):
    client.force_login(user)
    response = client.post("/admin/2fa/", {"code": current_totp_code(user.totp_device)})
    assert response.status_code == 302
    return client
