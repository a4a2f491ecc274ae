"""The export as a readable PDF: the same data as the JSON, in words, in one language.

Built from the export dict itself, so the PDF can never show less than the JSON holds:
sections this module has no words for yet (a later app's data) are printed field by field.
"""

import io
import json
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from rugcoach.accounts import access_log
from rugcoach.accounts.models import AccessLogEntry, User
from rugcoach.content import get_catalog
from rugcoach.core.triage.conditions import Level
from rugcoach.core.triage.engine import Verdict
from rugcoach.intakes.models import Booking
from rugcoach.plans.forms import IntakeForm, SelfTestsForm
from rugcoach.printing import LINE, YELLOW, paragraph_styles, text
from rugcoach.triage.presenters import present_answers


def _when(value: str | None) -> str:
    if not value:
        return "–"
    moment = parse_datetime(value)
    if moment is None:
        return value
    return date_format(localtime(moment), "j F Y, H:i")


def _yes_no(value: object) -> str:
    return _("ja") if value else _("nee")


class _Story:
    def __init__(self) -> None:
        self.styles = paragraph_styles()
        self.flowables: list[Flowable] = []

    def heading(self, value: str) -> None:
        self.flowables.append(Paragraph(text(value), self.styles["week"]))

    def para(self, value: str, style: str = "body") -> None:
        self.flowables.append(Paragraph(text(value), self.styles[style]))

    def facts(self, rows: Iterable[tuple[str, str]], width: float) -> None:
        body = [
            [
                Paragraph(text(label), self.styles["small"]),
                Paragraph(text(value), self.styles["body"]),
            ]
            for label, value in rows
        ]
        if not body:
            return
        table = Table(body, colWidths=[width * 0.38, width * 0.62], hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.4, LINE),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.2 * mm),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2 * mm),
                ]
            )
        )
        self.flowables.append(table)
        self.flowables.append(Spacer(1, 2 * mm))

    def band(self, value: str, width: float) -> None:
        table = Table([[Paragraph(f"<b>{text(value)}</b>", self.styles["body"])]], [width])
        table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), YELLOW)]))
        self.flowables.append(Spacer(1, 1.5 * mm))
        self.flowables.append(table)


def _answers(answers: dict[str, Any], language: str) -> list[tuple[str, str]]:
    """In words where the question still exists; questions since removed as stored."""
    content = get_catalog().triage
    rows = present_answers(answers, content, language)
    rows += [
        (key, json.dumps(value)) for key, value in answers.items() if key not in content.questions
    ]
    return rows


def _verdict_label(verdict: dict[str, Any], language: str) -> str:
    try:
        shown = Verdict.model_validate(verdict).localize(language)
    except ValueError:  # stored under an older shape: show what is there
        return json.dumps(verdict, ensure_ascii=False)[:300]
    return f"{shown['label']}: {shown['title']}"


def _fields(data: dict[str, Any]) -> list[tuple[str, str]]:
    rows = []
    for key, value in data.items():
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        rows.append((key, shown))
    return rows


def _in_words(form: Any, data: dict[str, Any]) -> list[tuple[str, str]]:
    """Intake and self-test answers with the questions and choices the member saw."""
    rows = []
    for key, value in data.items():
        field = form.fields.get(key)
        if field is None:
            rows.append((key, json.dumps(value, ensure_ascii=False)))
            continue
        choices = {str(k): str(v) for k, v in getattr(field, "choices", []) if k != ""}
        values = value if isinstance(value, list) else [value]
        words = []
        for item in values:
            if item is None:
                continue
            if isinstance(item, bool):
                words.append(_yes_no(item))
            else:
                words.append(choices.get(str(item), str(item)))
        rows.append((str(field.label), ", ".join(words) or "–"))
    return rows


def _label(choices: dict[str, Any], code: str) -> str:
    return str(choices.get(code, code))


def _account(story: _Story, data: dict[str, Any], width: float) -> None:
    story.heading(_("Je account"))
    story.facts(
        [
            (_("E-mailadres"), data["email"]),
            (_("Naam"), " ".join(p for p in (data["first_name"], data["last_name"]) if p) or "–"),
            # Words, not the stored codes ("nl", "member") the JSON keeps.
            (_("Taal"), _label(dict(settings.LANGUAGES), data["preferred_language"])),
            (_("Rol"), _label(dict(User.Role.choices), data["role"])),
            (_("Aangemeld op"), _when(data["date_joined"])),
            (_("Laatst ingelogd"), _when(data["last_login"])),
        ],
        width,
    )


def _checks(story: _Story, data: dict[str, Any], language: str, width: float) -> None:
    checks = data["safety_checks"]
    story.heading(_("Je checks en check-ins ({count})").format(count=len(checks)))
    if not checks:
        story.para(_("Geen."))
    kinds = {"triage": _("Volledige check"), "checkin": _("Check-in")}
    for check in checks:
        story.band(
            f"{_when(check['created_at'])} · {kinds.get(check['kind'], check['kind'])}", width
        )
        story.facts(
            [
                (_("Uitslag"), _verdict_label(check["verdict"], language)),
                (_("Mag trainen"), _yes_no(check["may_train"])),
                *_answers(check["answers"], language),
            ],
            width,
        )


def _plans(story: _Story, data: dict[str, Any], language: str, width: float) -> None:
    intake_form = IntakeForm(
        vocabulary=get_catalog().vocabulary, language=language, today=timezone.localdate()
    )
    story.heading(_("Je intake"))
    intake = data["intake"]
    if intake is None:
        story.para(_("Geen."))
    else:
        story.facts(
            [
                (_("Bijgewerkt op"), _when(intake["updated_at"])),
                *_in_words(intake_form, intake["profile"]),
            ],
            width,
        )
    story.heading(_("Je zelftests"))
    if data["self_tests"]:
        story.facts(_in_words(SelfTestsForm(), data["self_tests"]), width)
    else:
        story.para(_("Geen."))
    plans = data["plans"]
    story.heading(_("Je plannen ({count})").format(count=len(plans)))
    if not plans:
        story.para(_("Geen."))
    for plan in plans:
        weeks = plan["plan"].get("weeks", []) if isinstance(plan["plan"], dict) else []
        days = sorted({s["weekday"] for w in weeks for s in w.get("sessions", [])})
        story.facts(
            [
                (_("Gemaakt op"), _when(plan["created_at"])),
                (_("Begint op"), plan["starts_on"]),
                (_("Huidig plan"), _yes_no(plan["is_current"])),
                (_("Weken"), str(len(weeks))),
                (_("Trainingsdagen"), ", ".join(days) or "–"),
            ],
            width,
        )
    feeds = data["calendar_feeds"]
    story.heading(_("Je agendakoppelingen ({count})").format(count=len(feeds)))
    if not feeds:
        story.para(_("Geen."))
    for feed in feeds:
        story.facts(
            [
                (_("Soort"), feed["kind"]),
                (_("Gemaakt op"), _when(feed["created_at"])),
                (_("Ingetrokken op"), _when(feed["revoked_at"])),
                (_("Sleutel eindigt op"), feed["token_ends_with"]),
                (_("Instellingen"), json.dumps({k: feed[k] for k in _FEED_SETTINGS})),
            ],
            width,
        )


def _level_label(code: str, language: str) -> str:
    if not code:
        return "–"
    try:
        return get_catalog().triage.verdicts[Level(code)].label.get(language)
    except (ValueError, KeyError):
        return code


def _bookings(story: _Story, data: dict[str, Any], language: str, width: float) -> None:
    bookings = data.get("bookings", [])
    story.heading(_("Je intakes ({count})").format(count=len(bookings)))
    if not bookings:
        story.para(_("Geen."))
    statuses = dict(Booking.Status.choices)
    words = {"starts_at", "ends_at", "trainer", "location", "reason", "verdict_level",
             "status", "trainer_note", "created_at", "cancelled_at"}  # fmt: skip
    for booking in bookings:
        story.band(f"{_when(booking['starts_at'])} · {booking['trainer']}", width)
        story.facts(
            [
                (_("Vestiging"), booking["location"]),
                (_("Tot"), _when(booking["ends_at"])),
                (_("Status"), _label(statuses, booking["status"])),
                (_("Je reden"), booking["reason"] or "–"),
                (_("Niveau van je check bij het boeken"),
                 _level_label(booking["verdict_level"], language)),
                (_("Notitie van de trainer"), booking["trainer_note"] or "–"),
                (_("Geboekt op"), _when(booking["created_at"])),
                (_("Geannuleerd op"), _when(booking["cancelled_at"])),
                *_fields({k: v for k, v in booking.items() if k not in words}),
            ],
            width,
        )  # fmt: skip


def _consents(story: _Story, data: dict[str, Any], width: float) -> None:
    consents = data.get("consents", [])
    story.heading(_("Met wie je je gegevens deelt ({count})").format(count=len(consents)))
    if not consents:
        story.para(_("Met niemand."))
    for consent in consents:
        story.facts(
            [
                (_("Trainer"), consent["trainer"]),
                (_("Toestemming gegeven op"), _when(consent["given_at"])),
                (_("Ingetrokken op"), _when(consent["revoked_at"])),
            ],
            width,
        )


def _trainer_notes(story: _Story, data: dict[str, Any], width: float) -> None:
    notes = data.get("trainer_notes", [])
    story.heading(_("Notities van je trainer ({count})").format(count=len(notes)))
    if not notes:
        story.para(_("Geen."))
    for note in notes:
        story.facts(
            [(_("Van"), note["by"]), (_("Op"), _when(note["at"])), (_("Notitie"), note["text"])],
            width,
        )


def _alerts_handled(story: _Story, data: dict[str, Any], width: float) -> None:
    """Alerts about the member a trainer marked handled: which (its kind and when), who,
    and the trainer's note (escaped like every text here)."""
    handled = data.get("alerts_handled", [])
    story.heading(_("Meldingen die je trainer afhandelde ({count})").format(count=len(handled)))
    if not handled:
        story.para(_("Geen."))
    for alert in handled:
        story.facts(
            [
                (_("Melding"), _alert_words(alert["alert"])),
                (_("Afgehandeld door"), alert["by"]),
                (_("Op"), _when(alert["at"])),
                (_("Notitie"), alert["note"] or "—"),
            ],
            width,
        )


def _alert_words(key: str) -> str:
    kind = key.partition(":")[0]
    words = {
        "checkin": _("een check-in die trainen niet toestond"),
        "check": _("een check die trainen niet toestond"),
        "signal": _("een veiligheidssignaal uit je pijn en trainingen"),
        "session": _("een training die te pijnlijk was"),
        "morning": _("een pijnlijke ochtend na het trainen"),
        "inactive": _("een tijd zonder trainen"),
    }
    return words.get(kind, key)


def _access_log(story: _Story, data: dict[str, Any], language: str, width: float) -> None:
    entries = data.get("access_log", [])
    story.heading(_("Wie je gegevens bekeek of wijzigde ({count})").format(count=len(entries)))
    if not entries:
        story.para(_("Niemand anders."))
    actions = dict(AccessLogEntry.Action.choices)
    story.facts(
        [
            (
                _when(entry["at"]),
                f"{entry['by']}: {_label(actions, entry['action']).lower()}, "
                f"{access_log.what_words(entry['what'], entry['scope'], language)}",
            )
            for entry in entries
        ],
        width,
    )


def _tokens(story: _Story, data: dict[str, Any], width: float) -> None:
    tokens = data.get("api_tokens", [])
    story.heading(_("Je API-sleutels ({count})").format(count=len(tokens)))
    if not tokens:
        story.para(_("Geen."))
    for token in tokens:
        story.facts(
            [
                (_("Naam"), token["name"]),
                (_("Begint met"), token["prefix"]),
                (_("Gemaakt op"), _when(token["created_at"])),
                (_("Laatst gebruikt"), _when(token["last_used_at"])),
                (_("Ingetrokken op"), _when(token["revoked_at"])),
            ],
            width,
        )


_FEED_SETTINGS = ("session_time", "interval_minutes", "work_start", "work_end", "workdays")


def build_export_pdf(export: dict[str, Any], *, language: str, brand: str) -> bytes:
    """The export in words; ``export`` is :func:`rugcoach.privacy.services.export_member_data`."""
    buffer = io.BytesIO()
    title = _("Jouw gegevens bij RugCoach")
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=title,
        author=brand,
        creator="RugCoach",
    )
    width = doc.width
    story = _Story()
    story.flowables.append(Paragraph(text(title), story.styles["title"]))
    story.para(
        _("Alles wat {brand} RugCoach over je bewaart, op {date}. Hetzelfde staat, "
          "volledig, in het JSON-bestand.").format(brand=brand, date=_when(export["exported_at"])),
        "subtitle",
    )  # fmt: skip
    known = {"format_version", "exported_at", "accounts", "triage", "plans", "intakes", "trainers"}
    _account(story, export["accounts"], width)
    _checks(story, export["triage"], language, width)
    _plans(story, export["plans"], language, width)
    _bookings(story, export.get("intakes", {}), language, width)
    _consents(story, export.get("trainers", {}), width)
    _trainer_notes(story, export.get("trainers", {}), width)
    _alerts_handled(story, export.get("trainers", {}), width)
    _access_log(story, export["accounts"], language, width)
    _tokens(story, export["accounts"], width)
    for section, data in export.items():
        if section in known:
            continue
        story.heading(section)
        story.facts(_fields(data) if isinstance(data, dict) else [(section, str(data))], width)
    doc.build(story.flowables)
    return buffer.getvalue()
