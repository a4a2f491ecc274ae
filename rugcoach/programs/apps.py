from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "rugcoach.programs"
    label = "programs"
    verbose_name = "Programs"
