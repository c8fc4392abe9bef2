"""On PostgreSQL a statement used again on a connection is prepared: parsed and planned
once, not for every submission. An operator behind a pooler that cannot keep prepared
statements turns them off with DATABASE_PREPARED_STATEMENTS=false."""

import pytest
from django.db import connection

from config.env import ConfigurationError, env_database
from services.cases.models import Case
from services.cases.operations import case_create
from tests.services.cases.conftest import make_case_type

POSTGRES_URL = "postgres://council@127.0.0.1:5432/council"


def prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL backend only")
@pytest.mark.django_db(transaction=True)
def test_a_case_insert_used_again_is_prepared_once():
    case_type = make_case_type()
    connection.close()  # a new connection, with nothing prepared yet
    case_create(case_type=case_type, answers={"what": "first"}, channel=Case.Channel.PHONE)
    inserts = [s for s in prepared_statements() if s.startswith('INSERT INTO "cases_case" ')]
    assert inserts == []  # used once so far: not worth preparing

    for n in range(3):
        case_create(case_type=case_type, answers={"what": f"again {n}"}, channel=Case.Channel.PHONE)
    inserts = [s for s in prepared_statements() if s.startswith('INSERT INTO "cases_case" ')]
    assert len(inserts) == 1  # prepared on its second use, then reused
    assert Case.objects.count() == 4


def test_prepared_statements_are_on_for_postgresql_unless_turned_off(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", POSTGRES_URL)
    monkeypatch.delenv("DATABASE_PREPARED_STATEMENTS", raising=False)
    assert env_database("DATABASE_URL", "")["OPTIONS"]["server_side_binding"] is True

    monkeypatch.setenv("DATABASE_PREPARED_STATEMENTS", "false")
    assert "server_side_binding" not in env_database("DATABASE_URL", "").get("OPTIONS", {})

    monkeypatch.setenv("DATABASE_PREPARED_STATEMENTS", "sometimes")
    with pytest.raises(ConfigurationError, match="DATABASE_PREPARED_STATEMENTS"):
        env_database("DATABASE_URL", "")


def test_sqlite_has_no_such_option(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "sqlite:////tmp/x.sqlite3")
    assert "server_side_binding" not in env_database("DATABASE_URL", "").get("OPTIONS", {})
