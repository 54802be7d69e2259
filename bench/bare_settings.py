"""A bare Django project with the admin apps: the yardstick of `bench/startup.py`.

What `startproject` gives, on the same PostgreSQL database as the project, and nothing else.
"""

import os
from urllib.parse import unquote, urlsplit

_db = urlsplit(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/smartcity"))

SECRET_KEY = "bench-only"
DEBUG = True
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(_db.path.lstrip("/")),
        "USER": unquote(_db.username or ""),
        "HOST": _db.hostname or "",
        "PORT": str(_db.port or ""),
    }
}
STATIC_URL = "static/"
USE_TZ = True
