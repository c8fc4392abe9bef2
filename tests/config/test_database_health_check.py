"""A kept PostgreSQL connection is health-checked only when it has been idle
(config/postgresql): a busy one saves a round trip per request, an idle one that the
server dropped is still found and replaced."""

import psycopg
import pytest
from django.db import connection

from services.cases.models import CaseType

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL backend only"),
    pytest.mark.django_db(transaction=True),
]


def a_request() -> None:
    """What Django does around a request: tidy the connection, use it, tidy it again."""
    connection.close_if_unusable_or_obsolete()
    list(CaseType.objects.all()[:1])
    connection.close_if_unusable_or_obsolete()


@pytest.fixture
def health_checks(monkeypatch):
    made = []
    is_usable = connection.is_usable

    def counted():
        made.append(1)
        return is_usable()

    monkeypatch.setattr(connection, "is_usable", counted)
    return made


def test_a_connection_that_just_answered_is_not_checked_again(health_checks, settings):
    for _ in range(3):
        a_request()
    assert health_checks == []
    settings.DATABASE_HEALTH_CHECK_IDLE_SECONDS = 0  # the operator wants every request checked
    a_request()
    assert health_checks == [1]


def test_a_dropped_idle_connection_is_replaced_before_the_request_uses_it(health_checks):
    a_request()
    dropped = connection.connection.info.backend_pid
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [dropped])
    connection._answered_at -= 5  # idle for longer than allowed

    a_request()  # no error: the check found the dropped connection and a new one was made
    assert health_checks == [1]
    assert connection.connection.info.backend_pid != dropped
