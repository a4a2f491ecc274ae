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
