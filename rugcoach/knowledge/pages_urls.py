"""/weten/: the index, the habit cards, the muscle drawings and the six pages.

The page pattern matches only the six fixed slugs, so the FAQ's and the heat-or-cold
helper's addresses (``help_urls``, listed after these) are never taken for a page."""

from django.urls import URLPattern, path, re_path
from django.utils.translation import gettext_lazy as _

from rugcoach.core.knowledge.pages import PAGE_SLUGS
from rugcoach.knowledge import views

urlpatterns: list[URLPattern] = [
    path("", views.index, name="index"),
    path(_("dagelijkse-gewoontes/"), views.habits, name="habits"),
    path(_("spieren/<slug:muscle>.svg"), views.muscle_figure, name="muscle_figure"),
    re_path(rf"^(?P<slug>{'|'.join(PAGE_SLUGS)})/$", views.page, name="page"),
]
