import os
import sys

from django.core.exceptions import ImproperlyConfigured

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

try:
    from django.core.wsgi import get_wsgi_application

    from home.page_cache import PageCacheApplication

    # Stored public pages are answered before Django builds a request (home.page_cache).
    application = PageCacheApplication(get_wsgi_application())
except ImproperlyConfigured as error:
    sys.stderr.write(f"Configuration error: {error}\n")
    sys.exit(2)
