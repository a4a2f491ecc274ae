"""django-axes hooks: the client's address, and the page a locked-out login sees."""

from datetime import datetime

from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone


def client_ip(request: HttpRequest) -> str | None:
    """The address a lockout counts against: REMOTE_ADDR, or behind RUGCOACH_PROXY_COUNT
    proxies the address the outermost proxy added to X-Forwarded-For."""
    proxies = settings.RUGCOACH_PROXY_COUNT
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if len(forwarded) >= proxies and forwarded[-proxies]:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def unlocks_at(request: HttpRequest, credentials: dict | None) -> datetime:
    """When this account may try again from this address: the cool-off after the last
    failed attempt (a refused attempt during the lock does not extend it)."""
    username = get_client_username(request, credentials)
    last = (
        AccessAttempt.objects.filter(username=username, ip_address=client_ip(request))
        .order_by("-attempt_time")
        .values_list("attempt_time", flat=True)
        .first()
    )
    return (last or timezone.now()) + settings.AXES_COOLOFF_TIME


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    until = unlocks_at(request, credentials)
    minutes = max(1, round((until - timezone.now()).total_seconds() / 60))
    context = {
        "until": timezone.localtime(until),
        "minutes": minutes,
        "admin": request.path.startswith("/admin/"),
    }
    return render(request, "accounts/locked.html", context, status=429)
