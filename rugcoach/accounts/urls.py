from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _

from rugcoach.accounts import views

app_name = "accounts"

urlpatterns = [
    path(_("aanmelden/"), views.signup, name="signup"),
    path(_("inloggen/"), views.EmailLoginView.as_view(), name="login"),
    path(_("uitloggen/"), auth_views.LogoutView.as_view(), name="logout"),
    path("", views.profile, name="profile"),
    path(
        _("wachtwoord/"),
        auth_views.PasswordChangeView.as_view(
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
]
