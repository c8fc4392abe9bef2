from django.urls import reverse

from services.staff.operations import current_totp_code
from tests.conftest import STAFF_PASSWORD


def _password_only_session(client, user):
    client.force_login(user)
    return client


def test_admin_sends_a_password_only_session_to_verification(client, staff_user):
    _password_only_session(client, staff_user)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("staff:verify"))
    assert "next=%2Fadmin%2Fpages%2F" in response["Location"]


def test_staff_without_an_authenticator_are_sent_to_set_one_up(client, new_staff_user):
    _password_only_session(client, new_staff_user)
    response = client.get("/admin/")
    assert response["Location"].startswith(reverse("staff:setup"))


def test_a_correct_code_opens_the_admin_and_returns_to_the_page_asked_for(client, staff_user):
    _password_only_session(client, staff_user)
    code = current_totp_code(staff_user.totp_device)
    response = client.post(reverse("staff:verify"), {"code": code, "next": "/admin/pages/"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_is_refused_with_a_message_and_keeps_the_session_unverified(client, staff_user):
    _password_only_session(client, staff_user)
    wrong = "123456" if current_totp_code(staff_user.totp_device) != "123456" else "654321"
    response = client.post(reverse("staff:verify"), {"code": wrong})
    assert response.status_code == 200
    assert "The security code is not right" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_verification_refuses_an_outside_next_address(client, staff_user):
    _password_only_session(client, staff_user)
    code = current_totp_code(staff_user.totp_device)
    response = client.post(reverse("staff:verify"), {"code": code, "next": "https://evil.example/"})
    assert response["Location"] == "/admin/"


def test_backup_codes_work_once_each(client, staff_user):
    code = staff_user.backup_codes[0]
    _password_only_session(client, staff_user)
    assert client.post(reverse("staff:verify"), {"code": code})["Location"] == "/admin/"

    client.logout()
    _password_only_session(client, staff_user)
    response = client.post(reverse("staff:verify"), {"code": code})
    assert response.status_code == 200
    assert client.get("/admin/").status_code == 302


def test_ten_wrong_codes_stop_verification_even_for_the_right_code(client, staff_user, settings):
    from freezegun import freeze_time

    with freeze_time("2026-11-23 09:00:00") as clock:
        _password_only_session(client, staff_user)
        for attempt in range(settings.STAFF_OTP_FAILURE_LIMIT):
            clock.tick(2**attempt + 1)  # just past the wait that doubles after each wrong code
            _password_only_session(client, staff_user)
            response = client.post(reverse("staff:verify"), {"code": "000000x"})
        assert response.status_code == 429
        assert "Too many wrong security codes" in response.content.decode()

        clock.tick(5 * 60)
        _password_only_session(client, staff_user)
        response = client.post(reverse("staff:verify"), {"code": current_totp_code(staff_user.totp_device)})
        assert response.status_code == 429
        assert client.get("/admin/").status_code == 302


def test_enrolment_cannot_replace_an_existing_authenticator(client, staff_user):
    _password_only_session(client, staff_user)
    response = client.get(reverse("staff:setup"))
    assert response["Location"] == reverse("staff:verify")


def test_failed_sign_ins_lock_a_username_from_one_address_only(client, staff_user, settings):
    login = reverse("wagtailadmin_login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(login, {"username": staff_user.username, "password": "wrong password"}, REMOTE_ADDR="203.0.113.9")
    locked = client.post(
        login, {"username": staff_user.username, "password": STAFF_PASSWORD}, REMOTE_ADDR="203.0.113.9"
    )
    assert locked.status_code == 429
    assert "Too many attempts to sign in" in locked.content.decode()

    # The member of staff, at their own desk, can still sign in.
    from django.test import Client

    own_desk = Client()
    response = own_desk.post(
        login, {"username": staff_user.username, "password": STAFF_PASSWORD}, REMOTE_ADDR="192.0.2.10"
    )
    assert response.status_code == 302


def test_staff_sessions_end_after_thirty_idle_minutes(client, staff_user, settings):
    from freezegun import freeze_time

    with freeze_time("2026-11-23 09:00:00") as clock:
        _password_only_session(client, staff_user)
        client.post(reverse("staff:verify"), {"code": current_totp_code(staff_user.totp_device)})
        assert client.get("/admin/").status_code == 200
        clock.tick(29 * 60)
        assert client.get("/admin/").status_code == 200
        clock.tick(31 * 60)
        response = client.get("/admin/")
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_staff_sessions_end_after_twelve_hours_however_busy(client, staff_user):
    from freezegun import freeze_time

    with freeze_time("2026-11-23 08:00:00") as clock:
        _password_only_session(client, staff_user)
        client.post(reverse("staff:verify"), {"code": current_totp_code(staff_user.totp_device)})
        for _ in range(12 * 4):
            clock.tick(15 * 60)
            client.get("/admin/")
        clock.tick(60)
        assert client.get("/admin/")["Location"].startswith(reverse("wagtailadmin_login"))


def test_a_code_straight_after_a_wrong_one_is_asked_to_wait(client, staff_user):
    _password_only_session(client, staff_user)
    client.post(reverse("staff:verify"), {"code": "999999x"})
    response = client.post(reverse("staff:verify"), {"code": current_totp_code(staff_user.totp_device)})
    assert "Wait a few seconds" in response.content.decode()
