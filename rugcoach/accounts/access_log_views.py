"""The member's access log page (``/account/inzage/``, English ``/en/account/access-log/``)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from rugcoach.accounts import access_log


@never_cache
@login_required
def access_log_page(request: HttpRequest) -> HttpResponse:
    shown = access_log.page(request.user, request.GET.get("pagina"))
    lines = access_log.in_words(shown.object_list)
    return render(request, "accounts/access_log.html", {"page": shown, "lines": lines})
