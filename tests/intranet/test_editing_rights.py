"""Web editors edit the public sites and the intranet editors edit the intranet: Wagtail's
Editors and Moderators groups, whose page permissions Wagtail gives on the tree's root,
can no longer edit, publish or delete intranet pages."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page, Site
from wagtail.permissions import policy_registry

from home.models import MicrositeHomePage
from tests.intranet.conftest import INTRANET_HOST, verify_second_factor
from tests.reporting.feedback.conftest import make_staff


@pytest.fixture
def sites(intranet):
    public = Site.objects.get(is_default_site=True).root_page
    return {
        "public": public,
        "public page": Page.objects.descendant_of(public).live().first(),
        "microsite": MicrositeHomePage.objects.first(),
        "intranet": intranet,
        "intranet page": Page.objects.descendant_of(intranet).live().first(),
    }


@pytest.mark.parametrize(
    ("group", "edits"),
    [
        ("Editors", {"public", "public page", "microsite"}),
        ("Moderators", {"public", "public page", "microsite"}),
        ("Intranet editors", {"intranet", "intranet page"}),
    ],
)
def test_each_group_edits_its_own_sites_only(sites, group, edits):
    user = make_staff("someone", group)
    can_edit = {name for name, page in sites.items() if page.permissions_for_user(user).can_edit()}
    assert can_edit == edits
    for name in ("intranet", "intranet page"):
        rights = sites[name].permissions_for_user(user)
        may_change = rights.can_publish() or rights.can_delete() or rights.can_add_subpage()
        assert may_change == (group == "Intranet editors"), name


def test_a_web_editor_is_turned_away_from_the_intranet_page_editor(client, sites):
    editor = make_staff("erin", "Editors")
    verify_second_factor(client, editor)
    public = client.get(f"/admin/pages/{sites['public page'].pk}/edit/")
    assert public.status_code == 200
    intranet = client.get(f"/admin/pages/{sites['intranet page'].pk}/edit/")
    assert intranet.status_code in {302, 403}
    assert sites["intranet page"].title.encode() not in intranet.content
    # Still a reader, like all staff.
    assert client.get(sites["intranet page"].get_url_parts()[2], HTTP_HOST=INTRANET_HOST).status_code == 200


def test_no_group_but_the_intranet_editors_holds_page_permissions_above_the_intranet(sites):
    above = sites["intranet"].get_ancestors()
    holders = set(GroupPagePermission.objects.filter(page__in=above).values_list("group__name", flat=True).distinct())
    assert holders <= {"Intranet editors"}
    # Not an empty check: Wagtail's groups still exist and hold their permissions below.
    assert GroupPagePermission.objects.filter(group=Group.objects.get(name="Editors")).exists()


# Media: Wagtail gives the same groups their image and document rights on the root
# collection, which reaches the Intranet collection below it (intranet.0006).


@pytest.fixture
def media(intranet):
    Image, Document = get_image_model(), get_document_model()
    return {
        "public image": Image.objects.filter(collection__name="Public").first(),
        "public document": Document.objects.filter(collection__name="Public").first(),
        "intranet image": Image.objects.get(collection__name="Intranet", title="Contact centre training"),
        "intranet document": Document.objects.filter(collection__name="Intranet").first(),
    }


@pytest.mark.parametrize(
    ("group", "reaches"),
    [
        ("Editors", {"public image", "public document"}),
        ("Moderators", {"public image", "public document"}),
        ("Intranet editors", {"intranet image", "intranet document"}),
    ],
)
def test_each_group_chooses_and_changes_its_own_media_only(media, group, reaches):
    user = make_staff("someone", group)
    for name, item in media.items():
        assert item is not None, f"the demo has no {name}"
        policy = policy_registry.get_by_type(type(item))
        for action in ("choose", "change"):
            assert policy.user_has_permission_for_instance(user, action, item) == (name in reaches), (name, action)


def test_a_web_editor_choosing_an_image_for_a_page_is_not_offered_intranet_images(client, media):
    verify_second_factor(client, make_staff("erin", "Editors"))
    chooser = client.get("/admin/images/chooser/").content.decode()
    assert media["public image"].title in chooser
    assert media["intranet image"].title not in chooser
    assert client.get(f"/admin/images/{media['intranet image'].pk}/").status_code in {302, 403}


def test_no_group_but_the_intranet_editors_holds_media_rights_on_the_root_collection(media):
    root = Collection.get_first_root_node()
    holders = set(GroupCollectionPermission.objects.filter(collection=root).values_list("group__name", flat=True))
    assert holders <= {"Intranet editors"}
    public = GroupCollectionPermission.objects.filter(collection__name="Public")
    assert {"Editors", "Moderators"} <= set(public.values_list("group__name", flat=True))


def test_an_existing_sites_grants_and_media_move_off_the_root_collection(db):
    """What the migration does on a site that already has media in the root collection,
    a grant there and a collection of its own beside the Intranet one."""
    root = Collection.get_first_root_node()
    editors = Group.objects.get(name="Editors")
    choose = Permission.objects.get(content_type__app_label="wagtailimages", codename="choose_image")
    GroupCollectionPermission.objects.get_or_create(group=editors, collection=root, permission=choose)
    planning = root.add_child(name="Planning")
    image = get_image_model().objects.create(title="Town hall", file=get_test_image_file(), width=640, height=480)
    # Put in the root as before the migration (a save now would move it to "Public").
    get_image_model().objects.filter(pk=image.pk).update(collection=root)

    migration = importlib.import_module("intranet.migrations.0006_public_collection")
    migration.move_media_rights_off_the_root_collection(django_apps, None)

    image.refresh_from_db()
    assert image.collection.name == "Public"
    assert not GroupCollectionPermission.objects.filter(collection=root, group=editors).exists()
    granted = set(
        GroupCollectionPermission.objects.filter(group=editors, permission=choose).values_list(
            "collection__name", flat=True
        )
    )
    assert granted == {"Public", planning.name}


def test_a_superusers_upload_into_the_root_collection_lands_in_public_where_editors_see_it(client, media, staff_user):
    """The root collection is what a superuser's upload form offers first, and media
    there would be seen by no web editor."""
    root = Collection.get_first_root_node()
    verify_second_factor(client, staff_user)
    response = client.post(
        "/admin/images/multiple/add/",
        {"collection": root.pk, "files[]": SimpleUploadedFile("bandstand.png", get_test_image_file().file.getvalue())},
    )
    assert response.json()["success"], response.json()
    image = get_image_model().objects.get(pk=response.json()["image_id"])
    assert image.collection.name == "Public"
    policy = policy_registry.get_by_type(type(image))
    assert policy.user_has_permission_for_instance(make_staff("erin", "Editors"), "choose", image)

    document = get_document_model().objects.create(title="Bandstand hire terms", collection=root)
    assert document.collection.name == "Public"
