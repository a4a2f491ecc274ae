from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _

from rugcoach.programs import herstelgids

app_name = "programs"

urlpatterns: list[URLPattern] = [
    path(_("herstelgids.pdf"), herstelgids.download, name="herstelgids"),
]
