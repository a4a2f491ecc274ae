"""The personal API tokens page (``accounts:tokens``): make one (its secret is shown once),
see them with their prefix and dates, revoke one. Rules: rugcoach/accounts/tokens.py."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from rugcoach.accounts import tokens
from rugcoach.accounts.models import ApiToken


class NewTokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Naam"),
        max_length=60,
        help_text=gettext_lazy("Waarvoor gebruik je hem? Bijvoorbeeld: script op mijn laptop."),
    )


@login_required
@never_cache
def tokens_page(request: HttpRequest) -> HttpResponse:
    form = NewTokenForm(request.POST or None)
    context: dict[str, object] = {}
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = tokens.create(owner=request.user, name=form.cleaned_data["name"])
        except tokens.TooManyTokens:
            form.add_error(
                None,
                _("Je hebt al %(count)s actieve sleutels. Trek er eerst een in.")
                % {"count": tokens.MAX_ACTIVE_TOKENS},
            )
        else:
            # The secret is in this answer only (never_cache); the page after a reload
            # no longer has it.
            context.update(new_token=token, secret=secret)
            form = NewTokenForm()
    context.update(form=form, tokens=list(tokens.owner_tokens(request.user)))
    status = 400 if form.errors else 200
    return render(request, "accounts/tokens.html", context, status=status)


@login_required
@require_POST
def revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    # Another person's token is "not found": its id tells nothing.
    token = get_object_or_404(ApiToken, pk=token_id, owner=request.user)
    tokens.revoke(owner=request.user, token=token)
    messages.success(request, _("De sleutel „%(name)s” werkt niet meer.") % {"name": token.name})
    return redirect("accounts:tokens")
