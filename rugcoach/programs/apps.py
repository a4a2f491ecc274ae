from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "rugcoach.programs"
    label = "programs"
    verbose_name = "Programs"

    def ready(self) -> None:
        # The next program day goes on the phone's offline list beside the plan's sessions
        # (training sits below programs and imports none of it).
        from rugcoach.programs.offline import next_days
        from rugcoach.training.offline import register_offline_pages

        register_offline_pages("programs", next_days)
