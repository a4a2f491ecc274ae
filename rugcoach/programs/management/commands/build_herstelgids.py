"""Queue (or, with --now, make) the Herstelgids PDF in every language, so the first
visitor does not wait for it. ``make run`` queues it; the task worker builds it."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from rugcoach.programs import guide_files
from rugcoach.programs.tasks import build_herstelgids


class Command(BaseCommand):
    help = "Queue the Herstelgids PDF's build for every language (--now: build it here)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", action="store_true", help="build here, not in the worker")

    def handle(self, *args: Any, now: bool = False, **options: Any) -> None:
        for language, _name in settings.LANGUAGES:
            if guide_files.stored_guide(language) is not None:
                self.stdout.write(f"  Herstelgids ({language}): built already")
            elif now:
                self.stdout.write(
                    f"  Herstelgids ({language}): {guide_files.store_guide(language)}"
                )
            else:
                build_herstelgids.enqueue(language)
                self.stdout.write(f"  Herstelgids ({language}): queued for the task worker")
