"""The warning signs on every page and on paper: the emergency signs send people to 112
or the huisartsenpost now, the other signs to the GP (content/warnings.yaml)."""

import re
import subprocess

import pytest
from django.urls import reverse
from django.utils import translation

from rugcoach.content import get_catalog

pytestmark = pytest.mark.django_db


def pdf_text(tmp_path, content: bytes) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(content)
    output = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(output.split())


def reverse_en(name: str) -> str:
    with translation.override("en"):
        return reverse(name)


def emergency_signs(language: str) -> list[str]:
    return [sign.get(language) for sign in get_catalog().warnings.emergency.signs]


def footer_of(html: str) -> str:
    match = re.search(r'<footer class="site-footer">(.*?)</footer>', html, re.S)
    assert match, "every page has the site footer"
    return match.group(1)


@pytest.mark.parametrize(
    "url", ["/", "/oefeningen/", "/mag-ik-trainen/", "/account/inloggen/", "/oefeningen/cat-cow/"]
)
def test_every_page_footer_names_the_emergency_signs_and_112(client, url):
    response = client.get(url, follow=True)
    footer = footer_of(response.content.decode())
    emergency = footer.split('class="footer-gp"')[0]
    assert "Bel nu 112 of de huisartsenpost" in emergency
    for sign in emergency_signs("nl"):
        assert sign in emergency
    # The GP line names none of the emergency signs.
    gp = footer.split('class="footer-gp"')[1]
    assert "doof" not in gp and "beide benen" not in gp and "allebei" not in gp


def test_the_english_footer_and_home_page_say_the_same(client):
    html = client.get("/en/").content.decode()
    assert "Call 112 or the out-of-hours GP service" in html
    for sign in emergency_signs("en"):
        assert sign in footer_of(html)


def test_the_home_page_puts_the_emergency_signs_under_112_not_under_the_gp(client):
    html = client.get("/").content.decode()
    main = html.split('<footer class="site-footer">')[0]
    emergency = re.search(r'class="caution home-emergency".*?</section>', main, re.S).group(0)
    assert "Bel nu 112 of de huisartsenpost" in emergency
    assert "Wacht niet tot morgen" in emergency
    for sign in emergency_signs("nl"):
        assert sign in emergency
    gp = re.search(r'aria-labelledby="home-gp-title".*?</section>', main, re.S).group(0)
    assert "huisarts" in gp and "doof" not in gp
    # The old line that sent numbness and weakness to the GP is gone.
    assert "een doof gevoel, krachtverlies of koorts? Train dan niet" not in html


def check_paper(text: str, language: str = "nl") -> None:
    title = get_catalog().warnings.emergency.title.get(language)
    assert title in text
    for sign in emergency_signs(language):
        assert " ".join(sign.split()) in text
    short = get_catalog().warnings.emergency.short.get(language)
    assert " ".join(short.split()) in text  # the footer line under the page
    assert "Bel je huisarts; bij spoed 112" not in text  # the old footer


@pytest.mark.parametrize("size", ["A4", "A3"])
def test_the_generic_poster_names_the_emergency_signs(client, tmp_path, size):
    text = pdf_text(tmp_path, client.get(f"/oefenposter.pdf?size={size}").content)
    check_paper(text)
    assert "contact op met je huisarts bij pijn die uitstraalt naar je been, een doof" not in text


def test_the_personal_poster_and_schedule_name_the_emergency_signs(
    client, member_with_plan, tmp_path
):
    client.force_login(member_with_plan)
    check_paper(pdf_text(tmp_path, client.get("/plan/poster.pdf?size=A4").content))
    schedule = pdf_text(tmp_path, client.get("/plan/schema.pdf").content)
    # The schedule has no room for the box: its footer carries the line on every page.
    short = get_catalog().warnings.emergency.short.nl
    assert schedule.count(" ".join(short.split())) >= 2


def test_an_english_poster_warns_in_english(client, tmp_path):
    text = pdf_text(tmp_path, client.get(reverse_en("generic_poster") + "?size=A4").content)
    check_paper(text, "en")
