"""Writes for personal plans: the intake, generating a plan, swapping an exercise."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Max
from django.forms import ModelForm
from django.forms.models import construct_instance
from django.utils import timezone

from rugcoach.accounts import access
from rugcoach.accounts.models import User
from rugcoach.content import get_catalog
from rugcoach.core.kernel.text import Text
from rugcoach.core.planner import (
    NoPlan,
    Plan,
    PlanError,
    Profile,
    SelfTests,
    SwapScope,
    Weekday,
    alternatives,
    build_plan,
    focus_areas,
    focus_left_out,
    swap,
)
from rugcoach.core.planner.pregnancy import due_date_problem
from rugcoach.core.planner.schedule import plan_schedule
from rugcoach.core.schedule import Item as ScheduleItem
from rugcoach.core.schedule import Prescription
from rugcoach.core.triage.engine import Verdict
from rugcoach.plans import models, selectors
from rugcoach.triage.selectors import training_status


class PlanNotPossible(Exception):
    """Something the member must do first; the subclass says what."""

    needed = "safety check or intake"

    def __init__(self) -> None:
        super().__init__(f"Do the {self.needed} first.")


class TriageNeeded(PlanNotPossible):
    """No full safety check yet, or one asked with other questions than today's."""

    needed = "safety check"


class PausedPlan(TriageNeeded):
    """The current plan was paused with the advice to see a physio (the progression
    engine's R4): a new plan needs a full check made after the pause."""


class IntakeNeeded(PlanNotPossible):
    """No intake yet."""

    needed = "intake"


class DueDatePassed(IntakeNeeded):
    """The intake's due date is past: the week of pregnancy means nothing any more."""


def save_intake(member: User, profile: Profile, tests: SelfTests | None = None) -> models.Intake:
    access.changes(member)
    defaults = {"profile": profile.model_dump(mode="json")}
    if tests is not None:
        defaults["self_tests"] = tests.model_dump(mode="json")
    intake, _ = models.Intake.objects.update_or_create(member=member, defaults=defaults)
    return intake


def save_self_tests(member: User, tests: SelfTests) -> models.Intake:
    intake = models.Intake.objects.get(member=access.changes(member))
    intake.self_tests = tests.model_dump(mode="json")
    intake.save(update_fields=["self_tests", "updated_at"])
    return intake


def first_monday(today: date) -> date:
    """Plans start on a Monday: this week's if it is Monday, otherwise the next one."""
    return today + timedelta(days=(7 - today.weekday()) % 7)


# Pressing "make my plan" again within this window, with nothing changed, returns the plan
# just made instead of copying it (docs/planner.md).
REGENERATE_WINDOW = timedelta(minutes=10)


@dataclass(frozen=True)
class Generated:
    plan: models.Plan | None
    no_plan: NoPlan | None


@transaction.atomic
def generate_plan(member: User, today: date) -> Generated:
    """Build a plan from the intake and the safety verdict; keep the old one as history."""
    access.changes(member)
    # Lock the member: two quick clicks must not both replace the current plan.
    User.objects.select_for_update().filter(pk=member.pk).first()
    status = training_status(member)
    if status.triage is None or status.outdated:  # outdated: asked with other questions
        raise TriageNeeded
    paused = models.Plan.objects.filter(
        member=member, is_current=True, paused_at__isnull=False
    ).first()
    if paused is not None and not selectors.checked_since_pause(paused, status):
        raise PausedPlan
    intake = models.Intake.objects.filter(member=member).first()
    if intake is None:
        raise IntakeNeeded
    catalog = get_catalog()
    profile = Profile.model_validate(intake.profile)
    if profile.due_date is not None and due_date_problem(profile.due_date, today) == "past":
        raise DueDatePassed
    tests = SelfTests.model_validate(intake.self_tests or {})
    verdict = selectors.governing_verdict(status)
    if verdict is None:  # not reached: a full check exists (checked above)
        raise TriageNeeded
    if not status.blocked:
        recent = _identical_recent_plan(member, intake, status.triage.verdict, today)
        if recent is not None and not selectors.plan_is_stale(recent, status):
            return Generated(plan=recent, no_plan=None)
    focus = focus_areas(profile, tests, catalog.planner)
    starts_on = first_monday(today)
    result = build_plan(
        profile,
        focus,
        verdict,
        catalog,
        catalog.planner,
        starts_on=starts_on,
        left_out=focus_left_out(profile, tests, catalog.planner),
    )
    if isinstance(result, NoPlan):
        return Generated(plan=None, no_plan=result)
    models.Plan.objects.filter(member=member, is_current=True).update(is_current=False)
    stored = models.Plan.objects.create(
        member=member,
        starts_on=starts_on,
        profile=intake.profile,
        verdict=status.triage.verdict,
        plan=result.model_dump(mode="json"),
    )
    _write_schedule(stored, result)
    models.PlanRevision.objects.create(
        plan=stored,
        number=1,
        changed_by="planner",
        what={"kind": "generated", "plan_version": result.version},
        why="made from the intake and the latest safety check",
    )
    return Generated(plan=stored, no_plan=None)


def _write_schedule(stored: models.Plan, plan: Plan) -> None:
    """The plan's sessions, items and first prescriptions as rows with stable keys."""
    schedule = plan_schedule(plan, get_catalog().exercises)
    for session in schedule.sessions:
        row = models.PlanSession.objects.create(
            plan=stored,
            key=session.key,
            day_offset=session.day_offset,
            order=session.order,
            title=session.title.model_dump() if session.title else None,
            seconds=session.seconds,
            note=session.note or "",
        )
        for item in session.items:
            item_row = models.PlanItem.objects.create(session=row, **item_fields(item))
            for version in item.versions:
                models.PrescriptionVersion.objects.create(
                    item=item_row,
                    number=version.number,
                    prescription=version.prescription.model_dump(mode="json"),
                    reason=version.reason.model_dump(),
                    source=version.source,
                )


def item_fields(item: ScheduleItem) -> dict[str, object]:
    """A schedule item as the fields of its ``PlanItem`` row (also plans/adjust.py)."""
    return {
        "key": item.key,
        "order": item.order,
        "slug": item.slug,
        "role": item.role,
        "reason": item.reason.model_dump(),
        "focus": item.focus or "",
        "replaces": item.replaces or "",
        "step": item.step,
    }


def record_swap(
    stored: models.Plan,
    before: Plan,
    after: Plan,
    slug: str,
    replacement: str,
    scope: str,
    *,
    changed_by: str = "member",
    why: Text | None = None,
    author: User | None = None,
    what: Mapping[str, object] | None = None,
) -> None:
    """The swapped items get the replacement and a new prescription version; the plan a
    new revision saying what changed, who and why. Nothing else is touched. A trainer's
    swap (``changed_by="trainer"``) names its ``author`` and adds ``what`` to the
    revision (plans/adjust.py)."""
    source = {"member": "swap", "trainer": "trainer"}.get(changed_by, "progression-swap")
    exercises = get_catalog().exercises
    old = {i.key: i for s in plan_schedule(before, exercises).sessions for i in s.items}
    new_schedule = plan_schedule(after, exercises)
    changed = []
    for session in new_schedule.sessions:
        for item in session.items:
            if old.get(item.key) == item:
                continue
            changed.append(item.key)
            row = models.PlanItem.objects.filter(session__plan=stored, key=item.key).first()
            if row is None:  # a plan stored before the rows existed and not carried over
                continue
            for field, value in item_fields(item).items():
                setattr(row, field, value)
            row.save()
            latest = row.versions.order_by("-number").first()
            models.PrescriptionVersion.objects.create(
                item=row,
                number=(latest.number if latest else 0) + 1,
                prescription=item.prescription.model_dump(mode="json"),
                reason=(why or item.reason).model_dump(),
                source=source,
                author=author,
            )
            models.PlanSession.objects.filter(plan=stored, key=session.key).update(
                seconds=session.seconds
            )
    latest_revision = stored.revisions.order_by("-number").first()
    models.PlanRevision.objects.create(
        plan=stored,
        number=(latest_revision.number if latest_revision else 0) + 1,
        changed_by=changed_by,
        what={
            "kind": "swap",
            "from": slug,
            "to": replacement,
            "scope": scope,
            "items": changed,
            **(what or {}),
        },
        why=why.en[:200] if why else "the member chose another exercise with the same purpose",
    )


def _identical_recent_plan(
    member: User, intake: models.Intake, verdict: dict, today: date
) -> models.Plan | None:
    """The current plan when it was made in the last few minutes from this same intake
    (not edited since), under the same safety verdict and for the same start date."""
    current = models.Plan.objects.filter(member=member, is_current=True).first()
    if (
        current is not None
        and current.paused_at is None  # a paused plan is replaced, never handed back
        and timezone.now() - current.created_at < REGENERATE_WINDOW
        and intake.updated_at <= current.created_at
        and current.verdict == verdict
        and current.starts_on == first_monday(today)
    ):
        return current
    return None


@transaction.atomic
def swap_exercise(
    stored: models.Plan,
    week: int,
    weekday: Weekday,
    slug: str,
    replacement: str,
    *,
    scope: SwapScope = "session",
    by: User,
) -> models.Plan:
    """Replace an exercise in one session, or everywhere in the plan (the member's
    choice); PlanError says why a replacement is refused."""
    access.authorize_id(by, stored.member_id, action=access.Action.CHANGE)
    stored = models.Plan.objects.select_for_update().get(pk=stored.pk)
    apply_swap(stored, week, weekday, slug, replacement, scope)
    return stored


def apply_swap(
    stored: models.Plan,
    week: int,
    weekday: Weekday,
    slug: str,
    replacement: str,
    scope: SwapScope,
    *,
    changed_by: str = "member",
    why: Text | None = None,
    author: User | None = None,
    what: Mapping[str, object] | None = None,
    replaced: str | None = None,
) -> None:
    """The planner's swap on a plan the caller has locked and may change: the planner's
    JSON and the rows (``record_swap``) in the caller's transaction; PlanError says why a
    replacement is refused. The member's swap and a trainer's (plans/adjust.py) both.
    ``replaced`` is what the item held when it differs from the planner's ``slug`` (after
    a trainer's override): the revision says that was replaced."""
    catalog = get_catalog()
    before = Plan.model_validate(stored.plan)
    updated = swap(
        before,
        week,
        weekday,
        slug,
        replacement,
        Profile.model_validate(stored.profile),
        Verdict.model_validate(stored.verdict),
        catalog,
        catalog.planner,
        scope=scope,
    )
    stored.plan = updated.model_dump(mode="json")
    stored.save(update_fields=["plan"])
    record_swap(
        stored, before, updated, replaced or slug, replacement, scope,
        changed_by=changed_by, why=why, author=author, what=what,
    )  # fmt: skip


@transaction.atomic
def save_feed(
    member: User, form: ModelForm, *, notify_in_page: bool | None = None
) -> models.CalendarFeed:
    """Create or update the member's active feed of the form's kind.

    The form was bound before this transaction; another request (a double click, a
    second tab) may have created the feed since. With the member locked, the active feed
    is looked up again and updated, so there is one feed and one URL, never an error.
    """
    User.objects.select_for_update().filter(pk=access.changes(member).pk).first()
    kind = form.instance.kind
    feed = models.CalendarFeed.objects.filter(
        member=member, kind=kind, revoked_at__isnull=True
    ).first() or models.CalendarFeed(member=member, kind=kind)
    construct_instance(form, feed, fields=form._meta.fields)
    if notify_in_page is not None:  # posture: the page's notifications on or off too
        feed.notify_in_page = notify_in_page
    feed.save()
    return feed


def stop_posture_notifications(member: User) -> int:
    """Turn the page's posture notifications off; the calendar link keeps working."""
    return models.CalendarFeed.objects.filter(
        member=access.changes(member),
        kind=models.CalendarFeed.Kind.POSTURE,
        revoked_at__isnull=True,
    ).update(notify_in_page=False)


def revoke_feed(member: User, kind: str) -> int:
    """Revoke the active feed of this kind; its URL stops working at once."""
    return models.CalendarFeed.objects.filter(
        member=access.changes(member), kind=kind, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())


def swap_for_progression(
    stored: models.Plan, *, session_key: str, slug: str, why: Text | None, by: User
) -> str | None:
    """Replace an exercise that hurt at its easiest dose by one with the same purpose, in
    that session and every later one where it is allowed; the replacement's slug, or None
    when nothing may replace it. The caller holds the transaction (the plan row locked)."""
    access.authorize_id(by, stored.member_id, action=access.Action.CHANGE)
    week, weekday = week_and_day(session_key)
    catalog = get_catalog()
    before = Plan.model_validate(stored.plan)
    profile = Profile.model_validate(stored.profile)
    verdict = Verdict.model_validate(stored.verdict)
    try:
        options = alternatives(
            before, week, weekday, slug, profile, verdict, catalog, catalog.planner
        )
        if not options:
            return None
        updated = swap(
            before,
            week,
            weekday,
            slug,
            options[0],
            profile,
            verdict,
            catalog,
            catalog.planner,
            scope="everywhere",
        )
    except PlanError:
        return None
    stored.plan = updated.model_dump(mode="json")
    stored.save(update_fields=["plan"])
    record_swap(
        stored, before, updated, slug, options[0], "everywhere", changed_by="progression", why=why
    )
    return options[0]


def week_and_day(session_key: str) -> tuple[int, Weekday]:
    """``w2-wed`` → (2, Weekday.WED): where a stored session sits in the planner's plan."""
    week, _, day = session_key.partition("-")
    return int(week.removeprefix("w")), Weekday(day)


def add_progression_versions(
    stored: models.Plan, *, versions: Mapping[str, tuple[Prescription, Text]], by: User
) -> None:
    """Each item's next dose as the progression engine decided it (item key → dose and
    why): a new prescription version of the item, and one plan revision naming them.
    The caller holds the transaction."""
    access.authorize_id(by, stored.member_id, action=access.Action.CHANGE)
    rows = {
        row.key: row
        for row in models.PlanItem.objects.filter(session__plan=stored, key__in=list(versions))
    }
    latest = {
        v["item_id"]: v["number"]
        for v in models.PrescriptionVersion.objects.filter(item__in=rows.values())
        .values("item_id")
        .annotate(number=Max("number"))
    }
    models.PrescriptionVersion.objects.bulk_create(
        models.PrescriptionVersion(
            item=row,
            number=latest.get(row.pk, 0) + 1,
            prescription=versions[key][0].model_dump(mode="json"),
            reason=versions[key][1].model_dump(),
            source="progression",
        )
        for key, row in rows.items()
    )
    latest_revision = stored.revisions.order_by("-number").first()
    models.PlanRevision.objects.create(
        plan=stored,
        number=(latest_revision.number if latest_revision else 0) + 1,
        changed_by="progression",
        what={"kind": "doses", "items": sorted(rows)},
        why="the progression engine adapted the next session to the member's pain feedback",
    )


def pause_plan(stored: models.Plan, *, why: str, by: User) -> None:
    """Pause the plan (the progression engine's R4): no session is played until a full
    check after this moment and a new plan. The caller holds the transaction."""
    access.authorize_id(by, stored.member_id, action=access.Action.CHANGE)
    if stored.paused_at is not None:
        return
    stored.paused_at = timezone.now()
    stored.save(update_fields=["paused_at"])
    latest_revision = stored.revisions.order_by("-number").first()
    models.PlanRevision.objects.create(
        plan=stored,
        number=(latest_revision.number if latest_revision else 0) + 1,
        changed_by="progression",
        what={"kind": "paused"},
        why=why[:200],
    )
