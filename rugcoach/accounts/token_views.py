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
from rugcoach.accounts.models import ApiToken, User


class NewTokenForm(forms.Form):
    """A name, and the current password: a token outlives the session, so a browser left
    logged in must not be enough to make one."""

    name = forms.CharField(
        label=gettext_lazy("Naam"),
        max_length=60,
        help_text=gettext_lazy("Waarvoor gebruik je hem? Bijvoorbeeld: script op mijn laptop."),
    )
    password = forms.CharField(
        label=gettext_lazy("Je huidige wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.user = user

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _("Je huidige wachtwoord klopt niet. Probeer het nog eens.")
            )
        return password


@login_required
@never_cache
def tokens_page(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    form = NewTokenForm(request.POST or None, user=request.user)
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
            form = NewTokenForm(user=request.user)
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
