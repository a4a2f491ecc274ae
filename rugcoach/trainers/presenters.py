"""Alerts as a trainer reads them: what happened in words, when, and where the evidence is.

Built once per alert in Python, in the page's language, so a template only prints them:
the dashboard shows 50 alerts and 50 members at a time, and the same wording through
the template engine (a chain of ``blocktranslate`` and ``date`` filters per alert) cost
more than the dashboard's queries (docs/scale.md). The dashboard, the alerts page, the
member page and the API all take their alerts from ``present_alerts``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rugcoach.core.coaching.alerts import Alert, AlertKind
from rugcoach.intakes.reasons import level_label
from rugcoach.trainers.models import AlertHandled

if TYPE_CHECKING:  # selectors import this module for the alerts' views
    from rugcoach.trainers.selectors import MemberRow

# Any member id works for the pattern; this one cannot appear elsewhere in the path.
_SAMPLE_ID = 987654321


def member_url_builder() -> Callable[[int], str]:
    """The trainer's member page URL for any member id, from one ``reverse``: a page of
    alerts and members needs up to a hundred of these, and the URL differs only in the
    id (the ``int`` converter writes it as digits). Built per request, so the language
    prefix and the script prefix are the request's."""
    head, tail = reverse("trainers:member", kwargs={"member_id": _SAMPLE_ID}).split(str(_SAMPLE_ID))
    return lambda member_id: f"{head}{member_id}{tail}"


_EVIDENCE_ANCHOR = {
    AlertKind.RED_FLAG: "check",
    AlertKind.SAFETY_SIGNAL: "adaptation",
    AlertKind.SESSION: "session",
    AlertKind.MORNING: "session",
}


def evidence_url(alert: Alert, member_url: Callable[[int], str]) -> str:
    """The member page, anchored at the check, session or run the alert is about."""
    page = member_url(alert.member_id)
    anchor = _EVIDENCE_ANCHOR.get(alert.kind)
    if anchor is None or alert.evidence_id is None:
        return f"{page}#sessions"
    return f"{page}#{anchor}-{alert.evidence_id}"


def alert_what(alert: Alert) -> str:
    """What happened, in the active language: "Zware training, pijn 8/10"."""
    if alert.kind is AlertKind.RED_FLAG:
        level = level_label(alert.level.value) if alert.level else ""
        return _("Rode vlag in een check (%(level)s)") % {"level": level}
    if alert.kind is AlertKind.SAFETY_SIGNAL:
        return _("Veiligheidssignaal (R4): advies fysiotherapeut")
    if alert.kind is AlertKind.SESSION:
        parts = [_("Zware training")]
        if alert.pain is not None:
            parts.append(_("pijn %(pain)s/10") % {"pain": alert.pain})
        if alert.effort is not None:
            parts.append(_("inspanning %(effort)s/10") % {"effort": alert.effort})
        return ", ".join(parts)
    if alert.kind is AlertKind.MORNING:
        return _("Ochtend na de training: pijn %(pain)s/10") % {"pain": alert.pain}
    days = alert.days or 0
    return ngettext("%(days)s dag niet getraind", "%(days)s dagen niet getraind", days) % {
        "days": days
    }


@dataclass(frozen=True)
class AlertView:
    alert: Alert
    member_name: str
    url: str
    """The evidence: the member's page, anchored at the check, session or run."""
    what: str
    """What happened, in the page's language."""
    anchor: str
    """The alert's element id on the page (a slug of its key)."""
    at_iso: str
    """When, for the ``<time>`` element (ISO 8601 in the page's time zone)."""
    at_text: str
    """When, in the page's language and time zone ("3 dec 14:05")."""
    handled: AlertHandled | None = None

    @property
    def key(self) -> str:
        return self.alert.key


def present_alerts(
    found: Iterable[Alert],
    *,
    names: Mapping[int, str],
    handled: Callable[[Alert], AlertHandled | None],
) -> list[AlertView]:
    """The views of the alerts whose member has a name here (the others are not this
    viewer's to show), in the order given."""
    member_url = member_url_builder()
    views = []
    for alert in found:
        if alert.member_id not in names:
            continue
        at = timezone.localtime(alert.at)
        views.append(
            AlertView(
                alert=alert,
                member_name=names[alert.member_id],
                url=evidence_url(alert, member_url),
                what=alert_what(alert),
                anchor="alert-" + slugify(alert.key),
                at_iso=at.isoformat(),
                at_text=date_format(at, "j M H:i"),
                handled=handled(alert),
            )
        )
    return views


@dataclass(frozen=True)
class MemberLine:
    """One row of the dashboard's members table, its dates already in words."""

    id: int
    name: str
    url: str
    consent_on: str
    last_trained_on: str
    """Empty when the member never trained."""
    open_alerts: int


def present_members(rows: Iterable[MemberRow]) -> list[MemberLine]:
    """The dashboard's member rows in the page's language and time zone. Members share
    dates (a consent day, yesterday's training), so each date is formatted once."""
    memo: dict[date, str] = {}

    def on(moment: datetime) -> str:
        day = timezone.localtime(moment).date()
        if day not in memo:
            memo[day] = date_format(day, "j M Y")
        return memo[day]

    return [
        MemberLine(
            id=row.id,
            name=row.name,
            url=row.url,
            consent_on=on(row.consent_at),
            last_trained_on=on(row.last_trained) if row.last_trained else "",
            open_alerts=row.open_alerts,
        )
        for row in rows
    ]
