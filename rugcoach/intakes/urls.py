"""A member's intake pages (mounted at /intake/, /en/intake/)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from rugcoach.intakes import views

app_name = "intakes"

urlpatterns = [
    path("", views.locations, name="locations"),
    path(_("vestiging/<int:location_id>/"), views.slots, name="slots"),
    path(_("boeken/"), views.book, name="book"),
    path(_("mijn/"), views.mine, name="mine"),
    path(_("<int:booking_id>/gepland/"), views.done, name="done"),
    path(_("<int:booking_id>/verplaatsen/"), views.reschedule, name="reschedule"),
    path(_("<int:booking_id>/annuleren/"), views.cancel, name="cancel"),
]
