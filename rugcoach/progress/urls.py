from django.urls import path

from rugcoach.progress import views

app_name = "progress"

urlpatterns = [
    path("", views.page, name="page"),
    path("psfs/", views.psfs, name="psfs"),
]
