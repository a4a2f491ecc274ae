"""A trainer's changes to a member's plan (issue 15 §4): swap an exercise, change a dose,
pause or resume. Each runs in one transaction and asks the access policy first
(``access.authorize_id(by, member, CHANGE, what="plan-…")``, which also logs it).

Every dose change lands as a new ``PrescriptionVersion`` (source ``trainer``, ``author``
the trainer) whose reason reads "Aangepast door je trainer <name>: <reason>", so the
member's plan, player and PDFs show who changed it and why (``Item.why_changed``). Every
change is also a ``PlanRevision`` (``changed_by="trainer"``) naming the author's id.

The planner's constraints still apply: a swap picks from the planner's alternatives
(``planner.alternatives``, the same as the member's swap). An exercise the plan excludes
for this member (``Plan.excluded``: a contraindication, an avoid list, the verdict, …) is
an *override*: refused unless the trainer confirms and gives a reason, and recorded as
such in the revision (``override: true`` with the exclusion's cause and reason).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from rugcoach.accounts import access
from rugcoach.accounts.models import User
from rugcoach.content import get_catalog
from rugcoach.core.kernel.text import Text
from rugcoach.core.library.exercises import Exercise
from rugcoach.core.planner import Plan, PlanError, Profile, alternatives
from rugcoach.core.planner.dose import base_amount, light_amount
from rugcoach.core.planner.models import Excluded
from rugcoach.core.planner.schedule import library_pace, plan_schedule
from rugcoach.core.progression.steps import Steps
from rugcoach.core.schedule import Prescription
from rugcoach.core.triage.engine import Verdict
from rugcoach.plans import models
from rugcoach.plans.selectors import TRAINER_REASON_PREFIX, checked_since_pause, trainer_pause
from rugcoach.plans.services import apply_swap, item_fields, week_and_day
from rugcoach.triage.selectors import training_status

REASON_MAX = 300


class AdjustError(ValueError):
    """A change refused; ``field`` names the form field to fix, the message says why."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


def author_name(user: User) -> str:
    return user.get_full_name() or user.email.split("@", 1)[0]


def trainer_reason(by: User, reason: str) -> Text:
    """The member-facing reason of a trainer's change (plain text; pages and PDFs escape it)."""
    name, reason = author_name(by), reason.strip()
    return Text(
        nl=f"Aangepast door je trainer {name}: {reason}",
        en=f"Changed by your trainer {name}: {reason}",
    )


def _checked_reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise AdjustError("reason", _("Geef een reden: het lid leest hem bij de wijziging."))
    if len(reason) > REASON_MAX:
        raise AdjustError(
            "reason", _("Houd de reden onder de %(max)s tekens.") % {"max": REASON_MAX}
        )
    return reason


def _locked_plan(stored: models.Plan) -> models.Plan:
    return models.Plan.objects.select_for_update().get(pk=stored.pk)


def _item(stored: models.Plan, item_key: str) -> models.PlanItem:
    row = (
        models.PlanItem.objects.select_related("session")
        .filter(session__plan=stored, key=item_key)
        .first()
    )
    if row is None:
        raise AdjustError("item", _("Deze oefening staat niet (meer) in het plan."))
    return row


def _revise(stored: models.Plan, by: User, what: dict[str, object], why: str) -> None:
    latest = stored.revisions.aggregate(number=Max("number"))["number"] or 0
    models.PlanRevision.objects.create(
        plan=stored,
        number=latest + 1,
        changed_by="trainer",
        what={**what, "author_id": by.pk},
        why=why[:200],
    )


def _add_version(row: models.PlanItem, prescription: Prescription, why: Text, by: User) -> None:
    latest = row.versions.aggregate(number=Max("number"))["number"] or 0
    models.PrescriptionVersion.objects.create(
        item=row,
        number=latest + 1,
        prescription=prescription.model_dump(mode="json"),
        reason=why.model_dump(),
        source="trainer",
        author=by,
    )


# --- swap -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SwapChoices:
    """What may replace an item: the planner's alternatives, and the exercises the plan
    excludes for this member (an override, with the exclusion's reason)."""

    alternatives: tuple[str, ...]
    excluded: tuple[Excluded, ...]


def planned_slug(stored: models.Plan, item: models.PlanItem) -> str:
    """The exercise the planner's plan (``stored.plan``) has in the item's slot. It differs
    from ``item.slug`` after a trainer's override: an excluded exercise is never written
    into the planner's plan (the planner would refuse it), only into the item's row."""
    plan = Plan.model_validate(stored.plan)
    week, weekday = week_and_day(item.session.key)
    session = plan.week(week).session(weekday)
    order = int(item.key.rsplit(".", 1)[1])
    if session is None or not 0 <= order < len(session.items):
        return item.slug
    return session.items[order].slug


def swap_choices(stored: models.Plan, item: models.PlanItem) -> SwapChoices:
    """``stored`` comes from a selector that asked the access policy. The alternatives
    are those of the slot's planned exercise, so after an override the trainer can swap
    back to a safe exercise (the planned one included)."""
    catalog = get_catalog()
    plan = Plan.model_validate(stored.plan)
    week, weekday = week_and_day(item.session.key)
    planned = planned_slug(stored, item)
    try:
        found = alternatives(
            plan,
            week,
            weekday,
            planned,
            Profile.model_validate(stored.profile),
            Verdict.model_validate(stored.verdict),
            catalog,
            catalog.planner,
        )
    except PlanError:  # a plan the planner no longer reads: no alternatives to offer
        found = ()
    if planned != item.slug:  # overridden: back to the planned exercise is safe
        found = (planned, *(slug for slug in found if slug != item.slug))
    excluded = tuple(
        e for e in plan.excluded if e.slug in catalog.exercises and e.slug != item.slug
    )
    return SwapChoices(found, excluded)


@transaction.atomic
def swap_item(
    stored: models.Plan,
    *,
    item_key: str,
    replacement: str,
    reason: str,
    by: User,
    confirm_override: bool = False,
) -> Excluded | None:
    """Replace the exercise of one item. Returns the exclusion that was overridden, or None.

    An alternative goes through the planner's own swap (dose on the replacement's ladder,
    fitted to the session's minutes). An excluded exercise needs ``confirm_override`` and
    a reason; it starts at its base dose (a warm-up or cool-down: its light dose)."""
    access.authorize_id(by, stored.member_id, action=access.Action.CHANGE, what="plan-swap")
    stored = _locked_plan(stored)
    reason = _checked_reason(reason)
    row = _item(stored, item_key)
    choices = swap_choices(stored, row)
    why = trainer_reason(by, reason)
    planned = planned_slug(stored, row)
    if replacement == planned and row.slug != planned:
        _restore_planned(stored, row, why=why, by=by, reason=reason)
        return None
    if replacement in choices.alternatives:
        week, weekday = week_and_day(row.session.key)
        apply_swap(
            stored, week, weekday, planned, replacement, "session",
            changed_by="trainer", why=why, author=by, what={"author_id": by.pk},
            replaced=row.slug,
        )  # fmt: skip
        return None
    excluded = next((e for e in choices.excluded if e.slug == replacement), None)
    if excluded is None:
        raise AdjustError("replacement", _("Kies een van de voorgestelde oefeningen."))
    if not confirm_override:
        raise AdjustError(
            "confirm",
            _("Deze oefening is voor dit lid uitgesloten. Bevestig dat je dit bewust doet."),
        )
    exercise = get_catalog().exercises[replacement]
    before_slug = row.slug
    row.replaces, row.slug, row.step = before_slug, replacement, "trainer"
    row.reason = why.model_dump()
    row.save(update_fields=["replaces", "slug", "step", "reason"])
    _add_version(row, _start_dose(exercise, row.role), why, by)
    _revise(
        stored,
        by,
        {
            "kind": "swap",
            "from": before_slug,
            "to": replacement,
            "items": [row.key],
            "override": True,
            "cause": excluded.cause,
            "excluded_because": excluded.reason.model_dump(),
        },
        f"trainer override: {reason}",
    )
    return excluded


def _restore_planned(
    stored: models.Plan, row: models.PlanItem, *, why: Text, by: User, reason: str
) -> None:
    """Undo an override: the row gets the planner's exercise of its slot back, at the
    planner's dose."""
    planned = next(
        item
        for session in plan_schedule(
            Plan.model_validate(stored.plan), get_catalog().exercises
        ).sessions
        for item in session.items
        if item.key == row.key
    )
    before_slug = row.slug
    for field, value in item_fields(planned).items():
        setattr(row, field, value)
    row.save()
    _add_version(row, planned.prescription, why, by)
    _revise(
        stored,
        by,
        {"kind": "swap", "from": before_slug, "to": row.slug, "items": [row.key]},
        f"trainer: {reason}",
    )


def _start_dose(exercise: Exercise, role: str) -> Prescription:
    dose = exercise.dose
    amount = base_amount(dose) if role == "main" else light_amount(dose)
    tempo, breathing = library_pace(dose)
    return Prescription(
        sets=amount.sets,
        reps=amount.reps,
        hold_seconds=amount.hold_seconds,
        duration_seconds=amount.duration_seconds,
        per_side=dose.per_side,
        rest_seconds=dose.rest_seconds,
        tempo=tempo,
        breathing=breathing,
        rung=0 if role == "main" else None,
    )


# --- dose -------------------------------------------------------------------------------


def dose_steps(item: models.PlanItem) -> list[Prescription]:
    """The steps of the item's exercise (below the base, the base, up the ladder), each as
    the item's current prescription moved to that step."""
    exercise = get_catalog().exercises.get(item.slug)
    latest = item.versions.order_by("-number").first()
    if exercise is None or latest is None:
        return []
    current = Prescription.model_validate(latest.prescription)
    steps = Steps.of(exercise.dose)
    return [steps.at(current, index) for index in range(len(steps))]


@transaction.atomic
def change_dose(
    stored: models.Plan,
    *,
    item_key: str,
    reason: str,
    by: User,
    step: int | None = None,
    sets: int | None = None,
    reps: int | None = None,
    hold_seconds: int | None = None,
    later_too: bool = False,
) -> list[str]:
    """A new version of the item's dose: a step of its exercise's ladder (``step``, an
    index into ``dose_steps``), or the current dose with other sets, reps or hold. With
    ``later_too`` the same dose also goes to the same exercise in every later session.
    Returns the keys of the items changed."""
    access.authorize_id(by, stored.member_id, action=access.Action.CHANGE, what="plan-dose")
    stored = _locked_plan(stored)
    reason = _checked_reason(reason)
    row = _item(stored, item_key)
    latest = row.versions.order_by("-number").first()
    if latest is None:
        raise AdjustError("item", _("Deze oefening heeft nog geen dosis."))
    current = Prescription.model_validate(latest.prescription)
    if step is not None:
        steps = dose_steps(row)
        if not 0 <= step < len(steps):
            raise AdjustError("step", _("Kies een stap van de ladder."))
        new = steps[step]
    else:
        new = _custom_dose(current, sets=sets, reps=reps, hold_seconds=hold_seconds)
    if new == current:
        raise AdjustError("step", _("Dat is de dosis die er al staat."))
    rows = [row]
    if later_too:
        rows += list(
            models.PlanItem.objects.filter(
                session__plan=stored,
                slug=row.slug,
                session__day_offset__gt=row.session.day_offset,
            ).order_by("session__day_offset", "order")
        )
    why = trainer_reason(by, reason)
    for each in rows:
        _add_version(each, new, why, by)
    keys = [each.key for each in rows]
    _revise(
        stored,
        by,
        {"kind": "dose", "items": keys, "dose": new.model_dump(mode="json")},
        f"trainer: {reason}",
    )
    return keys


def _custom_dose(
    current: Prescription, *, sets: int | None, reps: int | None, hold_seconds: int | None
) -> Prescription:
    if sets is None and reps is None and hold_seconds is None:
        raise AdjustError("step", _("Kies een stap, of vul sets, herhalingen of vasthouden in."))
    if reps is not None and current.reps is None:
        raise AdjustError("reps", _("Deze oefening telt geen herhalingen."))
    if hold_seconds is not None and current.hold_seconds is None:
        raise AdjustError("hold_seconds", _("Deze oefening heeft geen vasthoudtijd."))
    update: dict[str, object] = {"rung": None}  # off the ladder: the trainer's own dose
    if sets is not None:
        update["sets"] = sets
    if reps is not None:
        update["reps"] = reps
    if hold_seconds is not None:
        update["hold_seconds"] = hold_seconds
    return Prescription.model_validate({**current.model_dump(), **update})


# --- pause and resume -------------------------------------------------------------------


@transaction.atomic
def pause(stored: models.Plan, *, reason: str, by: User, now: datetime | None = None) -> None:
    """Pause the plan: no session is played until it is resumed (or a new plan is made
    after a new full check, as after the progression engine's pause)."""
    access.authorize_id(by, stored.member_id, action=access.Action.CHANGE, what="plan-pause")
    stored = _locked_plan(stored)
    reason = _checked_reason(reason)
    if stored.paused_at is not None:
        raise AdjustError("reason", _("Het plan staat al op pauze."))
    stored.paused_at = now or timezone.now()
    stored.save(update_fields=["paused_at"])
    _revise(stored, by, {"kind": "paused"}, f"{TRAINER_REASON_PREFIX}{reason}")


class ResumeRefused(AdjustError):
    """Safety first: the member's latest check does not allow training."""


def paused_by_progression(stored: models.Plan) -> bool:
    """Whether the plan's pause is the progression engine's R4 ("see a physio first")
    rather than a trainer's own (``selectors.trainer_pause``: without a revision saying
    who paused, it counts as R4)."""
    return stored.paused_at is not None and trainer_pause(stored) is None


@transaction.atomic
def resume(stored: models.Plan, *, reason: str, by: User) -> None:
    """Resume a paused plan, only while the member's checks allow training (the one rule:
    ``triage.selectors.TrainingStatus``): a red flag or a full check to redo refuses it.

    The progression engine's R4 pause ends only with a full check made after the pause,
    as everywhere else (training/progression.py, programs/admission.py,
    plans.services.generate_plan); a trainer's own pause may be resumed by a trainer.
    The member is the plan's own, never a separate argument."""
    access.authorize_id(by, stored.member_id, action=access.Action.CHANGE, what="plan-resume")
    stored = _locked_plan(stored)
    reason = _checked_reason(reason)
    if stored.paused_at is None:
        raise AdjustError("reason", _("Het plan staat niet op pauze."))
    status = training_status(stored.member)
    if not status.may_train or status.needs_full_check:
        raise ResumeRefused(
            "reason",
            _(
                "Hervatten kan niet: de laatste check van dit lid staat trainen niet toe. "
                "Eerst een nieuwe volledige check die trainen toestaat."
            ),
        )
    if paused_by_progression(stored) and not checked_since_pause(stored, status):
        raise ResumeRefused(
            "reason",
            _(
                "Hervatten kan niet: het plan is gepauzeerd omdat de klachten verergerden "
                "(advies: eerst naar een fysiotherapeut). Alleen een nieuwe volledige check "
                "na de pauze heft die pauze op."
            ),
        )
    stored.paused_at = None
    stored.save(update_fields=["paused_at"])
    _revise(stored, by, {"kind": "resumed"}, f"trainer: {reason}")
