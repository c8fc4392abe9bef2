import pytest

from services.staff.operations import current_totp_code
from tests.browser.conftest import assert_accessible
from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def _sign_in_with_password(page, username):
    page.goto("/admin/")
    assert "/admin/login/" in page.url
    assert_accessible(page)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_staff_sign_in_needs_a_security_code_before_the_dashboard(page, staff_user, demo_pages):
    _sign_in_with_password(page, staff_user.username)

    # The password alone leads to the security code page, not the admin.
    page.wait_for_url("**/admin/2fa/**")
    assert page.get_by_role("heading", level=1).inner_text() == "Enter your security code"
    assert_accessible(page)

    page.get_by_label("Security code").fill(
        "000000" if current_totp_code(staff_user.totp_device) != "000000" else "111111"
    )
    page.get_by_role("button", name="Continue").click()
    assert page.get_by_role("link", name="The security code is not right").is_visible()
    assert_accessible(page)

    page.wait_for_timeout(1100)  # each wrong code makes the next wait a little longer
    page.get_by_label("Security code").fill(current_totp_code(staff_user.totp_device))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/admin/")
    assert page.get_by_role("heading", level=1).first.is_visible()
    assert "Dashboard" in page.title()
    assert_accessible(page)

    # The page editor works under the Content Security Policy: nothing blocked, and the
    # date-time picker on the go-live field starts.
    from home.models import HomePage

    home = HomePage.objects.get()
    page.goto(f"/admin/pages/{home.pk}/edit/")
    page.wait_for_load_state("networkidle")
    assert page.csp_violations == []
    page.locator("[data-side-panel-toggle='status']").click()
    page.get_by_role("button", name="Set schedule").click()
    page.locator("#id_go_live_at").click()
    page.locator(".xdsoft_datetimepicker:visible").first.wait_for()


def test_first_sign_in_enrols_an_authenticator_and_shows_backup_codes_once(page, new_staff_user):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    _sign_in_with_password(page, new_staff_user.username)
    page.wait_for_url("**/admin/2fa/set-up/**")
    assert page.get_by_role("heading", level=1).inner_text() == "Set up your authenticator app"
    assert page.get_by_role("img", name="QR code for setting up your authenticator app").is_visible()
    assert_accessible(page)

    device = TOTPDevice.objects.get(user=new_staff_user, confirmed=False)
    page.get_by_label("Security code").fill(current_totp_code(device))
    page.get_by_role("button", name="Continue").click()

    page.wait_for_url("**/admin/2fa/backup-codes/**")
    codes = page.get_by_role("list", name="Backup codes").get_by_role("listitem").all_inner_texts()
    assert len(codes) == 10
    assert_accessible(page)
    page.get_by_role("link", name="I have stored my codes, continue").click()
    page.wait_for_url("**/admin/")

    # Shown once: coming back does not show the same codes again.
    page.goto("/admin/2fa/backup-codes/")
    assert codes[0] not in page.content()
