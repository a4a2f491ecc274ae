"""A trainer's agenda and availability (mounted at /trainer/agenda/)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from rugcoach.intakes import agenda_views

app_name = "agenda"

urlpatterns = [
    path("", agenda_views.today, name="today"),
    path(_("beschikbaarheid/"), agenda_views.availability, name="availability"),
    path(_("<int:booking_id>/markeren/"), agenda_views.mark, name="mark"),
    path(_("<int:booking_id>/notitie/"), agenda_views.note, name="note"),
]
