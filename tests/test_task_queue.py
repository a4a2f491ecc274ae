"""Which task queue a setting chooses (issue 13 §4): the database by default, Redis (RQ)
in production. Settings are read once per process, so each choice is checked in a fresh
one, as a server or worker would start."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A Redis database of its own, so the test never touches queues anything else keeps.
TEST_REDIS_URL = "redis://127.0.0.1:6379/15"


def in_fresh_process(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "rugcoach.settings", **env}
    environment.pop("RUGCOACH_TASKS", None)
    environment.update(env)
    prelude = "import django, json; django.setup()\n"
    return subprocess.run(
        [sys.executable, "-c", prelude + textwrap.dedent(code)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def backend_in(**env: str) -> dict:
    ran = in_fresh_process(
        """
        from django.conf import settings
        from django_tasks import task_backends
        backend = task_backends["default"]
        print(json.dumps({
            "backend": type(backend).__module__ + "." + type(backend).__name__,
            "rq_app": "django_rq" in settings.INSTALLED_APPS,
        }))
        """,
        **env,
    )
    assert ran.returncode == 0, ran.stderr
    return json.loads(ran.stdout.strip().splitlines()[-1])


def test_the_database_queue_is_the_default():
    assert backend_in() == {"backend": "django_tasks_db.backend.DatabaseBackend", "rq_app": False}


def test_redis_chosen_by_a_setting_gives_the_rq_backend():
    assert backend_in(RUGCOACH_TASKS="redis", REDIS_URL=TEST_REDIS_URL) == {
        "backend": "django_tasks_rq.backend.RQBackend",
        "rq_app": True,
    }


def test_an_unknown_queue_stops_start_up_with_what_to_use():
    ran = in_fresh_process("", RUGCOACH_TASKS="rabbit")
    assert ran.returncode != 0
    assert "RUGCOACH_TASKS is 'rabbit': use 'database' (the default) or 'redis'." in ran.stderr


def test_a_reminder_queued_through_rq_waits_in_redis_until_its_due_time():
    """The production path up to the queue: the reminder lands in Redis as a job scheduled
    for the follow-up's due time (RQ's worker and scheduler take it from there)."""
    ran = in_fresh_process(
        """
        from datetime import datetime, timezone
        import django_rq
        from rq.job import Job
        from rq.registry import ScheduledJobRegistry
        from rugcoach.training.tasks import send_followup_reminder

        due = datetime(2030, 1, 2, 7, 0, tzinfo=timezone.utc)
        result = send_followup_reminder.using(run_after=due).enqueue(4242)
        try:
            queue = django_rq.get_queue("default")
            job = Job.fetch(result.id, connection=queue.connection)
            registry = ScheduledJobRegistry(queue=queue)
            print(json.dumps({
                "status": str(send_followup_reminder.get_result(result.id).status),
                "func": job.func_name,
                "args": list(job.args),
                "scheduled_for": registry.get_scheduled_time(job).isoformat(),
                "waiting_now": result.id in queue.job_ids,
            }))
        finally:
            Job.fetch(result.id, connection=django_rq.get_connection()).delete()
        """,
        RUGCOACH_TASKS="redis",
        REDIS_URL=TEST_REDIS_URL,
    )
    assert ran.returncode == 0, ran.stderr
    assert json.loads(ran.stdout.strip().splitlines()[-1]) == {
        "status": "READY",
        "func": "rugcoach.training.tasks.send_followup_reminder",
        "args": [4242],
        "scheduled_for": "2030-01-02T07:00:00+00:00",
        "waiting_now": False,
    }
