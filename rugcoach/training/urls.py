from django.urls import path

from rugcoach.training import views

app_name = "training"

urlpatterns = [
    path("", views.today, name="today"),
    path("<int:session_id>/", views.session, name="session"),
    path("plan/<slug:key>/", views.session_by_key, name="by_key"),
    path("offline-urls.json", views.offline_urls, name="offline_urls"),
]
