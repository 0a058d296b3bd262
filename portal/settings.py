"""Settings for Samverkansportalen, read from the environment; no variables boots the embedded default."""

import secrets
import sys
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

from portal.accounts.config import ProviderConfigError, provider_apps

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

env = environ.Env(
    DEBUG=(bool, False),
    ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost", "[::1]"]),
    PUBLIC_PATHS=(list, []),
)


def _fail(variable: str, problem: str) -> None:
    """Stop with a one-line message that names the offending variable."""
    sys.exit(f"Configuration error: {variable} {problem}")


def _secret_key() -> str:
    """Return SECRET_KEY from the environment, or a local key generated once into var/."""
    if key := env.str("SECRET_KEY", default=""):
        return key
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text("django-insecure-local-" + secrets.token_urlsafe(48))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def _database() -> dict:
    """Parse DATABASE_URL, defaulting to SQLite under var/."""
    url = env.str("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'portal.sqlite3'}")
    if not url.strip():
        _fail("DATABASE_URL", "is set but empty; unset it for SQLite or give a scheme:// URL")
    scheme = url.split("://", 1)[0] if "://" in url else ""
    if not scheme:
        _fail("DATABASE_URL", f"is not a URL ({url!r}); expected e.g. postgres://user@host/db")
    if scheme not in environ.Env.DB_SCHEMES:
        _fail("DATABASE_URL", f"has an unknown scheme {scheme!r}; use sqlite:// or postgres://")
    try:
        config = environ.Env.db_url_config(url)
    except (ValueError, KeyError, environ.ImproperlyConfigured) as error:
        _fail("DATABASE_URL", f"cannot be parsed: {error}")
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config.setdefault("OPTIONS", {})["timeout"] = 20
    return config


SECRET_KEY = _secret_key()
DEBUG = env("DEBUG")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "portal",
    "portal.accounts",
    "portal.feedback",
    "directory",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
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
    "ninja",
    "axes",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.forms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.middleware.PrivateResponsesMiddleware",
    "portal.middleware.PortalCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "portal.accounts.sessions.CachedAuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "portal.middleware.PortalLoginRequiredMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"

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
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "search.context_processors.search_notice",
            ],
        },
    },
]

# Form widgets may use templates from templates/ (the admin's searchable choice lists do).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

WSGI_APPLICATION = "portal.wsgi.application"

DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# A failed CSRF check gets the portal's own 403 page (portal/errors.py).
CSRF_FAILURE_VIEW = "portal.errors.csrf_failure"
LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/login/"

# Single sign-on: OpenID Connect with several providers at once (django-allauth's `openid_connect`
# provider, configured here and never from the database; see portal/accounts/).
try:
    OIDC_APPS = provider_apps(env.str("OIDC_PROVIDERS", default=""))
except ProviderConfigError as error:
    _fail("OIDC_PROVIDERS", str(error))
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "provider_class": "portal.accounts.oidc.PortalOpenIDConnectProvider",
        "OAUTH_PKCE_ENABLED": True,
        "APPS": OIDC_APPS,
    }
}
OIDC_TIMEOUT = env.float("OIDC_TIMEOUT", default=5.0)
OIDC_CLOCK_LEEWAY = env.int("OIDC_CLOCK_LEEWAY", default=30)
SOCIALACCOUNT_REQUESTS_TIMEOUT = OIDC_TIMEOUT
SOCIALACCOUNT_ADAPTER = "portal.accounts.adapters.SocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False
ACCOUNT_ADAPTER = "portal.accounts.adapters.AccountAdapter"
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_PREVENT_ENUMERATION = False

# Login throttling (django-axes) for the local form: five failures lock that username from that
# address for an hour; other users behind the same address are not affected. SSO never counts.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]

# Login is required everywhere but views marked `login_not_required` (login, logout, language
# switch, accessibility statement, SSO sign-in and its error pages) and these exact paths; static
# files never reach it.
# The admin login page loads its translations and icons from /admin/, the same for everyone.
PUBLIC_PATHS = ["/admin/login/", "/admin/jsi18n/", "/admin/sprite/"] + env("PUBLIC_PATHS")

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

WAGTAIL_SITE_NAME = "Samverkansportalen"
# No Gravatar pictures in the admin: each would tell gravatar.com an editor's e-mail hash.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False  # no calls to releases.wagtail.org (and CSP would block them)
# Issue 13: moderators publish what they approve, whatever their own page rights.
WAGTAIL_FINISH_WORKFLOW_ACTION = "portal.workflow_finish.publish_approved"
WAGTAILADMIN_BASE_URL = env.str("BASE_URL", default="http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = env.int("DOCUMENT_MAX_BYTES", default=20 * 1024 * 1024)
WAGTAILDOCS_DOCUMENT_FORM_BASE = "portal.document_forms.PortalDocumentForm"
WAGTAILDOCS_DOCUMENT_MODEL = "portal.PortalDocument"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
TAGGIT_CASE_INSENSITIVE = True

# Search engine: the embedded backend unless ELASTICSEARCH_URL is set (see search/backends/).
ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", default="")
ELASTICSEARCH_INDEX_PREFIX = env.str("ELASTICSEARCH_INDEX_PREFIX", default="samverkan")
ELASTICSEARCH_TIMEOUT = env.float("ELASTICSEARCH_TIMEOUT", default=2.0)

# Cache for fragments every reader shares (directory/caching.py): local memory in each process by
# default; CACHE_URL=redis://host:6379/0 or memcached://host:11211 shares one cache between processes.
CACHE_SCHEMES = {
    "redis": "django.core.cache.backends.redis.RedisCache",
    "rediss": "django.core.cache.backends.redis.RedisCache",
    "memcached": "django.core.cache.backends.memcached.PyMemcacheCache",
}


def _cache() -> dict:
    """Parse CACHE_URL, defaulting to a local-memory cache."""
    url = env.str("CACHE_URL", default="")
    if not url:
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": env.int("CACHE_MAX_ENTRIES", default=5000)},
        }
    scheme = url.split("://", 1)[0] if "://" in url else ""
    if scheme not in CACHE_SCHEMES:
        _fail("CACHE_URL", f"has an unknown scheme {scheme!r}; use redis:// or memcached://")
    location = url if scheme.startswith("redis") else url.split("://", 1)[1]
    return {"BACKEND": CACHE_SCHEMES[scheme], "LOCATION": location}


CACHES = {"default": _cache()}

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="samverkansportalen@localhost")

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=200 * 1024 * 1024)
# How long a directory import waits for another one to finish before it gives up (seconds).
IMPORT_LOCK_WAIT = env.float("IMPORT_LOCK_WAIT", default=60.0)

# Security headers; `manage.py check --deploy` is clean once SECRET_KEY, HTTPS and DEBUG are set.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Sessions in the database, read through the cache (portal/accounts/sessions.py).
SESSION_ENGINE = "portal.accounts.sessions"
HTTPS = env.bool("HTTPS", default=False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "script-src": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Only the Wagtail admin needs inline and evaluated scripts: portal.middleware.PortalCSPMiddleware
# uses this script-src under ADMIN_PATH_PREFIX, the site keeps the strict one above.
ADMIN_PATH_PREFIX = "/admin/"
ADMIN_SCRIPT_SRC = ["'self'", "'unsafe-inline'", "'unsafe-eval'"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(levelname)s %(name)s: %(message)s"}},
    "filters": {
        "withhold_404_paths": {"()": "portal.log_filters.WithholdNotFoundPaths"},
        "withhold_query_strings": {"()": "portal.log_filters.WithholdQueryStrings"},
        "redact_secret_paths": {"()": "portal.log_filters.RedactSecretPaths"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["withhold_query_strings", "redact_secret_paths"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
    "loggers": {
        "django.request": {
            "filters": ["redact_secret_paths", "withhold_404_paths"],
            "level": "WARNING",
        },
        "django.server": {
            "filters": ["redact_secret_paths", "withhold_404_paths"],
            "handlers": ["console"],
            "level": "INFO",
            "propagate": False,
        },
    },
}
