"""What a booking shares with the trainer: the member's latest full check level, and a
reason prefilled from that check and the intake (the member edits it before booking)."""

from django.utils import translation
from django.utils.translation import gettext as _

from rugcoach.accounts.models import User
from rugcoach.content import get_catalog
from rugcoach.plans import selectors as plan_selectors
from rugcoach.triage import selectors as triage_selectors
from rugcoach.triage.models import TriageResult

REASON_MAX = 500


def latest_full_check(member: User) -> TriageResult | None:
    return triage_selectors.latest_triage(member)


def verdict_level(member: User) -> str:
    """The level that governs whether the member may train now: a later check-in that
    forbids training outranks the full check (``plans.selectors.governing_verdict``,
    the one rule). '' before their first full check."""
    verdict = plan_selectors.governing_verdict(triage_selectors.training_status(member))
    return verdict.level.value if verdict is not None else ""


def level_label(level: str, language: str | None = None) -> str:
    """A verdict level's short name (the triage content's label), the code if unknown."""
    language = language or translation.get_language() or "nl"
    verdicts = {lvl.value: v for lvl, v in get_catalog().triage.verdicts.items()}
    verdict = verdicts.get(level)
    return verdict.label.get(language) if verdict is not None else level


def suggested_reason(member: User, language: str | None = None) -> str:
    """A short sentence from the check's verdict label and the intake's situation and
    how long the complaint has lasted; empty when the member has neither."""
    language = language or translation.get_language() or "nl"
    parts: list[str] = []
    with translation.override(language):
        check = latest_full_check(member)
        if check is not None:
            label = check.stored_verdict.label.get(language)
            parts.append(_("Mijn laatste check: %(label)s.") % {"label": label})
        intake = plan_selectors.intake_of(member)
        if intake is not None:
            profile, _tests = plan_selectors.parsed_intake(intake)
            situation = get_catalog().vocabulary.situations[profile.situation].get(language)
            parts.append(
                _("Situatie: %(situation)s; klachten sinds %(weeks)s weken.")
                % {"situation": situation, "weeks": profile.complaint_weeks}
            )
        if parts:
            parts.append(_("Ik wil graag advies over trainen met mijn rug."))
    return " ".join(parts)[:REASON_MAX]
