"""Settings shared by every environment. Safe by default: DEBUG off, secrets only from
the environment. ``dev``, ``test`` and ``production`` adjust these."""

from datetime import timedelta
from pathlib import Path

from csp.constants import NONCE, NONE, SELF

from config.env import env_bool, env_database, env_int, env_list, env_point, env_str, env_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# A local .env file (see .env.example) fills in variables the environment does not set.
if (BASE_DIR / ".env").is_file():
    import environ

    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

COUNCIL_NAME = env_str("COUNCIL_NAME", "Borsetshire Council")

INSTALLED_APPS = [
    # Our apps first, so their templates override the packages' ones.
    "home",
    "services.staff",
    "services.gazetteer",
    "services.cases",
    "services.forms",
    "services.accounts",
    "reporting",
    "reporting.feedback",
    "intranet",
    "search",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.api.v2",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Staff sign-in: second factor and throttling
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    # Background work
    "django_tasks",
    "django_tasks_db",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "corsheaders",
    "rest_framework",
    "csp",
]

MIDDLEWARE = [
    # First: answers anonymous GETs of public pages from the page cache (home.page_cache).
    "home.page_cache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "services.staff.middleware.StaffSessionMiddleware",
    "intranet.middleware.IntranetAccessMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # AxesMiddleware must be last: it turns lock-outs into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.site_chrome",
            ],
        },
    },
]

# --- Data stores -----------------------------------------------------------

DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# A kept PostgreSQL connection that answered within this many seconds is used without
# a health check (config/postgresql); 0 checks before every request's first query.
DATABASE_HEALTH_CHECK_IDLE_SECONDS = env_int("DATABASE_HEALTH_CHECK_IDLE_SECONDS", 1)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_url("REDIS_URL", schemes=("redis", "rediss", "unix"))


def redis_caches(url: str) -> dict:
    """The caches on Redis. Nothing kept there is needed to answer (menus, pages,
    settings versions, rate-limit counts), so when Redis is down a cache read is a miss
    and a write is dropped (IGNORE_EXCEPTIONS): pages are served and forms submitted
    without it, only slower. `/healthz` still reports the cache as failing."""
    redis = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 2, "SOCKET_TIMEOUT": 2, "IGNORE_EXCEPTIONS": True},
    }
    return {"default": {**redis, "TIMEOUT": 300}, "pages": {**redis, "KEY_PREFIX": "pages"}}


if REDIS_URL:
    CACHES = redis_caches(REDIS_URL)
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        },
    }

# The page cache (home.page_cache): whole public pages for anonymous visitors, emptied
# on publish. With Redis the store is shared by every host; with local memory each
# worker keeps its own copies and a purge reaches every worker on the host through the
# generation file (so several app hosts need REDIS_URL).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_GENERATION_FILE = env_str("PAGE_CACHE_GENERATION_FILE", str(BASE_DIR / "var" / "page-cache-generation"))
PAGE_CACHE_ALIAS = "pages"
# How long the page cache and a reverse proxy keep a page (purged on publish anyway),
# and how long browsers may keep it (not purged).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
PAGE_CACHE_BROWSER_SECONDS = env_int("PAGE_CACHE_BROWSER_SECONDS", 60)

# A reverse-proxy cache (nginx, docs/deployment.md) purged on publish through
# wagtail.contrib.frontend_cache: the address nginx accepts PURGE requests on.
FRONTEND_CACHE_PURGE_URL = env_url("FRONTEND_CACHE_PURGE_URL", schemes=("http", "https"))
WAGTAILFRONTENDCACHE = (
    {"nginx": {"BACKEND": "home.frontend_cache.NginxPurgeBackend", "LOCATION": FRONTEND_CACHE_PURGE_URL}}
    if FRONTEND_CACHE_PURGE_URL
    else {}
)

# Background work. The database queue is the embedded default; TASKS_BACKEND=rq
# (with REDIS_URL) moves the same tasks onto Redis for many workers.
TASKS_BACKEND = env_str("TASKS_BACKEND", "database")
if TASKS_BACKEND == "rq":
    if not REDIS_URL:
        from config.env import ConfigurationError

        raise ConfigurationError("TASKS_BACKEND=rq needs REDIS_URL to be set.")
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 600}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
elif TASKS_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
elif TASKS_BACKEND == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
else:
    from config.env import ConfigurationError

    raise ConfigurationError(f"TASKS_BACKEND must be database, rq or immediate, not {TASKS_BACKEND!r}.")

ELASTICSEARCH_URL = env_url("ELASTICSEARCH_URL", schemes=("http", "https"))
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Site search (search/): the alias residents' searches read; a rebuild switches it.
ELASTICSEARCH_INDEX = env_str("ELASTICSEARCH_INDEX", "council-site-search")
ELASTICSEARCH_TIMEOUT = env_int("ELASTICSEARCH_TIMEOUT", 5)

# --- Sign-in and sessions --------------------------------------------------

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"

# Staff sessions end after 30 minutes idle and 12 hours in all (StaffSessionMiddleware).
SESSION_COOKIE_AGE = int(timedelta(hours=12).total_seconds())
STAFF_SESSION_IDLE_SECONDS = env_int("STAFF_SESSION_IDLE_SECONDS", 30 * 60)
STAFF_SESSION_MAX_SECONDS = env_int("STAFF_SESSION_MAX_SECONDS", 12 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Paths that need a verified second factor once a member of staff is signed in.
STAFF_PROTECTED_PATH_PREFIXES = ["/admin/", "/django-admin/"]

# The staff intranet: every request to this host name, and every path below, needs a
# member of staff with a verified second factor (intranet.middleware).
INTRANET_HOSTNAME = env_str("INTRANET_HOSTNAME", "intranet.localhost")
INTRANET_PROTECTED_PATH_PREFIXES = ["/_intranet/"]

# django-axes: lock a username *from one address* for a while, so nobody can lock a
# member of staff out from elsewhere, and nobody is locked out for ever.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "staff/locked_out.html"
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
AXES_VERBOSE = False

# A wrong one-time code slows the next attempt; ten stop verification for a while.
OTP_TOTP_ISSUER = COUNCIL_NAME
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
STAFF_OTP_FAILURE_LIMIT = 10
STAFF_OTP_COOLOFF = timedelta(minutes=15)

# --- Security headers --------------------------------------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

MAP_TILE_URL = env_str("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
# Where maps open when the gazetteer holds no wards to frame ("latitude,longitude");
# the default is the middle of the demo borough.
MAP_DEFAULT_CENTRE = env_point("MAP_DEFAULT_CENTRE", (52.13, -2.305))
_MAP_TILE_ORIGIN = "https://*.tile.openstreetmap.org https://tile.openstreetmap.org"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        # The hash allows base.html's one-line inline script (which marks the body as
        # JS-enabled before first paint) without a per-response nonce, so pages can be
        # cached and shared; tests/home/test_page_cache.py checks it matches the script.
        "script-src": [SELF, NONCE, "'sha256-GUQ5ad8JK5KmEWmROf3LZd9ge94daqNvd8xy9YS1iDw='"],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:", *_MAP_TILE_ORIGIN.split()],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF, "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"

# --- Internationalisation ------------------------------------------------------

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static and media files ----------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [BASE_DIR / "frontend" / "build"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# Residents' uploads are never under MEDIA_ROOT: they are served only through views
# that check who may see the case.
PRIVATE_UPLOAD_ROOT = Path(env_str("PRIVATE_UPLOAD_ROOT", str(BASE_DIR / "var" / "private")))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- E-forms and cases ------------------------------------------------------------

CASE_REFERENCE_PREFIX = env_str("CASE_REFERENCE_PREFIX", "BC")
# ClamAV's daemon: a unix socket path or tcp://host:port. Unset: files are kept unscanned.
CLAMAV_SOCKET = env_str("CLAMAV_SOCKET", "")
# Anonymous forms: the least time a person takes from the first step to sending,
# and how many submissions one client may make in an hour.
EFORM_MIN_FILL_SECONDS = env_int("EFORM_MIN_FILL_SECONDS", 5)
EFORM_SUBMISSIONS_PER_HOUR = env_int("EFORM_SUBMISSIONS_PER_HOUR", 20)

# --- Residents' accounts -----------------------------------------------------------

# How long a confirmation link lasts, and how long the council keeps a saved draft form.
ACCOUNT_LINK_HOURS = env_int("ACCOUNT_LINK_HOURS", 24)
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT_SECONDS", 2 * 60 * 60)
ACCOUNT_DRAFT_DAYS = env_int("ACCOUNT_DRAFT_DAYS", 30)

# --- Email ---------------------------------------------------------------------

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "no-reply@council.example")
# GOV.UK Notify, with EMAIL_BACKEND=services.cases.notify.NotifyEmailBackend: an API key
# and one email template whose subject is ((subject)) and body ((body)).
NOTIFY_API_KEY = env_str("NOTIFY_API_KEY", "")
NOTIFY_EMAIL_TEMPLATE_ID = env_str("NOTIFY_EMAIL_TEMPLATE_ID", "")
NOTIFY_BASE_URL = env_url("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk", schemes=("https", "http"))
NOTIFY_TIMEOUT = env_int("NOTIFY_TIMEOUT", 10)

# --- Wagtail -------------------------------------------------------------------

WAGTAIL_SITE_NAME = COUNCIL_NAME
# Staff email addresses must not go to Gravatar, and the admin must not call out to wagtail.org.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAIL_PASSWORD_RESET_ENABLED = True
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]

# Headless API v2 (/api/v2/): pages, images, documents.
WAGTAILAPI_BASE_URL = env_str("WAGTAILAPI_BASE_URL", WAGTAILADMIN_BASE_URL)
WAGTAILAPI_LIMIT_MAX = 100
REST_FRAMEWORK = {"DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]}

# /.well-known/security.txt (RFC 9116)
SECURITY_TXT_CONTACTS = env_list("SECURITY_TXT_CONTACTS", ["mailto:security@council.example"])
SECURITY_TXT_POLICY = env_str("SECURITY_TXT_POLICY", "")
SECURITY_TXT_EXPIRES_DAYS = env_int("SECURITY_TXT_EXPIRES_DAYS", 180)

# --- Logging: structured, and never personal data --------------------------------

LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

# --- Demo council (`make run`): each app's loader, in dependency order -----------

DEMO_LOADERS = [
    "home.demo.load",
    "services.staff.demo.load",
    "services.gazetteer.demo.load",
    "services.forms.demo.load",
    "services.cases.demo.load",
    "services.accounts.demo.load",
    "intranet.demo.load",
    # Last: feedback is spread over whatever pages the loaders above made.
    "reporting.feedback.demo.load",
    # Very last: index everything the loaders above made.
    "search.demo.load",
]
