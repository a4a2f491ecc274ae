"""The trainers' dashboard alerts (issue 15 §4): pure rules over facts the app reads.

The app gathers a few facts per member (checks, sessions, next-morning answers, the
progression engine's safety signals, the last session) in a fixed number of queries and
hands them here; these rules decide which are alerts, how severe, and their stable keys.
Thresholds come from ``content/coaching.yaml`` (``CoachingContent``), never from here.

A key names its evidence (``kind:row id``), so marking an alert handled survives new
data; an inactivity alert is keyed on the last session's date (or ``never``), so a member
who trains and stops again gets a new alert.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from rugcoach.core.coaching.content import CoachingContent
from rugcoach.core.triage.conditions import Level

__all__ = [
    "Alert",
    "AlertKind",
    "CheckFact",
    "FollowUpFact",
    "MemberFact",
    "SessionFact",
    "SignalFact",
    "alerts",
    "inactive_key",
]


class AlertKind(StrEnum):
    """Most severe first: the order the dashboard shows them in."""

    RED_FLAG = "red-flag"
    SAFETY_SIGNAL = "safety-signal"
    SESSION = "session"
    MORNING = "morning"
    INACTIVE = "inactive"

    @property
    def rank(self) -> int:
        """Higher is more severe."""
        return len(AlertKind) - list(AlertKind).index(self)


@dataclass(frozen=True)
class CheckFact:
    id: int
    member_id: int
    at: datetime
    checkin: bool
    level: Level


@dataclass(frozen=True)
class SessionFact:
    id: int
    member_id: int
    at: datetime
    pain_after: int | None
    effort: int | None


@dataclass(frozen=True)
class FollowUpFact:
    """A next-morning answer (``session_id``: the session it was about)."""

    id: int
    session_id: int
    member_id: int
    at: datetime
    pain: int


@dataclass(frozen=True)
class SignalFact:
    """A progression engine run with R4's safety signal (see a physio)."""

    id: int
    member_id: int
    at: datetime


@dataclass(frozen=True)
class MemberFact:
    member_id: int
    last_trained: datetime | None
    consent_at: datetime


@dataclass(frozen=True)
class Alert:
    kind: AlertKind
    key: str
    member_id: int
    at: datetime
    """When the evidence happened (inactivity: when it started to count)."""
    evidence_id: int | None
    """The row the alert points at (a check, session, follow-up's session, run)."""
    level: Level | None = None
    pain: int | None = None
    effort: int | None = None
    days: int | None = None

    @property
    def severity(self) -> tuple[int, int]:
        """For sorting, most severe first: the kind, then a check's level."""
        return self.kind.rank, self.level.severity if self.level is not None else 0


def inactive_key(last_trained: date | None) -> str:
    return f"inactive:{last_trained.isoformat() if last_trained else 'never'}"


def alerts(
    rules: CoachingContent,
    now: datetime,
    *,
    checks: Iterable[CheckFact] = (),
    sessions: Iterable[SessionFact] = (),
    mornings: Iterable[FollowUpFact] = (),
    signals: Iterable[SignalFact] = (),
    members: Iterable[MemberFact] = (),
) -> list[Alert]:
    """Every alert in the window, most severe first, then newest first.

    Facts older than ``rules.window_days`` give none (the caller may pass them; the
    rule decides). Inactivity counts whole days from the last session, or from the
    consent for a member who never trained.
    """
    since = now - timedelta(days=rules.window_days)
    found: list[Alert] = []
    red = set(rules.red_flag.levels)
    for check in checks:
        if check.at >= since and check.level in red:
            kind = "checkin" if check.checkin else "check"
            found.append(
                Alert(AlertKind.RED_FLAG, f"{kind}:{check.id}", check.member_id, check.at,
                      check.id, level=check.level)
            )  # fmt: skip
    for signal in signals:
        if signal.at >= since:
            found.append(
                Alert(AlertKind.SAFETY_SIGNAL, f"signal:{signal.id}", signal.member_id,
                      signal.at, signal.id)
            )  # fmt: skip
    for session in sessions:
        painful = session.pain_after is not None and session.pain_after >= rules.session.pain_min
        hard = session.effort is not None and session.effort >= rules.session.effort_min
        if session.at >= since and (painful or hard):
            found.append(
                Alert(AlertKind.SESSION, f"session:{session.id}", session.member_id, session.at,
                      session.id, pain=session.pain_after, effort=session.effort)
            )  # fmt: skip
    for morning in mornings:
        if morning.at >= since and morning.pain >= rules.morning.pain_min:
            found.append(
                Alert(AlertKind.MORNING, f"morning:{morning.id}", morning.member_id, morning.at,
                      morning.session_id, pain=morning.pain)
            )  # fmt: skip
    for member in members:
        start = member.last_trained or member.consent_at
        days = (now - start).days
        if days >= rules.inactive.days:
            last = member.last_trained.date() if member.last_trained else None
            found.append(
                Alert(AlertKind.INACTIVE, inactive_key(last), member.member_id, start, None,
                      days=days)
            )  # fmt: skip
    found.sort(key=lambda a: (a.severity, a.at, a.key), reverse=True)
    return found
