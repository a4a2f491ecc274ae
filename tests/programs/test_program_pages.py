"""The programs pages: what they show, the buttons, and reads that do not grow."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from rugcoach.programs import services
from rugcoach.programs.models import Enrollment
from tests.programs.helpers import SLUG, day_report, ready_to_play
from tests.training.helpers import check_in

pytestmark = pytest.mark.django_db


def test_the_list_shows_every_program_with_its_dose_and_who_it_is_for(client, catalog):
    page = client.get(reverse("programs:list"))
    assert page.status_code == 200
    html = page.content.decode()
    for slug, program in catalog.programs.programs.items():
        assert reverse("programs:detail", args=[slug]) in html
        assert escape(program.name.nl) in html and escape(program.dose.nl) in html
    assert 'class="figure-strip"' in html


def test_the_list_in_english(client, catalog):
    with translation.override("en"):
        url = reverse("programs:list")
    assert url.startswith("/en/")
    html = client.get(url).content.decode()
    for program in catalog.programs.programs.values():
        assert escape(program.name.en) in html


def test_the_detail_lists_the_days_the_kit_and_asks_to_join(member, client, catalog):
    program = catalog.programs.programs[SLUG]
    anonymous = client.get(reverse("programs:detail", args=[SLUG])).content.decode()
    assert reverse("accounts:login") in anonymous
    client.force_login(member)
    html = client.get(reverse("programs:detail", args=[SLUG])).content.decode()
    assert escape(program.summary.nl) in html and escape(program.who_for.nl) in html
    assert all(escape(s.title.nl) in html for s in program.sessions)
    assert reverse("programs:join", args=[SLUG]) in html
    assert client.get(reverse("programs:detail", args=["no-such-program"])).status_code == 404


def test_join_then_the_standing_and_the_start_button(member, client):
    ready_to_play(member)
    client.force_login(member)
    assert client.get(reverse("programs:join", args=[SLUG])).status_code == 405, "POST only"
    response = client.post(reverse("programs:join", args=[SLUG]))
    assert response.url == reverse("programs:detail", args=[SLUG])
    html = client.get(response.url).content.decode()
    assert reverse("programs:play", args=[SLUG]) in html
    assert reverse("programs:leave", args=[SLUG]) in html
    assert reverse("programs:restart", args=[SLUG]) in html
    assert 'data-testid="streak">0<' in html


def test_a_day_done_is_marked_and_counts_in_the_streak(member, client):
    ready_to_play(member)
    services.join(member, program=SLUG)
    services.record_day(member, program=SLUG, report=day_report(member))
    client.force_login(member)
    html = client.get(reverse("programs:detail", args=[SLUG])).content.decode()
    assert 'class="day-done' in html
    assert 'data-testid="streak">1<' in html
    listing = client.get(reverse("programs:list")).content.decode()
    assert "1 van" in listing


def test_leave_and_restart(member, client):
    ready_to_play(member)
    client.force_login(member)
    client.post(reverse("programs:join", args=[SLUG]))
    client.post(reverse("programs:leave", args=[SLUG]))
    html = client.get(reverse("programs:detail", args=[SLUG])).content.decode()
    assert "Je bent met dit programma gestopt" in html
    client.post(reverse("programs:restart", args=[SLUG]))
    assert Enrollment.objects.filter(member=member, status="active").count() == 1


def _days(member, count: int) -> None:
    """``count`` days played on the days before today (each after its own check-in)."""
    services.join(member, program=SLUG)
    program_days = [s.key for s in services.get_catalog().programs.programs[SLUG].sessions]
    for n in range(count):
        check_in(member)
        started = timezone.now() - timedelta(days=count - n, minutes=10)
        key = program_days[n % len(program_days)]
        services.record_day(
            member, program=SLUG, report=day_report(member, key, started_at=started)
        )


def _queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["programs:list", "programs:detail"])
def test_reads_do_not_grow_with_the_days_done(member, client, name, django_user_model):
    ready_to_play(member)
    other = django_user_model.objects.create_user("bert@example.com", "a-calm-Strong-back-42")
    ready_to_play(other)
    _days(member, 1)
    _days(other, 4)
    url = reverse(name, args=[SLUG]) if name == "programs:detail" else reverse(name)
    client.force_login(member)
    few = _queries(client, url)
    client.force_login(other)
    many = _queries(client, url)
    assert few == many


def test_a_pregnant_member_reads_not_for_you_now_with_another_program(member, client):
    from tests.plan_helpers import record_triage

    record_triage(member, pregnant=True, pregnancy_week=30)
    client.force_login(member)
    html = client.get(reverse("programs:detail", args=["core-circuit"])).content.decode()
    assert "Nu niet voor jou" in html
    assert reverse("programs:join", args=["core-circuit"]) not in html
    assert reverse("programs:play", args=["core-circuit"]) not in html
    challenge = client.get(reverse("programs:detail", args=["challenge-30-days"])).content
    assert "Nu niet voor jou" not in challenge.decode(), "the challenge has safe swaps"


def test_after_a_day_that_hurt_the_player_repeats_it_lighter_and_says_why(member, client):
    import json
    import re

    ready_to_play(member)
    client.force_login(member)
    first = client.get(reverse("programs:play", args=[SLUG])).content.decode()
    services.record_day(member, program=SLUG, report=day_report(member, hurt=7))
    check_in(member)  # a new check-in for the next session
    html = client.get(reverse("programs:play", args=[SLUG])).content.decode()
    assert "Je doet deze dag nog een keer." in html and "Waarom dit veranderde:" in html

    def data(page: str) -> dict:
        found = re.search(
            r'<script id="session-data" type="application/json">(.*?)</script>', page, re.S
        )
        assert found
        return json.loads(found.group(1))

    before, after = data(first), data(html)
    assert after["session"]["target"] == {"session_key": f"{SLUG}/d01"}
    assert after["urls"]["api"] == f"/api/programs/{SLUG}/sessions"
    hurt_item = before["items"][0]
    lighter = next(i for i in after["items"] if i["key"] == hurt_item["key"])
    assert (lighter["slug"], lighter["prescription"]) != (
        hurt_item["slug"],
        hurt_item["prescription"],
    ), "what hurt is lighter (or a gentler exercise)"


def test_a_pregnant_member_sees_her_own_variant_of_the_challenge(member, client):
    from tests.plan_helpers import record_triage

    record_triage(member, pregnant=True, pregnancy_week=30)
    client.force_login(member)
    html = client.get(reverse("programs:detail", args=["challenge-30-days"])).content.decode()
    assert "Aangepast aan jou" in html
    assert reverse("programs:join", args=["challenge-30-days"]) in html


def _session_data(page: str) -> dict:  # type: ignore[type-arg]
    import json
    import re

    found = re.search(
        r'<script id="session-data" type="application/json">(.*?)</script>', page, re.S
    )
    assert found
    return json.loads(found.group(1))  # type: ignore[no-any-return]


def test_the_detail_names_each_swap_and_leave_out_with_its_reason(member, client, catalog):
    """Not only "Aangepast aan jou": what replaced what, and the planner's reason."""
    from tests.plan_helpers import record_triage

    record_triage(member, pregnant=True, pregnancy_week=30)
    client.force_login(member)
    html = client.get(reverse("programs:detail", args=["challenge-30-days"])).content.decode()
    assert 'data-testid="adapted"' in html
    assert "in plaats van" in html and "omdat:" in html
    # Every exercise of the challenge a late pregnancy rules out is named, with its reason.
    from rugcoach.programs import selectors

    fit = selectors.fits(
        member, selectors.program_or_404("challenge-30-days"), selectors.training_status(member)
    )
    assert fit is not None
    program = catalog.programs.programs["challenge-30-days"]
    ruled_out = {i.slug for s in program.sessions for i in s.items} - fit.member.allowed
    assert ruled_out
    for slug in ruled_out:
        assert escape(catalog.exercises[slug].name.nl) in html, slug
        reason = fit.member.why_not(slug)
        assert reason is not None and escape(reason.nl) in html, slug


def test_the_player_says_why_a_substitute_plays(member, client, catalog):
    from tests.plan_helpers import record_triage
    from tests.training.helpers import checks_made_yesterday

    record_triage(member, pregnant=True, pregnancy_week=30)
    checks_made_yesterday(member)
    check_in(member)
    client.force_login(member)
    page = client.get(reverse("programs:play", args=["challenge-30-days"])).content.decode()
    items = _session_data(page)["items"]
    swapped = [i for i in items if i["why_changed"]]
    assert swapped, "day 1 of the challenge swaps something for a late pregnancy"
    assert all(i["why_changed"].startswith("In plaats van ") for i in swapped)


def test_the_7_day_plan_shows_each_days_advice(member, client, catalog):
    """The walk minutes and the heat advice: on the day list (the next day in full), in
    the player before Start, and in the API."""
    slug = "recovery-7-days"
    program = catalog.programs.programs[slug]
    first_advice = program.sessions[0].advice
    assert first_advice, "the plan's days carry advice"
    ready_to_play(member)
    client.force_login(member)
    detail = client.get(reverse("programs:detail", args=[slug])).content.decode()
    for text in first_advice:
        assert escape(text.nl) in detail
    assert escape(program.sessions[1].advice[0].nl) in detail, "later days fold open"
    page = client.get(reverse("programs:play", args=[slug])).content.decode()
    assert 'id="session-data"' in page
    for text in first_advice:
        assert escape(text.nl) in page
    api = client.get(f"/api/programs/{slug}?lang=en").json()
    assert api["days"][0]["advice"] == [text.en for text in first_advice]
