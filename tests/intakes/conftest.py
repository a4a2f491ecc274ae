from datetime import time

import pytest

from rugcoach.accounts.models import User
from rugcoach.intakes.models import AvailabilityBlock, Location, Trainer
from tests.plan_helpers import PASSWORD


def make_trainer(email: str, first_name: str, location: Location, minutes: int = 30) -> Trainer:
    user = User.objects.create_user(email, PASSWORD, first_name=first_name, role=User.Role.TRAINER)
    trainer = Trainer.objects.create(user=user, intake_minutes=minutes)
    trainer.locations.add(location)
    for weekday in range(7):
        AvailabilityBlock.objects.create(
            trainer=trainer, location=location, weekday=weekday, starts=time(9), ends=time(17)
        )
    return trainer


@pytest.fixture
def location(db):
    return Location.objects.create(
        name="Centrum", address="Oudegracht 1, Utrecht", opening_hours="ma–vr 7–22"
    )


@pytest.fixture
def trainer(location):
    return make_trainer("joost@yellowgym.test", "Joost", location)


@pytest.fixture
def other_member(db):
    return User.objects.create_user("piet@example.com", PASSWORD, first_name="Piet")


# The browser test here uses the browser tests' settings (Debian's chromium, a phone).
from tests.browser.conftest import browser_context_args, browser_type_launch_args  # noqa: E402, F401
