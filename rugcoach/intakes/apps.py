from django.apps import AppConfig


class IntakesConfig(AppConfig):
    name = "rugcoach.intakes"
    label = "intakes"
    verbose_name = "Intakes"

    def ready(self) -> None:
        # A trainer reads what a member put in a booking with them (access.Scope.BOOKING).
        from rugcoach.accounts import access
        from rugcoach.intakes.access import BookedTrainer

        access.register("booked-trainer", BookedTrainer())
