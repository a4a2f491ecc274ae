from django.urls import path
from django.utils.translation import gettext_lazy as _

from rugcoach.privacy import views

app_name = "privacy"

urlpatterns = [
    path("", views.my_data, name="my_data"),
    path(_("mijn-gegevens.json"), views.export_json, name="export_json"),
    path(_("mijn-gegevens.pdf"), views.export_pdf, name="export_pdf"),
    path(_("verwijderen/"), views.delete_account, name="delete"),
]
