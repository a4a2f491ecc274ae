from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from rugcoach.accounts.models import User

DEMO_PASSWORD = "rugcoach-demo"  # local demo only: the command refuses to run outside DEBUG
DEMO_ACCOUNTS = [
    ("lid@rugcoach.test", "Sanne", User.Role.MEMBER, "nl"),
    ("member@rugcoach.test", "Sam", User.Role.MEMBER, "en"),
    ("trainer@rugcoach.test", "Tom", User.Role.TRAINER, "nl"),
]


class Command(BaseCommand):
    help = "Create demo accounts for local use (refused when DEBUG is off) and print their logins."

    def handle(self, *args: object, **options: object) -> None:
        if not settings.DEBUG:
            raise CommandError("Demo accounts are for local use only (DJANGO_DEBUG=0 is set).")
        for email, first_name, role, language in DEMO_ACCOUNTS:
            user, created = User.objects.get_or_create(
                email=email,
                defaults={"first_name": first_name, "role": role, "preferred_language": language},
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
        self.stdout.write(f"Demo accounts (password for each: {DEMO_PASSWORD}):")
        for email, _first_name, role, language in DEMO_ACCOUNTS:
            self.stdout.write(f"  {email:<24} {role:<8} language {language}")
