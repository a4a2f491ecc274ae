from django.urls import path
from django.utils.translation import gettext_lazy as _

from rugcoach.training import views

app_name = "training"

urlpatterns = [
    path("", views.today, name="today"),
    path("<int:session_id>/", views.session, name="session"),
    path("plan/<slug:key>/", views.session_by_key, name="by_key"),
    path("offline-urls.json", views.offline_urls, name="offline_urls"),
    # The page a reminder e-mail, the home and plan cards and the calendar link to.
    path(_("vraag/<int:pk>/"), views.followup, name="followup"),
]
