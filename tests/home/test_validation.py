"""Bad input cannot be published, and the editor sees why next to the field."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from home.blocks import BodyBlock, LinkBlock, VideoBlock
from home.models import AlertBanner, EventIndexPage, EventPage, NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db


def _event_form(index, **overrides):
    start = timezone.localtime() + datetime.timedelta(days=3)
    data = {
        "title": "Carol concert",
        "slug": "carol-concert",
        "summary": "Carols in the square.",
        "start": start.strftime("%Y-%m-%d %H:%M"),
        "end": (start - datetime.timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"),
        "location": "Market Square, Borchester",
        "cost": "Free",
        "booking_url": "",
        "category": "",
        "body-count": "0",
        "review_by": (timezone.localdate() + datetime.timedelta(days=365)).isoformat(),
        "owner": "",
        "seo_title": "",
        "search_description": "",
        "action-publish": "action-publish",
    }
    data.update(overrides)
    return data


def test_an_event_ending_before_it_starts_cannot_be_published(admin_client, demo_pages):
    index = EventIndexPage.objects.get()
    response = admin_client.post(f"/admin/pages/add/home/eventpage/{index.pk}/", _event_form(index))
    assert response.status_code == 200
    html = response.content.decode()
    assert "The end must be the same as or after the start" in html
    # Shown with the "end" field, not only at the top of the form.
    field = html.split('id="id_end"')[0].rsplit("data-field-wrapper", 1)[-1] + html.split('id="id_end"')[1][:2000]
    assert "The end must be the same as or after the start" in field
    assert not EventPage.objects.filter(slug="carol-concert").exists()


def test_event_model_refuses_end_before_start():
    start = timezone.now()
    event = EventPage(
        title="x", slug="x", summary="x", location="x", start=start, end=start - datetime.timedelta(minutes=1)
    )
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "end" in error.value.message_dict


def test_an_alert_ending_before_it_starts_is_refused_next_to_the_end_field(admin_client):
    now = timezone.localtime()
    response = admin_client.post(
        "/admin/snippets/home/alertbanner/add/",
        {
            "title": "Flooding on the A38",
            "message": '{"blocks": [], "entityMap": {}}',
            "level": "important",
            "section": "",
            "starts_at": now.strftime("%Y-%m-%d %H:%M"),
            "ends_at": (now - datetime.timedelta(days=1)).strftime("%Y-%m-%d %H:%M"),
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "The end must be after the start" in html
    assert not AlertBanner.objects.filter(title="Flooding on the A38").exists()


def test_an_image_block_without_alt_text_is_refused_on_the_alt_text_field():
    image = get_image_model().objects.create(title="Bins", file=get_test_image_file())
    block = BodyBlock()
    value = block.to_python(
        [{"type": "image", "value": {"image": {"image": image.pk, "decorative": False, "alt_text": ""}, "caption": ""}}]
    )
    with pytest.raises(ValidationError) as error:
        block.clean(value)
    figure_error = error.value.block_errors[0]
    assert isinstance(figure_error, StructBlockValidationError)
    assert "alt_text" in figure_error.block_errors["image"].block_errors

    fine = block.to_python(
        [
            {
                "type": "image",
                "value": {
                    "image": {"image": image.pk, "decorative": False, "alt_text": "Two wheelie bins"},
                    "caption": "",
                },
            }
        ]
    )
    block.clean(fine)
    decorative = block.to_python(
        [{"type": "image", "value": {"image": {"image": image.pk, "decorative": True, "alt_text": ""}, "caption": ""}}]
    )
    block.clean(decorative)


def test_a_news_image_without_a_description_cannot_be_published(demo_pages):
    image = get_image_model().objects.create(title="Untitled photo", file=get_test_image_file(), description="")
    story = NewsPage(title="New park", slug="new-park", summary="A new park opens.", image=image)
    NewsIndexPage.objects.get().add_child(instance=NewsPage(title="Placeholder", slug="placeholder", summary="x"))
    with pytest.raises(ValidationError) as error:
        story.clean()
    assert "image" in error.value.message_dict


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,hi", "vbscript:x"])
def test_links_refuse_script_addresses(url):
    with pytest.raises(ValidationError):
        LinkBlock().clean(LinkBlock().to_python({"text": "Click", "page": None, "url": url}))


def test_video_needs_a_youtube_or_vimeo_link_and_renders_without_tracking_cookies():
    block = VideoBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"title": "x", "url": "https://evil.example/v", "transcript": "<p>x</p>"}))
    value = block.to_python(
        {"title": "How to recycle", "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "transcript": "<p>Hello</p>"}
    )
    html = block.render(block.clean(value))
    assert 'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in html
    assert 'title="How to recycle"' in html
    assert "Transcript" in html


def test_editor_text_is_escaped_in_alerts_and_headings(client, demo_pages):
    AlertBanner.objects.create(
        title='<script>alert("x")</script>', message='<p><a href="javascript:alert(1)">x</a></p>'
    )
    html = client.get("/parking/").content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html
    assert 'href="javascript:' not in html
