"""Commonmade settings: one module; what differs between deployments is read from the environment.

Development defaults are safe and need no other server: SQLite, local-memory
cache, tasks run inline, database search, console email. Production sets
DEBUG=false and must provide SECRET_KEY; see .env.example for every variable.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_float, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


SITE_DIR = BASE_DIR / "site"

# ---------------------------------------------------------------------------
# Core
# ---------------------------------------------------------------------------
DEBUG = env_bool("DEBUG", True)

_DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-commonmade"  # noqa: S105 (development only)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Production (DEBUG=false) refuses to start without it: "
            "set SECRET_KEY to a long random value."
        )
    SECRET_KEY = _DEV_SECRET_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Without SITE_URL in the environment, links in emails use the Sites framework's domain (core/sites.py).
SITE_URL_FROM_ENVIRONMENT = bool(os.environ.get("SITE_URL"))

# ---------------------------------------------------------------------------
# Applications
# ---------------------------------------------------------------------------
DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
]
THIRD_PARTY_APPS = [
    "channels",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail_localize",
    "wagtail_localize.locales",
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
    "django_filters",
    "allauth",
    "allauth.account",
    "django_comments_xtd",
    "django_comments",
    "csp",
    "ninja",
]
LOCAL_APPS = [
    "core",
    "accounts",
    "notifications",
    "community",
    "designs",
    "voting",
    "shop",
    "makers",
    "live",
    "editorial",
    "search",
    "api",
]
# daphne first: its runserver (`make run`) serves the ASGI application, pages and the live drops' websockets.
INSTALLED_APPS = ["daphne"] + LOCAL_APPS + THIRD_PARTY_APPS + DJANGO_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A NUL byte in the path, query or a form field is answered 400 before anything reads it (core/params.py).
    "core.params.RejectNulBytesMiddleware",
    # Anonymous pages from the cache, before sessions and everything else (core/pagecache.py).
    "core.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "api.middleware.ApiMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.csp.AdminCSPMiddleware",
    "community.middleware.VisitMiddleware",
    "accounts.middleware.MemberLanguageMiddleware",
    "shop.referrals.ReferralMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

# The API answers NUL bytes itself, as problem details (api/middleware.py).
NUL_CHECK_SKIP_PREFIXES = ["/api/"]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "builtins": ["core.templatetags.money", "core.templatetags.markup"],
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "config.context_processors.site_chrome",
                "core.consent.banner",
            ],
        },
    },
]

# ---------------------------------------------------------------------------
# Database
# ---------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite serialises writers. IMMEDIATE takes the write lock when a transaction begins, so a
    # reader never has to upgrade to a writer mid-transaction (which fails at once with "database
    # is locked" whatever the timeout); WAL lets readers go on while one writer writes; writers
    # queue for up to `timeout` seconds.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        timeout=env_int("SQLITE_TIMEOUT", 20),
        transaction_mode="IMMEDIATE",
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ---------------------------------------------------------------------------
# Cache, Celery
# ---------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            # Redis down degrades to per-process memory instead of failing pages (core/cache.py).
            "BACKEND": "core.cache.FallbackRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "SOCKET_CONNECT_TIMEOUT": env_float("REDIS_CONNECT_TIMEOUT", 0.5),
                "SOCKET_TIMEOUT": env_float("REDIS_TIMEOUT", 0.5),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Wagtail writes each rendition it uses to this cache on every render: kept in the process, not one
# network round trip per image per page. Renditions rarely change; a deleted one is forgotten in 5 minutes.
# Rendered fragments (core/fragcache.py) kept in each process beside Redis: a key stands for one version.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
    "OPTIONS": {"MAX_ENTRIES": 1_000},
}
CACHES["renditions"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "renditions",
    "TIMEOUT": 300,
    "OPTIONS": {"MAX_ENTRIES": 20_000},
}

# Whole pages for anonymous visitors (core/pagecache.py): seconds a stored page may be served.
# Off while DEBUG is on, so template edits show at once; invalidated on content changes.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0 if DEBUG else 60)
# Fragments that look the same to everyone (card grids, the design page's parts, comment threads, the
# home page's sections; core/fragcache.py): keyed by the versions of what they show and dropped with
# the page cache; text bound to the clock ("3 days left") is at most this old. On with DEBUG too; 0 off.
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 60)
# Per-member counts in the header (cart items, unread notifications; core/membercache.py), kept under
# the member's own key and dropped by the code that changes them; 0 turns them off.
MEMBER_CACHE_SECONDS = env_int("MEMBER_CACHE_SECONDS", 300)
# Saving or deleting one of these empties the page cache (editorial/cache_receivers.py).
PAGE_CACHE_INVALIDATED_BY = [
    "designs.Design",
    "designs.DesignImage",
    "designs.Category",
    "shop.Product",
    "shop.ProductVariant",
    "shop.Review",
    "shop.Campaign",
    "shop.ShippingZone",
    "shop.ShippingMethod",
    "shop.ShippingRate",
    "voting.Challenge",
    "voting.ChallengeEntry",
    "voting.MilestoneReached",
    "accounts.Profile",
    "django_comments_xtd.XtdComment",
    "django_comments.Comment",
    "wagtailimages.Image",
    "core.SiteLinks",
]

CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", REDIS_URL or "cache+memory://")
# Without a broker, tasks run inline so the embedded default needs no worker.
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not (REDIS_URL or env_str("CELERY_BROKER_URL")))
CELERY_TASK_EAGER_PROPAGATES = True
# Tasks are fire-and-forget; a task whose caller reads the result says so (ignore_result=False).
# This also keeps enqueuing independent of the result store (Redis) being up.
CELERY_TASK_IGNORE_RESULT = True
# A broker that does not answer is given up on quickly; the task then runs inline (config/celery.py).
CELERY_BROKER_CONNECTION_TIMEOUT = env_float("CELERY_BROKER_CONNECTION_TIMEOUT", 2.0)
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 2}
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE: dict = {}
# Scheduled pages go live (and expire) within a minute of their time.
CELERY_BEAT_SCHEDULE["editorial-publish-scheduled"] = {
    "task": "editorial.tasks.publish_scheduled_pages",
    "schedule": 60.0,
}
# The daily digest goes out at 07:00 UTC (Celery's clock), before most people in Europe open their mail.
CELERY_BEAT_SCHEDULE["notifications-daily-digest"] = {
    "task": "notifications.tasks.send_daily_digests",
    "schedule": crontab(minute=0, hour=7),
}

# Live drops push chat, pins and tips to viewers through Django Channels: over Redis with REDIS_URL
# (any number of processes), else in this one process's memory (the embedded default).
LIVE_REDIS_URL = env_str("LIVE_REDIS_URL", REDIS_URL)
# "pubsub" (the default): a group message is one Redis PUBLISH, each process receives it once and hands it
# to its own viewers (live/fanout.py); "core": channels-redis's queue layer (benchmarks/RESULTS.md).
LIVE_CHANNEL_LAYER = env_str("LIVE_CHANNEL_LAYER", "pubsub")
# Redis pub/sub channels belong to the whole server, not to a database number: the prefix keeps sites (or test
# runs) that share a Redis server on different databases from hearing each other's drops.
LIVE_CHANNEL_PREFIX = env_str("LIVE_CHANNEL_PREFIX", f"asgi-db{urlsplit(LIVE_REDIS_URL).path.strip('/') or '0'}")
if LIVE_REDIS_URL and LIVE_CHANNEL_LAYER == "core":
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [LIVE_REDIS_URL], "capacity": 300, "expiry": 30, "prefix": LIVE_CHANNEL_PREFIX},
        }
    }
elif LIVE_REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [LIVE_REDIS_URL], "prefix": LIVE_CHANNEL_PREFIX},
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# ---------------------------------------------------------------------------
# Authentication (django-allauth)
# ---------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = "handle"
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Commonmade] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_USERNAME_MIN_LENGTH = 3
# allauth's own rate limits stay on (its defaults); this only documents the choice.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
}

# ---------------------------------------------------------------------------
# Internationalisation
# ---------------------------------------------------------------------------
LANGUAGE_CODE = "en"
FORMAT_MODULE_PATH = ["config.formats"]
LANGUAGES = [("en", _("English")), ("de", _("German"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Berlin")
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES

# ---------------------------------------------------------------------------
# Static and media files
# ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [SITE_DIR / "static"]
# In development, and in production until collectstatic has run, whitenoise serves straight
# from the source folders (core/staticfiles.py explains the fallback).
STATIC_COLLECTED = (STATIC_ROOT / "staticfiles.json").exists()
WHITENOISE_USE_FINDERS = DEBUG or not STATIC_COLLECTED
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_URL = env_str("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))

AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    # A private bucket: the site links /media/<name> and answers with short-lived signed URLs
    # after checking who asks (core/storage.py, core/media.py). Keys come from the usual
    # AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY variables.
    _media_storage = {
        "BACKEND": "core.storage.PrivateMediaStorage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env_str("AWS_S3_REGION_NAME") or None,
            "access_key": env_str("AWS_ACCESS_KEY_ID") or None,
            "secret_key": env_str("AWS_SECRET_ACCESS_KEY") or None,
            "addressing_style": env_str("AWS_S3_ADDRESSING_STYLE") or None,
            "signature_version": env_str("AWS_S3_SIGNATURE_VERSION", "s3v4"),
        },
    }
else:
    _media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _media_storage,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "core.staticfiles.ManifestOrPlainStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# ---------------------------------------------------------------------------
# Email
# ---------------------------------------------------------------------------
# EMAIL_BACKEND names the backend that delivers (SMTP, anymail, console). The site sends through
# core.mail.QueueingEmailBackend, which keeps what that backend could not send and sends it later.
EMAIL_DELIVERY_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_BACKEND = "core.mail.QueueingEmailBackend"
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
CELERY_BEAT_SCHEDULE["core-send-queued-emails"] = {"task": "core.send_queued_emails", "schedule": 5 * 60}
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Commonmade <hello@commonmade.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# ---------------------------------------------------------------------------
# Security
# ---------------------------------------------------------------------------
# Sessions are read from the cache and written through to the database: a logged-in page does not
# ask the database for its session (Redis in production, local memory on the embedded default).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): scripts, styles and frames from this site only; no inline
# script anywhere (JSON-LD is data, not script). The payment page alone adds Stripe's origins
# (STRIPE_CSP, applied by shop.views.order_pay). Media from object storage are redirects to the
# bucket, so its origin may serve images.
_media_origins = env_list("CSP_MEDIA_ORIGINS", [])
if not _media_origins and env_str("AWS_STORAGE_BUCKET_NAME"):
    _endpoint = env_str("AWS_S3_ENDPOINT_URL")
    _media_origins = [_origin(_endpoint)] if _endpoint else ["https://*.amazonaws.com"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *_media_origins],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# ---------------------------------------------------------------------------
# Wagtail
# ---------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Commonmade"
WAGTAILADMIN_BASE_URL = SITE_URL
# No third-party requests, in the admin either (the CSP would refuse them anyway).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "txt"]
# The admin shows times in the site's time zone, like the public pages (no per-editor zone).
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE]
WAGTAIL_FINISH_WORKFLOW_ACTION = "editorial.workflows.publish_approved"
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000

# ---------------------------------------------------------------------------
# Comments (django-comments-xtd)
# ---------------------------------------------------------------------------
COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_MAX_THREAD_LEVEL = 2  # levels 0, 1, 2: three deep

# ---------------------------------------------------------------------------
# Payments (Stripe)
# ---------------------------------------------------------------------------
STRIPE_SECRET_KEY = env_str("STRIPE_SECRET_KEY")
STRIPE_PUBLISHABLE_KEY = env_str("STRIPE_PUBLISHABLE_KEY")
STRIPE_WEBHOOK_SECRET = env_str("STRIPE_WEBHOOK_SECRET")
# Points stripe-python at another server speaking Stripe's API (localstripe in tests).
STRIPE_API_BASE = env_str("STRIPE_API_BASE")
# Seconds to wait for Stripe's answer before the buyer is told to try again (the order stays payable).
STRIPE_TIMEOUT = env_float("STRIPE_TIMEOUT", 20.0)

# ---------------------------------------------------------------------------
# Search
# ---------------------------------------------------------------------------
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
# Prefix of the Elasticsearch index and alias names (one cluster may serve several sites).
SEARCH_INDEX_PREFIX = env_str("SEARCH_INDEX_PREFIX", "commonmade")
SEARCH_ES_TIMEOUT = env_float("SEARCH_ES_TIMEOUT", 2.0)

# ---------------------------------------------------------------------------
# Background schedules and caches (operations; the product's rules are not here)
# ---------------------------------------------------------------------------
# Product rules are not settings: fixed rules are constants next to their code (designs/rules.py,
# voting/rules.py, community/rules.py, shop/rules.py, live/rules.py, search/rules.py, api/rules.py)
# and what editors tune are Wagtail site settings (Settings → Shop rules, Seller details, Voting rules,
# Maker rules). Only how this deployment runs is read from the environment.

# Page views go into a Redis buffer that a periodic task writes to the database (no row update per view).
DESIGN_VIEWS_BUFFERED = env_bool("DESIGN_VIEWS_BUFFERED", True)
DESIGN_VIEWS_FLUSH_SECONDS = env_int("DESIGN_VIEWS_FLUSH_SECONDS", 60)
CELERY_BEAT_SCHEDULE["designs-flush-view-counts"] = {
    "task": "designs.tasks.flush_view_counts",
    "schedule": DESIGN_VIEWS_FLUSH_SECONDS,
}
# Lets test keys complete a payment server-side (localstripe, CI); refused with live keys.
SHOP_TEST_PAYMENTS = env_bool("SHOP_TEST_PAYMENTS", False)
STRIPE_JS_URL = env_str("STRIPE_JS_URL", "https://js.stripe.com/v3/")
# What Stripe.js and the Payment Element need, added to the CSP on the payment page only.
STRIPE_CSP = {
    "script-src": [_origin(STRIPE_JS_URL), "https://*.js.stripe.com"],
    "frame-src": [_origin(STRIPE_JS_URL), "https://*.js.stripe.com", "https://hooks.stripe.com"],
    "connect-src": ["https://api.stripe.com"],
    "img-src": ["https://*.stripe.com"],
}
CELERY_BEAT_SCHEDULE["shop-close-campaigns"] = {"task": "shop.tasks.close_campaigns", "schedule": 15 * 60}
CELERY_BEAT_SCHEDULE["makers-monthly-payouts"] = {"task": "makers.tasks.run_monthly_payouts", "schedule": 24 * 3600}

# Voting: how often due challenges close and the counters are recounted.
VOTING_CLOSE_EVERY_MINUTES = env_int("VOTING_CLOSE_EVERY_MINUTES", 5)
VOTING_RECOUNT_EVERY_MINUTES = env_int("VOTING_RECOUNT_EVERY_MINUTES", 60)
CELERY_BEAT_SCHEDULE["voting-close-due"] = {
    "task": "voting.tasks.voting_close_due",
    "schedule": VOTING_CLOSE_EVERY_MINUTES * 60,
}
# A member's first vote on a design is one statement on PostgreSQL (the function `voting_cast_new`,
# voting/migrations/0005): the rules, the vote and the counters in one round trip. Off: every vote
# takes the general path (a transaction of five statements).
VOTING_CAST_ONE_STATEMENT = env_bool("VOTING_CAST_ONE_STATEMENT", True)
# Trending: the week's ranking is computed by a periodic task and cached; pages show it at most this old.
VOTING_TRENDING_CACHE_SECONDS = env_int("VOTING_TRENDING_CACHE_SECONDS", 120)
CELERY_BEAT_SCHEDULE["voting-trending-refresh"] = {
    "task": "voting.tasks.trending_refresh",
    "schedule": max(10, VOTING_TRENDING_CACHE_SECONDS // 2),
}
CELERY_BEAT_SCHEDULE["voting-recount"] = {
    "task": "voting.tasks.voting_recount",
    "schedule": VOTING_RECOUNT_EVERY_MINUTES * 60,
}

# Votes cast count toward trust through a Redis buffer that a periodic task adds to the profiles
# (no profile write per vote); a member's level follows within this many seconds.
TRUST_COUNTERS_BUFFERED = env_bool("TRUST_COUNTERS_BUFFERED", True)
TRUST_FLUSH_SECONDS = env_int("TRUST_FLUSH_SECONDS", 60)
CELERY_BEAT_SCHEDULE["community-flush-trust-counters"] = {
    "task": "community.tasks.flush_trust_counters",
    "schedule": TRUST_FLUSH_SECONDS,
}

# Web Push (notifications/webpush.py): hidden unless both VAPID keys are set. Generate them once with
# `vapid --gen` (py-vapid) or any VAPID tool; the public key is the base64url "applicationServerKey".
WEBPUSH_VAPID_PUBLIC_KEY = env_str("WEBPUSH_VAPID_PUBLIC_KEY")
WEBPUSH_VAPID_PRIVATE_KEY = env_str("WEBPUSH_VAPID_PRIVATE_KEY")
WEBPUSH_VAPID_SUBJECT = env_str("WEBPUSH_VAPID_SUBJECT", "mailto:hello@commonmade.example")
WEBPUSH_TTL_SECONDS = env_int("WEBPUSH_TTL_SECONDS", 3600)
# Push services the site may send to (no request to any other host: the endpoint comes from the browser).
WEBPUSH_ALLOWED_HOSTS = env_list(
    "WEBPUSH_ALLOWED_HOSTS",
    ["fcm.googleapis.com", "updates.push.services.mozilla.com", "push.apple.com", "notify.windows.com"],
)
WEBPUSH_ALLOW_HTTP = env_bool("WEBPUSH_ALLOW_HTTP", False)

# Live events arriving within this window go to viewers as one websocket frame (live/fanout.py).
LIVE_PUSH_BATCH_SECONDS = env_int("LIVE_PUSH_BATCH_MS", 50) / 1000
CELERY_BEAT_SCHEDULE["live-reminders"] = {"task": "live.tasks.send_live_reminders", "schedule": 60.0}

# PostgreSQL search: past about this many matches, totals and facet counts are estimated from a sample
# and the page is read along an index; SEARCH_LARGE_RANK_WINDOW matches are then ranked by text rank.
SEARCH_EXACT_LIMIT = env_int("SEARCH_EXACT_LIMIT", 1000)
SEARCH_LARGE_RANK_WINDOW = env_int("SEARCH_LARGE_RANK_WINDOW", 240)
SEARCH_MAX_RESULT_WINDOW = env_int("SEARCH_MAX_RESULT_WINDOW", 10_000)
# Facet counts, totals and "did you mean" of a query are kept this long in the cache (0: never); any
# change to the index drops them at once (search/query_cache.py).
SEARCH_COUNTS_CACHE_SECONDS = env_int("SEARCH_COUNTS_CACHE_SECONDS", 60)

# Crowd scores that moved are re-indexed this often (the tolerance is search/rules.py's VOTE_TOLERANCE).
SEARCH_VOTE_REINDEX_MINUTES = env_int("SEARCH_VOTE_REINDEX_MINUTES", 5)
CELERY_BEAT_SCHEDULE["search-reindex-stale-designs"] = {
    "task": "search.reindex_stale_designs",
    "schedule": SEARCH_VOTE_REINDEX_MINUTES * 60,
}

# ---------------------------------------------------------------------------
# Logging
# ---------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

# JSON API (/api/v1/, api/): request budgets per minute (the capacity this deployment offers clients) and
# CORS. Page sizes and the token limit are rules (api/rules.py).
API_RATE_LIMIT_PER_MINUTE = env_int("API_RATE_LIMIT_PER_MINUTE", 300)
API_ANON_RATE_LIMIT_PER_MINUTE = env_int("API_ANON_RATE_LIMIT_PER_MINUTE", 120)
# Other sites whose pages may call the API from a browser (exact origins, e.g. https://partner.example).
# Closed by default: no Access-Control-Allow-Origin for anyone.
API_CORS_ORIGINS = env_list("API_CORS_ORIGINS", [])
