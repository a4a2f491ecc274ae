"""The language switch: a visitor's is links to the same page in the other language (no
form, no CSRF token, no cookie); a member's still posts, so that their choice is saved."""

import re

import pytest
from django.test import Client
from django.urls import set_script_prefix

pytestmark = pytest.mark.django_db

LINK = re.compile(
    r'<a href="([^"]*)" hreflang="(\w+)" lang="(\w+)">(\w+)'
    r'<span class="visually-hidden"> (\w+)</span></a>'
)
CURRENT = re.compile(r'<span class="language-current" lang="(\w+)" aria-current="true">')


def switch_of(page: str) -> str:
    """The header's language switch."""
    header = page.split('<header class="site-header">')[1].split('<nav class="nav-sections"')[0]
    return header.split('class="language-switch"')[1]


@pytest.mark.parametrize(
    ("path", "other", "current", "target", "name"),
    [
        ("/oefeningen/bird-dog/", "en", "nl", "/en/exercises/bird-dog/", "English"),
        ("/en/exercises/bird-dog/", "nl", "en", "/oefeningen/bird-dog/", "Nederlands"),
        (
            "/oefeningen/?q=brug&situation=home",
            "en",
            "nl",
            "/en/exercises/?q=brug&amp;situation=home",
            "English",
        ),
        ("/", "en", "nl", "/en/", "English"),
        ("/en/may-i-train/", "nl", "en", "/mag-ik-trainen/", "Nederlands"),
    ],
)
def test_a_visitor_switches_language_by_a_link_to_the_same_page(
    client, path, other, current, target, name
):
    response = client.get(path)
    assert response.status_code == 200
    switch = switch_of(response.content.decode())
    assert LINK.findall(switch) == [(target, other, other, other.upper(), name)]
    # The page's own language is shown as the current one, not as a link.
    assert CURRENT.findall(switch) == [current]
    assert "<form" not in switch and "csrfmiddlewaretoken" not in response.content.decode()
    assert not response.cookies, "a visitor's page sets no cookie"


def test_following_a_visitors_link_opens_the_page_in_that_language(client):
    switch = switch_of(client.get("/oefeningen/bird-dog/").content.decode())
    ((target, *_rest),) = LINK.findall(switch)
    english = client.get(target)
    assert english.status_code == 200
    assert '<html lang="en">' in english.content.decode()
    assert "How to do it" in english.content.decode()
    back, *_rest = LINK.findall(switch_of(english.content.decode()))[0]
    assert back == "/oefeningen/bird-dog/"


@pytest.mark.parametrize(
    ("path", "home"),
    [("/bestaat-niet/", "/en/"), ("/oefeningen/bestaat-niet/", "/en/"), ("/en/nothing/", "/")],
)
def test_the_switch_on_a_404_leads_home_and_never_repeats_the_address(client, path, home):
    response = client.get(path)
    assert response.status_code == 404
    switch = switch_of(response.content.decode())
    assert [link[0] for link in LINK.findall(switch)] == [home]
    assert "bestaat-niet" not in switch and "nothing" not in switch


def test_the_links_keep_the_url_prefix_the_site_is_mounted_under():
    # Django's WSGI handler sets the prefix from SCRIPT_NAME; the test client does not.
    set_script_prefix("/rugcoach/")
    try:
        page = Client(SCRIPT_NAME="/rugcoach").get("/oefeningen/bird-dog/").content.decode()
    finally:
        set_script_prefix("/")
    assert [link[0] for link in LINK.findall(switch_of(page))] == [
        "/rugcoach/en/exercises/bird-dog/"
    ]


def test_a_members_switch_still_posts_and_saves_the_choice(client, member):
    client.force_login(member)
    switch = switch_of(client.get("/oefeningen/bird-dog/").content.decode())
    assert '<form class="language-switch" action="/i18n/setlang/" method="post">' in (
        '<form class="language-switch"' + switch
    )
    assert 'name="csrfmiddlewaretoken"' in switch
    assert 'value="/oefeningen/bird-dog/"' in switch  # where the member comes back to
    assert LINK.findall(switch) == []  # a link would be undone by their saved language
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/oefeningen/bird-dog/"})
    assert response["Location"] == "/en/exercises/bird-dog/"
    member.refresh_from_db()
    assert member.preferred_language == "en"
    # The next pages stay English, even from a Dutch link.
    assert client.get("/oefeningen/")["Location"] == "/en/exercises/"
