from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "rugcoach.training"
    label = "training"
    verbose_name = "Training"
