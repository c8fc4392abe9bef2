"""What staff see on the intranet, and where intranet page types may be created."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from home.models import HomePage, InformationPage
from intranet.models import (
    INTRANET_PAGE_TYPES,
    IntranetHomePage,
    IntranetPage,
    PolicyIndexPage,
    PolicyPage,
    StaffDirectoryPage,
    StaffNewsIndexPage,
    StaffNewsPage,
    StaffProfile,
)
from services.staff.operations import staff_second_factor_provision
from tests.intranet.conftest import INTRANET_HOST, verify_second_factor


@pytest.fixture
def staff_client(client, intranet, staff_user):
    return verify_second_factor(client, staff_user)


def _get(client, path):
    response = client.get(path, HTTP_HOST=INTRANET_HOST)
    assert response.status_code == 200, path
    return response.content.decode()


def test_intranet_page_types_live_only_in_the_intranet_and_public_ones_only_outside(intranet):
    public_home = HomePage.objects.get()
    for model in INTRANET_PAGE_TYPES:
        assert not model.can_create_at(public_home), model
    for model in (HomePage, InformationPage):
        assert not model.can_create_at(intranet), model
    for page in intranet.get_descendants().specific():
        for model in (HomePage, InformationPage):
            assert not model.can_create_at(page), (model, page)
    assert IntranetPage.can_create_at(intranet)
    assert not IntranetHomePage.can_create_at(intranet.get_parent())  # only one intranet


def test_the_home_page_shows_news_quick_links_and_is_plainly_the_intranet(staff_client):
    html = _get(staff_client, "/")
    assert "Staff intranet" in html
    assert "The new contact centre system goes live in spring" in html
    assert "Quick links" in html and "Find a colleague" in html
    assert 'class="govuk-template__body intranet"' in html
    assert "govuk-cookie-banner" not in html
    assert 'name="robots" content="noindex, nofollow"' in html
    # The cases app is not installed yet: no empty queue panel.
    assert "Your team&#x27;s queues" not in html and "Your team's queues" not in html


def test_news_and_its_image_come_through_the_checked_image_view(staff_client):
    news = StaffNewsPage.objects.get(slug="new-contact-centre-system")
    html = _get(staff_client, news.get_url_parts()[2])
    assert f"/_intranet/images/{news.image.pk}/fill-640x360/" in html
    assert "/media/" not in html
    response = staff_client.get(f"/_intranet/images/{news.image.pk}/fill-640x360/", HTTP_HOST=INTRANET_HOST)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert staff_client.get(f"/_intranet/images/{news.image.pk}/fill-9999x9999/").status_code == 404


def test_policies_show_owner_review_date_and_document(staff_client):
    html = _get(staff_client, "/policies/")
    assert "Hybrid working policy" in html and "Morgan Approver" in html
    # The information security policy's review date has passed.
    assert "Overdue" in html
    policy = PolicyPage.objects.get(slug="information-security-policy")
    html = _get(staff_client, policy.get_url_parts()[2])
    assert "was due for review on 30 September 2026" in html
    assert policy.document.url in html
    assert "Alex Admin, Digital platform manager" in html


def test_the_directory_lists_staff_profiles_and_filters_by_team_and_name(staff_client):
    html = _get(staff_client, "/staff-directory/")
    assert "Erin Editor" in html and "Alex Admin" in html and "01632 960 102" in html
    html = _get(staff_client, "/staff-directory/?team=Communications")
    assert "Erin Editor" in html and "Alex Admin" not in html
    html = _get(staff_client, "/staff-directory/?name=alex")
    assert "Alex Admin" in html and "Erin Editor" not in html


def test_a_resident_account_never_appears_in_the_directory(staff_client, resident):
    StaffProfile.objects.create(user=resident, role="Resident", team="Residents")
    html = _get(staff_client, "/staff-directory/").lower()
    assert "resident" not in html


def test_events_list_upcoming_staff_events(staff_client):
    html = _get(staff_client, "/events/")
    assert "All-staff briefing with the chief executive" in html
    assert "Lunchtime wellbeing walk" in html


def test_intranet_search_finds_intranet_pages_and_documents_only(staff_client):
    html = _get(staff_client, "/find/?q=expenses")
    assert "Travel and expenses policy" in html
    assert "/documents/" in html  # the policy document is found too
    html = _get(staff_client, "/find/?q=council+tax")
    assert "Council tax" not in html  # a public page
    assert "No intranet pages match" in html


def test_staff_profiles_are_edited_in_the_admin(client, intranet, staff_user):
    verify_second_factor(client, staff_user)
    response = client.get("/admin/staff_profiles/")
    assert response.status_code == 200
    assert "Erin Editor" in response.content.decode()


@pytest.fixture
def intranet_editor(db):
    user = get_user_model().objects.create_user(
        username="ivy", first_name="Ivy", last_name="Intranet", password="x" * 16, is_staff=True
    )
    user.groups.add(Group.objects.get(name="Intranet editors"))
    user.totp_device, _codes = staff_second_factor_provision(user=user)
    return user


def test_intranet_editors_can_edit_the_intranet_tree_only(intranet, intranet_editor):
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.permissions import policy_registry

    documents = policy_registry.get_by_type(get_document_model())
    images = policy_registry.get_by_type(get_image_model())

    news = StaffNewsPage.objects.first()
    assert news.permissions_for_user(intranet_editor).can_edit()
    assert news.permissions_for_user(intranet_editor).can_publish()
    assert StaffNewsIndexPage.objects.get().permissions_for_user(intranet_editor).can_add_subpage()
    assert PolicyIndexPage.objects.get().permissions_for_user(intranet_editor).can_add_subpage()
    assert StaffDirectoryPage.objects.get().permissions_for_user(intranet_editor).can_edit()
    public = InformationPage.objects.first()
    assert not public.permissions_for_user(intranet_editor).can_edit()
    assert not HomePage.objects.get().permissions_for_user(intranet_editor).can_add_subpage()
    for policy in (documents, images):
        collections = policy.collections_user_has_permission_for(intranet_editor, "add")
        assert [c.name for c in collections] == ["Intranet"]


def test_intranet_editors_reach_the_intranet_in_the_admin(client, intranet, intranet_editor):
    verify_second_factor(client, intranet_editor)
    assert client.get(f"/admin/pages/{StaffNewsPage.objects.first().pk}/edit/").status_code == 200
    response = client.get(f"/admin/pages/{InformationPage.objects.first().pk}/edit/")
    assert response.status_code in {302, 403}


def test_staff_status_is_mirrored_in_the_intranet_readers_group(db, resident):
    readers = Group.objects.get(name="Intranet readers")
    assert not resident.groups.filter(pk=readers.pk).exists()
    resident.is_staff = True
    resident.save()
    assert resident.groups.filter(pk=readers.pk).exists()
    resident.is_staff = False
    resident.save()
    assert not resident.groups.filter(pk=readers.pk).exists()


def test_the_demo_loader_runs_twice_without_duplicating(intranet):
    import io

    from django.core.management.color import no_style
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    from intranet import demo

    def counts():
        return (
            intranet.get_descendants().count(),
            get_document_model().objects.count(),
            get_image_model().objects.count(),
            StaffProfile.objects.count(),
        )

    before = counts()
    demo.load(stdout=io.StringIO(), style=no_style())
    assert counts() == before
