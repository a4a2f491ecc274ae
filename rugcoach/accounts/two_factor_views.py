"""Pages of the two-factor login: setting it up or off (``accounts:two_factor``) and the
code step after the password (``accounts:two_factor_login``). The rules live in
``rugcoach.accounts.two_factor``; these views only ask and answer."""

from axes.handlers.proxy import AxesProxyHandler
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import translate_url
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from rugcoach.accounts import two_factor
from rugcoach.accounts.lockout import lockout_response

WRONG_CODE = gettext_lazy(
    "Deze code klopt niet. Kijk of de tijd op je telefoon goed staat en probeer de nieuwste code."
)
# django-otp's own throttle: after a wrong code a device checks the next one only after
# 1, 2, 4… seconds. A code sent before then is not checked (and not counted).
WAIT = gettext_lazy(
    "Even wachten: na een verkeerde code kun je het over een paar seconden opnieuw proberen."
)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )


class AppCodeForm(CodeForm):
    """Six digits from the app (setting up: a recovery code cannot confirm an app)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].label = _("Code uit je app (6 cijfers)")
        self.fields["code"].widget.attrs.update(inputmode="numeric", pattern="[0-9 ]*")


@login_required
@never_cache
@sensitive_post_parameters("code")
def two_factor_page(request: HttpRequest) -> HttpResponse:
    """Set up, renew recovery codes or turn off: one page, the form's ``action`` says which."""
    user = request.user
    action = request.POST.get("action", "") if request.method == "POST" else ""
    form = (AppCodeForm if action in ("confirm", "new_codes") else CodeForm)(request.POST or None)
    if action and form.is_valid() and two_factor.must_wait(user):
        form.add_error("code", WAIT)
    elif action and form.is_valid():
        code = form.cleaned_data["code"]
        if action == "confirm" and (codes := two_factor.confirm_setup(user=user, code=code)):
            messages.success(request, _("Tweestapsverificatie staat aan."))
            return _show_recovery_codes(request, codes)
        if action == "new_codes" and (codes := two_factor.new_recovery_codes(user=user, code=code)):
            messages.success(request, _("Je hebt nieuwe herstelcodes. De oude werken niet meer."))
            return _show_recovery_codes(request, codes)
        if action == "disable" and two_factor.disable(user=user, code=code):
            messages.success(request, _("Tweestapsverificatie staat uit."))
            return redirect("accounts:two_factor")
        form.add_error("code", WRONG_CODE)
    context: dict[str, object] = {"form": form, "action": action}
    if two_factor.is_enabled(user):
        context["codes_left"] = two_factor.recovery_codes_left(user)
        context["enabled"] = True
    else:
        device = two_factor.setup_device(user=user)
        context["qr_svg"] = two_factor.qr_svg(device, title=_("QR-code voor je app"))
        context["secret"] = two_factor.secret_text(device)
    status = 400 if action else 200
    return render(request, "accounts/two_factor.html", context, status=status)


def _show_recovery_codes(request: HttpRequest, codes: list[str]) -> HttpResponse:
    # Shown in this answer only (never_cache): no later page shows them again.
    return render(request, "accounts/two_factor_codes.html", {"codes": codes})


@never_cache
@sensitive_post_parameters("code")
def login_code(request: HttpRequest) -> HttpResponse:
    """The step after the password for an account with two-factor login."""
    pending = two_factor.pending_login(request)
    if pending is None:
        messages.info(request, _("Log opnieuw in: de stap met de code duurde te lang."))
        return redirect("accounts:login")
    credentials = {"username": pending.user.email}
    if AxesProxyHandler.is_locked(request, credentials):
        two_factor.cancel_login(request)
        return lockout_response(request, credentials=credentials)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and two_factor.must_wait(pending.user):
        form.add_error("code", WAIT)
    elif request.method == "POST" and form.is_valid():
        device = two_factor.verify(pending.user, form.cleaned_data["code"])
        if device is not None:
            two_factor.finish_login(request, pending, device)
            return redirect(translate_url(pending.next_url, pending.user.preferred_language))
        left = two_factor.count_wrong_code(request, pending)
        if left == 0:
            messages.error(request, _("Te vaak een verkeerde code. Log opnieuw in."))
            return redirect("accounts:login")
        form.add_error("code", WRONG_CODE)
    status = 400 if form.errors else 200
    return render(request, "accounts/two_factor_login.html", {"form": form}, status=status)
