from django.urls import path
from django.utils.translation import gettext_lazy as _

from rugcoach.plans import downloads, posture, views

app_name = "plans"

urlpatterns = [
    path("", views.plan_page, name="plan"),
    path(_("verder/"), views.next_step, name="next"),
    path(_("vandaag/"), views.today, name="today"),
    path(_("intake/"), views.intake, name="intake"),
    path(_("zelftests/"), views.self_tests, name="self_tests"),
    path(_("maken/"), views.generate, name="generate"),
    path(
        _("wissel/<int:week>/<str:weekday>/<slug:slug>/"),
        views.swap,
        name="swap",
    ),
    path(_("poster.pdf"), downloads.personal_poster, name="poster"),
    path(_("schema.pdf"), downloads.schedule, name="schedule"),
    path(_("agenda/"), downloads.calendar_settings, name="calendar"),
    path(_("agenda/houding.json"), posture.posture_schedule, name="posture_schedule"),
]
