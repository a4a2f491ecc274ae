"""The admin manages locations and trainers with their availability; bookings stay out."""

from django.contrib import admin
from django.urls import reverse

from rugcoach.accounts.models import User
from rugcoach.intakes.models import Booking, Location, Trainer


def test_locations_and_trainers_are_in_the_admin_bookings_are_not(client, trainer):
    assert admin.site.is_registered(Location) and admin.site.is_registered(Trainer)
    assert not admin.site.is_registered(Booking)
    boss = User.objects.create_superuser("baas@yellowgym.test", "x" * 16)
    client.force_login(boss)
    page = client.get(reverse("admin:intakes_trainer_change", args=[trainer.pk]))
    assert page.status_code == 200 and "blocks-TOTAL_FORMS" in page.content.decode()
    assert client.get(reverse("admin:intakes_location_changelist")).status_code == 200
