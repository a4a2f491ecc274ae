"""Admins manage locations and trainers (with their availability) here. Bookings are not
in the admin: their reasons are the member's, shared only with the booked trainer."""

from django.contrib import admin

from rugcoach.intakes.models import AvailabilityBlock, AvailabilityException, Location, Trainer


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["name", "address"]
    search_fields = ["name", "address"]


class BlockInline(admin.TabularInline):
    model = AvailabilityBlock
    extra = 0


class ExceptionInline(admin.TabularInline):
    model = AvailabilityException
    extra = 0


@admin.register(Trainer)
class TrainerAdmin(admin.ModelAdmin):
    list_display = ["__str__", "intake_minutes"]
    filter_horizontal = ["locations"]
    raw_id_fields = ["user"]
    inlines = [BlockInline, ExceptionInline]
