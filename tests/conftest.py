import pytest
from django.contrib.auth import get_user_model

from services.staff.operations import staff_second_factor_provision

STAFF_PASSWORD = "correct horse battery staple"


@pytest.fixture
def staff_user(db):
    """A member of staff with admin access, an authenticator and backup codes."""
    user = get_user_model().objects.create_user(
        username="casey", email="casey@council.example", password=STAFF_PASSWORD, is_staff=True, is_superuser=True
    )
    user.totp_device, user.backup_codes = staff_second_factor_provision(user=user)
    return user


@pytest.fixture
def new_staff_user(db):
    """A member of staff who has never set up a second factor."""
    return get_user_model().objects.create_user(
        username="newstarter", email="new@council.example", password=STAFF_PASSWORD, is_staff=True, is_superuser=True
    )


@pytest.fixture
def demo_pages(db):
    """The demo council's public pages."""
    import io

    from django.core.management.color import no_style

    from home import demo

    demo.load(stdout=io.StringIO(), style=no_style())


@pytest.fixture(autouse=True)
def _empty_cache():
    """Throttles, counters and stored pages live in the caches: each test starts with none."""
    from django.core.cache import caches

    from config.memo import forget_all_in_this_process
    from services.gazetteer.selectors import ward_index_invalidate

    for cache in caches.all():
        cache.clear()
    # Each process keeps wards, forms and case type settings in memory too, and a
    # rolled-back test sends no signals: read them afresh.
    ward_index_invalidate()
    forget_all_in_this_process()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture(scope="session")
def migrated_data(django_db_setup, django_db_blocker):
    """The rows the migrations made (Wagtail's root page, locale, groups, workflow),
    kept so tests on a flushed database (browser tests) can put them back."""
    from django.db import connection

    with django_db_blocker.unblock():
        return connection.creation.serialize_db_to_string()


def _load_rows(connection, data):
    """Like Django's deserialize_db_from_string, but content types first, so that
    signal handlers running as pages load find the original ones."""
    import json

    from django.core import serializers
    from django.db import transaction

    rows = json.loads(data)
    first = {"contenttypes.contenttype": 0, "auth.permission": 1}
    rows.sort(key=lambda row: first.get(row["model"], 2))
    with transaction.atomic(), connection.constraint_checks_disabled():
        for obj in serializers.deserialize("python", rows):
            obj.save()


@pytest.fixture
def restore_migrated_data(transactional_db, migrated_data):
    """For transactional tests: the database as the migrations left it."""
    from django.db import connection
    from wagtail.models import Page

    if not Page.objects.exists():
        from django.contrib.auth.models import Permission
        from django.contrib.contenttypes.models import ContentType

        # The flush re-ran post_migrate, which made new content types and
        # permissions; the saved rows bring back the originals, ids included.
        Permission.objects.all().delete()
        ContentType.objects.all().delete()
        ContentType.objects.clear_cache()
        _load_rows(connection, migrated_data)
