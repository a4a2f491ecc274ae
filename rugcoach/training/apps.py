from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "rugcoach.training"
    label = "training"
    verbose_name = "Training"

    def ready(self) -> None:
        # A check or check-in can change the plan's state (a red flag stops it, "clearly
        # worse after the last session" holds it): the engine runs in the same transaction.
        from rugcoach.plans.extras import register_feed_note, register_plan_panel
        from rugcoach.training import followups, plan_state, services
        from rugcoach.triage.signals import check_recorded

        check_recorded.connect(services.check_recorded, dispatch_uid="training.adapt-on-check")
        # The open follow-up question on the plan page and in the sessions feed (plans sits
        # below training and imports none of it).
        register_plan_panel("followups", followups.open_cards)
        # When the engine holds, cuts or pauses the plan: that, and why, above the sessions.
        register_plan_panel("plan_state", plan_state.state_panel)
        register_feed_note("followups", followups.feed_lines)
