"""Who reaches the trainers' pages, where a trainer lands, and what the nav offers them;
the member detail page (issue 15 §4)."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse

from rugcoach.accounts.models import AccessLogEntry
from rugcoach.trainers.detail import SessionRow, plan_weeks
from tests.plan_helpers import PASSWORD
from tests.progress.helpers import trained
from tests.trainers.helpers import client_for, consenting_member, make_trainer, red_flag

pytestmark = pytest.mark.django_db


def pages(member_id: int, item_key: str) -> list[tuple[str, str]]:
    return [
        ("get", reverse("trainers:dashboard")),
        ("get", reverse("trainers:alerts")),
        ("get", reverse("trainers:member", kwargs={"member_id": member_id})),
        ("get", reverse("trainers:swap", kwargs={"member_id": member_id, "item_key": item_key})),
        ("get", reverse("trainers:dose", kwargs={"member_id": member_id, "item_key": item_key})),
        ("post", reverse("trainers:note", kwargs={"member_id": member_id})),
        ("post", reverse("trainers:pause", kwargs={"member_id": member_id})),
    ]


def test_only_trainers_reach_the_trainer_pages(trainer, linked):
    item_key = linked.plans.get().sessions.first().items.first().key
    other_member = consenting_member(make_trainer("x@yellowgym.test", "X"), "o@example.com")
    for method, url in pages(linked.pk, item_key):
        visitor = getattr(Client(), method)(url)
        assert visitor.status_code == 302 and "/account/inloggen/" in visitor["Location"], url
        assert getattr(client_for(linked), method)(url).status_code == 403, url
        assert getattr(client_for(other_member), method)(url).status_code == 403, url
        # The trainer with consent: the GET pages open (the POSTs without data say what to fix).
        if method == "get":
            assert client_for(trainer).get(url).status_code == 200, url


def test_a_trainer_without_consent_gets_404_for_the_member(linked):
    stranger = make_trainer("s@yellowgym.test", "S")
    item_key = linked.plans.get().sessions.first().items.first().key
    for method, url in pages(linked.pk, item_key)[2:]:
        assert getattr(client_for(stranger), method)(url).status_code == 404, url
    assert not AccessLogEntry.objects.filter(member=linked).exists()


def test_a_trainer_lands_on_the_dashboard_from_home_and_after_login(trainer):
    assert client_for(trainer).get("/")["Location"] == reverse("trainers:dashboard")
    response = Client().post(
        reverse("accounts:login"), {"username": trainer.email, "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == reverse("trainers:dashboard")


def test_a_member_still_lands_on_their_account_after_login(member):
    response = Client().post(
        reverse("accounts:login"), {"username": member.email, "password": PASSWORD}
    )
    assert response["Location"] == reverse("accounts:profile")
    assert client_for(member).get("/").status_code == 200


def test_the_trainers_nav_has_no_plan_or_check_prompts(trainer):
    html = client_for(trainer).get(reverse("trainers:dashboard")).content.decode()
    nav = html[html.index('<nav class="nav-sections"') : html.index("</nav>")]
    assert 'href="/trainer/"' in nav and 'aria-current="page"' in nav
    assert "Oefeningen" in nav and "Weten" in nav
    assert "Mag ik trainen?" not in nav and "Trainen" not in nav.replace("Trainer", "")
    member_nav = Client().get("/").content.decode()
    assert "Mag ik trainen?" in member_nav


def test_the_member_page_shows_checks_plan_sessions_and_logs_one_read(trainer, linked):
    check = red_flag(linked, level="GP_SOON")
    session = trained(linked, 1, after=8, morning=7)
    AccessLogEntry.objects.all().delete()
    html = (
        client_for(trainer)
        .get(reverse("trainers:member", kwargs={"member_id": linked.pk}))
        .content.decode()
    )
    assert f'id="check-{check.pk}" class="red-flag"' in html
    assert f'id="session-{session.pk}"' in html
    assert "Trainingen gedaan:" in html
    assert "Wisselen" in html and "Dosis aanpassen" in html
    assert "<svg" in html  # the pain chart
    assert "Intake en zelftests" in html and "<dt>Minuten per training</dt><dd>15</dd>" in html
    entries = list(AccessLogEntry.objects.all())
    assert [(e.member_id, e.viewer_id, e.action, e.what) for e in entries] == [
        (linked.pk, trainer.pk, "read", "member-detail")
    ]


def test_the_pages_speak_english_too(trainer, linked):
    trainer.preferred_language = "en"
    trainer.save(update_fields=["preferred_language"])
    client = client_for(trainer)
    html = client.get("/en/trainer/").content.decode()
    assert "Members with consent" in html and "Alerts" in html
    page = client.get(f"/en/trainer/members/{linked.pk}/")
    assert page.status_code == 200 and "Intake and self-tests" in page.content.decode()


def test_the_alerts_page_logs_its_own_read_in_words(trainer, linked):
    AccessLogEntry.objects.all().delete()
    client_for(trainer).get(reverse("trainers:alerts"))
    entry = AccessLogEntry.objects.get(member=linked)
    assert entry.what == "alerts"
    log_page = client_for(linked).get(reverse("accounts:access_log")).content.decode()
    assert "je meldingen (rode vlaggen, pijn, inactiviteit)" in log_page


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "/\\evil.example/", "javascript:x"]
)
def test_handling_an_alert_never_sends_the_trainer_to_another_site(trainer, target):
    anna = consenting_member(trainer, "anna@example.com", first_name="Anna", days_ago=1)
    check = red_flag(anna)
    response = client_for(trainer).post(
        reverse("trainers:alerts"),
        {"key": f"checkin:{check.pk}", "member": anna.pk, "note": "gebeld", "next": target},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("trainers:alerts")


def _session(on: date) -> SessionRow:
    return SessionRow(key=on.isoformat(), on=on, items=[])


@pytest.mark.parametrize(
    ("today", "open_week"),
    [
        (date(2026, 11, 20), 1),  # before the plan starts: the first week
        (date(2026, 11, 30), 1),
        (date(2026, 12, 9), 2),
        (date(2026, 12, 27), 4),
        (date(2027, 2, 1), 4),  # after the plan ends: the last week
    ],
)
def test_the_member_page_opens_only_the_plan_week_that_holds_today(today, open_week):
    start = date(2026, 11, 30)
    rows = [_session(start + timedelta(days=offset)) for offset in (0, 2, 7, 9, 14, 21, 25)]
    weeks = plan_weeks(rows, start, today)
    assert [w.number for w in weeks] == [1, 2, 3, 4]
    assert [len(w.sessions) for w in weeks] == [2, 2, 1, 2]
    assert [w.number for w in weeks if w.current] == [open_week]
    assert (weeks[1].first_day, weeks[1].last_day) == (date(2026, 12, 7), date(2026, 12, 13))


def test_the_member_page_folds_the_plan_into_weeks_with_this_week_open(trainer, linked):
    html = (
        client_for(trainer)
        .get(reverse("trainers:member", kwargs={"member_id": linked.pk}))
        .content.decode()
    )
    assert html.count('<details class="plan-week"') == 4
    assert html.count('<details class="plan-week" open>') == 1
    assert "deze week" in html
