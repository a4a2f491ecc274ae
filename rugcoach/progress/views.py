import re
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rugcoach.content import get_catalog
from rugcoach.progress import presenters, selectors, services
from rugcoach.progress.forms import PsfsForm

MONTH = re.compile(r"\d{4}-\d{2}")


def _month(value: str | None) -> date | None:
    """``?month=2026-10`` (the calendar's paging links); anything else shows this month."""
    if not value or not MONTH.fullmatch(value):
        return None
    year, month = (int(part) for part in value.split("-"))
    return date(year, month, 1) if year >= 2000 and 1 <= month <= 12 else None


@login_required
def page(request: HttpRequest) -> HttpResponse:
    """The member's progress: calendar, streak, minutes, dose changes, pain and outcomes."""
    language = translation.get_language()
    shown = presenters.progress(
        request.user, timezone.localdate(), language, month=_month(request.GET.get("month"))
    )
    return render(
        request,
        "progress/progress.html",
        {"p": shown, "rules": get_catalog().outcomes},
    )


@login_required
def psfs(request: HttpRequest) -> HttpResponse:
    """Name 3–5 activities and rate them; later, the same activities again (prefilled)."""
    latest = selectors.member_psfs(request.user).first()
    if request.method == "POST":
        form = PsfsForm(request.POST)
        if form.is_valid():
            try:
                services.record_psfs(request.user, activities=form.cleaned_data["activities"])
            except services.InvalidPsfs:
                # The form checks the same rules; kept for a content change between the two.
                form.add_error(None, _("Deze lijst kon niet worden bewaard. Controleer hem."))
            else:
                messages.success(request, _("Je cijfers zijn bewaard."))
                return redirect("progress:page")
    else:
        initial = {}
        if latest is not None:
            for number, item in enumerate(latest.activities, start=1):
                initial[f"name_{number}"] = item["name"]
        form = PsfsForm(initial=initial)
    rule = get_catalog().outcomes.psfs
    language = translation.get_language()
    return render(
        request,
        "progress/psfs.html",
        {
            "form": form,
            "pairs": [(form[name], form[score]) for name, score in form.pairs()],
            "again": latest is not None,
            "question": rule.question.get(language),
            "scale": rule.scale.get(language),
        },
    )
