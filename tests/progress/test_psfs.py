"""The PSFS form (issue 13 §3): 3–5 activities, each 0–10, at the start and every 2 weeks."""

import pytest

from rugcoach.progress import services
from rugcoach.progress.models import PsfsAssessment
from tests.clock import days_ago

pytestmark = pytest.mark.django_db

URL = "/voortgang/psfs/"
PAGE = "/voortgang/"


@pytest.fixture
def client_of(client, member):
    client.force_login(member)
    return client


def form(*rows: tuple[str, object]) -> dict[str, object]:
    data: dict[str, object] = {}
    for number, (name, score) in enumerate(rows, start=1):
        data[f"name_{number}"] = name
        data[f"score_{number}"] = score
    return data


def test_a_new_member_is_asked_for_the_psfs(client_of):
    html = client_of.get(PAGE).content.decode()
    assert "Wat lukt er in je dagelijks leven?" in html
    assert 'href="/voortgang/psfs/"' in html
    page = client_of.get(URL).content.decode()
    assert "Noem 3 tot 5 activiteiten die je door je rug moeilijk vindt" in page
    assert "0 = dat lukt me niet, 10 = zoals vroeger." in page


def test_three_activities_are_saved_and_the_prompt_goes(client_of, member):
    response = client_of.post(URL, form(("Bukken", 3), ("Lang zitten", 4), ("Fietsen", 6)))
    assert response.status_code == 302 and response["Location"] == PAGE
    stored = PsfsAssessment.objects.get(member=member)
    assert stored.activities == [
        {"name": "Bukken", "score": 3},
        {"name": "Lang zitten", "score": 4},
        {"name": "Fietsen", "score": 6},
    ]
    html = client_of.get(PAGE).content.decode()
    assert "Wat lukt er in je dagelijks leven?" not in html
    assert "Gemiddeld: 4,3." in html


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ((("Bukken", 3), ("Tillen", 4)), "Noem minstens 3 activiteiten; je noemde er 2."),
        ((("Bukken", 3), ("Tillen", ""), ("Fietsen", 5)), "Geef deze activiteit een cijfer"),
        ((("Bukken", 3), ("", 4), ("Fietsen", 5)), "Schrijf op welke activiteit dit cijfer"),
        ((("Bukken", 3), ("bukken", 4), ("Fietsen", 5)), "Deze activiteit staat er al."),
        ((("Bukken", 11), ("Tillen", 4), ("Fietsen", 5)), "Geef een cijfer van 0 tot 10."),
    ],
)
def test_bad_input_says_what_to_fix_and_keeps_what_was_typed(client_of, member, rows, message):
    response = client_of.post(URL, form(*rows))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'value="Fietsen"' in html or len(rows) == 2
    assert not PsfsAssessment.objects.filter(member=member).exists()


def test_two_weeks_later_the_same_activities_are_asked_again_and_change_shows(client_of, member):
    first = services.record_psfs(
        member, activities=[("Bukken", 2), ("Lang zitten", 4), ("Fietsen", 6)]
    )
    PsfsAssessment.objects.filter(pk=first.pk).update(created_at=days_ago(13))
    assert "Wat lukt er in je dagelijks leven?" not in client_of.get(PAGE).content.decode()
    PsfsAssessment.objects.filter(pk=first.pk).update(created_at=days_ago(14))
    assert "Wat lukt er in je dagelijks leven?" in client_of.get(PAGE).content.decode()
    page = client_of.get(URL).content.decode()
    for name in ("Bukken", "Lang zitten", "Fietsen"):
        assert f'value="{name}"' in page
    client_of.post(URL, form(("Bukken", 6), ("Lang zitten", 5), ("Fietsen", 7)))
    html = client_of.get(PAGE).content.decode()
    assert "Bij je eerste lijst was je gemiddelde 4,0, nu 6,0." in html
    assert "je gemiddelde is minstens 2 punten hoger." in html
    assert "Bukken: van 2 naar 6, een merkbaar verschil (3 punten of meer)." in html
    assert "Lang zitten: van" not in html


def test_a_small_change_is_not_called_meaningful(client_of, member):
    services.record_psfs(member, activities=[("Bukken", 4), ("Tillen", 4), ("Fietsen", 4)])
    services.record_psfs(member, activities=[("Bukken", 5), ("Tillen", 5), ("Fietsen", 5)])
    html = client_of.get(PAGE).content.decode()
    assert "Bij je eerste lijst was je gemiddelde 4,0, nu 5,0." in html
    assert "Een merkbaar verschil" not in html


def test_the_service_refuses_what_is_not_a_psfs(member):
    with pytest.raises(services.InvalidPsfs) as error:
        services.record_psfs(member, activities=[("Bukken", 3)] * 2)
    assert "give 3 to 5 activities" in error.value.problems
    assert "activity 2: named twice" in error.value.problems
    assert not PsfsAssessment.objects.exists()


def test_the_export_holds_the_assessments_and_deleting_the_member_removes_them(member):
    from rugcoach.privacy.services import delete_member, export_member_data

    services.record_psfs(member, activities=[("Bukken", 2), ("Tillen", 4), ("Fietsen", 6)])
    export = export_member_data(member)
    assert export["progress"]["psfs_assessments"][0]["activities"] == [
        {"name": "Bukken", "score": 2},
        {"name": "Tillen", "score": 4},
        {"name": "Fietsen", "score": 6},
    ]
    delete_member(member=member)
    assert not PsfsAssessment.objects.exists()
