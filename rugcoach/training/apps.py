from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "rugcoach.training"
    label = "training"
    verbose_name = "Training"

    def ready(self) -> None:
        # A check or check-in can change the plan's state (a red flag stops it, "clearly
        # worse after the last session" holds it): the engine runs in the same transaction.
        from rugcoach.training import services
        from rugcoach.triage.signals import check_recorded

        check_recorded.connect(services.check_recorded, dispatch_uid="training.adapt-on-check")
