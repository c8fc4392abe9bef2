"""Forms embedded in pages: the shared e-form block and the service start page."""

import pytest
from wagtail.models import Site

from home.models import InformationPage
from services.forms.models import ServicePage
from tests.services.forms.conftest import make_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(demo_pages):
    return Site.objects.get(is_default_site=True).root_page.specific


def test_service_page_is_a_start_page_with_other_ways_to_apply(client, home, fly_tip_form):
    page = ServicePage(
        title="Report fly-tipping",
        slug="report-fly-tipping",
        summary="Tell us about rubbish dumped on public land.",
        form=fly_tip_form,
        other_ways="<p>Call 01632 960 000.</p>",
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    html = client.get("/report-fly-tipping/").content.decode()
    assert 'href="/forms/report-a-fly-tip/" role="button"' in html
    assert "govuk-button--start" in html
    assert "Other ways to apply" in html and "01632 960 000" in html


def test_any_page_can_embed_a_published_form_but_never_a_draft(client, home, fly_tip_form):
    draft = make_form(slug="draft-form", title="Draft form", publish=False)
    page = InformationPage(title="Street care", slug="street-care")
    page.body = [
        ("paragraph", "<p>Keep our streets clean.</p>"),
        ("eform", {"form": fly_tip_form, "start_button_text": "Report it"}),
        ("eform", {"form": draft, "start_button_text": "Never shown"}),
    ]
    home.add_child(instance=page)
    page.save_revision().publish()
    html = client.get("/street-care/").content.decode()
    assert 'href="/forms/report-a-fly-tip/"' in html and "Report it" in html
    assert "Never shown" not in html and "/forms/draft-form/" not in html


def test_editor_text_is_escaped(client, home):
    form = make_form(slug="xss", title="<script>alert(1)</script>", introduction="<img src=x onerror=alert(1)>")
    page = ServicePage(title="Escaping", slug="escaping", form=form)
    home.add_child(instance=page)
    page.save_revision().publish()
    html = client.get("/escaping/").content.decode()
    assert "<img src=x" not in html
    client.get("/forms/xss/")
    html = client.get("/forms/xss/step/1/").content.decode()
    assert "<script>alert(1)</script>" not in html
