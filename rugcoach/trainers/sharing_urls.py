"""A member's consents to trainers (mounted at /account/delen/, English /en/account/share/)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from rugcoach.trainers import sharing_views

app_name = "sharing"

urlpatterns = [
    path("", sharing_views.consents, name="consents"),
    path(_("geven/"), sharing_views.give, name="give"),
    path(_("intrekken/"), sharing_views.revoke, name="revoke"),
]
