"""Turn the start-up failures an operator can fix into one readable line.

A missing environment variable or an unreachable database is a configuration
problem, not a bug: print what is wrong and exit non-zero instead of a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured


def database_unreachable_message(error: Exception) -> str:
    from django.db import connection

    settings = connection.settings_dict
    where = settings.get("HOST") or settings.get("NAME")
    port = f":{settings['PORT']}" if settings.get("PORT") else ""
    first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return (
        f"Cannot connect to the database at {where}{port} (from DATABASE_URL): {first_line}\n"
        "Check that the database server is running and that DATABASE_URL is right."
    )


def run_with_clear_errors(action: Callable[[], object]) -> None:
    from django.db.utils import OperationalError

    try:
        action()
    except ImproperlyConfigured as error:
        sys.stderr.write(f"Configuration error: {error}\n")
        sys.exit(2)
    except OperationalError as error:
        sys.stderr.write(database_unreachable_message(error) + "\n")
        sys.exit(3)


def check_database_or_exit() -> None:
    """Used by gunicorn before it accepts traffic."""
    from django.db import connection
    from django.db.utils import OperationalError

    try:
        connection.ensure_connection()
    except OperationalError as error:
        sys.stderr.write(database_unreachable_message(error) + "\n")
        sys.exit(3)
