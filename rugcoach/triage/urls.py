from django.urls import path
from django.utils.translation import gettext_lazy as _

from rugcoach.triage import views

app_name = "triage"

urlpatterns = [
    path("", views.start, name="start"),
    path(_("stap/<int:number>/"), views.step, name="step"),
    path(_("uitslag/"), views.result, name="result"),
    path(_("uitslag/<int:result_id>/"), views.member_result, name="member_result"),
    path(_("geschiedenis/"), views.history, name="history"),
    path(_("opnieuw/"), views.reset, name="reset"),
    path(_("check-in/"), views.checkin, name="checkin"),
]
