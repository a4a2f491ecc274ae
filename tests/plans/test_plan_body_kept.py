"""The plan page's body (why this plan, the weeks, what it leaves out) is rendered once
and kept per exact input (issue 16, plans/body.py). A stale dose or another member's weeks
would be a safety problem, so each change a member or trainer can make, and each thing the
body depends on, must show on the very next view: a plan item, a dose change by the engine
or a trainer, a swap, a pause, a red flag, the day (in Amsterdam), the language, the URL
prefix, the member, the planner's words."""

import html
import re
from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse, set_script_prefix
from django.utils import timezone, translation
from django.utils.formats import date_format

from rugcoach.content import get_catalog
from rugcoach.core.schedule import Prescription
from rugcoach.plans import adjust, body, selectors
from rugcoach.plans.models import Plan, PlanItem, PlanSession, PrescriptionVersion
from rugcoach.trainers.models import Consent
from tests.plan_helpers import record_triage
from tests.plans.test_plan_pages import red_flag_checkin
from tests.trainers.helpers import make_trainer, r4_signal
from tests.training.helpers import (
    check_in,
    checks_made_yesterday,
    next_session,
    only_glute_bridge,
    plan_starting_today,
    train,
)

pytestmark = pytest.mark.django_db

# A dose no planner, engine or trainer gives (7 × 13), so finding it proves the row.
ODD_DOSE = Prescription(sets=7, reps=13, rest_seconds=50)


@pytest.fixture
def renders(monkeypatch):
    """How many times the weeks were rendered (not taken from the store)."""
    calls = []
    real = body.present_plan

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(body, "present_plan", counted)
    return calls


def raw(client, url: str = "/plan/") -> str:  # type: ignore[no-untyped-def]
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def page(client, url: str = "/plan/") -> str:  # type: ignore[no-untyped-def]
    """The page's text as a member reads it: no tags, one space between words."""
    return text_of(raw(client, url))


def text_of(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def current(member) -> Plan:  # type: ignore[no-untyped-def]
    return Plan.objects.get(member=member, is_current=True)


def first_main(stored: Plan) -> PlanItem:
    return (
        PlanItem.objects.filter(session__plan=stored, role="main")
        .order_by("session__day_offset", "order")
        .first()
    )


def test_a_second_view_takes_the_weeks_from_the_store(client, member_with_plan, renders):
    client.force_login(member_with_plan)
    first = client.get("/plan/").content
    second = client.get("/plan/").content
    assert len(renders) == 1, "the second view renders nothing of the weeks again"
    mask = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')
    assert mask.sub(b"", first) == mask.sub(b"", second)
    assert second.count(b'class="plan-item"') > 40


def test_a_new_prescription_version_shows_at_once(client, member_with_plan, renders):
    """As the progression engine or a trainer adds them: the next dose."""
    client.force_login(member_with_plan)
    assert ODD_DOSE.words().nl not in page(client)
    item = first_main(current(member_with_plan))
    PrescriptionVersion.objects.create(
        item=item,
        number=2,
        prescription=ODD_DOSE.model_dump(mode="json"),
        reason={"nl": "Een proef: zeven sets.", "en": "A test: seven sets."},
        source="progression",
    )
    shown = page(client)
    assert ODD_DOSE.words().nl in shown
    assert "Waarom dit veranderde: Een proef: zeven sets." in shown
    assert len(renders) == 2


def test_a_row_changed_in_place_shows_at_once(client, member_with_plan, renders):
    """Even a write that bypasses the services (versions are never edited, items only by
    a swap) changes the key: it is the rows' own values, not a counter someone bumps."""
    client.force_login(member_with_plan)
    page(client)
    stored = current(member_with_plan)
    item = first_main(stored)
    version = item.versions.get(number=1)
    PrescriptionVersion.objects.filter(pk=version.pk).update(
        prescription=ODD_DOSE.model_dump(mode="json")
    )
    assert ODD_DOSE.words().nl in page(client)
    PlanItem.objects.filter(pk=item.pk).update(reason={"nl": "Nieuwe reden.", "en": "New."})
    assert "Nieuwe reden." in page(client)
    PlanSession.objects.filter(pk=item.session_id).update(seconds=59 * 60)
    assert "59 min" in page(client)
    other = next(s for s in get_catalog().exercises.values() if s.slug != item.slug)
    PlanItem.objects.filter(pk=item.pk).update(slug=other.slug)
    assert other.name.nl in page(client)
    assert len(renders) == 5


def test_the_planners_words_changed_in_the_row_show_at_once(client, member_with_plan, renders):
    """Why this plan and what it leaves out come from the plan row's JSON, not from the
    schedule's rows: a change there alone is part of the key too."""
    client.force_login(member_with_plan)
    stored = current(member_with_plan)
    first = page(client)
    left_out = stored.plan["excluded"][0]
    name = get_catalog().exercises[left_out["slug"]].name.nl
    assert name in first and "Een nieuwe focus." not in first
    plan = stored.plan
    plan["focus"][0]["reason"] = {"nl": "Een nieuwe focus.", "en": "A new focus."}
    plan["reasons"].append({"nl": "Een nieuwe reden.", "en": "A new reason."})
    plan["excluded"] = [x for x in plan["excluded"] if x["slug"] != left_out["slug"]]
    Plan.objects.filter(pk=stored.pk).update(plan=plan)
    shown = raw(client)
    assert "Een nieuwe focus." in text_of(shown) and "Een nieuwe reden." in text_of(shown)
    left_out_list = shown.split("Wat we weglaten, en waarom", 1)[1]
    assert f">{name}</a>" not in left_out_list
    assert len(renders) == 2


def test_a_members_swap_shows_at_once(client, member_with_plan):
    client.force_login(member_with_plan)
    before = raw(client)
    swap_url = re.search(r'href="(/plan/wissel/1/mon/[^"]+)"', before).group(1)
    options = re.findall(
        r'name="replacement" value="([^"]+)"', client.get(swap_url).content.decode()
    )
    swapped_in = f'href="/plan/wissel/1/mon/{options[0]}/"'
    assert swapped_in not in before
    assert client.post(swap_url, {"replacement": options[0]}).status_code == 302
    after = raw(client)
    assert swapped_in in after and swap_url not in after


@pytest.fixture
def trainer(member_with_plan):  # type: ignore[no-untyped-def]
    coach = make_trainer()
    Consent.objects.create(member=member_with_plan, trainer=coach.trainer)
    return coach


def test_a_trainers_dose_and_swap_show_at_once(client, member_with_plan, trainer):
    client.force_login(member_with_plan)
    page(client)
    stored = current(member_with_plan)
    item = first_main(stored)
    adjust.change_dose(stored, item_key=item.key, reason="Rustiger aan", by=trainer, sets=1)
    shown = page(client)
    assert "Waarom dit veranderde: Aangepast door je trainer Tom: Rustiger aan" in shown
    replacement = adjust.swap_choices(stored, item).alternatives[0]
    adjust.swap_item(stored, item_key=item.key, replacement=replacement, reason="Knie", by=trainer)
    shown = page(client)
    assert "Aangepast door je trainer Tom: Knie" in shown
    assert get_catalog().exercises[replacement].name.nl in shown


def test_the_engines_dose_change_and_state_show_at_once(client, member_with_plan):
    """A session that hurt: the engine lowers that exercise next time and holds the plan."""
    first = plan_starting_today(member_with_plan)
    checks_made_yesterday(member_with_plan)
    check_in(member_with_plan, pain_now=3)
    only_glute_bridge(first)
    later = only_glute_bridge(next_session(first))
    client.force_login(member_with_plan)
    before = page(client)
    assert "Je plan houdt even in" not in before
    train(member_with_plan, first, {"glute-bridge": ("hurt", 7)})
    newest = later.versions.order_by("-number").first()
    assert newest.source == "progression"
    shown = page(client)
    assert "Je plan houdt even in" in shown
    assert f"Waarom dit veranderde: {newest.reason['nl']}" in shown
    assert Prescription.model_validate(newest.prescription).words().nl in shown


def test_the_engines_pause_shows_at_once(client, member_with_plan):
    client.force_login(member_with_plan)
    assert "Je plan staat op pauze" not in page(client)
    stored = current(member_with_plan)
    r4_signal(member_with_plan, stored)  # R4: see a physio first
    Plan.objects.filter(pk=stored.pk).update(paused_at=timezone.now())
    assert "Je plan staat op pauze" in page(client)
    assert "Laat je rug nakijken door een fysiotherapeut" in page(client)


def test_a_trainers_pause_shows_at_once_where_the_member_trains(client, member_with_plan, trainer):
    """The today page (after a check-in) takes its session from the same store."""
    plan_starting_today(member_with_plan)
    client.force_login(member_with_plan)
    today = page(client, reverse("plans:today"))
    assert "Start training" in today and "Je plan staat op pauze" not in today
    adjust.pause(current(member_with_plan), reason="Even rust", by=trainer)
    today = page(client, reverse("plans:today"))
    assert "Je plan staat op pauze" in today and "Start training" not in today


def test_the_plan_page_says_the_trainer_paused_it_and_why(client, member_with_plan, trainer):
    client.force_login(member_with_plan)
    assert "Je trainer heeft je plan op pauze gezet" not in page(client)
    adjust.pause(current(member_with_plan), reason="Eerst <b>overleg</b> na je val", by=trainer)
    shown = raw(client)
    assert "Je trainer heeft je plan op pauze gezet" in shown
    assert "Eerst &lt;b&gt;overleg&lt;/b&gt; na je val" in shown, "the reason, escaped"
    # Not the engine's "see a physio first": that is another pause with its own panel.
    assert "Laat je rug nakijken door een fysiotherapeut" not in shown
    member_with_plan.preferred_language = "en"
    member_with_plan.save()
    assert "Your trainer paused your plan" in raw(client, "/en/plan/")
    member_with_plan.preferred_language = "nl"
    member_with_plan.save()
    adjust.resume(current(member_with_plan), reason="Overlegd", by=trainer)
    assert "Je trainer heeft je plan op pauze gezet" not in page(client)


def test_the_engines_pause_is_not_called_the_trainers(client, member_with_plan):
    client.force_login(member_with_plan)
    stored = current(member_with_plan)
    r4_signal(member_with_plan, stored)
    from rugcoach.plans.services import pause_plan

    pause_plan(stored, why="R4", by=member_with_plan)
    shown = page(client)
    assert "Je plan staat op pauze" in shown
    assert "Je trainer heeft je plan op pauze gezet" not in shown


def test_a_red_flag_at_check_in_stops_the_weeks_at_once(client, member_with_plan):
    client.force_login(member_with_plan)
    assert "plan-item" in raw(client)
    red_flag_checkin(member_with_plan)
    shown = raw(client)
    assert "Je krijgt nu geen trainingsplan" in shown
    assert "plan-item" not in shown and "Start training" not in shown


def test_the_day_in_amsterdam_moves_today_and_the_start_buttons(
    client, member_with_plan, monkeypatch, renders
):
    """At 23:30 in Amsterdam today's session is open; an hour later, past midnight there
    (22:30 UTC), it is yesterday's: no start button, the next one is 'Volgende training'."""
    first = plan_starting_today(member_with_plan)
    stored = current(member_with_plan)
    amsterdam = timezone.get_default_timezone()
    day = stored.starts_on + timedelta(days=first.day_offset)
    late = datetime.combine(day, time(23, 30), tzinfo=amsterdam)
    client.force_login(member_with_plan)

    monkeypatch.setattr(timezone, "now", lambda: late)
    evening = page(client)
    assert evening.count("Start training") == 12 + 1  # every session, and today's card
    assert "Vandaag:" in evening
    monkeypatch.setattr(timezone, "now", lambda: late + timedelta(hours=1))
    night = page(client)
    assert night.count("Start training") == 11, "yesterday's session has no button"
    assert "Volgende training:" in night and "Vandaag:" not in night
    assert len(renders) == 2


def test_each_language_gets_its_own_weeks(client, member_with_plan, renders):
    client.force_login(member_with_plan)
    item = first_main(current(member_with_plan))
    name = get_catalog().exercises[item.slug].name
    dutch = page(client)
    assert "maandag" in dutch and "Monday" not in dutch
    member_with_plan.preferred_language = "en"
    member_with_plan.save()
    english = raw(client, "/en/plan/")
    assert f'href="/en/exercises/{item.slug}/"' in english
    assert f'href="/oefeningen/{item.slug}/"' not in english
    assert name.en in text_of(english) and "Monday" in text_of(english)
    assert "maandag" not in text_of(english)
    member_with_plan.preferred_language = "nl"
    member_with_plan.save()
    assert page(client) == dutch
    assert len(renders) == 2, "each language once"


def test_a_url_prefix_gets_its_own_links(client, member_with_plan):
    client.force_login(member_with_plan)
    assert 'href="/oefeningen/' in raw(client)
    set_script_prefix("/rugcoach/")  # as the WSGI handler does under SCRIPT_NAME
    try:
        mounted = raw(client)
    finally:
        set_script_prefix("/")
    assert 'href="/rugcoach/oefeningen/' in mounted
    assert 'href="/oefeningen/' not in mounted
    assert 'href="/oefeningen/' in raw(client)


def test_a_member_never_gets_another_members_weeks(
    client, member_with_plan, django_user_model, renders
):
    """Two plans made alike; a trainer changes one. Each member reads their own."""
    other = django_user_model.objects.create_user("sam@example.com", "a-calm-Strong-back-42")
    from rugcoach.core.planner import SelfTests
    from rugcoach.plans import services
    from tests.plan_helpers import HOME_PROFILE, TODAY

    record_triage(other)
    services.save_intake(other, HOME_PROFILE, SelfTests(bridge_felt_in="lower-back"))
    services.generate_plan(other, TODAY)
    mine = current(member_with_plan)
    item = first_main(mine)
    PrescriptionVersion.objects.create(
        item=item,
        number=2,
        prescription=ODD_DOSE.model_dump(mode="json"),
        reason={"nl": "Alleen voor Sanne.", "en": "Only for Sanne."},
        source="trainer",
    )
    client.force_login(member_with_plan)
    assert "Alleen voor Sanne." in page(client)
    client.force_login(other)
    theirs = page(client)
    assert "Alleen voor Sanne." not in theirs and ODD_DOSE.words().nl not in theirs
    assert len(renders) == 2, "each member's own"


def test_a_plan_moved_to_another_first_day_shows_its_dates(client, member_with_plan):
    client.force_login(member_with_plan)
    stored = current(member_with_plan)
    last = stored.sessions.order_by("-day_offset").first().day_offset
    with translation.override("nl"):
        last_day = date_format(stored.starts_on + timedelta(days=last), "l j F")
        a_week_later = date_format(stored.starts_on + timedelta(days=last + 7), "l j F")
    before = page(client)
    assert last_day in before and a_week_later not in before
    Plan.objects.filter(pk=stored.pk).update(starts_on=stored.starts_on + timedelta(days=7))
    assert a_week_later in page(client)


def test_the_rows_compiled_once_are_the_orms_rows(member_with_plan):
    """``schedule_rows`` runs the query's SQL compiled once; it reads what the ORM reads,
    a session without exercises too (its item columns None)."""
    stored = current(member_with_plan)
    PlanSession.objects.filter(plan=stored, key="w4-fri").first().items.all().delete()
    rows = selectors.schedule_rows(stored)
    assert rows == tuple(selectors.schedule_query(stored.pk))
    assert any(row[7] is None for row in rows)
    assert all(isinstance(value, int | str | type(None)) for row in rows for value in row)
    assert selectors.schedule_from_rows(rows).session("w4-fri").items == ()
    assert body.content_digest(rows, stored) != body.content_digest(rows[:-1], stored)
