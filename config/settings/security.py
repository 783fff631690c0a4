"""Defences of every answer and of the admin: passwords, login throttling, Content-Security-Policy,
Permissions-Policy, image upload limits."""

from urllib.parse import urlsplit

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

from .environment import env, env_list

# --- Admin logins ---------------------------------------------------------------------------------------------
# django-axes counts failed logins per user name and per address (TRUSTED_PROXY_COUNT decides which address):
# after LOGIN_FAILURE_LIMIT failures either one is locked out for LOGIN_COOLOFF_MINUTES, counted in the database
# so every app server sees the same count. Staff unlock with `manage.py axes_reset_username <name>` or
# `axes_reset_ip <address>` (docs/deploy.md).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # First, so a locked-out login is refused before its password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(env("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(env("LOGIN_COOLOFF_MINUTES", "15")) / 60  # hours, as axes reads it
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "cms.graphql.limits.client_ip"
AXES_RESET_ON_SUCCESS = True
# A wrong password during the lockout does not start the cool-off again, so a locked-out editor is back in time.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# No django.contrib.admin here: attempts and lockouts are managed with axes' commands.
AXES_ENABLE_ADMIN = False
AXES_LOCKOUT_TEMPLATE = "cms/locked_out.html"
AXES_VERBOSE = False


# --- Content-Security-Policy ----------------------------------------------------------------------------------
def _origin(url: str | None) -> str | None:
    parts = urlsplit(url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


def _media_origins() -> list[str]:
    """Where media files are served from besides this site: object storage, by its domain or endpoint."""
    if env("MEDIA_STORAGE", "filesystem") != "s3":
        return []
    if env("S3_MEDIA_DOMAIN"):
        return [f"https://{env('S3_MEDIA_DOMAIN')}"]
    endpoint = _origin(env("S3_ENDPOINT_URL"))
    if endpoint is None:
        return ["https://*.amazonaws.com"]
    bucket = urlsplit(endpoint)
    return [endpoint, f"{bucket.scheme}://{env('S3_MEDIA_BUCKET')}.{bucket.netloc}"]


# CSP_MEDIA_ORIGINS names other places media come from (a CDN in front of them); CSP_FRAME_ORIGINS the video
# services a story's video link may be framed from (any https page by default: an editor links any service).
_MEDIA = [SELF, "data:", "blob:", *_media_origins(), *env_list("CSP_MEDIA_ORIGINS", [])]
_FRAMES = [SELF, *env_list("CSP_FRAME_ORIGINS", ["https:"])]
# The public site, the display page and every JSON answer: scripts and styles only from this site's files
# (their templates have no inline script; one that gets one gives it `nonce="{{ request.csp_nonce }}"`).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": _MEDIA,
        "media-src": _MEDIA,
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": _FRAMES,
        "worker-src": [SELF],
        "manifest-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    },
}
# Path prefixes whose pages need more, added to the policy above (cms.security.ContentSecurityPolicyMiddleware).
# Wagtail admin's templates and widgets have inline scripts and style attributes of their own; a directive
# with a nonce ignores 'unsafe-inline', so the admin's replace the nonce rather than add to it.
CSP_PATH_DIRECTIVES = {
    "/admin/": {
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "connect-src": [SELF, *_MEDIA[1:]],
    },
}

# Features no page of ours uses, refused for every page and anything it frames (fullscreen and autoplay are
# left to their defaults: the story's video uses them).
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)

# --- Image uploads --------------------------------------------------------------------------------------------
# Every image a browser asks a rendition of is decoded whole: a 121-megapixel upload cost 2.4 GiB to render.
# Every admin upload (the images page, multiple upload, the chooser's upload, replacing a file) goes through
# Wagtail's image form, which refuses larger files in the words of cms.image_forms.ImageForm.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = int(float(env("IMAGE_MAX_MEGAPIXELS", "40")) * 1_000_000)
WAGTAILIMAGES_MAX_UPLOAD_SIZE = int(float(env("IMAGE_MAX_UPLOAD_MB", "10")) * 1024 * 1024)
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.image_forms.ImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.document_forms.DocumentForm"  # what each kind of upload must be
