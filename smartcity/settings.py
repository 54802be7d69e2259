"""Settings for the Smart City Programme Portal, read from the environment.

The defaults are safe for a laptop: an SQLite file, no Redis (Celery uses an embedded SQLite
broker), DEBUG on. Production sets DEBUG=0, SECRET_KEY, DATABASE_URL and REDIS_URL; the
security settings below then switch on (`manage.py check --deploy` passes).
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def database_from_url(url: str) -> dict:
    """Turn `postgres://user:pass@host:port/name` or `sqlite:///path` into a DATABASES entry."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        path = unquote(parts.path)[1:] if parts.path.startswith("//") else unquote(parts.path)
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": path or BASE_DIR / "db.sqlite3",
            # Parallel clicks wait for the one writer instead of failing with "database is
            # locked": a write transaction takes the lock when it begins (IMMEDIATE), so it never
            # has to upgrade a read lock mid-way (which SQLite refuses without waiting), and any
            # wait lasts up to `timeout` seconds. WAL lets pages be read while a write runs.
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": env_int("SQLITE_BUSY_TIMEOUT", 10),
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            },
        }
    if parts.scheme not in {"postgres", "postgresql"}:
        raise ValueError(f"DATABASE_URL: unsupported scheme {parts.scheme!r}")
    options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    use_pool = env_bool("DATABASE_POOL", True)
    if use_pool:
        # Django's psycopg pool: connections are reused across requests, so CONN_MAX_AGE stays 0.
        options["pool"] = {"min_size": 1, "max_size": env_int("DATABASE_POOL_SIZE", 10)}
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")) or "smartcity",
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "CONN_MAX_AGE": 0 if use_pool else 60,
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": options,
    }


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "*" if DEBUG else "")
# Production refuses to start rather than run with a known key or answer every host name.
_missing = [
    name
    for name, value in [("SECRET_KEY", SECRET_KEY), ("ALLOWED_HOSTS", ALLOWED_HOSTS)]
    if not value
]
if _missing and not DEBUG:
    raise ImproperlyConfigured(
        f"{' and '.join(_missing)} must be set when DEBUG is off (DEBUG=0), e.g. "
        "SECRET_KEY=\"$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')\" "
        "ALLOWED_HOSTS=localhost,127.0.0.1 (the host names the portal answers to)."
    )
if not SECRET_KEY:
    SECRET_KEY = "insecure-development-key-only-for-make-run-and-tests"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = env_str("SITE_URL", f"http://127.0.0.1:{env_int('PORT', 8000)}")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    # The third-party apps the admin lists, under Indonesian names (smartcity/app_names.py).
    "smartcity.app_names.AxesConfig",
    "django_otp",
    "smartcity.app_names.OtpTotpConfig",
    "smartcity.app_names.OtpStaticConfig",
    "simple_history",
    "crispy_forms",
    "crispy_bootstrap5",
    # Django REST Framework serves the open data API without being an installed app: the API
    # renders JSON and CSV only (no browsable API templates) and has no models. Installed, its
    # Indonesian catalogue would replace Django's own messages on every form of the portal.
    "smartcity",
    "candidates",
    "assessment",
    "partners",
    "masterplan",
    "industry",
    "evaluation",
    "dashboard",
    "library",
    "opendata",
    "portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "smartcity.middleware.PermissionsPolicyMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Marks the session's user as verified by a second factor; then staff without one are sent
    # to verify before anything else.
    "django_otp.middleware.OTPMiddleware",
    "smartcity.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After an htmx save, its messages join the swapped part (out of band into #messages).
    "smartcity.middleware.HtmxMessagesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # A write that lost a race to another request: 409/503 with a message, not a 500.
    "smartcity.middleware.ConcurrencyRefusalMiddleware",
    # Axes last: it inspects the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "smartcity.urls"
WSGI_APPLICATION = "smartcity.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": database_from_url(env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"))
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "smartcity"),
        }
    }
else:
    # A file cache, so the web server and the worker of `make run` share it.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": BASE_DIR / "var" / "cache",
        }
    }

AUTH_USER_MODEL = "smartcity.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "landing"

# Ministry staff: a second factor (smartcity/accounts.py), sessions of a working day, and a
# fresh confirmation of who they are before approving a plan or deciding the selection.
STAFF_SESSION_HOURS = env_int("STAFF_SESSION_HOURS", 8)
STAFF_REAUTH_MINUTES = env_int("STAFF_REAUTH_MINUTES", 15)
OTP_TOTP_ISSUER = "Portal 100 Smart City"

# The national dashboard's worklist (dashboard/attention.py): plans waiting on a review, and
# revision requests waiting on the region, longer than this many days; questionnaires still not
# submitted this many days before the cohort's deadline (or after it).
DASHBOARD_IDLE_REVIEW_DAYS = env_int("DASHBOARD_IDLE_REVIEW_DAYS", 14)
DASHBOARD_DEADLINE_DAYS = env_int("DASHBOARD_DEADLINE_DAYS", 7)

# Open data API (/api/v1/, app `opendata`): the licence every response carries (its name and
# the address of its text; CC BY 4.0 unless the ministry decides otherwise) and how many
# requests one address may make.
OPEN_DATA_LICENSE = env_str("OPEN_DATA_LICENSE", "CC-BY-4.0")
OPEN_DATA_LICENSE_URL = env_str(
    "OPEN_DATA_LICENSE_URL", "https://creativecommons.org/licenses/by/4.0/"
)
OPEN_DATA_THROTTLE_RATE = env_str("OPEN_DATA_THROTTLE_RATE", "120/min")
OPEN_DATA_CACHE_SECONDS = env_int("OPEN_DATA_CACHE_SECONDS", 600)
REST_FRAMEWORK = {
    # Read-only and anonymous: no session (so no CSRF) and no user; each view names its own
    # renderers and throttle (opendata/api.py).
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "URL_FORMAT_OVERRIDE": "format",
    "NUM_PROXIES": env_int("AXES_PROXY_COUNT", 0) or None,
}

# django-axes: five failures for the same username from the same address lock it for a while,
# and so do twenty from one address across usernames (password spraying); smartcity/throttling.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_IP_FAILURE_LIMIT = env_int("AXES_IP_FAILURE_LIMIT", 20)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "smartcity.throttling.UsernameAndAddressHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_IPWARE_PROXY_COUNT = env_int("AXES_PROXY_COUNT", 0) or None

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
# One date format on every page ("7 Des 2026"; times with "WIB"): smartcity/formats.
FORMAT_MODULE_PATH = ["smartcity.formats"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Uploaded evidence, MoUs and decrees: outside any URL, served only by permission-checked views.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        # Never gives out a URL: these files are served only through permission checks.
        "BACKEND": "smartcity.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail (Django 6.1 MAILERS): the console while developing; SMTP in production (EMAIL_HOST,
# a local relay on port 25 by default).
if DEBUG and not env_str("EMAIL_HOST"):
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env_str("EMAIL_HOST", "localhost"),
                "port": env_int("EMAIL_PORT", 25),
                "username": env_str("EMAIL_HOST_USER"),
                "password": env_str("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", False),
                "timeout": 20,
            },
        }
    }
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Gerakan 100 Smart City <noreply@localhost>")

# Celery: Redis when REDIS_URL is set; otherwise kombu's filesystem broker so `make run` still
# runs a real worker process and nothing heavy runs inside a web request.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL or "filesystem://")
CELERY_BROKER_FOLDER = Path(env_str("CELERY_BROKER_FOLDER", str(BASE_DIR / "var" / "broker")))
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ROUTES = {
    "masterplan.tasks.render_*": {"queue": "pdf"},
    "dashboard.tasks.render_*": {"queue": "pdf"},
}
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 240)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 300)
CELERY_WORKER_MAX_TASKS_PER_CHILD = env_int("CELERY_WORKER_MAX_TASKS_PER_CHILD", 50)
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env_int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", 600_000)  # KiB
# Longer than the hard time limit of the longest task, so Redis never re-delivers a running job.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_TASK_TIME_LIMIT * 4}
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS |= {
        "data_folder_in": str(CELERY_BROKER_FOLDER),
        "data_folder_out": str(CELERY_BROKER_FOLDER),
        "control_folder": str(CELERY_BROKER_FOLDER / "control"),
    }
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "worker-heartbeat": {"task": "smartcity.tasks.worker_heartbeat", "schedule": 60.0},
    # Re-sends PDF jobs whose message was lost (Redis restart, killed worker); see pdfjobs.py.
    "sweep-pdf-jobs": {"task": "masterplan.tasks.sweep_pdf_jobs", "schedule": 60.0},
    "sweep-briefings": {"task": "dashboard.tasks.sweep_briefings", "schedule": 60.0},
    # Re-sends e-mail tasks (invitations, selection letters, plan moves) whose message was lost.
    "sweep-unsent-mail": {"task": "portal.tasks.sweep_unsent_mail", "schedule": 300.0},
}

DEMO_PASSWORD = env_str("DEMO_PASSWORD", "gm100sc-demo")

# Content Security Policy (Django's own): scripts only from this site or with the per-request
# nonce; no inline scripts or styles.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# Features no page of the portal uses, refused to every script and frame.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    # /healthz is probed over plain HTTP by the container health check.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # The filesystem broker of `make run` has no host name; kombu warns about it on each send.
        "kombu.connection": {"level": "ERROR"},
        # WeasyPrint logs every step of every page at INFO.
        "weasyprint.progress": {"level": "WARNING"},
    },
}
