"""Test settings: Heluo's settings with the test-only app (models no module has yet) and fast hashing."""

import os
import tempfile

os.environ.setdefault("HELUO_DATA_DIR", tempfile.mkdtemp(prefix="heluo-test-"))
if os.environ.get("HELUO_TEST_DATABASE_URL"):
    os.environ["HELUO_DATABASE_URL"] = os.environ["HELUO_TEST_DATABASE_URL"]

from heluo.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.testapp"]  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
HUEY = {**HUEY, "immediate": True}  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
ROOT_URLCONF = "tests.urls"
