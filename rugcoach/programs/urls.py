from django.urls import path
from django.utils.translation import gettext_lazy as _

from rugcoach.programs import guide_views, views

app_name = "programs"

urlpatterns = [
    path("", views.program_list, name="list"),
    path(_("herstelgids.pdf"), guide_views.download, name="herstelgids"),
    path("<slug:slug>/", views.detail, name="detail"),
    path(_("<slug:slug>/meedoen/"), views.join, name="join"),
    path(_("<slug:slug>/stoppen/"), views.leave, name="leave"),
    path(_("<slug:slug>/opnieuw/"), views.restart, name="restart"),
    path(_("<slug:slug>/trainen/"), views.play, name="play"),
]
