"""Reading configuration from environment variables, with errors that name the variable.

Start-up must stop with a one-line message such as "DATABASE_URL is not a valid
database URL", never with a traceback, so these helpers raise
``ConfigurationError``; ``manage.py``, WSGI and gunicorn print it and exit.
"""

from __future__ import annotations

import os
from urllib.parse import urlparse

import environ
from django.core.exceptions import ImproperlyConfigured


class ConfigurationError(ImproperlyConfigured):
    """A setting read from the environment is missing or malformed."""


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None, *, required: bool = False) -> str:
    value = os.environ.get(name)
    if value is None or value == "":
        if required:
            raise ConfigurationError(f"{name} must be set (see the configuration reference in README.md).")
        return default if default is not None else ""
    return value


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in _TRUE:
        return True
    if value.strip().lower() in _FALSE:
        return False
    raise ConfigurationError(f"{name} must be true or false, not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ConfigurationError(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name: str, default: list[str] | None = None, *, required: bool = False) -> list[str]:
    value = env_str(name, required=required)
    if not value:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def env_url(name: str, default: str = "", *, schemes: tuple[str, ...]) -> str:
    value = env_str(name, default)
    if not value:
        return ""
    parsed = urlparse(value)
    if parsed.scheme not in schemes or not (parsed.netloc or parsed.path):
        raise ConfigurationError(
            f"{name} must be a URL starting with {' or '.join(s + '://' for s in schemes)}, not {value!r}."
        )
    return value


def env_database(name: str, default: str) -> dict:
    value = env_str(name, default)
    try:
        config = environ.Env.db_url_config(value)
    except Exception as error:  # django-environ raises several types for bad URLs
        raise ConfigurationError(f"{name} is not a valid database URL ({error}).") from None
    if not config.get("ENGINE"):
        raise ConfigurationError(f"{name} uses an unsupported database scheme: {value.split(':', 1)[0]!r}.")
    config["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 60)
    config["CONN_HEALTH_CHECKS"] = True
    if config["ENGINE"] == "django.db.backends.postgresql":
        # Health-checks a kept connection only after it has been idle (config/postgresql).
        config["ENGINE"] = "config.postgresql"
        if env_bool("DATABASE_PREPARED_STATEMENTS", True):
            # A statement sent again and again (every submission's inserts) is parsed
            # and planned once per connection, from its second use. Turn off behind a
            # pooler that cannot keep prepared statements (PgBouncer before 1.21, or
            # without max_prepared_statements in transaction mode).
            config.setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=1)
    return config


def env_point(name: str, default: tuple[float, float]) -> tuple[float, float]:
    """A place on Earth written "latitude,longitude", such as "52.13,-2.305"."""
    value = env_str(name)
    if not value:
        return default
    try:
        latitude, longitude = (float(part) for part in value.split(","))
    except ValueError:
        latitude = longitude = None
    if latitude is None or not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise ConfigurationError(f"{name} must be a latitude and longitude like 52.13,-2.305, not {value!r}.")
    return latitude, longitude
