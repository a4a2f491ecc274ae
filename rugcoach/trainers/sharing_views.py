"""The member's sharing page (``/account/delen/``): whom they share with, give, revoke."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from rugcoach.trainers import consent
from rugcoach.trainers.sharing_forms import GiveConsentForm, RevokeConsentForm


def _page(request: HttpRequest, form: GiveConsentForm | None = None) -> HttpResponse:
    offers = consent.offers(request.user)
    if form is None:
        form = GiveConsentForm(trainer_ids={o.trainer.pk for o in offers if o.may_give})
    context = {
        "offers": offers,
        "form": form,
        "can_give": any(o.may_give for o in offers),
        "history": [c for c in consent.consents_of(request.user) if c.revoked_at],
    }
    return render(request, "trainers/sharing.html", context, status=400 if form.errors else 200)


@never_cache
@login_required
def consents(request: HttpRequest) -> HttpResponse:
    return _page(request)


@never_cache
@login_required
@require_POST
def give(request: HttpRequest) -> HttpResponse:
    offers = consent.offers(request.user)
    form = GiveConsentForm(request.POST, trainer_ids={o.trainer.pk for o in offers if o.may_give})
    if not form.is_valid():
        return _page(request, form)
    trainer = form.cleaned_data["trainer"]
    consent.give(member=request.user, trainer=trainer)
    messages.success(request, _("{trainer} kan je gegevens nu zien.").format(trainer=str(trainer)))
    return redirect("sharing:consents")


@never_cache
@login_required
@require_POST
def revoke(request: HttpRequest) -> HttpResponse:
    form = RevokeConsentForm(request.POST)
    shared = {o.trainer.pk: o.trainer for o in consent.offers(request.user) if o.consent}
    trainer = shared.get(form.cleaned_data["trainer"]) if form.is_valid() else None
    if trainer is None:
        messages.error(request, _("Je deelt niets met die trainer; er is niets veranderd."))
        return redirect("sharing:consents")
    consent.revoke(member=request.user, trainer=trainer)
    messages.success(
        request,
        _("{trainer} ziet je gegevens vanaf nu niet meer.").format(trainer=str(trainer)),
    )
    return redirect("sharing:consents")
