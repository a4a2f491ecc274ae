"""Printouts and calendar feeds: the personal poster and schedule, the generic poster,
and the private iCalendar URLs."""

from functools import lru_cache

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rugcoach.content import get_catalog
from rugcoach.core.library.exercises import Exercise
from rugcoach.core.planner import Weekday
from rugcoach.core.schedule import Item as ScheduleItem
from rugcoach.library.figures import figure_svg
from rugcoach.library.presenters import format_dose
from rugcoach.middleware import PRIVATE
from rugcoach.pdf_parts import WarningBox
from rugcoach.plans import calendar, extras, pdf, selectors, services
from rugcoach.plans.forms import PostureFeedForm, SessionsFeedForm
from rugcoach.plans.models import CalendarFeed
from rugcoach.plans.presenters import blocking_notice, item_dose, poster_doses, present_plan
from rugcoach.printing import printable
from rugcoach.triage.models import TriageResult


def _cue(exercise: Exercise, language: str) -> str:
    """One line to remember: the first tip, else the breathing cue."""
    tips = exercise.tips.get(language)
    return tips[0] if tips else exercise.breathing.get(language)


def _poster_item(exercise: Exercise, dose: str, language: str) -> pdf.PosterItem:
    svg = figure_svg(exercise.slug, "static", language) if exercise.figure else None
    return pdf.PosterItem(
        exercise.slug, exercise.name.get(language), dose, _cue(exercise, language), svg
    )


def _size(request: HttpRequest) -> str | None:
    """The paper size asked for (A4 when none), or None for one we do not print."""
    size = request.GET.get("size", "A4").strip().upper()
    return size if size in pdf.PAGE_SIZES else None


def _unknown_size(request: HttpRequest, back_url: str, back_label: str) -> HttpResponse:
    """A page in the member's language naming the sizes that exist, instead of a bare 404
    for ``?size=A5`` (issue 11 §4): the link was probably typed or shared by hand."""
    context = {
        # Shown back to the reader (escaped by the template); cut so a long value stays a word.
        "asked": request.GET.get("size", "").strip().upper()[:12],
        "sizes": [(name, f"{request.path}?size={name}") for name in pdf.PAGE_SIZES],
        "back_url": back_url,
        "back_label": back_label,
    }
    return render(request, "plans/paper_size.html", context, status=400)


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _brand() -> str:
    return f"{settings.RUGCOACH_GYM_NAME} · RugCoach"


def _footer(language: str) -> tuple[str, ...]:
    """Under every printed page: when to call 112 now, when the GP (content/warnings.yaml)."""
    return get_catalog().warnings.footer_lines(language)


def _blocked_pdf(result: TriageResult, language: str) -> HttpResponse:
    """Instead of a poster or schedule: why training is blocked, and what to do."""
    notice = blocking_notice(result, language)
    content = pdf.build_notice(
        title=_("Nu niet trainen"),
        label=notice.label,
        heading=notice.heading,
        verdict_title=notice.title,
        reasons=notice.reasons,
        actions_heading=_("Wat je nu doet"),
        actions=[action.line for action in notice.actions],
        next_step=notice.next_step,
        brand=_brand(),
        footer=_footer(language),
    )
    return _pdf_response(content, "rugcoach-niet-trainen.pdf")


@lru_cache(maxsize=8)
def _generic_poster(language: str, size: str) -> bytes:
    """Built once per language and paper size: the content is fixed for the process."""
    catalog = get_catalog()
    poster = catalog.posters.generic
    with translation.override(language):
        items = [
            _poster_item(
                catalog.exercises[slug], format_dose(catalog.exercises[slug].dose).summary, language
            )
            for slug in poster.exercises
        ]
        names = {slug: catalog.exercises[slug].name.get(language) for slug in poster.exercises}
        schedule = poster.schedule
        return pdf.build_poster(
            items=items,
            title=poster.title.get(language),
            subtitle=poster.subtitle.get(language),
            size=size,
            brand=_brand(),
            footer=_footer(language),
            warning=WarningBox.of(get_catalog().warnings, language),
            schedule=pdf.PosterSchedule(
                title=schedule.title.get(language),
                note=schedule.note.get(language),
                days=[day.get(language) for day in schedule.days],
                weeks=[
                    pdf.PosterWeek(
                        title=week.title.get(language),
                        focus=week.focus.get(language),
                        sessions=[[names[slug] for slug in session] for session in week.sessions],
                    )
                    for week in schedule.weeks
                ],
            ),
        )


def generic_poster(request: HttpRequest) -> HttpResponse:
    """The guide's ten key exercises and 4-week schedule; no account needed."""
    size = _size(request)
    if size is None:
        return _unknown_size(request, reverse("home"), _("Terug naar de startpagina"))
    language = translation.get_language()
    content = _generic_poster(language, size)
    return _pdf_response(content, f"rugcoach-poster-{size.lower()}-{language}.pdf")


def _usable_plan(request: HttpRequest):  # type: ignore[no-untyped-def]
    """The plan to print, or None when there is none or the member may not train on it;
    and the check that blocks training, if one does."""
    stored, status = selectors.usable_plan(request.user)
    schedule = selectors.stored_schedule(stored) if stored is not None else None
    return stored, schedule, status.blocking


def _poster_subtitle(first_name: str) -> str:
    """Whose plan, by first name only: a poster hangs on a wall, so it never shows the
    e-mail address (issue 11 §2), and without a printable first name it names no one."""
    name = printable(first_name).strip()
    if not name:
        return _("Je persoonlijke plan")
    return _("Persoonlijk plan van %(name)s") % {"name": name}


@login_required
def personal_poster(request: HttpRequest) -> HttpResponse:
    size = _size(request)
    if size is None:
        return _unknown_size(request, reverse("plans:plan"), _("Terug naar je plan"))
    catalog, language = get_catalog(), translation.get_language()
    stored, schedule, blocking = _usable_plan(request)
    if blocking is not None:
        return _blocked_pdf(blocking, language)
    if stored is None:
        return redirect("plans:plan")
    # Each exercise once, with every dose the schedule gives it, in the schedule's words.
    items = [
        _poster_item(catalog.exercises[slug], dose, language)
        for slug, dose in poster_doses(schedule).items()
        if slug in catalog.exercises
    ]
    content = pdf.build_poster(
        items=items,
        title=_("Mijn oefenposter"),
        subtitle=_poster_subtitle(request.user.first_name),
        size=size,
        brand=_brand(),
        footer=_footer(language),
        warning=WarningBox.of(get_catalog().warnings, language),
    )
    return _pdf_response(content, f"rugcoach-mijn-poster-{size.lower()}.pdf")


@login_required
def schedule(request: HttpRequest) -> HttpResponse:
    catalog, language = get_catalog(), translation.get_language()
    stored, schedule, blocking = _usable_plan(request)
    if blocking is not None:
        return _blocked_pdf(blocking, language)
    if stored is None:
        return redirect("plans:plan")
    weeks = present_plan(schedule, stored.starts_on, catalog, language, timezone.localdate())
    content = pdf.build_schedule(
        weeks=[
            pdf.ScheduleWeek(
                title=_("Week %(number)s") % {"number": week.number},
                theme=week.theme,
                rows=[
                    pdf.ScheduleRow(
                        day=f"{session.date_label} · {session.minutes} min",
                        exercises=[f"{item.name} ({item.dose})" for item in session.items],
                    )
                    for session in week.sessions
                ],
            )
            for week in weeks
        ],
        title=_("Mijn 4-wekenschema"),
        subtitle=_("Zet een kruisje als je de training hebt gedaan en noteer je pijn (0–10) erna."),
        headings=(_("Dag"), _("Oefeningen"), _("Gedaan"), _("Pijn na afloop")),
        brand=_brand(),
        footer=_footer(language),
    )
    return _pdf_response(content, "rugcoach-schema.pdf")


@login_required
def calendar_settings(request: HttpRequest) -> HttpResponse:
    """Create, show and revoke the member's private calendar URLs."""
    member = request.user
    sessions_feed = selectors.active_feed(member, CalendarFeed.Kind.SESSIONS)
    posture_feed = selectors.active_feed(member, CalendarFeed.Kind.POSTURE)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    sessions_form = SessionsFeedForm(
        request.POST if action == "save-sessions" else None,
        instance=sessions_feed or CalendarFeed(member=member, kind=CalendarFeed.Kind.SESSIONS),
    )
    posture_form = PostureFeedForm(
        request.POST if action in ("save-posture", "notify-on") else None,
        instance=posture_feed or CalendarFeed(member=member, kind=CalendarFeed.Kind.POSTURE),
    )
    if request.method == "POST":
        if action == "save-sessions" and sessions_form.is_valid():
            services.save_feed(member, sessions_form)
            messages.success(request, _("Je agendalink voor je trainingen is klaar."))
            return redirect("plans:calendar")
        if action.startswith("revoke-"):
            kind = action.removeprefix("revoke-")
            services.revoke_feed(member, kind)
            messages.success(request, _("De link werkt niet meer. Maak een nieuwe als je wilt."))
            if kind == CalendarFeed.Kind.POSTURE and posture_feed and posture_feed.notify_in_page:
                # One setting drives both: with it, the page's reminders stop too.
                messages.info(request, _("De meldingen in je browser staan nu ook uit."))
            return redirect("plans:calendar")
        if action == "save-posture" and posture_form.is_valid():
            services.save_feed(member, posture_form)
            messages.success(request, _("Je houdingsherinneringen zijn opgeslagen."))
            return redirect("plans:calendar")
        if action == "notify-on" and posture_form.is_valid():
            # The browser asked for permission on the button's tap (posture/reminders.js).
            services.save_feed(member, posture_form, notify_in_page=True)
            messages.success(
                request, _("Meldingen staan aan, zolang RugCoach open is in een tabblad.")
            )
            return redirect("plans:calendar")
        if action == "notify-off":
            services.stop_posture_notifications(member)
            messages.success(request, _("Meldingen in je browser staan uit."))
            return redirect("plans:calendar")
    context = {
        "sessions_feed": sessions_feed,
        "posture_feed": posture_feed,
        "posture_form": posture_form,
        "sessions_form": sessions_form,
        "sessions_url": _feed_url(request, sessions_feed),
        "posture_url": _feed_url(request, posture_feed),
        "sessions_webcal": _webcal(_feed_url(request, sessions_feed)),
        "posture_webcal": _webcal(_feed_url(request, posture_feed)),
        "posture_notify": posture_feed is not None and posture_feed.notify_in_page,
        "has_plan": selectors.current_plan(member) is not None,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "plans/calendar.html", context, status=status)


def _feed_url(request: HttpRequest, feed: CalendarFeed | None) -> str | None:
    if feed is None:
        return None
    return request.build_absolute_uri(reverse("calendar_feed", args=[feed.token]))


def _webcal(url: str | None) -> str | None:
    """The same URL for calendar apps: webcal:// opens a subscription dialog."""
    return (
        url.replace("https://", "webcal://", 1).replace("http://", "webcal://", 1) if url else None
    )


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The .ics behind a private URL: no login, the token is the key; revoked → 404."""
    feed = selectors.feed_by_token(token)
    if feed is None:
        raise Http404("Unknown or revoked calendar")
    member = feed.member
    language = member.preferred_language
    stamp = timezone.now()
    with translation.override(language):
        if feed.kind == CalendarFeed.Kind.POSTURE:
            body = calendar.posture_feed(
                feed_id=feed.pk,
                workdays=[Weekday(day) for day in feed.workdays],
                work_start=feed.work_start,
                work_end=feed.work_end,
                interval_minutes=feed.interval_minutes,
                calendar_name=_("RugCoach: houding"),
                title=_("Zit recht, adem diep"),
                description=_("Sta even op, beweeg je bekken en adem rustig naar je buik."),
                first_day=timezone.localdate(),
                stamp=stamp,
            )
        else:
            body = _sessions_ics(request, feed, language, stamp)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="rugcoach.ics"'
    # A personal health document behind a secret URL: no cache may keep a copy. Calendar
    # apps poll on their own schedule and do not need HTTP caching.
    response["Cache-Control"] = PRIVATE
    return response


def _sessions_ics(request: HttpRequest, feed: CalendarFeed, language: str, stamp) -> bytes:  # type: ignore[no-untyped-def]
    catalog = get_catalog()
    stored, status = selectors.usable_plan(feed.member)
    blocking = status.blocking
    if blocking is not None:
        # No sessions while a check forbids training: one note today says why.
        notice = blocking_notice(blocking, language)
        return calendar.blocked_feed(
            result_id=notice.result_id,
            calendar_name=_("RugCoach: trainingen"),
            title=_("Niet trainen: %(title)s") % {"title": notice.title},
            lines=[
                notice.heading,
                *notice.reasons,
                "",
                *(action.line for action in notice.actions),
                "",
                notice.next_step,
            ],
            url=request.build_absolute_uri(reverse("plans:plan")),
            day=timezone.localdate(),
            stamp=stamp,
        )
    if stored is None:
        # No plan yet, or it no longer fits the latest check: no sessions in the calendar.
        return calendar.empty_feed(_("RugCoach: trainingen"), stamp)

    def describe(item: ScheduleItem) -> str:
        exercise = catalog.exercises.get(item.slug)
        if exercise is None:
            return item.slug
        return f"{exercise.name.get(language)} ({item_dose(item)})"

    return calendar.sessions_feed(
        schedule=selectors.stored_schedule(stored),
        plan_id=stored.pk,
        starts_on=stored.starts_on,
        at=feed.session_time,
        calendar_name=_("RugCoach: trainingen"),
        title=_("Rugtraining"),
        describe=describe,
        session_url=request.build_absolute_uri(reverse("plans:plan")),
        stamp=stamp,
        # An open follow-up question (registered by training: plans.extras) on the next one.
        next_lines=extras.feed_notes(feed.member, request.build_absolute_uri),
        today=timezone.localdate(),
    )
