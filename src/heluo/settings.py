"""Heluo's settings, read from HELUO_* environment variables with safe defaults: the one place the
environment is read. Code reads `django.conf.settings`, so a test overrides a value with
override_settings. A malformed value stops Heluo at start with the variable named.

The embedded default is SQLite under HELUO_DATA_DIR (./var): no service to start. PostgreSQL is the
production database (HELUO_DATABASE_URL). Every variable is documented in README.md.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy

PACKAGE_DIR = Path(__file__).resolve().parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    value = env_str(name)
    if not value:
        return default
    return value.lower() in {"1", "true", "yes", "on"}


def _parsed(name: str, kind: type, what: str) -> object:
    text = env_str(name)
    try:
        return kind(text)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name}={text!r} is not {what}") from error


def env_int(name: str, default: int) -> int:
    return int(_parsed(name, int, "a whole number")) if env_str(name) else default  # type: ignore[call-overload]


def env_float(name: str, default: float) -> float:
    return float(_parsed(name, float, "a number")) if env_str(name) else default  # type: ignore[arg-type]


def env_list(name: str, default: list[str]) -> list[str]:
    value = env_str(name).replace("，", ",")
    return [item.strip() for item in value.split(",") if item.strip()] if value else default


def env_ints(name: str, default: list[int]) -> list[int]:
    items = env_list(name, [])
    try:
        return [int(item) for item in items] if items else default
    except ValueError as error:
        raise ImproperlyConfigured(f"{name}={env_str(name)!r} is not a list of whole numbers") from error


def env_time(name: str) -> dt.time | None:
    return dt.time.fromisoformat(str(_parsed(name, str, "a time"))) if env_str(name) else None


def env_path(name: str) -> Path | None:
    return Path(env_str(name)) if env_str(name) else None


# Everything Heluo writes (database, uploads, task queue, exports, keys) is for its own user alone: files
# 0600 and directories 0700, as the backups are, in every process that loads these settings.
os.umask(0o077)
DATA_DIR = Path(env_str("HELUO_DATA_DIR", "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True, mode=0o700)


def _secret_key() -> str:
    """The key from the environment, else one generated once and kept under DATA_DIR (never in code)."""
    configured = env_str("HELUO_SECRET_KEY")
    if configured:
        return configured
    path = DATA_DIR / "secret_key"
    if not path.exists():
        # O_EXCL: two processes starting at once must not write two different keys.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("HELUO_DEBUG")
# Intranet servers are reached by IP address or an internal host name nobody can list in advance.
ALLOWED_HOSTS = env_list("HELUO_ALLOWED_HOSTS", ["*"])

INSTALLED_APPS = [
    "django.contrib.admin",  # for its log table, kept in backups; its pages are not mounted
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "django_tables2",
    "django_htmx",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "huey.contrib.djhuey",
    "heluo.core",
    "heluo.cases",
    "heluo.dust",
    "heluo.monitoring",
    "heluo.enterprise",
    "heluo.party",
    "heluo.militia",
    "heluo.studyrooms",
    "heluo.dashboards",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "heluo.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "heluo.core.middleware.AuditAddressMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "heluo.core.middleware.IdleTimeoutMiddleware",
    "heluo.core.middleware.TwoFactorMiddleware",
    "heluo.core.middleware.PasswordChangeRequiredMiddleware",
    "axes.middleware.AxesMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "heluo.urls"
WSGI_APPLICATION = "heluo.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "heluo.core.context_processors.layout",
            ],
        },
    }
]


def _database() -> dict[str, object]:
    url = env_str("HELUO_DATABASE_URL")
    if url:
        # Behind a transaction-pooling pgbouncer each transaction may run on another server connection,
        # so no cursor may outlive its transaction (Django's iterator() keeps one open WITH HOLD).
        pooled = env_bool("HELUO_DATABASE_POOLED")
        return dict(
            dj_database_url.parse(
                url, conn_max_age=60, conn_health_checks=True, disable_server_side_cursors=pooled
            )
        )
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATA_DIR / "heluo.sqlite3",
        "OPTIONS": {
            # Web workers, the task worker and the receiver write at once: WAL lets readers go on,
            # IMMEDIATE takes the write lock at BEGIN (no deadlock on lock upgrade) and the timeout
            # makes a writer wait its turn instead of failing with "database is locked".
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        },
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "heluo.core.backends.AccountBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Length, character classes and reuse as the security policy sets them (core.SecurityPolicy).
    {"NAME": "heluo.core.services.identity.PolicyPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
# The issuer an authenticator app shows beside the account's name.
OTP_TOTP_ISSUER = "河洛 Heluo"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling (django-axes): lock a user name on one address after repeated failures.
AXES_FAILURE_LIMIT = env_int("HELUO_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("HELUO_LOGIN_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Behind a reverse proxy every request comes from the proxy's address: list the proxies (addresses or
# networks) whose X-Forwarded-For is believed; nobody else's is (heluo.core.middleware.client_address).
TRUSTED_PROXIES = env_list("HELUO_TRUSTED_PROXIES", [])
AXES_CLIENT_IP_CALLABLE = "heluo.core.middleware.client_address"
# A value found used by a record outside the user's scope (an ID number, a credit code) is refused
# without naming that record; past this many such refusals in an hour every uniqueness check of the user
# is refused until the hour is over, so no one probes values in bulk (forms, imports and the API alike).
UNIQUE_REFUSALS_PER_HOUR = env_int("HELUO_UNIQUE_REFUSALS_PER_HOUR", 20)
# Devices (HTTP, MQTT, TCP): wrong access passwords of one MN from one address, and of any MN from one
# address (several times as many), before that MN and address are refused for the cool-off time.
DEVICE_FAILURE_LIMIT = env_int("HELUO_DEVICE_FAILURE_LIMIT", 5)
DEVICE_COOLOFF_MINUTES = env_int("HELUO_DEVICE_COOLOFF_MINUTES", 15)

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# Dates read 2026-09-16 in every language (heluo.core.dates), also where Django renders them itself.
FORMAT_MODULE_PATH = ["heluo.formats"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    # Uploaded files live under DATA_DIR and are served only through the scoped download view.
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": DATA_DIR / "files"},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
FILE_UPLOAD_MAX_BYTES = env_int("HELUO_UPLOAD_MAX_MB", 20) * 1024 * 1024

# HTTPS is a switch: most intranets serve plain HTTP; with HELUO_HTTPS=1 Heluo sits behind a TLS proxy.
HTTPS = env_bool("HELUO_HTTPS")
CSRF_TRUSTED_ORIGINS = env_list("HELUO_CSRF_TRUSTED_ORIGINS", [])
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("HELUO_SESSION_HOURS", 12) * 3600
X_FRAME_OPTIONS = "DENY"
# Scripts only from Heluo's own static files: no inline script, no event handler attribute, no eval, so a
# value that slips through unescaped cannot run. Inline styles stay allowed (ECharts, Tom Select and
# Swagger UI set them); they cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# The audit trail's key (64 hex digits) seals every access event; it is kept outside the database: from
# the environment, else a key file made once under the data directory. The signed checkpoints of the
# chain's head go to a file the audit administrator keeps (安全审计).
AUDIT_KEY = env_str("HELUO_AUDIT_KEY")
AUDIT_KEY_FILE = env_path("HELUO_AUDIT_KEY_FILE") or DATA_DIR / "keys" / "audit_key"
AUDIT_CHECKPOINT_FILE = env_path("HELUO_AUDIT_CHECKPOINTS") or DATA_DIR / "audit" / "checkpoints.jsonl"
# Level 3 keeps audit records at least 180 days: `heluo audit archive` moves none younger to a file.
AUDIT_KEEP_DAYS = max(180, env_int("HELUO_AUDIT_KEEP_DAYS", 180))
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("HELUO_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
else:
    # Plain HTTP is the common intranet case; Django's deploy checks for HTTPS do not apply there.
    SILENCED_SYSTEM_CHECKS = [
        "security.W004",
        "security.W008",
        "security.W012",
        "security.W016",
    ]

EMAIL_HOST = env_str("HELUO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("HELUO_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("HELUO_EMAIL_USER")
EMAIL_HOST_PASSWORD = env_str("HELUO_EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("HELUO_EMAIL_TLS")
DEFAULT_FROM_EMAIL = env_str("HELUO_EMAIL_FROM", "heluo@localhost")

# Background work (huey): a SQLite file of its own by default, Redis when HELUO_REDIS_URL is set.
REDIS_URL = env_str("HELUO_REDIS_URL")
if REDIS_URL:
    HUEY = {"huey_class": "huey.RedisHuey", "name": "heluo", "url": REDIS_URL, "immediate": False}
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "heluo",
        "filename": str(DATA_DIR / "tasks.sqlite3"),
        "immediate": False,
    }

# An API token ends this many days after it was issued, and whenever its user's password changes.
API_TOKEN_DAYS = env_int("HELUO_API_TOKEN_DAYS", 30)

REST_FRAMEWORK = {
    # Token first: an anonymous call is then answered 401 with "WWW-Authenticate: Token".
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "heluo.core.api.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["heluo.core.api.permissions.Authenticated"],
    "DEFAULT_PARSER_CLASSES": [
        "heluo.core.api.parsers.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "heluo.core.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "heluo.core.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "河洛 Heluo API",
    "DESCRIPTION": "The REST API of Heluo: the same scope and permissions as the pages.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Choice sets shared by several fields, or named like another's, get one name of their own.
    "ENUM_NAME_OVERRIDES": {
        "MeasureKindEnum": "heluo.dust.models.enforcement.MeasureKind",
        "CountEndEnum": "heluo.dust.models.enforcement.CountEnd",
        "MeetingKindEnum": "heluo.party.models.meetings.MeetingKind",
        "AttendanceModeEnum": "heluo.party.models.meetings.AttendanceMode",
        "StudyModeEnum": "heluo.party.models.study.StudyMode",
        "ListCategoryEnum": "heluo.party.models.alliance.ListCategory",
        "PointsCategoryEnum": "heluo.party.models.points.PointsCategory",
    },
}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
SIMPLE_HISTORY_REVERT_DISABLED = True

# A filter left empty reads 全部 (django-filter's default is "---------").
FILTERS_EMPTY_CHOICE_LABEL = gettext_lazy("All")
DJANGO_TABLES2_TEMPLATE = "core/table.html"
DJANGO_TABLES2_PAGE_RANGE = 5

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("HELUO_LOG_LEVEL", "INFO")},
    # huey's consumer adds its own handler: do not print its lines twice.
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "axes": {"level": "WARNING"},
        "huey": {"propagate": False},
    },
}

# Group robots (WeCom, DingTalk) through an intranet relay, and the address links in messages point to.
HELUO_WECOM_BASE_URL = env_str("HELUO_WECOM_BASE_URL")
HELUO_DINGTALK_BASE_URL = env_str("HELUO_DINGTALK_BASE_URL")
HELUO_SITE_URL = env_str("HELUO_SITE_URL")
# Briefings (docs/dashboards.md): the divisions (12-digit codes) whose weekly and monthly briefings are
# made on schedule; empty: the city's.
HELUO_BRIEFING_DIVISIONS = env_list("HELUO_BRIEFING_DIVISIONS", [])
# The cockpit (docs/dashboards.md): seconds a panel's data is kept for its user before it is counted
# again (0: never kept).
HELUO_COCKPIT_CACHE_SECONDS = env_int("HELUO_COCKPIT_CACHE_SECONDS", 120)

# Supervision (docs/cases.md): reminders, escalations, the deadline's end, numbers, the notice.
CASES_REMIND_DAYS = env_ints("HELUO_CASES_REMIND_DAYS", [3, 1])
CASES_ESCALATE_LEADER_DAYS = env_int("HELUO_CASES_ESCALATE_LEADER_DAYS", 1)
CASES_ESCALATE_SUPERIOR_DAYS = env_int("HELUO_CASES_ESCALATE_SUPERIOR_DAYS", 3)
CASES_OFFICE_CLOSE = env_time("HELUO_CASES_OFFICE_CLOSE")
CASES_NUMBER_PREFIX = env_str("HELUO_CASES_NUMBER_PREFIX", "DB")
CASES_NOTICE_ISSUER = env_str("HELUO_CASES_NOTICE_ISSUER")
OFFICIAL_FONT_DIR = env_path("HELUO_OFFICIAL_FONT_DIR")

# Monitoring (docs/monitoring.md). The receiver's HELUO_HJ212_* values are typed by
# heluo.monitoring.ingest.policy.IngestSettings, which checks them.
HJ212_ENVIRONMENT = {name: value for name, value in os.environ.items() if name.startswith("HELUO_HJ212_")}
HJ212_OFFLINE_MINUTES = env_float("HELUO_HJ212_OFFLINE_MINUTES", 10)
MONITORING_KEEP_DAYS = env_int("HELUO_MONITORING_KEEP_DAYS", 400)
# Dust control (README): the Henan 2017 on-line monitoring rule (buildings from this floor area,
# linear works from this length need a monitor and video), the coverage report's "not inspected" days,
# and how long bare ground or a stockpile may stay uncovered before a case opens.
DUST_MONITOR_FLOOR_AREA_M2 = env_int("HELUO_DUST_MONITOR_FLOOR_AREA_M2", 10000)
DUST_MONITOR_LENGTH_M = env_int("HELUO_DUST_MONITOR_LENGTH_M", 200)
DUST_UNINSPECTED_DAYS = env_int("HELUO_DUST_UNINSPECTED_DAYS", 30)
DUST_UNCOVERED_HOURS = env_int("HELUO_DUST_UNCOVERED_HOURS", 24)
MQTT_URL = env_str("HELUO_MQTT_URL")
MQTT_CLIENT_ID = env_str("HELUO_MQTT_CLIENT_ID")

# Dust inspections (docs/dust-inspections.md): the unit supervising their cases (by name) and a patrol report's time limit.
HELUO_DUST_SUPERVISING_UNIT = env_str("HELUO_DUST_SUPERVISING_UNIT", "洛阳市住房和城乡建设局")
HELUO_DUST_PATROL_DAYS = env_int("HELUO_DUST_PATROL_DAYS", 3)
# City study rooms (docs/studyrooms.md): working days a county has to answer the case of a room late
# against its year plan with how and when it will open.
STUDYROOMS_LATE_CASE_DAYS = env_int("HELUO_STUDYROOMS_LATE_CASE_DAYS", 10)
# Party building (heluo.party): days before a committee's term ends (换届) that its supervision case
# opens, and the working days the case gives to prepare the election.
PARTY_CHANGEOVER_NOTICE_DAYS = env_int("HELUO_PARTY_CHANGEOVER_NOTICE_DAYS", 90)
PARTY_CHANGEOVER_CASE_DAYS = env_int("HELUO_PARTY_CHANGEOVER_CASE_DAYS", 20)
# Party building: days after which an alliance's resource, need or project list not
# updated is flagged on its page (each alliance may set its own).
PARTY_LIST_STALE_DAYS = env_int("HELUO_PARTY_LIST_STALE_DAYS", 90)
# Militia (heluo.militia), part B: working days the supervision case of a shortfall of new-type forces
# (新质力量) in a reorganisation gives the armed-forces department to adjust its primary militia.
MILITIA_SHORTFALL_CASE_DAYS = env_int("HELUO_MILITIA_SHORTFALL_CASE_DAYS", 30)
