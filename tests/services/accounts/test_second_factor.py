"""The optional second factor for residents."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from services.staff.operations import current_totp_code
from tests.services.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_a_resident_turns_on_two_step_sign_in_and_then_needs_a_code(client, signed_in, resident):
    page = signed_in.get("/account/security/set-up/").content.decode()
    assert "data:image/svg+xml;base64," in page
    device = TOTPDevice.objects.get(user=resident, confirmed=False)
    assert "not right" in signed_in.post("/account/security/set-up/", {"code": "000000"}).content.decode() or (
        current_totp_code(device) == "000000"
    )
    # django-otp makes each wrong code wait a little longer; the resident waits.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    response = signed_in.post("/account/security/set-up/", {"code": current_totp_code(device)})
    assert response["Location"] == "/account/security/"
    assert "On" in signed_in.get("/account/security/").content.decode()
    signed_in.post("/account/sign-out/")

    response = client.post("/account/sign-in/", {"email": resident.email, "password": PASSWORD})
    assert response["Location"] == "/account/sign-in/security-code/"
    assert "_auth_user_id" not in client.session
    assert client.get("/account/").status_code == 302
    wrong = "111111" if current_totp_code(device) != "111111" else "222222"
    assert "The security code is not right" in client.post(response["Location"], {"code": wrong}).content.decode()
    # Later on (a code is never accepted twice, and wrong ones slow the next try).
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=0, throttling_failure_timestamp=None, last_t=-1
    )
    response = client.post("/account/sign-in/security-code/", {"code": current_totp_code(device)})
    assert response["Location"] == "/account/"
    assert client.get("/account/").status_code == 200


def test_the_code_page_needs_a_password_first(client):
    assert client.get("/account/sign-in/security-code/")["Location"] == "/account/sign-in/"


def test_turning_it_off_needs_the_password(signed_in, resident):
    TOTPDevice.objects.create(user=resident, name="x", confirmed=True)
    signed_in.post("/account/security/turn-off/", {"password": "wrong password!!"})
    assert TOTPDevice.objects.filter(user=resident).exists()
    signed_in.post("/account/security/turn-off/", {"password": PASSWORD})
    assert not TOTPDevice.objects.filter(user=resident).exists()
