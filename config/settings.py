"""The one settings module. Every knob is an environment variable; README lists them all.

With no DATABASE_URL and no REDIS_URL this is the embedded default: SQLite and Celery eager,
so the demo runs with nothing installed.
"""

import datetime
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from kombu import Queue

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "insecure-dev-key-only-for-debug"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "guardian",
    "viewflow",
    "viewflow.workflow",
    "django_celery_beat",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "responsibility",
    "assessment",
    "workflow",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "config.passwords.PasswordChangeRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.middleware.OwnNotFoundPageMiddleware",
]

# --- Audit (issue 17, F6): every file sent is written to the access log (responsibility/access_log.py).
MIDDLEWARE += ["responsibility.access_log.AccessLogMiddleware"]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "workflow.context_processors.unread_notifications",
                "assessment.context_processors.assessment_nav",
            ],
        },
    },
]

# On PostgreSQL every statement is bound on the server and, from its second run on a connection,
# prepared: where PostgreSQL finds a generic plan as good, it stops planning the statement on every
# request (the pages spend 5–15 % less CPU; bench/README.md, "Every statement prepared"). It costs
# the server memory, up to about 17 MiB a connection for the cached plans of every page. Behind a
# connection pooler that cannot keep prepared statements (PgBouncer in transaction mode before
# 1.21, or from 1.21 with max_prepared_statements = 0, its default), turn this off.
DB_PREPARED_STATEMENTS = env_bool("DB_PREPARED_STATEMENTS", True)
PREPARE_AFTER = 1  # runs of a statement on a connection before it is prepared

# Database: PostgreSQL through DATABASE_URL in production and CI; SQLite when unset.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
    # PostgreSQL compiles a statement to machine code (JIT) once its estimated cost passes
    # jit_above_cost: 40 ms of compiling for a past quarter's statement that runs in 45, and no page
    # it helps (bench/README.md, "PostgreSQL's JIT on the pages, decided"). Off for Luoshi's own
    # connections, said at connect time (libpq's options: no statement run); DB_JIT=true leaves it
    # to the server's setting.
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not env_bool("DB_JIT", False):
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and DB_PREPARED_STATEMENTS:
        # Django binds on the client by default (the values written into the statement's text),
        # which psycopg cannot prepare.
        DATABASES["default"].setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=PREPARE_AFTER)
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "responsibility.Person"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
ANONYMOUS_USER_NAME = None  # guardian: no anonymous user row; anonymous users see nothing
GUARDIAN_RAISE_403 = False
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workflow:home"
LOGOUT_REDIRECT_URL = "login"
# Django's own list, and last (never chosen for a password a person sets) the one for one-time passwords.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "config.passwords.OneTimePasswordHasher",
]
# AUTH_PASSWORD_VALIDATORS: in the login security block below.

# Chinese first, English selectable (LocaleMiddleware + the language switch in the header).
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
# api/wording keeps Django's own Chinese for the few messages REST framework's catalog words otherwise;
# config/wording, for the few Django reworded and its Chinese catalog has not caught up with.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "api" / "wording", BASE_DIR / "config" / "wording"]
# Dates as each language writes them: templates use |date:"DATE_FORMAT", Python uses formats.date_format.
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "config.staticfiles.AppDirectoriesFinder",  # leaves out packages' node_modules: see there
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATIC_MANIFEST", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
EVIDENCE_MAX_BYTES = env_int("EVIDENCE_MAX_BYTES", 20 * 1024 * 1024)
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 10 * 1024 * 1024)
# A .docx/.xlsx is a zip: this caps what it may unpack to, so a small upload cannot be a zip bomb.
IMPORT_MAX_UNPACKED_BYTES = env_int("IMPORT_MAX_UNPACKED_BYTES", 100 * 1024 * 1024)
# Entries (headings and items) one import may make: a real plan has a few hundred; a file with tens of
# thousands is not one plan, and would cost the server minutes and gigabytes for a draft nobody can review.
IMPORT_MAX_ENTRIES = env_int("IMPORT_MAX_ENTRIES", 5000)
if IMPORT_MAX_ENTRIES < 1:
    raise ImproperlyConfigured(f"IMPORT_MAX_ENTRIES must be at least 1, got {IMPORT_MAX_ENTRIES}")
# A PDF (or a scan) of more pages is refused before a page is read: each scanned page costs seconds of OCR.
IMPORT_MAX_PAGES = env_int("IMPORT_MAX_PAGES", 200)
# Seconds reading one file may take (converting a .doc/.wps, OCR of a scan); the import task gets a little more.
IMPORT_TIME_LIMIT = env_int("IMPORT_TIME_LIMIT", 600)
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
FILE_UPLOAD_HANDLERS = [
    "config.uploads.SizeLimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# The REST API (api/): a token (POST /api/token/) or the site's session, whose unsafe requests need
# the CSRF token as the pages' forms do. Errors keep one shape (api.errors).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.handler",
    # Attempts at POST /api/token/ per client address (see api.views.TokenView).
    "DEFAULT_THROTTLE_RATES": {"token": env_str("API_TOKEN_RATE") or "10/min"},
}
# The OpenAPI document (/api/schema/) and its Swagger UI page (/api/docs/), served from our own static files.
SPECTACULAR_SETTINGS = {
    "TITLE": "落实 Luoshi API",
    "DESCRIPTION": "Tasks, items, progress reports with evidence, completion claims and notifications.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # A notice's kind is a response field and a filter: one enum under one name.
    "ENUM_NAME_OVERRIDES": {"NotificationKindEnum": "workflow.models.Notification.Kind"},
}

# Celery: Redis as broker when REDIS_URL is set; otherwise tasks run eagerly in-process.
REDIS_URL = env_str("REDIS_URL")
CELERY_BROKER_URL = REDIS_URL or "memory://"
# Results are kept (in Redis) only for the tasks that ask for it: the parts of a chord, whose last
# one runs the summary (the sweep's organisations, the year-end's schemes).
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_EXPIRES = datetime.timedelta(days=2)
# Queues, so that each kind of work gets workers of its own (README, "Running it for real"): a
# worker started without -Q listens to all of them. The rest (heartbeat, timers, the quarter's
# notice) goes to "celery".
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_QUEUES = [Queue(name) for name in ("celery", "sweeps", "notifications", "imports")]
CELERY_TASK_ROUTES = {
    "workflow.tasks.supervision_sweep": {"queue": "sweeps"},
    "workflow.tasks.sweep_organisation": {"queue": "sweeps"},
    "workflow.tasks.sweep_done": {"queue": "sweeps"},
    "assessment.tasks.*": {"queue": "sweeps"},
    "workflow.tasks.deliver_*": {"queue": "notifications"},
    "workflow.tasks.resend_undelivered": {"queue": "notifications"},
    "responsibility.tasks.*": {"queue": "imports"},
}
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
# Beat keeps its schedule in the database (django-celery-beat): these entries are written there at
# start, and an administrator can change their times in the admin (周期任务) without a deploy.
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE = {
    "resend-undelivered-notifications": {
        "task": "workflow.tasks.resend_undelivered",
        "schedule": env_int("NOTIFICATION_RESEND_SECONDS", 300),
    },
    "supervision-sweep": {
        "task": "workflow.tasks.supervision_sweep",
        "schedule": crontab(minute=env_int("SWEEP_MINUTE", 30), hour=env_int("SWEEP_HOUR", 6)),
    },
    "quarterly-summary": {
        "task": "workflow.tasks.quarterly_summary",
        "schedule": crontab(minute=0, hour=8, day_of_month=1, month_of_year="1,4,7,10"),
    },
    "workflow-timers": {
        "task": "workflow.tasks.fire_timers",
        "schedule": env_int("WORKFLOW_TIMERS_SECONDS", 60),
    },
}
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600)}

# The cache carries what must be seen across processes while a transaction is still open, such as
# an import's progress; with Redis it is shared by web and worker, embedded it stays in-process.
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": "luoshi"}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Where notifications go besides the in-app list: email, wecom, dingtalk, sms (see workflow/channels.py).
NOTIFICATION_CHANNELS = env_list("NOTIFICATION_CHANNELS", "email")
WECOM_WEBHOOK_URL = env_str("WECOM_WEBHOOK_URL")
DINGTALK_WEBHOOK_URL = env_str("DINGTALK_WEBHOOK_URL")
SMS_GATEWAY_URL = env_str("SMS_GATEWAY_URL")
# Notices to one person about one item stored within this many seconds of the first go out through
# the channels as one message, sent when the window closes (0: each at once). The in-app list is
# immediate either way.
NOTIFY_MERGE_SECONDS = env_int("NOTIFY_MERGE_SECONDS", 120)
if NOTIFY_MERGE_SECONDS < 0:
    raise ImproperlyConfigured(f"NOTIFY_MERGE_SECONDS must be 0 or more, got {NOTIFY_MERGE_SECONDS}")

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "luoshi@localhost")

# Production hardening: on whenever DEBUG is off; SECURE_SSL_REDIRECT can be switched off
# behind a proxy that already redirects.
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SECURE_CONTENT_TYPE_NOSNIFF = True
    X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# --- Login and session security (等保 2.0): accounts/, config/headers.py, config/cache.py ----------------
# Kept in one block: lockouts (django-axes), password rules, idle sessions, the second factor
# (django-otp), security headers, and the client address behind our proxies.
INSTALLED_APPS += ["axes", "django_otp", "django_otp.plugins.otp_totp", "accounts"]
AUTHENTICATION_BACKENDS = ["accounts.backends.LockoutBackend", *AUTHENTICATION_BACKENDS]


def _middleware_after(anchor: str, name: str) -> None:
    MIDDLEWARE.insert(MIDDLEWARE.index(anchor) + 1, name)


_middleware_after("django.middleware.security.SecurityMiddleware", "config.headers.SecurityHeadersMiddleware")
_middleware_after("django.contrib.auth.middleware.AuthenticationMiddleware", "django_otp.middleware.OTPMiddleware")
_middleware_after("django.contrib.messages.middleware.MessageMiddleware", "accounts.middleware.LoginSecurityMiddleware")
MIDDLEWARE.append("axes.middleware.AxesMiddleware")  # last, as django-axes asks

# How many proxies of our own stand before the site, each appending to X-Forwarded-For (0: none,
# X-Forwarded-For is ignored). Lockouts and the token throttle count per this address.
TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 0)
if TRUSTED_PROXIES < 0:
    raise ImproperlyConfigured(f"TRUSTED_PROXIES must be 0 or more, got {TRUSTED_PROXIES}")

# Lockout after LOGIN_FAILURE_LIMIT failures, per account and (separately) per address, for
# LOGIN_COOLOFF_MINUTES; the office can lift it earlier (登录锁定). Pages and POST /api/token/ alike.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_COOLOFF_MINUTES = env_int("LOGIN_COOLOFF_MINUTES", 30)
if LOGIN_FAILURE_LIMIT < 1 or LOGIN_COOLOFF_MINUTES < 1:
    raise ImproperlyConfigured("LOGIN_FAILURE_LIMIT and LOGIN_COOLOFF_MINUTES must be at least 1")
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = datetime.timedelta(minutes=LOGIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "accounts.client.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.response"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False  # failures are logged with username and address by accounts.signals (logger luoshi.login)
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["token_account"] = env_str("API_TOKEN_ACCOUNT_RATE") or "10/min"
REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"] = ["api.parsers.SafeJSONParser"]
SPECTACULAR_SETTINGS["SERVE_PERMISSIONS"] = ["rest_framework.permissions.IsAuthenticated"]

# Passwords: length, three of four character classes, none of the last PASSWORD_HISTORY again,
# and (PASSWORD_MAX_AGE_DAYS > 0) a forced change when one is older.
PASSWORD_MIN_LENGTH = env_int("PASSWORD_MIN_LENGTH", 8)
PASSWORD_HISTORY = env_int("PASSWORD_HISTORY", 5)
PASSWORD_MAX_AGE_DAYS = env_int("PASSWORD_MAX_AGE_DAYS", 0)
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "accounts.passwords.CharacterClassesValidator", "OPTIONS": {"minimum": 3}},
    {"NAME": "accounts.passwords.PasswordHistoryValidator", "OPTIONS": {"count": PASSWORD_HISTORY}},
]

# Sessions end after SESSION_IDLE_MINUTES without a request; SINGLE_SESSION: a new login ends the
# account's other session.
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30)
if SESSION_IDLE_MINUTES < 1:
    raise ImproperlyConfigured(f"SESSION_IDLE_MINUTES must be at least 1, got {SESSION_IDLE_MINUTES}")
# The session outlives the idle limit a little, so that the middleware can say why it ended.
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60 * 2
SINGLE_SESSION = env_bool("SINGLE_SESSION", False)

# The second factor (TOTP): required of office, committee and administrator accounts when on.
SECOND_FACTOR_REQUIRED = env_bool("SECOND_FACTOR_REQUIRED", False)
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "落实 Luoshi")

# Content-Security-Policy as a report-only header while a new deployment checks its pages.
CSP_REPORT_ONLY = env_bool("CSP_REPORT_ONLY", False)

# Redis down: the cache (throttle counts, import progress) falls back to the process's memory.
if REDIS_URL:
    CACHES["default"]["BACKEND"] = "config.cache.FallbackRedisCache"
    CACHES["default"]["OPTIONS"] = {"socket_connect_timeout": 2, "socket_timeout": 2}

# --- API repeats (issue 17, F5; api/idempotency.py) ------------------------------------------------
# How long the answer to a POST is kept for its Idempotency-Key (default a day), and how long a step
# (report, claim, request, rectification, 会办) sent again with the same content gets the first answer.
API_IDEMPOTENCY_SECONDS = env_int("API_IDEMPOTENCY_SECONDS", 24 * 3600)
API_REPEAT_SECONDS = env_int("API_REPEAT_SECONDS", 600)

# --- Evidence files (issue 17, F10; responsibility/evidence_files.py) ----------------------------------
# The kinds of evidence taken, by content: image, pdf, office, text, archive (archives only if listed).
EVIDENCE_ALLOWED_KINDS = [k.strip() for k in env_str("EVIDENCE_ALLOWED_KINDS", "image,pdf,office,text").split(",")]
if not EVIDENCE_ALLOWED_KINDS or set(EVIDENCE_ALLOWED_KINDS) - {"image", "pdf", "office", "text", "archive"}:
    raise ImproperlyConfigured(
        f"EVIDENCE_ALLOWED_KINDS takes image, pdf, office, text, archive; got {EVIDENCE_ALLOWED_KINDS}"
    )
# The files of one submission together, and all the evidence of one item.
EVIDENCE_MAX_REQUEST_BYTES = env_int("EVIDENCE_MAX_REQUEST_BYTES", 50 * 1024 * 1024)
EVIDENCE_MAX_ITEM_BYTES = env_int("EVIDENCE_MAX_ITEM_BYTES", 500 * 1024 * 1024)
# Uploaded files are readable by the service's own user only.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
# Virus scan: clamd's socket, unix:///run/clamav/clamd.ctl or tcp://host:3310; unset, no scan.
CLAMD_URL = env_str("CLAMD_URL")
# Encryption at rest of evidence files: a Fernet key (python -c "from cryptography.fernet import
# Fernet; print(Fernet.generate_key().decode())"); keep it outside the database and its backups.
EVIDENCE_ENCRYPTION_KEY = env_str("EVIDENCE_ENCRYPTION_KEY")

# --- API tokens (issue 17, F12; api/auth.py) -------------------------------------------------------
# django-rest-knox: tokens kept as digests, each with an expiry; a password change ends them all.
INSTALLED_APPS += ["knox"]
REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"] = [
    "api.auth.TokenAuthentication",
    "rest_framework.authentication.SessionAuthentication",
]
API_TOKEN_TTL_HOURS = env_int("API_TOKEN_TTL_HOURS", 24)
REST_KNOX = {
    "TOKEN_TTL": datetime.timedelta(hours=API_TOKEN_TTL_HOURS),
    "TOKEN_LIMIT_PER_USER": env_int("API_TOKENS_PER_USER", 10),
    "AUTH_HEADER_PREFIX": "Token",
}

# --- Operations (issue 17): /healthz, JSON logs ----------------------------------------------------------
# A worker runs the heartbeat every HEALTHZ_HEARTBEAT_SECONDS; /healthz fails once it is older than this.
HEALTHZ_HEARTBEAT_SECONDS = env_int("HEALTHZ_HEARTBEAT_SECONDS", 60)
HEALTHZ_WORKER_MAX_AGE = env_int("HEALTHZ_WORKER_MAX_AGE", 180)
CELERY_BEAT_SCHEDULE["worker-heartbeat"] = {
    "task": "workflow.tasks.heartbeat",
    "schedule": HEALTHZ_HEARTBEAT_SECONDS,
}
# LOG_FORMAT=json: one JSON object a line (time, level, logger, message, exception), for a log shipper.
LOG_FORMAT = env_str("LOG_FORMAT", "text")
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be text or json, got {LOG_FORMAT!r}")
if LOG_FORMAT == "json":
    LOGGING["formatters"] = {"json": {"()": "config.logs.JsonFormatter"}}
    LOGGING["handlers"]["console"]["formatter"] = "json"

# --- Exports (issue 18): lists of more rows than this are written by a worker, not while the page waits ---
EXPORT_INLINE_MAX_ROWS = env_int("EXPORT_INLINE_MAX_ROWS", 2000)
if EXPORT_INLINE_MAX_ROWS < 0:
    raise ImproperlyConfigured(f"EXPORT_INLINE_MAX_ROWS must be 0 or more, got {EXPORT_INLINE_MAX_ROWS}")
# Where the jobs' files are kept: a private directory, served only through the owner's download page.
EXPORT_ROOT = Path(env_str("EXPORT_ROOT", str(MEDIA_ROOT / "exports")))
# Days a finished export (its file and its line on 我的导出) is kept before the nightly cleanup.
EXPORT_KEEP_DAYS = env_int("EXPORT_KEEP_DAYS", 7)
if EXPORT_KEEP_DAYS < 1:
    raise ImproperlyConfigured(f"EXPORT_KEEP_DAYS must be at least 1, got {EXPORT_KEEP_DAYS}")
# Seconds one export job may take: past it the job fails and says so (100,000 rows take about a minute).
EXPORT_TIME_LIMIT = env_int("EXPORT_TIME_LIMIT", 1800)
CELERY_BEAT_SCHEDULE["delete-expired-exports"] = {
    "task": "responsibility.tasks.delete_expired_exports",
    "schedule": crontab(minute=15, hour=3),
}
