from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _

from rugcoach.accounts import access_log_views, token_views, two_factor_views, views
from rugcoach.accounts.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm

app_name = "accounts"

urlpatterns = [
    path(_("aanmelden/"), views.signup, name="signup"),
    path(_("inloggen/"), views.EmailLoginView.as_view(), name="login"),
    path(_("uitloggen/"), auth_views.LogoutView.as_view(), name="logout"),
    path("", views.profile, name="profile"),
    # Who viewed or changed the member's data (docs/access.md).
    path(_("inzage/"), access_log_views.access_log_page, name="access_log"),
    path(
        _("wachtwoord/"),
        auth_views.PasswordChangeView.as_view(
            form_class=PasswordChangeForm,
            template_name="accounts/password_change.html",
            success_url=reverse_lazy("accounts:password_change_done"),
        ),
        name="password_change",
    ),
    path(
        _("wachtwoord/gewijzigd/"),
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html"
        ),
        name="password_change_done",
    ),
    # Password reset by e-mail: Django's views, our forms, templates and texts. The "sent"
    # page reads the same whether or not the address has an account.
    path(
        _("wachtwoord-vergeten/"),
        auth_views.PasswordResetView.as_view(
            form_class=PasswordResetForm,
            template_name="accounts/password_reset.html",
            email_template_name="accounts/email/password_reset.txt",
            subject_template_name="accounts/email/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        _("wachtwoord-vergeten/verstuurd/"),
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        _("wachtwoord-herstellen/<uidb64>/<token>/"),
        auth_views.PasswordResetConfirmView.as_view(
            form_class=SetPasswordForm,
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        _("wachtwoord-herstellen/klaar/"),
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    # Security (docs/security.md): two-factor login and personal API tokens.
    path(_("tweestaps/"), two_factor_views.two_factor_page, name="two_factor"),
    path(_("tweestaps/code/"), two_factor_views.login_code, name="two_factor_login"),
    path(_("api-sleutels/"), token_views.tokens_page, name="tokens"),
    path(_("api-sleutels/<int:token_id>/intrekken/"), token_views.revoke, name="tokens_revoke"),
]
