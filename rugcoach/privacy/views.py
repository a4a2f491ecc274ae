import json
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from markdown_it import MarkdownIt

from rugcoach.privacy import pdf, services
from rugcoach.privacy.forms import DeleteAccountForm

POLICY_DIR = settings.BASE_DIR / "docs"


def _filename(extension: str) -> str:
    return f"rugcoach-mijn-gegevens-{timezone.localdate().isoformat()}.{extension}"


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy/my_data.html")


@never_cache
@login_required
def export_json(request: HttpRequest) -> HttpResponse:
    export = services.export_member_data(request.user)
    content = json.dumps(export, ensure_ascii=False, indent=2).encode()
    return _download(content, "application/json; charset=utf-8", _filename("json"))


@never_cache
@login_required
def export_pdf(request: HttpRequest) -> HttpResponse:
    export = services.export_member_data(request.user)
    content = pdf.build_export_pdf(
        export, language=translation.get_language(), brand=settings.RUGCOACH_GYM_NAME
    )
    return _download(content, "application/pdf", _filename("pdf"))


@never_cache
@login_required
def delete_account(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None, member=request.user)
    if request.method == "POST" and form.is_valid():
        services.delete_member(member=request.user)
        logout(request)
        messages.success(request, _("Je account en al je gegevens zijn verwijderd."))
        return redirect("home")
    status = 400 if form.is_bound else 200
    return render(request, "privacy/delete.html", {"form": form}, status=status)


def policy(request: HttpRequest) -> HttpResponse:
    """docs/privacy.md (Dutch: docs/privacy.nl.md), the one text, shown as a page."""
    name = "privacy.md" if translation.get_language() == "en" else "privacy.nl.md"
    source = Path(POLICY_DIR / name).read_text(encoding="utf-8")
    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(source)
    return render(request, "privacy/policy.html", {"body": body})
