from django.urls import path
from django.utils.translation import gettext_lazy as _

from rugcoach.knowledge import help_views

urlpatterns = [
    path(_("vragen/"), help_views.faq, name="faq"),
    path(_("warmte-of-kou/"), help_views.heat, name="heat"),
]
