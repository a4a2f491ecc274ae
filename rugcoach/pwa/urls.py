"""Mounted at the site's root, outside the language prefixes: a service worker's scope is
its own path's folder, and one manifest serves both languages (``?lang=``)."""

from django.urls import path

from rugcoach.pwa import views

app_name = "pwa"

urlpatterns = [
    path("sw.js", views.service_worker, name="service_worker"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("offline/<str:language>/", views.offline, name="offline"),
]
