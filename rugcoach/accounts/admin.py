from urllib.parse import urlencode

from django.contrib import admin, messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rugcoach.accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ("email",)
    list_display = ("email", "first_name", "role", "preferred_language", "is_active")
    list_filter = ("role", "preferred_language", "is_active", "is_staff")
    search_fields = ("email", "first_name", "last_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Persoonlijk"), {"fields": ("first_name", "last_name", "preferred_language")}),
        (_("Rechten"), {"fields": ("role", "is_active", "is_staff", "is_superuser", "groups")}),
        (_("Datums"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


def login_through_ours(request: HttpRequest, extra_context: object = None) -> HttpResponse:
    """The admin's login page is ours: the same form, axes lock and two-factor step for
    administrators as for everyone (docs/security.md). Only ``next`` goes along."""
    if request.user.is_authenticated and not request.user.is_staff:
        # Our login would send a logged-in user straight on to the admin, which sends a
        # non-staff user back here: say why instead of going round in circles.
        messages.error(request, _("Het beheer is alleen voor beheerders."))
        return redirect("accounts:profile")
    next_url = request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index")
    query = urlencode({REDIRECT_FIELD_NAME: next_url})
    return HttpResponseRedirect(f"{reverse('accounts:login')}?{query}")


admin.site.login = login_through_ours  # type: ignore[method-assign]
