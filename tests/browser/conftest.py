"""Real-browser tests: Debian's Chromium driven by Playwright, with axe-core.

No browser is downloaded: Playwright launches /usr/bin/chromium (``make test``
installs it when missing). axe-core comes from node_modules and is evaluated in
the page, because the Content Security Policy rightly blocks injected script tags.
"""

import os
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_SOURCE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _browser_tests_start_from_the_migrated_database(restore_migrated_data):
    """Browser tests share the database with the live server thread, so they run
    in real transactions and the database is flushed after each one."""


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is not installed at {CHROMIUM}: run `make test`, which installs it.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.csp_violations = []
    page.on("console", lambda message: _record_csp_violation(page, message))
    yield page
    context.close()


@pytest.fixture
def no_js_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _record_csp_violation(page, message):
    if message.type == "error" and "Content Security Policy" in message.text:
        page.csp_violations.append(message.text)


def axe_violations(page) -> list[dict]:
    page.evaluate(AXE_SOURCE.read_text())
    results = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return results["violations"]


def assert_accessible(page):
    """Fail on any WCAG 2.x A or AA violation axe-core finds, listing each one."""
    violations = axe_violations(page)
    report = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {', '.join(n['target'][0] for n in v['nodes'][:5])}"
        for v in violations
    )
    assert not violations, f"axe found accessibility problems on {page.url}:\n{report}"


def staff_sign_in(page, user, *, totp_device=None):
    """Sign a member of staff in through the password and security-code pages, as they
    would; ``user.totp_device`` (from the staff fixtures) gives the code."""
    from services.staff.operations import current_totp_code
    from tests.conftest import STAFF_PASSWORD

    page.goto("/admin/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/2fa/**")
    page.get_by_label("Security code").fill(current_totp_code(totp_device or user.totp_device))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/admin/")
