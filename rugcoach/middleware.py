from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

# Everything a page uses is served from our own origin; nothing is loaded from elsewhere.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "style-src 'self'",
        "script-src 'self'",
        "connect-src 'self'",
        # The service worker and the web app manifest (rugcoach/pwa) come from our origin.
        "worker-src 'self'",
        "manifest-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

# Powerful browser features the app may use: only the screen wake lock, for our own
# origin (the session player keeps the screen on); every other one is switched off for
# the app and for anything it might embed.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=(self)" if feature == "screen-wake-lock" else f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)

# Swagger UI (the OpenAPI docs page) sets inline styles; still nothing from elsewhere.
API_DOCS_POLICY = CONTENT_SECURITY_POLICY.replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'"
)


class ContentSecurityPolicyMiddleware:
    """Content-Security-Policy and Permissions-Policy on every response, static files too."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = (
            API_DOCS_POLICY if request.path.startswith("/api/docs") else CONTENT_SECURITY_POLICY
        )
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


PRIVATE = "private, no-store"


class PrivateResponseMiddleware:
    """``Cache-Control: private, no-store`` on everything that may carry a person's data.

    That is every response to a logged-in member (plan, PDFs, results, history, calendar
    settings, account, member API calls: each is built for them, and even a library page
    shows their menu), every response to submitted data (a verdict from posted answers),
    and a visitor's safety check while their answers ride along in the wizard cookie.
    No browser, proxy or shared computer keeps a copy. A view that chose its own caching
    (the versioned figures) keeps it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Cache-Control" not in response.headers and self._personal(request):
            response.headers["Cache-Control"] = PRIVATE
        return response

    @staticmethod
    def _personal(request: HttpRequest) -> bool:
        from rugcoach.triage.wizard import COOKIE as TRIAGE_ANSWERS_COOKIE

        # Only members have a session, so its cookie marks a member's request. Reading the
        # cookie rather than request.user keeps the session (and a query) out of this, and
        # a stale cookie merely errs on the private side.
        return (
            settings.SESSION_COOKIE_NAME in request.COOKIES
            or request.method not in ("GET", "HEAD")
            or TRIAGE_ANSWERS_COOKIE in request.COOKIES
        )
