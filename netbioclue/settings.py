"""Settings for the NETBIOCLUE portal, read from the environment.

Development (the default, ``DJANGO_DEBUG`` unset or true) needs no configuration.
Production (``DJANGO_DEBUG=false``) refuses to start without ``SECRET_KEY``,
``ALLOWED_HOSTS``, ``DATABASE_URL``, ``EMAIL_URL`` and ``REDIS_URL`` (unless
``TASKS_IN_PROCESS=true``). ``.env.example`` lists every variable.
"""

import os
from datetime import timedelta
from pathlib import Path

import environ
from corsheaders.defaults import default_headers as default_cors_headers
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _
from psycopg_pool import ConnectionPool

from netbioclue.env import env_bool, env_int, env_list, env_required
from netbioclue.rest.rates import env_rate

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", default=True)
PRODUCTION = not DEBUG

SECRET_KEY = env_required(
    "SECRET_KEY", production=PRODUCTION, dev_default="insecure-development-key-not-for-production"
)
_hosts = env_required(
    "ALLOWED_HOSTS", production=PRODUCTION, dev_default="localhost,127.0.0.1,[::1]"
)
ALLOWED_HOSTS = [host.strip() for host in _hosts.split(",") if host.strip()]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Where the portal is reached from outside; used in e-mails sent by workers.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Who runs this deployment, as the legal notice, privacy notice, accessibility statement
# and contact page name them (netbioclue.about). Empty: the pages say it is not declared.
PORTAL_OPERATOR = os.environ.get("PORTAL_OPERATOR", "").strip()
PORTAL_OPERATOR_ADDRESS = os.environ.get("PORTAL_OPERATOR_ADDRESS", "").strip()

INSTALLED_APPS = [
    "netbioclue.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "django_filters",
    "django_countries",
    "corsheaders",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "netbioclue",
    "organisations",
    "clusters",
    "practices",
    "experts",
    "events",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "netbioclue.headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "netbioclue.rest.middleware.ProblemDetailsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Innermost: a DataError from a view is a 400 page (netbioclue/dataerrors.py).
    "netbioclue.dataerrors.DataErrorMiddleware",
]

ROOT_URLCONF = "netbioclue.urls"
WSGI_APPLICATION = "netbioclue.wsgi.application"
ASGI_APPLICATION = "netbioclue.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "netbioclue" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Every form: help texts state the length limits of its text fields
# (netbioclue/form_rendering.py); one label for empty choices, partner countries first.
FORM_RENDERER = "netbioclue.forms.PortalFormRenderer"

# --- Database -----------------------------------------------------------------------------
# `make run` and `make test` find a server (see scripts/devdb.py) and export DATABASE_URL;
# without it, development assumes the local server's default account.
_database_url = env_required(
    "DATABASE_URL",
    production=PRODUCTION,
    dev_default="postgres://postgres@127.0.0.1:5432/netbioclue",
)
DATABASES = {"default": environ.Env.db_url_config(_database_url)}
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise environ.ImproperlyConfigured("DATABASE_URL must point to PostgreSQL (postgres://...).")
# A bounded pool of connections per process (Django's psycopg pool): opening one per
# request cut throughput 4-9x when measured, and persistent per-thread connections
# (CONN_MAX_AGE) grew with runserver's threads until PostgreSQL refused new clients.
# Whatever serves the code (runserver, each gunicorn worker, each Celery process) holds
# at most DATABASE_POOL_MAX_SIZE connections; a request waits up to
# DATABASE_POOL_TIMEOUT seconds for one. The pool requires CONN_MAX_AGE = 0.
if env_int("DATABASE_CONN_MAX_AGE", 0) != 0:
    raise environ.ImproperlyConfigured(
        "DATABASE_CONN_MAX_AGE is replaced by the connection pool: set DATABASE_POOL_MAX_SIZE."
    )
DATABASE_POOL_MAX_SIZE = env_int("DATABASE_POOL_MAX_SIZE", 10)
if DATABASE_POOL_MAX_SIZE < 1:
    raise environ.ImproperlyConfigured("DATABASE_POOL_MAX_SIZE must be at least 1.")
DATABASES["default"]["CONN_MAX_AGE"] = 0
DATABASES["default"]["OPTIONS"] = {
    **DATABASES["default"].get("OPTIONS", {}),
    "pool": {
        "min_size": min(2, DATABASE_POOL_MAX_SIZE),
        "max_size": DATABASE_POOL_MAX_SIZE,
        "timeout": env_int("DATABASE_POOL_TIMEOUT", 10),
        # Idle connections above min_size are closed after this many seconds.
        "max_idle": 300,
        # A connection broken while idle (database restarted) is replaced, not handed out.
        "check": ConnectionPool.check_connection,
    },
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: cache, Celery broker ------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "netbioclue",
        }
    }
else:
    # Still shared between processes (allauth's login limits must hold across workers).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "netbioclue_cache",
        }
    }

# Without a broker, tasks (e-mails, PDF builds) run inside the web process: fine for
# development, a deliberate choice in production (mail retries then wait for the next
# mail, a PDF build holds a web worker), so production must say so.
TASKS_IN_PROCESS = env_bool("TASKS_IN_PROCESS", default=not PRODUCTION)
if PRODUCTION and not REDIS_URL and not TASKS_IN_PROCESS:
    raise environ.ImproperlyConfigured(
        "REDIS_URL must be set in production (Celery broker for e-mails and PDF builds), "
        "or set TASKS_IN_PROCESS=true to run tasks inside the web process."
    )
# The PDF of the publication is rebuilt by itself after the published catalogue changes,
# this many seconds later (changes in between share one build). Without a broker the
# task runs in the request that changed the catalogue (development only).
PUBLICATION_AUTO_REFRESH = env_bool("PUBLICATION_AUTO_REFRESH", True)
PUBLICATION_REFRESH_DELAY = env_int("PUBLICATION_REFRESH_DELAY", 30)
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL  # no broker: tasks run in-process
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TASK_ACKS_LATE = True
# Redis hands an unacknowledged message to another worker after the visibility timeout
# (kombu's default: 1 hour). It must stay above the longest hard time limit of any task
# (the weekly digest: 1,900 s; the publication build: 660 s) or a task still running
# would be started a second time (tests/practices/test_publication_worker_loss.py checks
# it). A worker that died is covered sooner: reject_on_worker_lost requeues at once, and
# the publication's heartbeat lets a person start the build again within a minute.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 2400}
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "UTC"

# --- Accounts (django-allauth) --------------------------------------------------------------
AUTH_USER_MODEL = "organisations.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    "organisations.backends.CoordinatorBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[NETBIOCLUE] "
ACCOUNT_ADAPTER = "organisations.adapters.AccountAdapter"
# Sign-in limits count per client address: behind the reverse proxy, allauth finds it in
# X-Forwarded-For exactly as the API's throttling does (API_NUM_PROXIES, below), instead
# of counting every visitor as the proxy's one address.
API_NUM_PROXIES = env_int("API_NUM_PROXIES", 0)
ALLAUTH_TRUSTED_PROXY_COUNT = API_NUM_PROXIES
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"

# --- E-mail ---------------------------------------------------------------------------------
_email_url = os.environ.get("EMAIL_URL", "").strip()
if _email_url:
    # e.g. smtp+tls://user:password@mail.example.org:587 (django-environ's e-mail URLs)
    _email = environ.Env.email_url_config(_email_url)
    MAILERS = {
        "default": {
            "BACKEND": _email["EMAIL_BACKEND"],
            "OPTIONS": {
                "host": _email.get("EMAIL_HOST") or "localhost",
                "port": _email.get("EMAIL_PORT") or None,
                "username": _email.get("EMAIL_HOST_USER") or None,
                "password": _email.get("EMAIL_HOST_PASSWORD") or None,
                "use_tls": bool(_email.get("EMAIL_USE_TLS")),
                "use_ssl": bool(_email.get("EMAIL_USE_SSL")),
                "timeout": 20,
            },
        }
    }
elif PRODUCTION:
    raise environ.ImproperlyConfigured("EMAIL_URL must be set in production (smtp://...).")
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "NETBIOCLUE portal <portal@netbioclue.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where people write to the portal (contact page, privacy and accessibility requests);
# the sender address of DEFAULT_FROM_EMAIL unless set.
CONTACT_EMAIL = (
    os.environ.get("CONTACT_EMAIL", "").strip()
    or DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].rstrip(">").strip()
)

# --- Internationalisation -----------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("de", _("German")),
    ("sv", _("Swedish")),
    ("da", _("Danish")),
    ("cs", _("Czech")),
    ("hu", _("Hungarian")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files ----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / ".local" / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / ".local" / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Development serves static files straight from the apps (no collectstatic needed).
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
# A request's body apart from uploaded files (Django does not count those; attachments
# have their own 10 MB limit): the longest form, a practice at every maximum length, is
# ~150 KB. A bigger body is refused with a 400 before it is parsed.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- Security -----------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (Django's own, in development too so that a page breaking under
# it is seen before production): scripts, styles, images and fonts from this site only,
# no plugins, no <base>, never framed. No template has inline script, style or on*=
# handlers; what must be inline (the admin's few tags) carries the per-request nonce
# ({% csp_nonce_attr %}, context processor above). Inline SVG data: images are allowed
# (Swagger UI's icons).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
# Powerful browser features the portal never uses, refused for it and anything it embeds
# (netbioclue.headers.PermissionsPolicyMiddleware).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
if PRODUCTION:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    # HTTPS only, remembered by browsers for a year unless configured otherwise
    # (SECURE_HSTS_SECONDS=0 sends no header).
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)

# --- Cross-origin reads of the public API ---------------------------------------------------
CORS_URLS_REGEX = r"^/api/v1/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Link", "Retry-After", "Location"]
CORS_ALLOW_HEADERS = (*default_cors_headers, "if-none-match")

# --- REST API -------------------------------------------------------------------------------
# The machinery is in netbioclue/rest/ (its docstring explains it); rates come from the
# environment, e.g. API_THROTTLE_ANON=60/min, and are counted by netbioclue/ratelimit.py.
# JSON request bodies of the API: at most this many bytes, nested at most this deep.
API_JSON_MAX_BYTES = env_int("API_JSON_MAX_BYTES", 1024 * 1024)
API_JSON_MAX_DEPTH = env_int("API_JSON_MAX_DEPTH", 20)
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "netbioclue.rest.schema.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "netbioclue.rest.authentication.ApiKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["netbioclue.rest.permissions.ApiAccess"],
    "DEFAULT_RENDERER_CLASSES": ["netbioclue.rest.renderers.JSONRenderer"],
    # JSON bodies with bounded size and depth (netbioclue/rest/parsers.py).
    "DEFAULT_PARSER_CLASSES": [
        "netbioclue.rest.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": [
        "netbioclue.rest.filters.FilterSetBackend",
        "netbioclue.rest.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "netbioclue.rest.pagination.CursorPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_THROTTLE_CLASSES": [
        "netbioclue.rest.throttling.AnonymousThrottle",
        "netbioclue.rest.throttling.ApiKeyThrottle",
        "netbioclue.rest.throttling.UserThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_rate("API_THROTTLE_ANON", "60/min"),  # per IP address
        "key": env_rate("API_THROTTLE_KEY", "1000/hour"),  # per API key
        "user": env_rate("API_THROTTLE_USER", "1000/hour"),  # per signed-in person
    },
    # Proxies in front of the app (0: trust REMOTE_ADDR only; X-Forwarded-For is spoofable).
    # netbioclue.ratelimit.client_ip applies the same rule to the HTML pages.
    "NUM_PROXIES": API_NUM_PROXIES,
    "EXCEPTION_HANDLER": "netbioclue.rest.exceptions.problem_exception_handler",
    "URL_FORMAT_OVERRIDE": None,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
# Rate-limit counters (netbioclue/ratelimit.py): atomic INCR in Redis when configured, an
# atomic upsert in PostgreSQL otherwise. The HTML catalogue counts per address at the API's
# anonymous rate; its CSV/JSON exports and the publication download have their own budget.
RATE_LIMIT_REDIS_URL = REDIS_URL
CATALOGUE_EXPORT_THROTTLE = env_rate("CATALOGUE_EXPORT_THROTTLE", "10/min")

SPECTACULAR_SETTINGS = {
    "TITLE": "NETBIOCLUE portal API",
    "DESCRIPTION": (
        "Best practices, cluster profiles, partner organisations and the shared vocabulary "
        "of the NETBIOCLUE network of European biotechnology clusters.\n\n"
        "Reading is public. Partners send an API key as `Authorization: Bearer <key>` to "
        "write; organisation admins create keys on their dashboard. Every error is an "
        "`application/problem+json` document (RFC 9457). Lists are cursor-paginated "
        "(`page_size` up to 100, follow `next`). Responses carry an `ETag`: send it back in "
        "`If-None-Match` to get `304 Not Modified`, and in `If-Match` when you change a "
        "record. See the getting-started page at /api/v1/getting-started/."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # One schema component per vocabulary list, whatever field uses it (stage, stages…).
    "ENUM_NAME_OVERRIDES": {
        "StageEnum": "netbioclue.vocabulary.Stage",
        "GrowthForceEnum": "netbioclue.vocabulary.GrowthForce",
        "ToolTypeEnum": "netbioclue.vocabulary.ToolType",
        "BeneficiaryEnum": "netbioclue.vocabulary.Beneficiary",
        "BusinessModelEnum": "netbioclue.vocabulary.BusinessModel",
        "EventStatusEnum": "events.models.Status",
        "EventKindEnum": "events.models.EventKind",
        "LanguageEnum": "netbioclue.vocabulary.ContentLanguage",
        "FormatEnum": "experts.models.Format",
    },
    "TAGS": [
        {"name": "clusters", "description": "Biotechnology clusters and their life-cycle stage."},
        {"name": "organisations", "description": "Partner organisations (public facts only)."},
        {
            "name": "experts",
            "description": "The expert directory: validated profiles, by visibility.",
        },
        {
            "name": "expertise-requests",
            "description": "Requests for expertise of your organisation, and their "
            "matched candidates with explained scores.",
        },
        {
            "name": "practices",
            "description": "Best practices for biocluster development: the published "
            "catalogue (search and facets), and partners' drafts through the moderation "
            "workflow.",
        },
        {
            "name": "open-data",
            "description": "The whole published catalogue as JSON Lines or CSV, under CC BY 4.0.",
        },
        {"name": "taxonomy", "description": "The shared vocabulary behind every facet."},
        {
            "name": "events",
            "description": "Partner events (public fields; registrations are never exposed); "
            "partners' keys create and edit their own organisation's events.",
        },
    ],
}

# --- Events -------------------------------------------------------------------------------
# Events are not moderated: host editors publish (see events.policy); True reserves
# publication to coordinators.
EVENTS_MODERATED = False
# Hours a person offered a place from the waiting list has to take it.
EVENTS_OFFER_HOURS = int(os.environ.get("EVENTS_OFFER_HOURS", "48"))
# Registrations' personal data are erased this long after the event ends.
EVENTS_ERASE_REGISTRATIONS_AFTER = timedelta(
    days=int(os.environ.get("EVENTS_ERASE_REGISTRATIONS_AFTER_DAYS", "90"))
)

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
