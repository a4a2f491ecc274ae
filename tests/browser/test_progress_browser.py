"""The progress page on a phone (issue 13 §3): the pain chart as SVG with a point per score,
the same numbers in a table, the PSFS form, and no serious accessibility violation."""

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from rugcoach.progress import services
from tests.browser.helpers import ARTIFACTS_DIR, serious_accessibility_violations
from tests.progress.helpers import trained

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXTS = {
    "nl": {
        "url": "/voortgang/",
        "heading": "Mijn voortgang",
        "table": "Pijn per training in cijfers (0 tot 10)",
        "prompt": "Vul de lijst in",
        "activity": "Activiteit {n}:",
        "score": "Cijfer voor activiteit {n} (0–10):",
        "save": "Bewaar mijn cijfers",
        "error": "Noem minstens 3 activiteiten; je noemde er 1.",
        "saved": "Je cijfers zijn bewaard.",
    },
    "en": {
        "url": "/en/progress/",
        "heading": "My progress",
        "table": "Pain per session in numbers (0 to 10)",
        "prompt": "Fill in the list",
        "activity": "Activity {n}:",
        "score": "Score for activity {n} (0–10):",
        "save": "Save my scores",
        "error": "Name at least 3 activities; you named 1.",
        "saved": "Your scores have been saved.",
    },
}


def log_in(page: Page, live_server, member) -> None:
    client = Client()
    client.force_login(member)
    session = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])


@pytest.mark.parametrize("language", ["nl", "en"])
def test_progress_page_shows_the_chart_and_table_and_takes_a_psfs(
    page: Page, live_server, member, language
):
    t = TEXTS[language]
    member.preferred_language = language
    member.save(update_fields=["preferred_language"])
    trained(member, 5, before=6, after=5, morning=5)
    trained(member, 3, before=5, after=3, morning=4)
    trained(member, 1, before=4, after=2, morning=None)
    log_in(page, live_server, member)

    page.goto(live_server.url + t["url"])
    expect(page.get_by_role("heading", name=t["heading"], level=1)).to_be_visible()
    chart = page.locator("svg.pain-chart")
    expect(chart).to_be_visible()
    assert chart.get_attribute("role") == "img"
    expect(chart.locator(".point-before")).to_have_count(3)
    expect(chart.locator(".point-after")).to_have_count(3)
    expect(chart.locator(".point-morning")).to_have_count(2)
    box = chart.bounding_box()
    assert box is not None and box["width"] <= 390 and box["height"] > 100
    table = page.get_by_role("table", name=t["table"])
    expect(table.locator("tbody tr")).to_have_count(3)
    expect(table.locator("tbody tr").first.locator("td")).to_have_text(["6", "5", "5"])
    assert serious_accessibility_violations(page) == []
    page.screenshot(path=str(ARTIFACTS_DIR / f"progress-{language}.png"), full_page=True)

    page.get_by_role("link", name=t["prompt"]).click()
    page.get_by_label(t["activity"].format(n=1), exact=True).fill("Bukken")
    page.get_by_label(t["score"].format(n=1), exact=True).fill("3")
    page.get_by_role("button", name=t["save"]).click()
    expect(page.get_by_text(t["error"])).to_be_visible()
    assert serious_accessibility_violations(page) == []
    expect(page.get_by_label(t["activity"].format(n=1), exact=True)).to_have_value("Bukken")
    for number, (name, score) in enumerate([("Lang zitten", "4"), ("Fietsen", "6")], start=2):
        page.get_by_label(t["activity"].format(n=number), exact=True).fill(name)
        page.get_by_label(t["score"].format(n=number), exact=True).fill(score)
    page.get_by_role("button", name=t["save"]).click()
    expect(page.get_by_text(t["saved"])).to_be_visible()
    expect(page.get_by_role("link", name=t["prompt"])).to_have_count(0)
    assert serious_accessibility_violations(page) == []
    assert services.PsfsAssessment.objects.filter(member=member).count() == 1
