"""The trainers' dashboard, member detail and plan adjustments (mounted at /trainer/)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from rugcoach.trainers import views

app_name = "trainers"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path(_("meldingen/"), views.alerts, name="alerts"),
    path(_("leden/<int:member_id>/"), views.member, name="member"),
    path(_("leden/<int:member_id>/notitie/"), views.note, name="note"),
    path(_("leden/<int:member_id>/pauze/"), views.pause, name="pause"),
    path(_("leden/<int:member_id>/wissel/<str:item_key>/"), views.swap, name="swap"),
    path(_("leden/<int:member_id>/dosis/<str:item_key>/"), views.dose, name="dose"),
]
