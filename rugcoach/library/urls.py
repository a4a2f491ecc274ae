from django.urls import path
from django.utils.translation import gettext_lazy as _

from rugcoach.library import views

app_name = "library"

urlpatterns = [
    path("", views.exercise_list, name="list"),
    path(_("figuren/"), views.figure_gallery, name="gallery"),
    path(_("liever-niet/<slug:slug>/"), views.not_advised_detail, name="not_advised"),
    path("<slug:slug>/", views.exercise_detail, name="detail"),
]
