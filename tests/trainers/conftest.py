# The trainers' tests share a trainer and a member who consented to them; the browser
# fixtures (Debian's chromium, axe-core) serve the trainers' browser test.
import pytest

from rugcoach.trainers.models import Consent
from tests.browser.conftest import browser_context_args, browser_type_launch_args
from tests.trainers.helpers import make_trainer

__all__ = ["browser_context_args", "browser_type_launch_args"]


@pytest.fixture
def trainer():
    return make_trainer()


@pytest.fixture
def linked(trainer, member_with_plan):
    Consent.objects.create(member=member_with_plan, trainer=trainer.trainer)
    return member_with_plan
