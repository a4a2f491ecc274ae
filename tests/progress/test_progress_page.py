"""The progress page (issue 13 §3): what a member sees of their sessions and outcomes."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from rugcoach.core.schedule import Prescription
from rugcoach.plans import selectors as plan_selectors
from rugcoach.progress.models import PsfsAssessment
from rugcoach.training.models import Adaptation
from tests.progress.helpers import trained

pytestmark = pytest.mark.django_db

URL = "/voortgang/"


@pytest.fixture
def client_of(client, member):
    client.force_login(member)
    return client


def points(html: str, kind: str) -> int:
    return len(re.findall(rf'class="point point-{kind}"', html))


def table_rows(html: str) -> list[list[str]]:
    table = html.split('class="data-table pain-table"')[1].split("</table>")[0]
    body = table.split("<tbody>")[1]
    return [
        [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", body)
    ]


def test_a_visitor_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_chart_and_its_table_show_each_session_s_pains(client_of, member):
    trained(member, 4, before=5, after=4, morning=3)
    trained(member, 2, before=4, after=None, morning=None)
    trained(member, 0, before=3, after=2, morning=None)
    html = client_of.get(URL).content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="pain-chart" role="img"' in html
    assert (points(html, "before"), points(html, "after"), points(html, "morning")) == (3, 2, 1)
    rows = table_rows(html)
    assert [row[1:] for row in rows] == [["5", "4", "3"], ["4", "–", "–"], ["3", "2", "–"]]
    assert "Je beginpunt is de pijn voor je eerste training: 5." in html


def test_streak_calendar_and_weekly_minutes(client_of, member):
    trained(member, 3, minutes=20)
    trained(member, 1, minutes=10)
    html = client_of.get(URL).content.decode()
    # Days 3 and 1 ago with one missed day between: one streak of two, alive today.
    assert "2 trainingsdagen op rij" in html
    this_week = html.split('class="data-table weekly-minutes"')[1].split("</table>")[0]
    minutes = [int(m) for m in re.findall(r"<td>(\d+)</td>", this_week)]
    assert sum(minutes) == 30 and len(minutes) == 6
    today = timezone.localdate()
    this_month = [d for d in (3, 1) if (today - timedelta(days=d)).month == today.month]
    assert html.count('class="trained-mark"') == len(this_month)


def test_no_sessions_yet_says_what_will_come(client_of):
    html = client_of.get(URL).content.decode()
    assert "0 trainingsdagen op rij" in html
    assert "Na je eerste training zie je hier je pijn" in html
    assert "<svg" not in html.split("<main")[1]


@pytest.mark.parametrize(
    ("first", "latest", "meaningful"),
    [(6, 4, "je pijn is minstens 2 punten of 30% gedaald"), (6, 5, None), (2, 5, "gestegen")],
)
def test_nprs_shows_a_meaningful_change_only_when_there_is_one(
    client_of, member, first, latest, meaningful
):
    trained(member, 6, before=first)
    trained(member, 1, before=latest)
    html = client_of.get(URL).content.decode()
    assert f"Je pijn voor de training was eerst {first} en is nu {latest}." in html
    if meaningful:
        assert meaningful in html
    else:
        assert "Een merkbaar verschil" not in html


def test_dose_changes_show_the_exercise_the_doses_in_words_and_the_reason(
    client_of, member_with_plan
):
    stored = plan_selectors.current_plan(member_with_plan)
    before = Prescription(sets=3, reps=12)
    after = Prescription(sets=2, reps=10)
    Adaptation.objects.create(
        member=member_with_plan,
        plan=stored,
        trigger="session",
        status="reduced",
        changes=[
            {
                "item_key": "w1-mon.1",
                "slug": "glute-bridge",
                "action": "regress",
                "rule": "R1",
                "nl": "Het deed pijn, dus doe je deze oefening lichter.",
                "en": "It hurt, so this exercise gets lighter.",
                "before": before.model_dump(mode="json"),
                "after": after.model_dump(mode="json"),
            }
        ],
    )
    html = client_of.get(URL).content.decode()
    assert "<strong>Bruggetje</strong>" in html
    assert "3 × 12 herhalingen → 2 × 10 herhalingen" in html
    assert "Het deed pijn, dus doe je deze oefening lichter." in html
    assert "R1" in html
    member_with_plan.preferred_language = "en"
    member_with_plan.save(update_fields=["preferred_language"])
    english = client_of.get("/en/progress/").content.decode()
    assert "3 × 12 repetitions → 2 × 10 repetitions" in english
    assert "It hurt, so this exercise gets lighter." in english
    assert "<strong>Glute bridge</strong>" in english


@pytest.mark.parametrize("count", [1, 5])
def test_queries_do_not_grow_with_sessions(
    client_of, member_with_plan, count, django_assert_num_queries
):
    member = member_with_plan
    stored = plan_selectors.current_plan(member)
    for n in range(count):
        trained(member, n * 2, before=4, morning=3)
        Adaptation.objects.create(
            member=member,
            plan=stored,
            trigger="session",
            status="active",
            changes=[
                {
                    "item_key": "w1-mon.1",
                    "slug": "glute-bridge",
                    "action": "progress",
                    "rule": "P1",
                    "nl": f"Stap {n}",
                    "en": f"Step {n}",
                    "before": Prescription(sets=1, reps=10).model_dump(mode="json"),
                    "after": Prescription(sets=1, reps=12).model_dump(mode="json"),
                }
            ],
        )
        PsfsAssessment.objects.create(
            member=member, activities=[{"name": f"A{i}", "score": 5} for i in range(3)]
        )
    with django_assert_num_queries(QUERIES):
        html = client_of.get(URL).content.decode()
    assert points(html, "before") == count
    assert len(table_rows(html)) == count
    assert html.count('class="dose-change"') == count


# session + user, sessions, plan days, PSFS, adaptations
QUERIES = 6


def test_the_calendar_pages_back_to_earlier_months(client_of, member):
    today = timezone.localdate()
    this_month = today.replace(day=1)
    last_month = (this_month - timedelta(days=1)).replace(day=1)
    trained(member, (today - last_month).days - 2)  # the 3rd of last month
    html = client_of.get(URL).content.decode()
    assert f'href="?month={last_month:%Y-%m}#calendar-title"' in html
    assert 'rel="next"' not in html
    assert html.count('class="trained-mark"') == 0

    earlier = client_of.get(URL, {"month": f"{last_month:%Y-%m}"}).content.decode()
    assert earlier.count('class="trained-mark"') == 1
    assert f'href="?month={this_month:%Y-%m}#calendar-title"' in earlier
    assert 'rel="prev"' not in earlier, "no sessions before it"

    for bad in ("2026-13", "nonsense", "1999-01", f"{today.year + 1}-01"):
        shown = client_of.get(URL, {"month": bad})
        assert shown.status_code == 200
        assert shown.content.decode().count('class="trained-mark"') == 0, bad


def test_runs_that_changed_no_dose_do_not_push_a_change_off_the_list(client_of, member_with_plan):
    stored = plan_selectors.current_plan(member_with_plan)
    change = {
        "item_key": "w1-mon.1",
        "slug": "glute-bridge",
        "action": "regress",
        "rule": "R1",
        "nl": "Een oude verandering.",
        "en": "An old change.",
        "before": Prescription(sets=3, reps=12).model_dump(mode="json"),
        "after": Prescription(sets=2, reps=12).model_dump(mode="json"),
    }
    earlier = timezone.now() - timedelta(days=10)
    Adaptation.objects.create(
        member=member_with_plan,
        plan=stored,
        trigger="session",
        status="held",
        changes=[change],
        created_at=earlier,
    )
    for n in range(25):
        Adaptation.objects.create(
            member=member_with_plan,
            plan=stored,
            trigger="followup",
            status="held",
            changes=[],
            created_at=earlier + timedelta(hours=n + 1),
        )
    html = client_of.get(URL).content.decode()
    assert "Een oude verandering." in html
    assert html.count('class="dose-change"') == 1
