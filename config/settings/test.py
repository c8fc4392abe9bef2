"""Settings for the test suite: a fast password hasher, local-memory cache and
immediate tasks. DATABASE_URL chooses PostgreSQL in CI; SQLite otherwise."""

import os
import tempfile
from pathlib import Path

from config.env import env_bool, env_str

from .base import *  # noqa: F403
from .base import AXES_FAILURE_LIMIT  # noqa: F401

SECRET_KEY = env_str("SECRET_KEY", "test-only-key")  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
# Off unless a test turns it on (tests/home/test_page_cache.py), so no test sees a page
# stored by another.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", False)
PAGE_CACHE_GENERATION_FILE = str(Path(tempfile.gettempdir()) / f"council-page-cache-{os.getpid()}")
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
# Warnings and errors only: a failing test's report then shows its assertion, not the
# hundreds of page-created and task lines the demo loader logs.
LOGGING["root"]["level"] = env_str("LOG_LEVEL", "WARNING")  # noqa: F405
