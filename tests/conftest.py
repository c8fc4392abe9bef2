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
    """Throttles and counters live in the cache: each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
