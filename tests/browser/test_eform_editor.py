"""A web editor builds a form with a conditional question in the Wagtail admin,
publishes it on a service page, and residents complete it with and without
JavaScript; axe finds nothing on any step a resident sees."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from home.models import ServiceCategoryPage
from services.cases.models import Case, CaseType
from services.forms.models import EForm, ServicePage
from services.staff.operations import staff_second_factor_provision
from tests.browser.conftest import assert_accessible, staff_sign_in
from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

WHERE = "Where is the dog fouling?"
REWORDED = "Where did you see the dog fouling?"
EXACTLY = "Tell us where it is"
WHEN = "When did you see it?"


@pytest.fixture
def web_editor(demo_pages, settings):
    """A web editor who may publish (the Moderators group), with an authenticator."""
    settings.EFORM_MIN_FILL_SECONDS = 0
    user = get_user_model().objects.create_user(
        username="wendy", email="wendy@council.example", password=STAFF_PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name="Moderators"))
    user.totp_device, _ = staff_second_factor_provision(user=user)
    CaseType.objects.create(name="Dog fouling", sla_working_days=3, team_name="Street cleansing")
    CaseType.objects.create(name="Abandoned vehicle", sla_working_days=10, team_name="Parking")
    return user


def _add_step(page, number, title):
    """Add a step at the end of the form; ``number`` counts from 0."""
    page.locator("button[title='Insert a block']").last.click()
    page.locator(f"#questions-{number}-value-title").fill(title)


def _add_question(page, step, number, kind):
    """Add a question of ``kind`` (as the block menu names it) at the end of a step;
    returns the prefix of its inputs."""
    questions = page.locator(
        f"[data-contentpath='questions']:has(> div > input[name='questions-{step}-value-questions-count'])"
    )
    option = page.get_by_role("option", name=kind, exact=True)
    for _ in range(3):  # a step added a moment ago may still be starting its block menu
        questions.locator("button[title='Insert a block']").last.click()
        try:
            option.wait_for(state="visible", timeout=5000)
            break
        except PlaywrightTimeoutError:
            continue
    option.click()
    prefix = f"questions-{step}-value-questions-{number}-value"
    page.locator(f"#{prefix}-label").wait_for()
    return prefix


def _expand(page, toggle, field):
    """Open a collapsed group ("Only show when"): a block added a moment ago may not yet
    be listening to its toggle, so click again until the field inside shows."""
    for _ in range(3):
        if page.locator(field).is_visible():
            return
        page.locator(toggle).click()
        try:
            page.locator(field).wait_for(state="visible", timeout=5000)
            return
        except PlaywrightTimeoutError:
            continue


def _publish(page):
    footer = page.get_by_role("navigation", name="Actions (footer)")
    footer.get_by_role("button", name="More actions").click()
    footer.get_by_role("button", name="Publish", exact=True).click()


def _build_form(page):
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="E-forms").click()
    page.get_by_role("link", name=re.compile("Add e-form")).first.click()
    page.locator("#id_title").fill("Report dog fouling")
    page.locator("#id_slug").fill("report-dog-fouling")

    _add_step(page, 0, "Where it is")
    where = _add_question(page, 0, 0, "Radios (choose one)")
    page.locator(f"#{where}-label").fill(WHERE)
    page.locator(f"#{where}-options").fill("On a pavement\nIn a park\nSomewhere else")

    _add_step(page, 1, "The place")
    exactly = _add_question(page, 1, 0, "Short text")
    page.locator(f"#{exactly}-label").fill(EXACTLY)
    page.locator(f"#{exactly}-hint").fill("For example, the street and the nearest house number.")
    _expand(page, f"[aria-controls='block_group-{exactly}-condition-content']", f"#{exactly}-condition-question")
    page.locator(f"#{exactly}-condition-question").fill(WHERE)
    page.locator(f"#{exactly}-condition-values").fill("Somewhere else")

    _add_step(page, 2, "When")
    when = _add_question(page, 2, 0, "Date")
    page.locator(f"#{when}-label").fill(WHEN)
    page.locator(f"#{when}-allowed").select_option(label="Today or earlier")

    page.get_by_role("tab", name="Settings").click()
    page.locator("#id_case_type").select_option(label="Dog fouling")
    page.locator("#id_allow_anonymous").check()
    page.locator("#id_contact_details").select_option(label="Do not ask")
    _publish(page)
    page.get_by_text(re.compile("E-form 'Report dog fouling' .*published")).wait_for()


def _reword_the_question_a_condition_names(page):
    """Reopened, the condition shows the question's wording, not its stored id; when
    the editor rewords that question, the condition follows."""
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="E-forms").click()
    page.get_by_role("link", name="Report dog fouling").first.click()
    where_label = page.locator("#questions-0-value-questions-0-value-label")
    condition = page.locator("#questions-1-value-questions-0-value-condition-question")
    assert condition.input_value() == WHERE
    where_label.fill(REWORDED)
    where_label.press("Tab")
    assert condition.input_value() == REWORDED
    _publish(page)
    page.get_by_text(re.compile("E-form 'Report dog fouling' .*published")).wait_for()


def _publish_on_a_service_page(page):
    rubbish = ServiceCategoryPage.objects.get(slug="rubbish-and-recycling")
    page.goto(f"/admin/pages/{rubbish.pk}/add_subpage/")
    page.get_by_role("link", name="Service page", exact=True).click()
    page.locator("#id_title").fill("Report dog fouling")
    page.locator("#id_summary").fill("Tell us where dogs have fouled a public place.")
    page.get_by_role("button", name="Choose e-form").click()
    page.get_by_role("dialog").get_by_role("link", name="Report dog fouling").click()
    page.get_by_role("dialog").wait_for(state="hidden")
    _publish(page)
    page.get_by_text(re.compile("Page 'Report dog fouling' .*published")).wait_for()


def _complete(page, *, check):
    """A resident reports dog fouling; the question about the place is asked only
    when they say it is somewhere else."""
    page.goto("/rubbish-and-recycling/report-dog-fouling/")
    check(page)
    page.get_by_role("button", name="Start now").click()

    page.wait_for_url("**/step/1/")
    check(page)
    assert page.get_by_role("heading", level=1).inner_text() == REWORDED
    page.get_by_label("On a pavement").check()
    page.get_by_role("button", name="Continue").click()
    # Not somewhere else: the place question is skipped.
    page.wait_for_url("**/step/3/")
    assert page.get_by_role("heading", level=1).inner_text() == WHEN
    assert page.get_by_label(EXACTLY).count() == 0
    page.get_by_role("link", name="Back", exact=True).click()

    page.wait_for_url("**/step/1/")
    page.get_by_label("Somewhere else").check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/step/2/")
    check(page)
    page.get_by_label(EXACTLY).fill("The footpath behind the library")
    page.get_by_role("button", name="Continue").click()

    page.wait_for_url("**/step/3/")
    check(page)
    page.get_by_label("Day").fill("12")
    page.get_by_label("Month").fill("11")
    page.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Continue").click()

    page.wait_for_url("**/check-your-answers/")
    check(page)
    answers = "\n".join(page.locator(".govuk-summary-list").all_inner_texts())
    assert "Somewhere else" in answers and "The footpath behind the library" in answers
    assert "12 November 2026" in answers
    page.get_by_role("button", name="Accept and send").click()

    page.wait_for_url("**/confirmation/")
    check(page)
    reference = page.locator(".govuk-panel__body strong").inner_text()
    case = Case.objects.get(reference=reference)
    assert case.case_type.name == "Dog fouling"
    assert case.customer is None  # anonymous: contact details were not asked
    assert sorted(case.answers.values()) == sorted(["Somewhere else", "The footpath behind the library", "2026-11-12"])
    page.locator("#tracking-link").click()
    assert page.get_by_role("heading", level=1).inner_text() == f"Reference {reference}"
    check(page)
    return case


def test_editor_builds_a_conditional_form_and_residents_complete_it(browser, live_server, web_editor):
    context = browser.new_context(base_url=live_server.url)
    editor = context.new_page()
    editor.set_default_timeout(20_000)
    staff_sign_in(editor, web_editor)
    _build_form(editor)
    _reword_the_question_a_condition_names(editor)
    _publish_on_a_service_page(editor)
    context.close()

    form = EForm.objects.get(slug="report-dog-fouling")
    assert form.live and form.case_type.name == "Dog fouling" and form.allow_anonymous
    radios, place, _ = form.definition.questions
    assert radios.label == REWORDED and place.condition.question_id == radios.id
    assert place.condition.values == ("Somewhere else",)
    assert ServicePage.objects.live().get(slug="report-dog-fouling").form == form

    resident = browser.new_context(base_url=live_server.url).new_page()
    resident.csp_violations = []
    resident.on("console", lambda m: "Content Security Policy" in m.text and resident.csp_violations.append(m.text))
    _complete(resident, check=assert_accessible)
    assert resident.csp_violations == []

    without_js = browser.new_context(base_url=live_server.url, java_script_enabled=False).new_page()
    # axe-core cannot run where scripts are off; the same pages were checked above.
    _complete(without_js, check=lambda page: None)
    assert Case.objects.filter(case_type__name="Dog fouling").count() == 2
