"""Creating an account, confirming the address, signing in and out, resetting the
password and changing the email address, as a resident's browser does without JavaScript."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from services.accounts.models import AccountToken, ResidentProfile
from tests.services.accounts.conftest import PASSWORD, link_from_last_email, make_case, make_resident

pytestmark = pytest.mark.django_db
User = get_user_model()


def sign_up(client, email="new@example.org", password=PASSWORD):
    return client.post("/account/create/", {"name": "Nia New", "email": email, "password": password})


def test_sign_up_confirms_the_address_then_links_earlier_requests(client):
    earlier = make_case("New@Example.org")
    response = sign_up(client)
    assert response.status_code == 302 and response["Location"] == "/account/check-your-email/"
    assert "If the address you gave can be used" in client.get(response["Location"]).content.decode()
    assert mail.outbox[-1].to == ["new@example.org"] and "Confirm your email" in mail.outbox[-1].subject
    link = link_from_last_email()
    assert "new@example.org" not in link

    # Not confirmed yet: a correct password still does not sign in.
    page = client.post("/account/sign-in/", {"email": "new@example.org", "password": PASSWORD})
    assert "Confirm your email address first" in page.content.decode()
    assert "_auth_user_id" not in client.session

    assert "Confirm email address" in client.get(link).content.decode()
    response = client.post(link)
    assert response["Location"] == "/account/sign-in/"
    client.post("/account/sign-in/", {"email": "NEW@example.org ", "password": PASSWORD})
    requests = client.get("/account/requests/").content.decode()
    assert earlier.reference in requests


def test_sign_up_never_reveals_a_registered_address(client, resident):
    users = User.objects.count()
    response = sign_up(client, email=resident.email)
    assert response["Location"] == "/account/check-your-email/"
    assert User.objects.count() == users
    assert mail.outbox[-1].to == [resident.email] and "already have an account" in mail.outbox[-1].subject
    assert not User.objects.get(pk=resident.pk).check_password(PASSWORD + "x")  # password unchanged
    assert User.objects.get(pk=resident.pk).check_password(PASSWORD)


def test_short_and_common_passwords_are_refused(client):
    page = sign_up(client, password="short pass").content.decode()
    assert "This password is too short" in page and "Error:" in page
    assert 'value="short pass"' not in page
    assert "too common" in sign_up(client, password="password1234").content.decode()
    assert not User.objects.filter(email="new@example.org").exists()


def test_used_and_expired_confirmation_links_say_so_and_offer_a_new_one(client):
    sign_up(client)
    link = link_from_last_email()
    client.post(link)
    used = client.get(link)
    assert used.status_code == 410
    page = used.content.decode()
    assert "This link has already been used" in page and 'href="/account/confirm-email-again/"' in page

    sign_up(client, email="late@example.org")
    late_link = link_from_last_email()
    AccountToken.objects.filter(user__email="late@example.org").update(expires_at=timezone.now() - timedelta(minutes=1))
    expired = client.get(late_link)
    assert expired.status_code == 410 and "This link has expired" in expired.content.decode()
    assert client.post(late_link).status_code == 410
    assert not ResidentProfile.objects.get(user__email="late@example.org").verified

    client.post("/account/confirm-email-again/", {"email": "late@example.org"})
    client.post(link_from_last_email())
    assert ResidentProfile.objects.get(user__email="late@example.org").verified
    assert client.get("/account/confirm-email/not-a-token/").status_code == 404


def test_wrong_details_never_reveal_whether_an_address_is_registered(client, resident):
    wrong_password = client.post("/account/sign-in/", {"email": resident.email, "password": "not the password!"})
    unknown = client.post("/account/sign-in/", {"email": "nobody@example.org", "password": "not the password!"})
    for response in (wrong_password, unknown):
        assert response.status_code == 200
        assert "Enter a correct email address and password" in response.content.decode()

    def page(response, email):
        return re.sub(r'(value|nonce)="[^"]*"', "", response.content.decode().replace(email, "X"))

    assert page(wrong_password, resident.email) == page(unknown, "nobody@example.org")


def test_staff_cannot_sign_in_as_residents(client, staff_user):
    page = client.post("/account/sign-in/", {"email": staff_user.email, "password": "correct horse battery staple"})
    assert "Enter a correct email address and password" in page.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_in_rotates_the_session_key_and_pages_are_never_cached(client, resident):
    client.get("/account/sign-in/")
    client.session["x"] = 1
    before = client.cookies["csrftoken"].value and client.session.session_key
    response = client.post("/account/sign-in/", {"email": resident.email, "password": PASSWORD, "next": "/account/"})
    assert response["Location"] == "/account/"
    assert client.session.session_key != before
    page = client.get("/account/")
    assert page.status_code == 200
    cache_control = page["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control
    assert "Bookings" in page.content.decode() and "Payments" in page.content.decode()


def test_sign_in_refuses_to_send_residents_elsewhere(client, resident):
    response = client.post(
        "/account/sign-in/", {"email": resident.email, "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/account/"


def test_sign_in_is_throttled_per_address_even_for_unknown_ones(client, resident, settings):
    for email in (resident.email, "nobody@example.org"):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            client.post("/account/sign-in/", {"email": email, "password": "wrong password here"})
        locked = client.post("/account/sign-in/", {"email": email, "password": PASSWORD})
        assert locked.status_code == 429
        assert "Too many attempts to sign in" in locked.content.decode()
        assert "/account/forgot-password/" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_signed_out_visitors_are_sent_to_sign_in_and_sign_out_needs_a_post(signed_in):
    assert signed_in.get("/account/sign-out/").status_code == 200
    assert "_auth_user_id" in signed_in.session
    signed_in.post("/account/sign-out/")
    response = signed_in.get("/account/requests/")
    assert response["Location"] == "/account/sign-in/?next=%2Faccount%2Frequests%2F"


def test_password_reset_works_once_and_ends_other_sessions(client, resident):
    other_browser = client.__class__()
    other_browser.force_login(resident)
    assert other_browser.get("/account/").status_code == 200

    unknown = client.post("/account/forgot-password/", {"email": "nobody@example.org"})
    assert unknown["Location"] == "/account/check-your-email/" and len(mail.outbox) == 0
    known = client.post("/account/forgot-password/", {"email": resident.email.upper()})
    assert known["Location"] == unknown["Location"] and len(mail.outbox) == 1
    link = link_from_last_email()
    assert "Choose a new password" in client.get(link).content.decode()
    assert "too short" in client.post(link, {"password": "tiny"}).content.decode()
    response = client.post(link, {"password": "a brand new long password"})
    assert response["Location"] == "/account/sign-in/"
    assert User.objects.get(pk=resident.pk).check_password("a brand new long password")
    assert "This link has already been used" in client.get(link).content.decode()
    assert other_browser.get("/account/").status_code == 302


def test_changing_email_waits_for_the_new_address_to_be_confirmed(signed_in, resident):
    response = signed_in.post("/account/details/email/", {"email": "rita.new@example.org", "password": PASSWORD})
    assert "Check your email" in response.content.decode()
    assert User.objects.get(pk=resident.pk).email == "rita@example.org"
    assert mail.outbox[-1].to == ["rita.new@example.org"]
    link = link_from_last_email()
    signed_in.post(link)
    user = User.objects.get(pk=resident.pk)
    assert user.email == "rita.new@example.org"
    assert mail.outbox[-1].to == ["rita@example.org"] and "changed" in mail.outbox[-1].subject
    assert signed_in.get(link).status_code == 410


def test_changing_email_to_someone_elses_address_tells_only_its_owner(signed_in, resident):
    other = make_resident("other@example.org")
    page = signed_in.post("/account/details/email/", {"email": other.email, "password": PASSWORD}).content.decode()
    assert "Check your email" in page
    assert mail.outbox[-1].to == [other.email] and "Nothing has changed" in mail.outbox[-1].body
    assert User.objects.get(pk=resident.pk).email == "rita@example.org"


def test_changing_password_keeps_this_session_and_ends_the_others(signed_in, client, resident):
    other_browser = client.__class__()
    other_browser.force_login(resident)
    response = signed_in.post(
        "/account/details/password/", {"current_password": PASSWORD, "password": "another long password"}
    )
    assert response["Location"] == "/account/"
    assert signed_in.get("/account/").status_code == 200
    assert other_browser.get("/account/").status_code == 302
