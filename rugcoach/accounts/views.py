from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from rugcoach.accounts import access_log, two_factor
from rugcoach.accounts.forms import (
    EmailAuthenticationForm,
    FollowUpEmailsForm,
    LanguagePreferenceForm,
    SignupForm,
)
from rugcoach.accounts.models import User
from rugcoach.accounts.services import (
    keepable_offers,
    set_followup_emails,
    set_preferred_language,
    sign_up,
)

# After sign-up a member goes on to their next step (the check, their result, or the
# plan intake); the plans app decides which (it reads both the checks and the plans).
NEXT_STEP_URL = "plans:next"


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    offers = keepable_offers(request)
    form = SignupForm(
        request.POST or None,
        keep={name: (k.label, k.help_text) for name, (k, _found) in offers.items()},
    )
    if request.method == "POST" and form.is_valid():
        user = form.save(commit=False)
        user.preferred_language = translation.get_language()
        kept = [offers[name] for name in form.kept()]
        try:
            sign_up(user, kept)
        except IntegrityError:
            # Someone signed up with this address a moment ago (a double click, two tabs):
            # the unique index decided; this request gets the form's own message.
            form.email_taken()
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welkom! Je account is aangemaakt."))
            response = redirect(NEXT_STEP_URL)
            for keepable, _found in kept:
                keepable.forget(response)
            return response
    return render(request, "accounts/signup.html", {"form": form})


class EmailLoginView(LoginView):
    authentication_form = EmailAuthenticationForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: EmailAuthenticationForm) -> HttpResponse:
        user = form.get_user()
        self.person_logging_in = user
        if two_factor.is_enabled(user):
            # The password was right, but the login waits for the code (two_factor.py).
            two_factor.begin_login(self.request, user, next_url=super().get_success_url())
            return redirect("accounts:two_factor_login")
        return super().form_valid(form)

    def get_default_redirect_url(self) -> str:
        # A trainer starts at the dashboard (issue 15 §4); everyone else at the account page.
        # The person is the form's: with two-factor on, nobody is logged in yet here.
        person = getattr(self, "person_logging_in", self.request.user)
        if getattr(person, "role", None) == User.Role.TRAINER:
            return resolve_url("trainers:dashboard")
        return super().get_default_redirect_url()

    def get_success_url(self) -> str:
        # After login, continue in the member's own language.
        url = super().get_success_url()
        return translate_url(url, self.request.user.preferred_language)


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    form = LanguagePreferenceForm(request.POST or None, instance=request.user)
    emails = FollowUpEmailsForm(
        request.POST or None, initial={"followup_emails": request.user.followup_emails}
    )
    if request.method == "POST" and form.is_valid() and emails.is_valid():
        language = form.cleaned_data["preferred_language"]
        form.save()
        set_followup_emails(request.user, enabled=emails.cleaned_data["followup_emails"])
        messages.success(request, _("Je voorkeuren zijn opgeslagen."))
        response = HttpResponseRedirect(translate_url(request.path, language))
        _set_language_cookie(response, language)
        return response
    context = {
        "form": form,
        "emails": emails,
        "access_log": access_log.in_words(access_log.latest(request.user)),
    }
    return render(request, "accounts/profile.html", context)


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch, which also remembers the choice for a logged-in member."""
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        set_preferred_language(request.user, language)
    return django_set_language(request)


def _set_language_cookie(response: HttpResponse, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
    )
