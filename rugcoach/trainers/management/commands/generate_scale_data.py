"""Bulk data for the trainers' dashboard at scale (issue 15 §5; docs/scale.md).

One trainer with ``--consented`` members who share their data with them, ``--alerts`` of
whom have exactly one open dashboard alert each (a red-flag check-in yesterday, a session
with pain 8 yesterday, or no training for 10+ days, in turn); every other member belongs
to no trainer and has random data, red flags and high pain included (the dashboard must
not see them). Every member has ``--sessions-per-member`` session logs and
``--checks-per-member`` check results (full checks and check-ins with real verdicts).

Rows are written straight into their tables, not through the services: 100,000 members
through the services would take hours. On PostgreSQL with ``COPY … FROM STDIN``
(psycopg's ``cursor.copy``), elsewhere with ``bulk_create`` in batches. Sessions have no
per-exercise results, no plan and no follow-ups (the dashboard reads none of them for
its alerts but the next-morning answers, which are absent here). Refused outside DEBUG.
"""

import random
import time as clock
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, models, transaction
from django.utils import timezone

from rugcoach.accounts.models import User
from rugcoach.content import get_catalog
from rugcoach.core.triage.engine import evaluate
from rugcoach.intakes.models import Location, Trainer
from rugcoach.trainers.models import Consent
from rugcoach.training.models import TrainingSession
from rugcoach.triage.calm import calm_answers
from rugcoach.triage.models import TriageResult

FIRST_NAMES = [
    "Sanne",
    "Daan",
    "Emma",
    "Lucas",
    "Julia",
    "Sem",
    "Tess",
    "Finn",
    "Lotte",
    "Milan",
    "Anna",
    "Noah",
    "Sara",
    "Levi",
    "Eva",
    "Bram",
    "Fleur",
    "Thijs",
    "Nina",
    "Jesse",
    "Iris",
    "Ruben",
    "Lieke",
    "Ivo",
    "Fatima",
    "Mohammed",
    "Yara",
    "Ayoub",
    "Mila",
    "Thomas",
]
LAST_NAMES = [
    "de Jong",
    "Jansen",
    "de Vries",
    "van den Berg",
    "van Dijk",
    "Bakker",
    "Janssen",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
]
# The members' addresses: <prefix>-000001@scale.rugcoach.test (never a trainer's).
MEMBER_DOMAIN = "@scale.rugcoach.test"
ALERT_KINDS = ("red-flag", "session", "inactive")
DAY = timedelta(days=1)


@dataclass(frozen=True)
class Verdicts:
    """The stored shapes of three real verdicts, made once: a calm full check, a calm
    check-in and a check-in with fever (GP_TODAY)."""

    full_answers: dict[str, Any]
    full: dict[str, Any]
    checkin_answers: dict[str, Any]
    checkin: dict[str, Any]
    fever_answers: dict[str, Any]
    fever: dict[str, Any]
    questions_version: str


def _verdicts() -> Verdicts:
    triage = get_catalog().triage
    full = calm_answers(triage)
    checkin = {key: value for key, value in full.items() if triage.questions[key].checkin}
    fever = {**checkin, "fever": True}

    def shown(answers: dict[str, Any], *, is_checkin: bool) -> dict[str, Any]:
        verdict = evaluate({**full, **answers}, triage, checkin=is_checkin)
        return verdict.model_dump(mode="json")

    found = Verdicts(
        full_answers=full,
        full=shown(full, is_checkin=False),
        checkin_answers=checkin,
        checkin=shown(checkin, is_checkin=True),
        fever_answers=fever,
        fever=shown(fever, is_checkin=True),
        questions_version=triage.questions_version,
    )
    assert found.fever["level"] == "GP_TODAY" and found.checkin["level"] == "TRAIN"
    return found


class Table:
    """Writes rows of one model fast: the columns named in ``varying`` come from each
    row; every other column gets its field's default, computed once."""

    def __init__(self, model: type[models.Model], varying: tuple[str, ...]) -> None:
        self.model = model
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        by_name = {f.name: f for f in fields}
        self.varying = [by_name[name] for name in varying]
        self.fixed = [f for f in fields if f.name not in varying]
        self.fixed_values = tuple(f.get_default() for f in self.fixed)
        self.fields = self.varying + self.fixed

    def write(self, rows: Iterable[tuple[Any, ...]], batch: int) -> int:
        if connection.vendor == "postgresql":
            return self._copy(rows)
        return self._bulk_create(rows, batch)

    def _copy(self, rows: Iterable[tuple[Any, ...]]) -> int:
        from psycopg.types.json import Jsonb

        json_at = [i for i, f in enumerate(self.fields) if isinstance(f, models.JSONField)]
        columns = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
        table = connection.ops.quote_name(self.model._meta.db_table)
        count = 0
        with connection.cursor() as cursor:
            raw = cursor.cursor  # psycopg's own cursor, for COPY
            with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    values = list(row + self.fixed_values)
                    for i in json_at:
                        values[i] = Jsonb(values[i])
                    copy.write_row(values)
                    count += 1
        return count

    def _bulk_create(self, rows: Iterable[tuple[Any, ...]], batch: int) -> int:
        names = [f.attname for f in self.fields]
        count = 0
        chunk: list[models.Model] = []
        for row in rows:
            chunk.append(self.model(**dict(zip(names, row + self.fixed_values, strict=True))))
            if len(chunk) >= batch:
                self.model._default_manager.bulk_create(chunk, batch_size=batch)
                count += len(chunk)
                chunk = []
        if chunk:
            self.model._default_manager.bulk_create(chunk, batch_size=batch)
            count += len(chunk)
        return count


class Command(BaseCommand):
    help = (
        "Generate members, session logs and check results in bulk for the trainers' "
        "dashboard at scale (DEBUG only; docs/scale.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--members", type=int, default=100_000)
        parser.add_argument("--sessions-per-member", type=int, default=50)
        parser.add_argument("--checks-per-member", type=int, default=10)
        parser.add_argument("--consented", type=int, default=500)
        parser.add_argument("--alerts", type=int, default=50)
        parser.add_argument(
            "--prefix", default="scale", help=f"the members' e-mail: <prefix>-000001{MEMBER_DOMAIN}"
        )
        parser.add_argument("--trainer-email", default="scale-trainer@rugcoach.test")
        parser.add_argument("--batch-size", type=int, default=5_000, help="bulk_create only")
        parser.add_argument("--seed", type=int, default=15)

    def handle(self, *args: object, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("Generated data is for local use only (DJANGO_DEBUG=0 is set).")
        members: int = options["members"]
        consented: int = options["consented"]
        alerts: int = options["alerts"]
        prefix: str = options["prefix"]
        if not 0 <= alerts <= consented <= members:
            raise CommandError("Give 0 <= --alerts <= --consented <= --members.")
        if min(options["sessions_per_member"], options["checks_per_member"]) < 0:
            raise CommandError("Sessions and checks per member cannot be negative.")
        if _members_of(prefix).exists():
            raise CommandError(
                f"Members with the prefix {prefix!r} exist already: give another --prefix "
                "or use a fresh database."
            )
        plan = Generation(
            members=members,
            sessions=options["sessions_per_member"],
            checks=options["checks_per_member"],
            consented=consented,
            alerts=alerts,
            prefix=prefix,
            batch=options["batch_size"],
            rng=random.Random(options["seed"]),
            now=timezone.now(),
            verdicts=_verdicts(),
        )
        started = clock.perf_counter()
        trainer = self._step("trainer", lambda: plan.trainer(options["trainer_email"]))
        ids = self._step("members", plan.members_rows)
        self._step("consents", lambda: plan.consents(trainer, ids))
        self._step("session logs", lambda: plan.sessions_rows(ids))
        self._step("check results", lambda: plan.checks_rows(ids))
        if connection.vendor == "postgresql":
            vacuum_started = clock.perf_counter()
            _vacuum_analyze()
            self.stdout.write(f"  {'vacuum':<14} in {clock.perf_counter() - vacuum_started:.1f} s")
        kinds = ", ".join(f"{n} {k}" for k, n in plan.alert_counts().items())
        self.stdout.write(
            f"Done in {clock.perf_counter() - started:.1f} s on {connection.vendor}: "
            f"{members:,} members, {plan.session_count:,} session logs, "
            f"{plan.check_count:,} check results; trainer {options['trainer_email']} "
            f"(password {plan.trainer_password}) with {consented:,} consented members and "
            f"{alerts} open alerts ({kinds or 'none'})."
        )

    def _step(self, name: str, run: Callable[[], Any]) -> Any:
        started = clock.perf_counter()
        with transaction.atomic():
            result = run()
        took = clock.perf_counter() - started
        size = len(result) if isinstance(result, list) else result
        count = f"{size:,} rows " if isinstance(size, int) else ""
        self.stdout.write(f"  {name:<14} {count}in {took:.1f} s")
        self.stdout.flush()
        return result


def _members_of(prefix: str) -> "models.QuerySet[User]":
    return User.objects.filter(email__startswith=f"{prefix}-", email__endswith=MEMBER_DOMAIN)


def _vacuum_analyze() -> None:
    """The tables as autovacuum leaves them after a bulk load: fresh planner statistics
    and a visibility map, so the first benchmark measures the steady state (index-only
    scans without heap fetches; on a fresh load the dashboard's member query took 8.5 ms
    instead of 3.5). VACUUM refuses to run in a transaction (a test's), where only the
    statistics are made."""
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    with connection.cursor() as cursor:
        for model in (User, Consent, TrainingSession, TriageResult):
            cursor.execute(f"{command} {connection.ops.quote_name(model._meta.db_table)}")


@dataclass
class Generation:
    members: int
    sessions: int
    checks: int
    consented: int
    alerts: int
    prefix: str
    batch: int
    rng: random.Random
    now: datetime
    verdicts: Verdicts
    session_count: int = 0
    check_count: int = 0
    trainer_password: str = "rugcoach-demo"

    def __post_init__(self) -> None:
        # The alerts spread evenly over the consented members, their kinds in turn.
        self._alerts = {
            k * self.consented // self.alerts: ALERT_KINDS[k % len(ALERT_KINDS)]
            for k in range(self.alerts)
        }

    def alert_kind(self, index: int) -> str | None:
        """The one alert of the consented member at ``index`` (0-based), or None."""
        return self._alerts.get(index)

    def alert_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for kind in self._alerts.values():
            counts[kind] = counts.get(kind, 0) + 1
        return counts

    def trainer(self, email: str) -> Trainer:
        user, created = User.objects.get_or_create(
            email=email, defaults={"first_name": "Schaal", "role": User.Role.TRAINER}
        )
        if created:
            user.set_password(self.trainer_password)
            user.save(update_fields=["password"])
        location, _ = Location.objects.get_or_create(
            name="YellowGym Schaal",
            defaults={"address": "Teststraat 1, Utrecht", "opening_hours": "ma–vr 7–22"},
        )
        trainer, _ = Trainer.objects.get_or_create(user=user)
        trainer.locations.add(location)
        return trainer

    def members_rows(self) -> list[int]:
        """The members (no usable password: they never log in); their ids in order."""
        password = make_password(None)
        rng = self.rng
        joined = self.now - timedelta(days=200)
        rows = (
            (
                f"{self.prefix}-{i:06d}{MEMBER_DOMAIN}",
                rng.choice(FIRST_NAMES),
                rng.choice(LAST_NAMES),
                password,
                joined,
            )
            for i in range(1, self.members + 1)
        )
        fields = ("email", "first_name", "last_name", "password", "date_joined")
        Table(User, fields).write(rows, self.batch)
        return list(_members_of(self.prefix).order_by("email").values_list("id", flat=True))

    def consents(self, trainer: Trainer, ids: list[int]) -> list[int]:
        given = self.now - timedelta(days=90)
        rows = ((member_id, trainer.pk, given) for member_id in ids[: self.consented])
        Table(Consent, ("member", "trainer", "given_at")).write(rows, self.batch)
        return ids[: self.consented]

    def _session_times(self, index: int) -> Iterator[datetime]:
        """When a member trained, newest first. A consented member trained within the
        last five days (no inactivity alert) unless their alert is inactivity (the last
        session 10–20 days ago); anyone else at random in the last half year."""
        rng = self.rng
        count = self.sessions
        if index < self.consented:
            count = max(count, 1)  # none at all would be an inactivity alert
            kind = self.alert_kind(index)
            latest = self.now - timedelta(days=rng.uniform(10, 20) if kind == "inactive" else 0)
            latest -= timedelta(hours=rng.uniform(2, 5 * 24 - 2)) if kind != "session" else DAY
            at = latest
            for _ in range(count):
                yield at
                at -= timedelta(days=rng.uniform(1, 4))
        else:
            for _ in range(count):
                yield self.now - timedelta(days=rng.uniform(0, 180))

    def sessions_rows(self, ids: list[int]) -> int:
        rng = self.rng
        now = self.now

        def rows() -> Iterator[tuple[Any, ...]]:
            for index, member_id in enumerate(ids):
                calm = index < self.consented
                session_alert = self.alert_kind(index) == "session"
                for number, started in enumerate(self._session_times(index)):
                    if calm:  # no session alert: pain up to 5, effort up to 7
                        pain_after = 8 if session_alert and number == 0 else rng.randint(0, 5)
                        effort = rng.randint(3, 7)
                    else:
                        pain_after, effort = rng.randint(0, 10), rng.randint(1, 10)
                    yield (
                        member_id,
                        UUID(int=rng.getrandbits(128), version=4),
                        "scale",
                        started,
                        started + timedelta(minutes=rng.randint(8, 25)),
                        True,
                        rng.randint(0, 5),
                        pain_after,
                        effort,
                        now,
                    )

        fields = (
            "member",
            "client_key",
            "session_key",
            "started_at",
            "finished_at",
            "completed",
            "pain_before",
            "pain_after",
            "effort",
            "received_at",
        )
        self.session_count = Table(TrainingSession, fields).write(rows(), self.batch)
        return self.session_count

    def checks_rows(self, ids: list[int]) -> int:
        """Each member's first check is a full one, the rest check-ins; a consented
        member's are calm (their red-flag alert is one extra check-in with fever,
        yesterday), anyone else's have fever one time in twenty."""
        rng = self.rng
        v = self.verdicts
        calm_checkin = (v.checkin_answers, "TRAIN", True, v.checkin)
        fever = (v.fever_answers, "GP_TODAY", False, v.fever)
        full = (v.full_answers, "TRAIN", True, v.full)

        def rows() -> Iterator[tuple[Any, ...]]:
            for index, member_id in enumerate(ids):
                calm = index < self.consented
                span = 60 if calm else 180
                times = sorted(
                    (self.now - timedelta(days=rng.uniform(2, span)) for _ in range(self.checks)),
                )
                for number, at in enumerate(times):
                    kind = "triage" if number == 0 else "checkin"
                    answers, level, may_train, verdict = (
                        full
                        if number == 0
                        else fever
                        if not calm and rng.random() < 0.05
                        else calm_checkin
                    )
                    yield (member_id, kind, at, answers, level, may_train, verdict)
                if self.alert_kind(index) == "red-flag":
                    answers, level, may_train, verdict = fever
                    yield (member_id, "checkin", self.now - DAY, answers, level, may_train, verdict)

        fields = ("member", "kind", "created_at", "answers", "level", "may_train", "verdict")
        table = Table(TriageResult, fields)
        table.fixed_values = tuple(
            v.questions_version if f.name == "questions_version" else value
            for f, value in zip(table.fixed, table.fixed_values, strict=True)
        )
        self.check_count = table.write(rows(), self.batch)
        return self.check_count
