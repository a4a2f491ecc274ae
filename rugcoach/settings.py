"""Settings from environment variables, with safe defaults for local use.

Production: DJANGO_DEBUG=0, DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS set; then
``manage.py check --deploy`` passes. DATABASE_URL switches SQLite to PostgreSQL,
RUGCOACH_TASKS and RUGCOACH_CACHE move the queue and the cache to Redis. Every variable,
and what `make serve` sets: docs/deploy.md. A value that cannot be right stops start-up
with ImproperlyConfigured naming the variable.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from rugcoach.secret_key import MIN_SECRET_KEY_LENGTH, secret_key_weakness

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name: str, default: bool) -> bool:
    """A yes/no from the environment; anything else stops start-up naming the variable (a
    typo must not quietly turn, say, HTTPS off)."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} is {value!r}: give 1 or 0 (true/false, yes/no, on/off).")


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    """A whole number from the environment; a wrong one stops start-up naming the variable."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} is {value!r}: give a whole number.") from None


def redis_url(name: str, value: str) -> str:
    """``value`` if it is a Redis address; else start-up stops naming the variable."""
    if not value.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            f"{name} is {value!r}: give a Redis address such as redis://127.0.0.1:6379/0 "
            "(rediss:// for TLS, unix:// for a socket)."
        )
    return value


DEBUG = env_flag("DJANGO_DEBUG", True)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not DEBUG:
    # Sessions, password-reset links and the wizard's signed cookie all rest on this key.
    weakness = secret_key_weakness(SECRET_KEY)
    if weakness:
        raise ImproperlyConfigured(
            f"DJANGO_SECRET_KEY is {weakness}. With DJANGO_DEBUG=0 it must be at least "
            f"{MIN_SECRET_KEY_LENGTH} random characters, for example from: python -c "
            '"import secrets; print(secrets.token_urlsafe(50))"'
        )
if not SECRET_KEY:
    SECRET_KEY = "insecure-local-development-key-never-use-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "ninja",
    "axes",
    # Optional two-factor login (TOTP app codes and single-use recovery codes):
    # rugcoach/accounts/two_factor.py, docs/security.md.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "rugcoach.accounts",
    "rugcoach.library",
    "rugcoach.triage",
    "rugcoach.plans",
    "rugcoach.training",
    "rugcoach.progress",
    "rugcoach.programs",
    "rugcoach.intakes",
    "rugcoach.trainers",
    "rugcoach.knowledge",
    "rugcoach.privacy",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "rugcoach.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # gzip for pages, JSON and the calendar feed, with Django's BREACH mitigation
    # (rugcoach/compression.py). After WhiteNoise, which serves static files precompressed
    # by itself; before everything that reads or writes a response's body.
    "rugcoach.compression.CompressTextMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session passed the two-factor step.
    "django_otp.middleware.OTPMiddleware",
    "rugcoach.accounts.middleware.PreferredLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "rugcoach.middleware.PrivateResponseMiddleware",
    "rugcoach.pwa.middleware.MemberTagMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into our lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "rugcoach.urls"
WSGI_APPLICATION = "rugcoach.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "rugcoach" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "rugcoach.context_processors.brand",
                "rugcoach.context_processors.navigation",
                "rugcoach.context_processors.htmx",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=600
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite as a web app's database (see docs/decisions.md): readers never wait for the
    # writer (WAL), a transaction takes the write lock when it begins rather than halfway
    # (IMMEDIATE, so it cannot fail with "database is locked" on its first write), and a
    # writer waits up to 20 s for its turn instead of failing at once.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    }
    # Tests that run a live server with threads need a file: an in-memory database is
    # one shared connection, which hides exactly the locking they are there to test.
    DATABASES["default"]["TEST"] = {
        "NAME": os.environ.get("RUGCOACH_TEST_SQLITE", str(BASE_DIR / "test-db.sqlite3"))
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Django's checks, with messages in our own voice (rugcoach/accounts/validators.py).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "rugcoach.accounts.validators.UserAttributeSimilarityValidator"},
    {"NAME": "rugcoach.accounts.validators.MinimumLengthValidator"},
    {"NAME": "rugcoach.accounts.validators.CommonPasswordValidator"},
    {"NAME": "rugcoach.accounts.validators.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # Refuses a login for an account and address that are locked out, before checking it.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Password guessing: 5 wrong passwords for one account from one address lock that pair
# for 15 minutes (the admin login too: it authenticates through the same backends).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Our login form and the admin's both post the address as "username" (axes would look
# for the model's USERNAME_FIELD, "email", and count every failure against nobody).
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
# Keep only what stops guessing: no trail of successful logins (address, browser) that
# docs/privacy.md would have to justify and nothing would ever clear.
AXES_DISABLE_ACCESS_LOG = True
AXES_LOCKOUT_CALLABLE = "rugcoach.accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "rugcoach.accounts.lockout.client_ip"
# Behind proxies, the client's address is the one the outermost of them saw: set how many
# proxies stand in front of the app (0 locally, where REMOTE_ADDR is the client).
RUGCOACH_PROXY_COUNT = env_int("RUGCOACH_PROXY_COUNT", 0)
# Two-factor login (docs/security.md): the name an authenticator app shows beside the
# account.
OTP_TOTP_ISSUER = "RugCoach"

# Mails (password resets, follow-up reminders): SMTP when EMAIL_HOST is set; otherwise
# each mail is a file in var/mail/ (RUGCOACH_EMAIL_DIR), where the worker's mails can be
# read after the fact (a console would only show them in the worker's terminal).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = Path(os.environ.get("RUGCOACH_EMAIL_DIR", BASE_DIR / "var" / "mail"))
# Files the task worker builds for everyone (the Herstelgids PDF), one per content version.
RUGCOACH_BUILT_DIR = Path(os.environ.get("RUGCOACH_BUILT_DIR", BASE_DIR / "var" / "built"))
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "RugCoach <noreply@rugcoach.test>")
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # a reset link works for one day

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "rugcoach_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Where collectstatic puts the files WhiteNoise serves (a test of `make serve` uses its own).
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "rugcoach" / "static"]
# Hashed, compressed file names in production; plain names for development and tests
# (the test live server resolves static files through the finders, not a manifest).
# collectstatic writes a .gz and, with the brotli package installed, a .br beside each
# compressible file; WhiteNoise serves the one the browser accepts.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Links in e-mails are absolute: a worker has no request to take the host from.
RUGCOACH_BASE_URL = os.environ.get("RUGCOACH_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# Background work (docs/architecture.md "Background work"): a real task queue, never a
# request. RUGCOACH_TASKS=database (default) keeps tasks in our own database, run by
# `manage.py db_worker` (`make run` starts it); RUGCOACH_TASKS=redis sends them to Redis
# through RQ (REDIS_URL), run by `manage.py rqworker --with-scheduler` (the scheduler
# releases tasks whose run_after has come).
# One Redis for the queue and the cache unless RUGCOACH_CACHE_URL names another (a cache
# Redis may evict keys under memory pressure; a queue's must not: docs/deploy.md).
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0").strip()
RUGCOACH_TASKS = os.environ.get("RUGCOACH_TASKS", "database").strip().lower()
INSTALLED_APPS += ["django_tasks", "django_tasks_db"]
if RUGCOACH_TASKS == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
elif RUGCOACH_TASKS == "redis":
    redis_url("REDIS_URL", REDIS_URL)
    INSTALLED_APPS += ["django_rq"]  # the RQ backend's queues, worker and scheduler
    RQ_QUEUES = {"default": {"URL": REDIS_URL}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}
else:
    raise ImproperlyConfigured(
        f"RUGCOACH_TASKS is {RUGCOACH_TASKS!r}: use 'database' (the default) or 'redis'."
    )

# The cache (docs/deploy.md): each process's own memory by default, in development and in
# the tests; RUGCOACH_CACHE=redis shares one Redis between every app server and worker, so
# a throttle (three reset mails an hour) or a cached page holds across processes. Chosen
# by its own variable, like the queue: REDIS_URL alone (set for the queue, or in a
# developer's shell) never moves the tests' cache. With the cache in Redis, sessions are
# `cached_db`: read from Redis, written to both, so a Redis flush or restart logs nobody
# out (the database still has every session).
RUGCOACH_CACHE = os.environ.get("RUGCOACH_CACHE", "").strip().lower() or "local"
if RUGCOACH_CACHE == "local":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
elif RUGCOACH_CACHE == "redis":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url(
                "RUGCOACH_CACHE_URL", os.environ.get("RUGCOACH_CACHE_URL", REDIS_URL).strip()
            ),
            # Beside RQ's own "rq:" keys when the queue shares this Redis.
            "KEY_PREFIX": "rugcoach",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    raise ImproperlyConfigured(
        f"RUGCOACH_CACHE is {RUGCOACH_CACHE!r}: use 'local' (the default) or 'redis'."
    )

RUGCOACH_GYM_NAME = os.environ.get("RUGCOACH_GYM_NAME", "YellowGym")
# Up to how many hours before an intake a member may move or cancel it (docs/intakes.md).
RUGCOACH_INTAKE_CHANGE_HOURS = env_int("RUGCOACH_INTAKE_CHANGE_HOURS", 24)
RUGCOACH_CONTENT_DIR = Path(os.environ.get("RUGCOACH_CONTENT_DIR", BASE_DIR / "content"))

# Production is served over HTTPS (TLS here or at a proxy in front): redirect plain HTTP,
# secure cookies, HSTS. RUGCOACH_HTTPS=0 says the site is plain HTTP, as `make serve` on
# 127.0.0.1 is: then none of these, since a browser would be sent to an https:// nobody
# answers and would keep its secure cookies from the site. Never set it on a public host.
RUGCOACH_HTTPS = env_flag("RUGCOACH_HTTPS", True)
if not DEBUG:
    SECURE_SSL_REDIRECT = RUGCOACH_HTTPS and env_flag("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = RUGCOACH_HTTPS
    CSRF_COOKIE_SECURE = RUGCOACH_HTTPS
    LANGUAGE_COOKIE_SECURE = RUGCOACH_HTTPS
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000) if RUGCOACH_HTTPS else 0
    SECURE_HSTS_INCLUDE_SUBDOMAINS = RUGCOACH_HTTPS
    SECURE_HSTS_PRELOAD = RUGCOACH_HTTPS
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"

# No calendar token, e-mail address or health answer in the logs: every handler redacts
# (rugcoach.log_filters.py); a bad Host header is one warning line, not an error traceback.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "redact": {"()": "rugcoach.log_filters.RedactPersonalData"},
        "quiet_disallowed_host": {"()": "rugcoach.log_filters.QuietDisallowedHost"},
    },
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact"]},
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["redact"],
        },
    },
    "loggers": {
        # Replaces Django's default handlers for "django", which would print unredacted.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        "django.security.DisallowedHost": {
            "handlers": ["console"],
            "filters": ["quiet_disallowed_host"],
            "propagate": False,
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}
