"""Test settings: only what tests need differs from portal.settings."""

from portal.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_ENABLED = False
ELASTICSEARCH_URL = ""
# Each test client builds its own middleware chain; WhiteNoise would scan every static file through
# the finders each time (~40 ms per client). It looks each requested file up instead, as in `make run`.
WHITENOISE_AUTOREFRESH = True
