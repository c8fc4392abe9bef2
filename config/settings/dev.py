"""Local development and the `make run` demo: SQLite, console email, DEBUG on."""

from config.env import env_bool, env_str

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS

DEBUG = env_bool("DEBUG", True)
# A fixed development key is fine here: these settings never run in production.
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")  # noqa: S105
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "intranet.localhost", "adult-learning.localhost", "safeguarding.localhost"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Keep `make run`'s console readable: task and page-publish chatter only when it matters.
LOGGING["loggers"].update({"django_tasks": {"level": "WARNING"}, "wagtail": {"level": "WARNING"}})  # noqa: F405
