from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "rugcoach.progress"
    label = "progress"
    verbose_name = "Progress"
