"""Settings for the embassy site, read once from the environment (and an optional .env).

Defaults suit a newcomer: SQLite, a local-memory cache, DEBUG off. Production sets
SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and CACHE_URL; see .env.example.
"""

import re
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from js_asset import static_lazy

from embassy_site.cache import configure as configure_cache

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment or in .env "
            "(see .env.example), or set DEBUG=true for local development."
        )
    # Only a DEBUG site may run without a secret of its own.
    SECRET_KEY = "insecure-development-key-never-use-in-production"

# The one address absolute links are built from (canonical, hreflang, feeds, sitemap,
# robots.txt), never the request's Host header: a cached page is shared by every visitor.
# scheme://host[:port], no path. Without it a DEBUG site uses the development server's
# address and a production one the first of ALLOWED_HOSTS over https.
SITE_URL = env.str("SITE_URL", default="").rstrip("/")
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
# Host names and addresses the link checker may ask for although they are internal
# (loopback, private, link-local ...): none in production; the tests' local link server.
LINK_CHECK_ALLOW_HOSTS = env.list("LINK_CHECK_ALLOW_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
if not SITE_URL:
    first = next(iter(ALLOWED_HOSTS), "")
    if DEBUG:
        SITE_URL = "http://127.0.0.1:8000"
    elif first and not first.startswith((".", "*")):
        SITE_URL = f"https://{first}"
    else:
        raise ImproperlyConfigured(
            "SITE_URL is not set and ALLOWED_HOSTS names no host to build it from: set "
            "SITE_URL=https://www.example.org (see .env.example)."
        )
if not re.fullmatch(r"https?://[^/?#\s]+", SITE_URL):
    raise ImproperlyConfigured(
        f"SITE_URL must be scheme://host[:port] with no path, such as "
        f"https://www.example.org; it is {SITE_URL!r}."
    )

INSTALLED_APPS = [
    # Content fields once per language (relations/translation.py, notices/translation.py);
    # before the admin, as the package asks, so its admin classes find the fields.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Its Sitemap classes only; no sites framework (addresses come from SITE_URL).
    "django.contrib.sitemaps",
    # Locks out repeated failed logins; its admin lists attempts and unlocks (see README).
    "axes",
    "django_prose_editor",
    "publishing",
    "embassy_site",
    "relations",
    "notices",
    "pages",
    "search",
    # The image library: uploads checked and stripped of metadata, renditions, <picture>.
    "images",
    # Redirects from old addresses (addresses/) and link checks for the dashboard (upkeep/).
    "addresses",
    "upkeep",
    # Which English each translation was made from, and what is out of date (issue 21).
    "translations",
]

MIDDLEWARE = [
    # First: renders and stores visitors' pages, with the headers of the middleware below
    # in them (hits are answered even earlier, by embassy_site/wsgi.py; here for the test
    # client). It also compresses every response for whoever accepts gzip and answers an
    # unchanged ETag with 304 (Django's GZip and ConditionalGet, applied once, outside).
    "embassy_site.page_cache.AnonymousPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "embassy_site.security_headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Old addresses without a language answer 301 to English before the locale is chosen.
    "embassy_site.languages.LegacyAddressMiddleware",
    # The language comes from the address (/en/, /ro/, /az/); "/" alone is sent on by
    # Accept-Language. It sets no cookie and this site never stores a language in a session.
    # Django's, but an unknown path without a language stays a 404 (embassy_site/languages.py).
    "embassy_site.languages.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Old addresses: only a 404 is looked up, and answered 301 to the new address or 410.
    "addresses.middleware.RedirectFallbackMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last: the middleware below, for every request but a visitor's (embassy_site/signed_in.py).
    "embassy_site.signed_in.SignedInMiddleware",
]
# What only a request that may come from someone signed in needs: a visitor's request (GET
# or HEAD, no cookie, outside SIGNED_IN_PATHS) skips it all.
SIGNED_IN_MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A malformed id in any admin address is a 404 before the admin's views see it.
    "embassy_site.admin_ids.AdminIdMiddleware",
    # NUL characters and values no filter or field can take: 400, or the page without them.
    "embassy_site.admin_queries.AdminQueryMiddleware",
    # Past the per-user ceiling, a sign-in from an unknown place waits (see README).
    "embassy_site.login_ceiling.LoginCeilingMiddleware",
    # Last, as django-axes asks: it answers a locked-out login with the lockout page.
    "axes.middleware.AxesMiddleware",
]
# Staff sign in and work here: every request to it runs SIGNED_IN_MIDDLEWARE.
SIGNED_IN_PATHS = ("/admin/",)
# Django's and django-axes's checks look for these in MIDDLEWARE only; embassy_site/signed_in.py
# checks both lists instead.
SILENCED_SYSTEM_CHECKS = ["admin.E408", "admin.E409", "admin.E410", "security.W003", "axes.W002"]

# django-axes first: it refuses a locked-out user and address before a password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "embassy_site.urls"
WSGI_APPLICATION = "embassy_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "embassy_site.context_processors.site",
                # The menus and contact details, read once a page (one round trip).
                "pages.context_processors.chrome",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
# Short-lived persistent connections: cheap reuse under gunicorn, no stale links.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# A Redis outage makes every read a miss (embassy_site/cache.py): pages come from the database.
CACHES = {"default": configure_cache(env.cache("CACHE_URL", default="locmemcache://embassy"))}
# Rendered bodies of relation pages and notice cards in lists (notices/cards.py) are keyed
# on their update time, so edits show at once; the timeout only bounds what a fixture
# loaded with an old timestamp could leave behind.
PAGE_FRAGMENT_CACHE_SECONDS = env.int("PAGE_FRAGMENT_CACHE_SECONDS", default=300)
# Whole pages for visitors (embassy_site/page_cache.py); 0 turns the page cache off. Each
# address has one entry, overwritten by the next version; give Redis a memory ceiling that
# evicts (maxmemory 256mb, maxmemory-policy allkeys-lru: see README, Production).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# Each worker keeps what it read of Redis in memory, kept exact by Redis's invalidation
# pushes (embassy_site/near_cache.py), so a hit waits for no round trip: at most this many
# bytes per worker thread (a few hundred pages); 0 reads Redis on every hit. It is trusted
# for PAGE_CACHE_LOCAL_SECONDS after Redis last answered: a stopped or cut-off Redis
# leaves no page served from memory longer than that.
PAGE_CACHE_LOCAL_BYTES = env.int("PAGE_CACHE_LOCAL_BYTES", default=32 * 1024 * 1024)
PAGE_CACHE_LOCAL_SECONDS = env.float("PAGE_CACHE_LOCAL_SECONDS", default=1.0)
# Pages of a type per sitemap page: each lists them in three languages with their
# alternates, so 1,000 pages make 3,000 addresses (the protocol allows 50,000).
SITEMAP_PAGE_SIZE = env.int("SITEMAP_PAGE_SIZE", default=1000)
# Never pages: the admin, the health check, files (whitenoise's favicon.ico included).
PAGE_CACHE_SKIP = ("/admin/", "/healthz", "/media/", "/static/", "/favicon.ico")

# Failed logins: after AXES_FAILURE_LIMIT wrong passwords for one user from one address, that
# pair is locked out for AXES_COOLOFF_MINUTES (or until staff unlock it in the admin), so
# guessing from one address cannot lock an editor out everywhere.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The client's address (embassy_site/client_ip.py): REMOTE_ADDR, unless REMOTE_ADDR is a
# trusted front server (FORWARDED_ALLOW_IPS, as for gunicorn) and one of CLIENT_IP_HEADERS
# holds an address; deploy/nginx overwrites X-Real-IP: CLIENT_IP_HEADERS=HTTP_X_REAL_IP.
# A header from anyone else is ignored, or every guess could claim a new address.
AXES_CLIENT_IP_CALLABLE = "embassy_site.client_ip.client_ip"
CLIENT_IP_HEADERS = [h for h in env.list("CLIENT_IP_HEADERS", default=[]) if h != "REMOTE_ADDR"]
TRUSTED_PROXY_IPS = env.list("FORWARDED_ALLOW_IPS", default=[])
# Every wrong password is logged (axes keeps the last 1,000 per user) for the slower ceiling
# per user across all addresses (embassy_site/login_ceiling.py): past the limit, passwords
# from unknown places are checked once per delay, never locking the real user out.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
LOGIN_USER_FAILURE_LIMIT = env.int("LOGIN_USER_FAILURE_LIMIT", default=20)
LOGIN_USER_WINDOW = timedelta(hours=env.int("LOGIN_USER_WINDOW_HOURS", default=24))
LOGIN_USER_DELAY_SECONDS = env.int("LOGIN_USER_DELAY_SECONDS", default=60)
LOGIN_KNOWN_PLACE_DAYS = env.int("LOGIN_KNOWN_PLACE_DAYS", default=90)

# Review requests are emailed to publishers. The default prints them on the console; in
# production an SMTP URL: smtp+tls://user:password@host:587 (see .env.example).
# EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS
# and EMAIL_USE_SSL, all from the one URL; what it leaves out keeps Django's default.
# An empty EMAIL_URL= (as in a copied .env.example) means the console too.
EMAIL_URL = env.str("EMAIL_URL", default="") or "consolemail://"
globals().update({k: v for k, v in environ.Env.email_url_config(EMAIL_URL).items() if v})
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="webmaster@localhost")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English first: the seed content is English and any untranslated text falls back to it.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ro", _("Romanian")), ("az", _("Azerbaijani"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Content: English is the source every translation is made from, and what shows (marked
# lang="en") where a translation is missing. loaddata keeps the active language, so the
# fixtures' *_en, *_ro, *_az columns are read as written (docs/languages.md).
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "ro", "az")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
MODELTRANSLATION_LOADDATA_RETAIN_LOCALE = True
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Baku")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# The rich-text editor's page picker, an extension module of django-prose-editor
# (static/js/page-link.js, publishing.page_links). Its HTML is cleaned by publishing.sanitize,
# not by the package's allow-list, so it adds nothing there.
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [static_lazy("js/page-link.js")],
        "extensions": {"PageLink": lambda config, shared_config: None},
    }
]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Where the front server's internal location for MEDIA_ROOT is (deploy/nginx: /_media/):
# Django checks each download, nginx sends the bytes. Empty: Django sends them itself.
MEDIA_ACCEL_PREFIX = env.str("MEDIA_ACCEL_PREFIX", default="")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed files in production; the plain backend keeps tests and DEBUG simple.
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
# Files that clients ask for at the site's root whatever the pages say (/favicon.ico).
WHITENOISE_ROOT = BASE_DIR / "public"
# Hashed names (known from the manifest) are cached for good by whitenoise itself; any
# other name, such as /static/css/site.css, may change with the next deploy: minutes only.
WHITENOISE_MAX_AGE = 0 if DEBUG else 300

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

EMBASSY_NAME = env.str("EMBASSY_NAME", default="Embassy of Romania in Azerbaijan")
# The name as each language writes it (publishing/site_name.py); English is EMBASSY_NAME.
EMBASSY_NAME_RO = env.str("EMBASSY_NAME_RO", default="Ambasada României în Republica Azerbaidjan")
EMBASSY_NAME_AZ = env.str(
    "EMBASSY_NAME_AZ", default="Rumıniyanın Azərbaycan Respublikasındakı Səfirliyi"
)
ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_BYTES", default=10 * 1024 * 1024)
# A phone photo is 3-8 MB; a camera's full-size JPEG rarely passes 15 MB.
IMAGE_MAX_BYTES = env.int("IMAGE_MAX_BYTES", default=15 * 1024 * 1024)

# Secure by default when DEBUG is off; a TLS-terminating proxy may switch parts off.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
# A load balancer asks /healthz over plain HTTP from inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
if env.bool("USE_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
# Only staff have sessions: one ends after a working day (10 hours after it last changed,
# signing in included) instead of Django's 14 days, so a forgotten browser is signed out.
SESSION_COOKIE_AGE = env.int("SESSION_HOURS", default=10) * 3600
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LOG_LEVEL = env.str("LOG_LEVEL", default="WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # The level sits on the handler too: records from Django's own loggers reach the root's
    # handler whatever the root's level, so only the handler can quieten them.
    "handlers": {"console": {"class": "logging.StreamHandler", "level": LOG_LEVEL}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # With the database down: one line per 503, the traceback once (embassy_site/outage_log.py).
    "filters": {"outage_once": {"()": "embassy_site.outage_log.OutageTracebackOnce"}},
    "loggers": {"django.request": {"filters": ["outage_once"]}},
}
