"""Background work of training (issue 13 §4): the follow-up question by e-mail.

These run in the task worker (``manage.py db_worker``, or RQ's worker with Redis), never
in a request. A follow-up's reminder is queued when the follow-up is made
(``schedule_reminder``, called by ``services._ask_followup``) and waits in the queue
until the follow-up is due (``run_after``).
"""

import logging
from collections.abc import Sequence
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from django_tasks import task

from rugcoach.training.models import FollowUp

logger = logging.getLogger(__name__)


def member_link(viewname: str, *, language: str, args: Sequence[object] = ()) -> str:
    """An absolute link to one of our pages in ``language``: the one place e-mails make
    links. A worker has no request to take the host from: RUGCOACH_BASE_URL gives it."""
    with translation.override(language):
        path = reverse(viewname, args=list(args))
    return settings.RUGCOACH_BASE_URL + path


# A reminder this long after the question became due is not sent.
TOO_LATE = timedelta(hours=12)


@task()
def send_followup_reminder(followup_id: int) -> str:
    """E-mail the follow-up question, once, if it is still worth asking.

    Returns what happened (kept with the task's result; no personal data). The follow-up
    row is locked while the mail goes out and ``reminded_at`` is set in the same
    transaction: a retry, or a second worker, finds it set and sends nothing. A mail that
    fails to send rolls the mark back, so the next attempt may try again.
    """
    with transaction.atomic():
        followup = (
            FollowUp.objects.select_for_update(of=("self",))
            .select_related("session__member")
            .filter(pk=followup_id)
            .first()
        )
        if followup is None:
            return "gone"  # the session or the account was deleted meanwhile
        member = followup.session.member
        # Checked now, not when queued: the member may have answered in the app, turned
        # the e-mails off or left since.
        if followup.answered_at is not None:
            return "answered"
        if followup.reminded_at is not None:
            return "already sent"
        if not member.is_active:
            return "member inactive"
        if not member.followup_emails:
            return "e-mails off"
        if timezone.now() - followup.due_at > TOO_LATE:
            # A session that reached us days later (kept offline): the app still asks,
            # but an e-mail about an old session would only confuse.
            return "too late"
        _followup_mail(followup).send()
        followup.reminded_at = timezone.now()
        followup.save(update_fields=["reminded_at"])
    logger.info("Follow-up reminder %s sent", followup_id)
    return "sent"


def _followup_mail(followup: FollowUp) -> EmailMultiAlternatives:
    """The reminder in the member's language: plain text with an HTML alternative."""
    member = followup.session.member
    language = member.preferred_language
    with translation.override(language):
        context = {
            "first_name": member.first_name,
            "trained_on": formats.date_format(
                timezone.localtime(followup.session.started_at), "DATE_FORMAT"
            ),
            "link": member_link("training:followup", language=language, args=[followup.pk]),
            "account_link": member_link("accounts:profile", language=language),
            "language": language,
        }
        subject = gettext("Hoe is je rug vergeleken met voor de training?")
        text = render_to_string("training/email/followup.txt", context)
        html = render_to_string("training/email/followup.html", context)
    mail = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [member.email])
    mail.attach_alternative(html, "text/html")
    return mail


def schedule_reminder(followup: FollowUp) -> None:
    """Queue the follow-up's reminder for its due time, once the follow-up is saved.

    On commit: a rolled-back follow-up queues nothing, and the worker never looks for a
    row that is not there yet (with Redis, the queue is outside our transaction). Queued
    for every follow-up: whether to send is decided when it is due.
    """
    followup_id, due_at = followup.pk, followup.due_at
    transaction.on_commit(
        lambda: send_followup_reminder.using(run_after=due_at).enqueue(followup_id)
    )
