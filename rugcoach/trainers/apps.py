from django.apps import AppConfig


class TrainersConfig(AppConfig):
    name = "rugcoach.trainers"
    label = "trainers"
    verbose_name = "Trainers"

    def ready(self) -> None:
        # A trainer with the member's active consent reads and changes their health data.
        from rugcoach.accounts import access
        from rugcoach.trainers.access import ConsentedTrainer

        access.register("consented-trainer", ConsentedTrainer())

        # The trainer's notes on the member's plan page (plans sits below trainers).
        from rugcoach.plans import extras
        from rugcoach.trainers.panels import notes_panel

        extras.register_plan_panel("trainer-notes", notes_panel)
