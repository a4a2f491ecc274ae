"""The trainer's dashboard (issue 15 §4): alerts first with their evidence, members who
consented and nobody else, handled alerts with the note and who, one access-log insert,
and a query count that does not grow with members, sessions and checks."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rugcoach.accounts.models import AccessLogEntry
from rugcoach.content import get_catalog
from rugcoach.trainers.models import AlertHandled, Consent
from rugcoach.trainers.selectors import dashboard
from tests.plan_helpers import record_triage
from tests.progress.helpers import trained
from tests.trainers.helpers import client_for, consenting_member, make_trainer, r4_signal, red_flag

pytestmark = pytest.mark.django_db
DASHBOARD = "/trainer/"


def _members_with_evidence(trainer, count: int, sessions: int = 3):  # type: ignore[no-untyped-def]
    """``count`` consenting members, each with a full check, ``sessions`` sessions (one
    too painful), a red-flag check-in; so each has alerts of two kinds."""
    members = []
    for n in range(count):
        member = consenting_member(trainer, f"lid{n}@example.com", first_name=f"Lid{n:02d}")
        record_triage(member)
        for day in range(sessions):
            trained(member, day + 1, after=8 if day == 0 else 2, morning=3)
        red_flag(member)
        members.append(member)
    return members


def test_alerts_come_first_with_evidence_links_and_the_members_follow(trainer):
    anna = consenting_member(trainer, "anna@example.com", first_name="Anna")
    record_triage(anna)
    check = red_flag(anna, level="EMERGENCY")
    session = trained(anna, 1, after=7)
    bram = consenting_member(trainer, "bram@example.com", first_name="Bram", days_ago=40)
    bram_session = trained(bram, 10)
    outsider = make_trainer("other@yellowgym.test", "Other")
    stranger = consenting_member(outsider, "stranger@example.com", first_name="Vreemde")
    red_flag(stranger)

    html = client_for(trainer).get(DASHBOARD).content.decode()

    assert (
        html.index("Meldingen")
        < html.index("Intakes vandaag")
        < html.index("Leden met toestemming")
    )
    member_page = reverse("trainers:member", kwargs={"member_id": anna.pk})
    assert f'href="{member_page}#check-{check.pk}"' in html
    assert f'href="{member_page}#session-{session.pk}"' in html
    # Bram: whole days since his session (10 calendar days ago at 18:00, so 9 just after
    # midnight and 10 later in the day).
    idle = f"{(timezone.now() - bram_session.started_at).days} dagen niet getraind"
    assert idle in html
    # The emergency comes before the painful session, and that before Bram's inactivity.
    assert (
        html.index(f"#check-{check.pk}") < html.index(f"#session-{session.pk}") < html.index(idle)
    )
    assert "Anna" in html and "Bram" in html
    assert "Vreemde" not in html and "stranger@example.com" not in html


def test_a_revoked_consent_hides_the_member_at_once(trainer):
    anna = consenting_member(trainer, "anna@example.com", first_name="Anna")
    red_flag(anna)
    assert "Anna" in client_for(trainer).get(DASHBOARD).content.decode()
    Consent.objects.filter(member=anna).update(revoked_at=timezone.now())
    html = client_for(trainer).get(DASHBOARD).content.decode()
    assert "Anna" not in html
    assert (
        client_for(trainer)
        .get(reverse("trainers:member", kwargs={"member_id": anna.pk}))
        .status_code
        == 404
    )


def test_what_the_page_shows_is_logged_once_per_member(trainer):
    members = _members_with_evidence(trainer, 3)
    AccessLogEntry.objects.all().delete()
    client_for(trainer).get(DASHBOARD)
    entries = AccessLogEntry.objects.filter(viewer=trainer)
    assert sorted(e.member_id for e in entries) == sorted(m.pk for m in members)
    assert {(e.action, e.scope, e.what) for e in entries} == {("read", "health", "dashboard")}


def test_marking_handled_moves_the_alert_with_the_note_and_who(trainer):
    anna = consenting_member(trainer, "anna@example.com", first_name="Anna", days_ago=1)
    check = red_flag(anna)
    client = client_for(trainer)
    response = client.post(
        reverse("trainers:alerts"),
        {
            "key": f"checkin:{check.pk}",
            "member": anna.pk,
            "note": "<script>alert(1)</script> gebeld",
            "next": DASHBOARD,
        },
    )
    assert response.status_code == 302 and response["Location"] == DASHBOARD
    found = dashboard(trainer, now=timezone.now())
    assert [v.key for v in found.open_alerts if v.alert.member_id == anna.pk] == []
    assert [v.key for v in found.handled_alerts] == [f"checkin:{check.pk}"]
    html = client.get(DASHBOARD).content.decode()
    assert "Afgehandeld door Tom" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; gebeld" in html
    assert "<script>alert(1)</script>" not in html
    assert (
        AccessLogEntry.objects.filter(member=anna, action="change", what="alert-handled").count()
        == 1
    )


def test_a_trainer_cannot_mark_an_alert_of_a_member_without_consent(trainer):
    other = make_trainer("other@yellowgym.test", "Other")
    stranger = consenting_member(other, "stranger@example.com")
    check = red_flag(stranger)
    response = client_for(trainer).post(
        reverse("trainers:alerts"),
        {"key": f"checkin:{check.pk}", "member": stranger.pk, "note": "x"},
    )
    assert response.status_code == 404
    assert not AlertHandled.objects.exists()


def test_a_new_inactivity_after_training_again_is_a_new_alert(trainer):
    anna = consenting_member(trainer, "anna@example.com", first_name="Anna", days_ago=20)
    [first] = dashboard(trainer, now=timezone.now()).open_alerts
    assert first.key == "inactive:never"
    AlertHandled.objects.create(member=anna, key=first.key, handled_by=trainer, note="gebeld")
    assert dashboard(trainer, now=timezone.now()).open_alerts == []
    session = trained(anna, 8)
    [again] = dashboard(trainer, now=timezone.now()).open_alerts
    assert again.key == f"inactive:{timezone.localtime(session.started_at).date().isoformat()}"


@pytest.mark.parametrize("size", [1, 5])
def test_the_dashboard_costs_the_same_queries_whatever_the_data(
    trainer, size, django_assert_num_queries
):
    members = _members_with_evidence(trainer, size, sessions=size * 2)
    client = client_for(trainer)
    client.get(DASHBOARD)  # the session and user rows are warm, as on any page
    # session, user, and the selector's 9 (see below)
    with django_assert_num_queries(11):
        html = client.get(DASHBOARD).content.decode()
    for member in members:
        assert member.first_name in html
    assert html.count('class="alert alert-red-flag"') == size
    assert html.count('class="alert alert-session"') == size


@pytest.mark.parametrize("size", [1, 5])
def test_the_selector_costs_the_same_queries_whatever_the_data(
    trainer, size, django_assert_num_queries
):
    _members_with_evidence(trainer, size, sessions=size * 2)
    # the trainer row and today's intakes (the agenda's selector), the members' page,
    # checks, sessions, mornings, signals, handled marks, the access log's one insert.
    # access.reachable_member_ids is no query of its own: it is a subquery of each read
    # (there are no intakes today, so no second insert).
    with django_assert_num_queries(9):
        found = dashboard(trainer, now=timezone.now())
    assert len(found.members) == size and len(found.open_alerts) == 2 * size


def test_members_are_paged(trainer):
    for n in range(55):
        consenting_member(trainer, f"m{n}@example.com", first_name=f"M{n:02d}", days_ago=1)
    client = client_for(trainer)
    first = client.get(DASHBOARD).content.decode()
    second = client.get(DASHBOARD + "?pagina=2").content.decode()
    assert "M00" in first and "M49" in first and "M50" not in first
    assert "M50" in second and "M54" in second and "M00" not in second
    assert "(55)" in first


def test_a_r4_signal_is_an_alert(trainer, member_with_plan):
    Consent.objects.create(member=member_with_plan, trainer=trainer.trainer)
    signal = r4_signal(member_with_plan, member_with_plan.plans.get())
    keys = [v.key for v in dashboard(trainer, now=timezone.now()).open_alerts]
    assert f"signal:{signal.pk}" in keys


def test_the_api_gives_the_same_dashboard_to_trainers_only(trainer, member):
    anna = consenting_member(trainer, "anna@example.com", first_name="Anna", days_ago=1)
    check = red_flag(anna)
    response = client_for(trainer).get("/api/trainer/dashboard")
    assert response.status_code == 200
    body = response.json()
    assert [a["key"] for a in body["open_alerts"]] == [f"checkin:{check.pk}"]
    assert body["open_alerts"][0]["evidence"].endswith(f"#check-{check.pk}")
    assert [m["name"] for m in body["members"]] == ["Anna"]
    assert client_for(member).get("/api/trainer/dashboard").status_code == 403
    assert Client().get("/api/trainer/dashboard").status_code == 401


def test_old_evidence_gives_no_alert(trainer):
    anna = consenting_member(trainer, "anna@example.com", first_name="Anna")
    trained(anna, 1)
    red_flag(anna, hours_ago=24 * 31)
    assert dashboard(trainer, now=timezone.now()).open_alerts == []
    assert dashboard(trainer, now=timezone.now() - timedelta(days=2)).open_alerts != []


def test_alerts_of_members_off_the_page_still_show_with_their_names(trainer):
    """The members are paged in SQL; alerts are over every consenting member, and the
    count is of all of them, also past the last page."""
    for n in range(55):
        consenting_member(trainer, f"m{n}@example.com", first_name=f"M{n:02d}", days_ago=1)
    consenting_member(trainer, "zoe@example.com", first_name="Zoë", days_ago=40)  # inactive
    yara = consenting_member(trainer, "yara@example.com", first_name="Yara", days_ago=1)
    red_flag(yara)
    client = client_for(trainer)
    first = client.get(DASHBOARD).content.decode()
    assert first.count('class="alert alert-inactive"') == 1
    assert first.count('class="alert alert-red-flag"') == 1
    assert "Zoë" in first and "Yara" in first and "(57)" in first
    assert ">Zoë</a>" not in first, "not in the members' table of page 1"
    found = dashboard(trainer, now=timezone.now(), page=2)
    assert [(m.name, m.open_alerts) for m in found.members][-2:] == [("Yara", 1), ("Zoë", 1)]
    past = dashboard(trainer, now=timezone.now(), page=9)
    assert past.members == [] and past.member_count == 57 and len(past.open_alerts) == 2


def test_inactivity_starts_on_the_day_the_rule_says(trainer):
    """The SQL leaves out the members who cannot be inactive; the boundary is the core
    rule's: so many whole days since the last session (or the consent)."""
    days = get_catalog().coaching.inactive.days
    now = timezone.now()
    just = consenting_member(trainer, "just@example.com", first_name="Just", days_ago=0)
    not_yet = consenting_member(trainer, "notyet@example.com", first_name="NotYet", days_ago=0)
    Consent.objects.filter(member=just).update(given_at=now - timedelta(days=days))
    Consent.objects.filter(member=not_yet).update(
        given_at=now - timedelta(days=days) + timedelta(seconds=1)
    )
    consenting_member(trainer, "aaron@example.com", first_name="Aaron", days_ago=0)
    for page in (1, 9):  # on the page, and off it (then only SQL's filter brings them)
        found = dashboard(trainer, now=now, page=page)
        assert [(v.member_name, v.alert.days) for v in found.open_alerts] == [("Just", days)]
