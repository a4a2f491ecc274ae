"""Two quick clicks on "make my plan": the second waits for the first, never both at once.

``generate_plan`` locks the member's row before it reads anything else. On PostgreSQL the
second test holds the first call inside the planner and checks that a second call has not
got that far, then that it returns the plan the first made. SQLite has no row locks (Django
leaves out FOR UPDATE there; its writers queue behind BEGIN IMMEDIATE instead, see
docs/decisions.md), so there only the order of the queries is checked.
"""

import threading
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from rugcoach.accounts.models import User
from rugcoach.plans import services
from rugcoach.plans.models import Plan
from tests.plan_helpers import HOME_PROFILE, PASSWORD, TODAY, record_triage

pytestmark = pytest.mark.django_db(transaction=True)


def member_ready_for_a_plan() -> User:
    member = User.objects.create_user("sanne@example.com", PASSWORD)
    record_triage(member)
    services.save_intake(member, HOME_PROFILE)
    return member


def test_a_second_generation_waits_for_the_first(monkeypatch):
    member = member_ready_for_a_plan()
    with CaptureQueriesContext(connection) as context:
        services.generate_plan(member, TODAY)
    statements = [q["sql"] for q in context.captured_queries if q["sql"].startswith("SELECT")]
    lock = statements[0]  # the member's row comes first, before the check and the plans
    assert 'FROM "accounts_user"' in lock and f"= {member.pk}" in lock, lock
    if not connection.features.has_select_for_update:
        return  # SQLite: no row locks and one writer at a time (see the module docstring)
    assert lock.rstrip().endswith("FOR UPDATE"), lock

    first_inside = threading.Event()
    let_go = threading.Event()
    reached_planner: list[str] = []
    real_build_plan = services.build_plan

    def held_build_plan(*args, **kwargs):  # type: ignore[no-untyped-def]
        reached_planner.append(threading.current_thread().name)
        first_inside.set()
        let_go.wait(timeout=10)
        return real_build_plan(*args, **kwargs)

    # Older than the regeneration window, so that the first click builds a new plan.
    Plan.objects.update(created_at=timezone.now() - services.REGENERATE_WINDOW * 2)
    monkeypatch.setattr(services, "build_plan", held_build_plan)
    errors: list[BaseException] = []

    def click() -> None:
        try:
            services.generate_plan(member, TODAY)
        except BaseException as error:  # reported by the main thread
            errors.append(error)
        finally:
            connection.close()

    first = threading.Thread(target=click, name="first")
    second = threading.Thread(target=click, name="second")
    first.start()
    assert first_inside.wait(timeout=10)
    second.start()
    time.sleep(0.5)  # time enough for the second call to reach the planner, were it free to
    assert reached_planner == ["first"], "the second click did not wait for the first"
    let_go.set()
    first.join(timeout=20)
    second.join(timeout=20)
    assert not first.is_alive() and not second.is_alive()
    assert errors == []
    # The second click, once let in, finds the plan the first just made and returns it.
    assert reached_planner == ["first"]
    plans = Plan.objects.filter(member=member)
    assert plans.count() == 2
    assert plans.filter(is_current=True).count() == 1
