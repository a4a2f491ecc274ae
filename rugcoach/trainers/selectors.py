"""Reads for the trainers' dashboard: alerts over every member who consented, today's
intakes, and the members list, in a fixed number of queries whatever the data's size.

Which members: ``access.reachable_member_ids(viewer, READ, HEALTH)`` (the members whose
consent is active), used as a subquery in every read (``member_id__in``); what the page
shows is logged with one ``access.record``. The alert rules are the pure core's
(``rugcoach.core.coaching.alerts``); this module only gathers their facts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Window
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone, translation

from rugcoach.accounts import access
from rugcoach.accounts.models import User
from rugcoach.content import get_catalog
from rugcoach.core.coaching.alerts import (
    Alert,
    CheckFact,
    FollowUpFact,
    MemberFact,
    SessionFact,
    SignalFact,
    alerts,
)
from rugcoach.core.triage.engine import Level
from rugcoach.intakes.models import Booking
from rugcoach.intakes.selectors import upcoming_for_trainer
from rugcoach.trainers.models import AlertHandled, Consent
from rugcoach.trainers.presenters import AlertView, member_url_builder, present_alerts
from rugcoach.training.models import Adaptation, FollowUp, TrainingSession
from rugcoach.triage.models import TriageResult

MEMBERS_PER_PAGE = 50


@dataclass(frozen=True)
class MemberRow:
    id: int
    name: str
    consent_at: datetime
    last_trained: datetime | None
    open_alerts: int = 0
    url: str = ""
    """The trainer's page of this member (on the dashboard's rows)."""


@dataclass(frozen=True)
class Dashboard:
    now: datetime
    open_alerts: list[AlertView]
    handled_alerts: list[AlertView]
    intakes: list[Booking]
    members: list[MemberRow]
    """One page of the members with active consent, by name (paged in SQL)."""
    member_count: int = 0
    shown_ids: list[int] = field(default_factory=list)


def is_trainer(user: object) -> bool:
    """Whether ``user`` is a logged-in, active person with the trainer role: the one rule
    for who sees the trainers' pages and API."""
    return isinstance(user, User) and user.is_active and user.role == User.Role.TRAINER


def level_labels() -> dict[str, str]:
    """Each verdict level's short name in the active language (the triage's content)."""
    language = translation.get_language() or "nl"
    verdicts = get_catalog().triage.verdicts
    return {level.value: verdict.label.get(language) for level, verdict in verdicts.items()}


def member_name(user: User) -> str:
    return user.get_full_name() or user.email


def consented_ids(viewer: User) -> QuerySet | None:
    """The ids of the members whose health data the viewer may read (one subquery)."""
    return access.reachable_member_ids(viewer, access.Action.READ, access.Scope.HEALTH)


def _members(viewer: User, ids: QuerySet) -> list[MemberRow]:
    """Every consenting member with the consent's date and their last session (1 query)."""
    last = TrainingSession.objects.filter(member=OuterRef("pk")).order_by("-started_at")
    consent = Consent.objects.filter(
        member=OuterRef("pk"), trainer__user=viewer, revoked_at__isnull=True
    ).order_by("-given_at")
    rows = (
        User.objects.filter(pk__in=ids)
        .annotate(
            last_trained=Subquery(last.values("started_at")[:1]),
            consent_at=Subquery(consent.values("given_at")[:1]),
        )
        .only("id", "email", "first_name", "last_name", "date_joined")
        .order_by("first_name", "last_name", "email", "id")
    )
    return [
        MemberRow(
            id=row.pk,
            name=member_name(row),
            # Another rule than this trainer's consent (none yet) would leave it empty.
            consent_at=row.consent_at or row.date_joined,
            last_trained=row.last_trained,
        )
        for row in rows
    ]


@dataclass(frozen=True)
class _Facts:
    """The alert rules' facts from the four evidence queries, and the names of the
    members they are about (joined in, so a member off the page still has a name)."""

    checks: list[CheckFact]
    sessions: list[SessionFact]
    mornings: list[FollowUpFact]
    signals: list[SignalFact]
    names: dict[int, str]


def _name(first: str, last: str, email: str) -> str:
    """``member_name`` from the columns (``User.get_full_name`` or the e-mail)."""
    return f"{first} {last}".strip() or email


def _facts(ids: QuerySet | list[int], now: datetime) -> _Facts:
    """Only the rows that can be an alert come back (4 queries: checks, sessions,
    mornings, signals); the partial indexes of training 0005 and triage 0005 serve them."""
    rules = get_catalog().coaching
    since = now - timedelta(days=rules.window_days)
    who = ("member__first_name", "member__last_name", "member__email")
    checks = TriageResult.objects.filter(
        member_id__in=ids,
        created_at__gte=since,
        level__in=[level.value for level in rules.red_flag.levels],
    ).values_list("id", "member_id", "created_at", "kind", "level", *who)
    sessions = (
        TrainingSession.objects.filter(member_id__in=ids, started_at__gte=since)
        .filter(Q(pain_after__gte=rules.session.pain_min) | Q(effort__gte=rules.session.effort_min))
        .values_list("id", "member_id", "started_at", "pain_after", "effort", *who)
    )
    mornings = FollowUp.objects.filter(
        session__member_id__in=ids,
        kind=FollowUp.Kind.NEXT_MORNING,
        answered_at__gte=since,
        pain__gte=rules.morning.pain_min,
    ).values_list(
        "id", "session_id", "session__member_id", "answered_at", "pain",
        "session__member__first_name", "session__member__last_name", "session__member__email",
    )  # fmt: skip
    signals = Adaptation.objects.filter(
        member_id__in=ids, safety_signal=True, created_at__gte=since
    ).values_list("id", "member_id", "created_at", *who)
    names: dict[int, str] = {}
    found = _Facts([], [], [], [], names)
    for i, m, at, kind, level, *person in checks:
        names[m] = _name(*person)
        found.checks.append(CheckFact(i, m, at, kind == TriageResult.Kind.CHECKIN, Level(level)))
    for i, m, at, pain, effort, *person in sessions:
        names[m] = _name(*person)
        found.sessions.append(SessionFact(i, m, at, pain, effort))
    for i, s, m, at, pain, *person in mornings:
        if pain is not None:
            names[m] = _name(*person)
            found.mornings.append(FollowUpFact(i, s, m, at, pain))
    for i, m, at, *person in signals:
        names[m] = _name(*person)
        found.signals.append(SignalFact(i, m, at))
    return found


def _member_facts(members: list[MemberRow]) -> list[MemberFact]:
    local = timezone.get_current_timezone()
    return [
        MemberFact(m.id, m.last_trained.astimezone(local) if m.last_trained else None, m.consent_at)
        for m in members
    ]


def _alerts(facts: _Facts, members: list[MemberRow], now: datetime) -> list[Alert]:
    return alerts(
        get_catalog().coaching,
        now,
        checks=facts.checks,
        sessions=facts.sessions,
        mornings=facts.mornings,
        signals=facts.signals,
        members=_member_facts(members),
    )


def member_alerts(
    ids: QuerySet | list[int], members: list[MemberRow], now: datetime
) -> list[Alert]:
    """The alerts of these members (4 queries: checks, sessions, mornings, signals);
    inactivity only for the ``members`` given."""
    return _alerts(_facts(ids, now), members, now)


def _handled(ids: QuerySet | list[int], found: list[Alert]) -> dict[tuple[int, str], AlertHandled]:
    keys = {a.key for a in found}
    rows = AlertHandled.objects.filter(member_id__in=ids, key__in=sorted(keys))
    return {(row.member_id, row.key): row for row in rows}


@dataclass(frozen=True)
class _MemberPage:
    shown: list[MemberRow]
    """The page's members, by name."""
    candidates: list[MemberRow]
    """Every row that came back: the page, and the members who may be inactive."""
    count: int


def _member_page(viewer: User, ids: QuerySet, now: datetime, first: int) -> _MemberPage:
    """One page of the consenting members, by name, plus every member whose last session
    (or consent, if they never trained) is old enough to be inactive, and the count of
    all: one query, whatever the number of members. The numbering and the count are
    window functions over every consenting member, so paging happens in SQL; the
    inactivity rule itself stays the core's (``alerts``), this only leaves out the
    members it cannot flag (``start <= now - days`` is ``(now - start).days >= days``)."""
    inactive_since = now - timedelta(days=get_catalog().coaching.inactive.days)
    last = TrainingSession.objects.filter(member=OuterRef("pk")).order_by("-started_at")
    consent = Consent.objects.filter(
        member=OuterRef("pk"), trainer__user=viewer, revoked_at__isnull=True
    ).order_by("-given_at")
    by_name = [F("first_name").asc(), F("last_name").asc(), F("email").asc(), F("id").asc()]
    rows = (
        User.objects.filter(pk__in=ids)
        .annotate(
            last_trained=Subquery(last.values("started_at")[:1]),
            # Another rule than this trainer's consent (none yet) would leave it empty.
            consent_at=Coalesce(Subquery(consent.values("given_at")[:1]), F("date_joined")),
            position=Window(RowNumber(), order_by=by_name),
            total=Window(Count("pk")),
        )
        .filter(
            # The first row too, so the count comes back even past the last page.
            Q(position__gt=first, position__lte=first + MEMBERS_PER_PAGE)
            | Q(position=1)
            | Q(last_trained__lte=inactive_since)
            | Q(last_trained__isnull=True, consent_at__lte=inactive_since)
        )
        .order_by(*by_name)
        .values_list(
            "id", "first_name", "last_name", "email", "consent_at", "last_trained", "position",
            "total",
        )
    )  # fmt: skip
    shown: list[MemberRow] = []
    candidates: list[MemberRow] = []
    count = 0
    for pk, first_name, last_name, email, consent_at, last_trained, position, total in rows:
        row = MemberRow(pk, _name(first_name, last_name, email), consent_at, last_trained)
        candidates.append(row)
        count = total
        if first < position <= first + MEMBERS_PER_PAGE:
            shown.append(row)
    return _MemberPage(shown, candidates, count)


def dashboard(viewer: User, *, now: datetime, page: int = 1, what: str = "dashboard") -> Dashboard:
    """The trainer's dashboard. Queries: today's intakes, the members' page, checks,
    sessions, mornings, signals, handled marks, and the access log's insert, plus the
    trainer row the agenda's selector reads: 9, whatever
    the numbers of members, sessions and checks (tests/trainers/test_dashboard.py and
    test_dashboard_scale.py count them at two sizes). The access policy's reachable ids
    are a subquery of each read, not a query of their own; the intakes' access-log
    insert is a ninth only on a day with intakes."""
    ids = consented_ids(viewer)
    # Today's intakes are the agenda's (what the members put in their bookings, scope
    # BOOKING, logged there).
    intakes = upcoming_for_trainer(viewer, days=1, now=now, what="dashboard-intakes")
    if ids is None:
        return Dashboard(now, [], [], intakes, [])
    first = (max(page, 1) - 1) * MEMBERS_PER_PAGE
    members = _member_page(viewer, ids, now, first)
    facts = _facts(ids, now)
    names = facts.names | {m.id: m.name for m in members.candidates}
    found = _alerts(facts, members.candidates, now)
    handled = _handled(ids, found)
    views = present_alerts(found, names=names, handled=lambda a: handled.get((a.member_id, a.key)))
    open_views = [v for v in views if v.handled is None]
    open_counts = Counter(view.alert.member_id for view in open_views)
    member_url = member_url_builder()
    shown = [
        MemberRow(m.id, m.name, m.consent_at, m.last_trained, open_counts[m.id], member_url(m.id))
        for m in members.shown
    ]
    shown_ids = sorted({m.id for m in shown} | {v.alert.member_id for v in views})
    access.record(viewer, shown_ids, access.Action.READ, access.Scope.HEALTH, what)
    return Dashboard(
        now=now,
        open_alerts=open_views,
        handled_alerts=[v for v in views if v.handled is not None],
        intakes=intakes,
        members=shown,
        member_count=members.count,
        shown_ids=shown_ids,
    )
