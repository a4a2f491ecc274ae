"""PDFs checked with poppler's own tools: valid, the right paper, the right words."""

import subprocess

import pytest

from rugcoach.content import get_catalog
from rugcoach.plans.models import Plan

# pdfinfo/pdftotext come with poppler-utils, which `make test` installs with chromium.
pytestmark = pytest.mark.django_db


def pdf_info(tmp_path, content: bytes) -> dict[str, str]:
    path = tmp_path / "out.pdf"
    path.write_bytes(content)
    output = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return dict(
        (key.strip(), value.strip())
        for key, value in (line.split(":", 1) for line in output.stdout.splitlines() if ":" in line)
    )


def pdf_text(tmp_path, content: bytes) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def plan_names(member, language: str) -> set[str]:
    catalog = get_catalog()
    plan = Plan.objects.get(member=member, is_current=True).plan
    slugs = {i["slug"] for w in plan["weeks"] for s in w["sessions"] for i in s["items"]}
    assert len(slugs) >= 5, slugs  # a printout test over no names could not fail
    return {catalog.exercises[slug].name.get(language) for slug in slugs}


def squash(value: str) -> str:
    return " ".join(value.split())


@pytest.mark.parametrize(
    ("size", "points"), [("A4", "595.276 x 841.89"), ("A3", "841.89 x 1190.55")]
)
def test_personal_poster_is_a_valid_pdf_with_every_exercise(
    client, member_with_plan, tmp_path, size, points
):
    client.force_login(member_with_plan)
    response = client.get(f"/plan/poster.pdf?size={size}")
    assert response["Content-Type"] == "application/pdf"
    info = pdf_info(tmp_path, response.content)
    assert info["Page size"].startswith(points)
    text = squash(pdf_text(tmp_path, response.content))
    for name in plan_names(member_with_plan, "nl"):
        assert squash(name) in text
    assert "Sanne" in text


def test_english_schedule_has_four_weeks_tick_boxes_and_english_names(
    client, member_with_plan, tmp_path
):
    member_with_plan.preferred_language = "en"
    member_with_plan.save()
    client.force_login(member_with_plan)
    response = client.get("/en/plan/schedule.pdf")
    info = pdf_info(tmp_path, response.content)
    assert info["Page size"].startswith("841.89 x 595.276")  # A4 landscape
    text = squash(pdf_text(tmp_path, response.content))
    for number in (1, 2, 3, 4):
        assert f"Week {number}" in text
    assert "Pain afterwards" in text
    for name in plan_names(member_with_plan, "en"):
        assert squash(name) in text


def test_generic_poster_needs_no_account_and_lists_the_top_ten(client, tmp_path):
    response = client.get("/oefenposter.pdf")
    text = squash(pdf_text(tmp_path, response.content))
    catalog = get_catalog()
    for slug in catalog.posters.generic.exercises:
        assert squash(catalog.exercises[slug].name.nl) in text
    assert squash(catalog.posters.generic.schedule.title.nl) in text


def test_a_name_with_markup_prints_as_written(client, member_with_plan, tmp_path):
    member_with_plan.first_name = "Bob <3 & co"
    member_with_plan.save()
    client.force_login(member_with_plan)
    text = pdf_text(tmp_path, client.get("/plan/poster.pdf").content)
    assert "Bob <3 & co" in text


def test_unknown_paper_size_is_a_400_page_not_a_pdf(client):
    # The page itself is checked in test_printout_layout.py.
    response = client.get("/oefenposter.pdf?size=letter")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")


def test_without_a_plan_the_poster_link_leads_to_the_plan_page(client, member):
    client.force_login(member)
    assert client.get("/plan/poster.pdf")["Location"] == "/plan/"
