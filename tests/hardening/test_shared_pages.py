"""Library pages shared by every visitor who brings nothing of their own (issue 16 §1,
rugcoach/shared_pages.py): rendered once per address and language, then sent again.
Nobody may get a page made for someone else: a member never gets a visitor's page nor a
visitor a member's, a message or a token is never shared, and each page keeps its own
language, query, URL prefix and headers."""

import gzip

import pytest
from django.contrib import messages
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.urls import set_script_prefix

from rugcoach.pwa.middleware import MEMBER_HEADER, VISITOR
from rugcoach.shared_pages import brings_nothing_of_their_own, shared_with_visitors
from rugcoach.triage.wizard import COOKIE as TRIAGE_ANSWERS_COOKIE

pytestmark = pytest.mark.django_db

PAGES = [
    "/oefeningen/",
    "/en/exercises/",
    "/oefeningen/?q=brug",
    "/oefeningen/bird-dog/",
    "/en/exercises/bird-dog/",
]


def rendered(response) -> bool:  # type: ignore[no-untyped-def]
    """Whether this response was rendered from templates (not sent from the store)."""
    return bool(response.templates)


def vary(response) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(part.strip().lower() for part in response.get("Vary", "").split(","))


@pytest.mark.parametrize("path", PAGES)
def test_the_second_visitor_gets_the_same_page_without_rendering_it(path):
    first, second = Client().get(path), Client().get(path)
    assert first.status_code == second.status_code == 200
    assert rendered(first) and not rendered(second)
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"] == "text/html; charset=utf-8"
    assert vary(second) == vary(first) and "cookie" in vary(second)
    assert second[MEMBER_HEADER] == VISITOR
    page = second.content.decode()
    assert "csrfmiddlewaretoken" not in page
    assert "Inloggen" in page or "Log in" in page
    assert not first.cookies and not second.cookies, "a visitor's page sets no cookie"


@pytest.mark.parametrize("path", ["/oefeningen/", "/oefeningen/bird-dog/"])
def test_a_member_never_gets_a_visitors_page_nor_a_visitor_a_members(member, path):
    visitor_before = Client().get(path)
    client = Client()
    client.force_login(member)
    mine = client.get(path)
    visitor_after = Client().get(path)
    assert rendered(mine), "a member's page is rendered for them"
    page = mine.content.decode()
    assert "Mijn account" in page and "Inloggen" not in page
    assert 'name="csrfmiddlewaretoken"' in page  # their language switch posts
    assert mine[MEMBER_HEADER] != VISITOR
    assert mine["Cache-Control"] == "private, no-store"
    assert "cookie" in vary(mine)
    # The visitor after the member gets the visitor's page, not the member's.
    assert visitor_after.content == visitor_before.content
    assert "Mijn account" not in visitor_after.content.decode()
    assert visitor_after[MEMBER_HEADER] == VISITOR


def test_a_members_page_first_is_never_given_to_a_visitor(member):
    client = Client()
    client.force_login(member)
    client.get("/oefeningen/bird-dog/")
    visitor = Client().get("/oefeningen/bird-dog/")
    assert rendered(visitor), "nothing was stored from the member's page"
    assert "Inloggen" in visitor.content.decode()
    assert "Mijn account" not in visitor.content.decode()


def test_a_session_cookie_always_gets_its_own_page(member):
    """A logged-out visitor's old session cookie, or anyone's: rendered, never shared."""
    client = Client()
    client.force_login(member)
    client.get("/oefeningen/")
    client.logout()
    client.cookies["sessionid"] = "no-longer-a-session"
    Client().get("/oefeningen/")  # stored for visitors
    assert rendered(client.get("/oefeningen/"))


def test_a_message_is_shown_to_its_visitor_only():
    """A visitor's message (a cookie) is on their page, which is then kept nowhere."""
    request = RequestFactory().get("/")
    storage = CookieStorage(request)
    storage.add(messages.INFO, "Alleen voor deze bezoeker")
    carrier = HttpResponse()
    storage.update(carrier)
    Client().get("/oefeningen/")  # a visitor's page is stored first
    with_message = Client()
    with_message.cookies["messages"] = carrier.cookies["messages"].value
    page = with_message.get("/oefeningen/")
    assert rendered(page)
    assert "Alleen voor deze bezoeker" in page.content.decode()
    assert "Alleen voor deze bezoeker" not in Client().get("/oefeningen/").content.decode()


@pytest.mark.parametrize(
    ("first", "other"),
    [
        ("/oefeningen/bird-dog/", "/en/exercises/bird-dog/"),
        ("/oefeningen/", "/oefeningen/?q=brug"),
        ("/oefeningen/?q=brug", "/oefeningen/?q=kat"),
    ],
)
def test_each_language_and_query_has_its_own_page(first, other):
    for _ in range(2):  # the second time from the store
        one, two = Client().get(first).content.decode(), Client().get(other).content.decode()
        assert one != two
    assert '<html lang="en">' in Client().get("/en/exercises/bird-dog/").content.decode()
    assert 'value="kat"' in Client().get("/oefeningen/?q=kat").content.decode()
    assert 'value="brug"' not in Client().get("/oefeningen/?q=kat").content.decode()


def test_a_site_under_a_url_prefix_has_its_own_pages():
    plain = Client().get("/oefeningen/bird-dog/").content.decode()
    # Django's WSGI handler sets the prefix from SCRIPT_NAME; the test client does not.
    set_script_prefix("/rugcoach/")
    try:
        mounted = Client(SCRIPT_NAME="/rugcoach").get("/oefeningen/bird-dog/").content.decode()
    finally:
        set_script_prefix("/")
    assert 'href="/rugcoach/oefeningen/"' in mounted and 'href="/rugcoach/' not in plain
    assert Client().get("/oefeningen/bird-dog/").content.decode() == plain


def test_the_shared_page_is_gzipped_with_its_random_name_per_response():
    plain = Client().get("/oefeningen/").content
    bodies = [Client().get("/oefeningen/", HTTP_ACCEPT_ENCODING="gzip") for _ in range(8)]
    for body in bodies:
        assert body["Content-Encoding"] == "gzip"
        assert gzip.decompress(body.content) == plain
        assert body["Content-Length"] == str(len(body.content))
        assert "accept-encoding" in vary(body) and "cookie" in vary(body)
    assert len({len(body.content) for body in bodies}) > 1, "BREACH padding is gone"


def test_an_invalid_filter_is_answered_but_never_shared():
    bad = Client().get("/oefeningen/?situation=moon")
    again = Client().get("/oefeningen/?situation=moon")
    assert bad.status_code == again.status_code == 400
    assert rendered(again)


def test_htmx_answers_are_not_whole_pages():
    Client().get("/oefeningen/?q=brug")
    partial = Client().get("/oefeningen/?q=brug", headers={"HX-Request": "true"})
    assert "<html" not in partial.content.decode()
    assert "hx-request" in vary(partial)


# --- the two checks, on a view of our own ------------------------------------------------


def through_the_middleware(view):  # type: ignore[no-untyped-def]
    """The session, user and messages, as the project's middleware gives a view."""
    return SessionMiddleware(AuthenticationMiddleware(MessageMiddleware(view)))


PAGE = "<main>" + "Iedereen ziet dit. " * 40 + "</main>"


def counted(change=None):  # type: ignore[no-untyped-def]
    """A shared view that counts how often it ran; ``change`` does one personal thing."""
    runs = []

    @shared_with_visitors
    def view(request):  # type: ignore[no-untyped-def]
        runs.append(1)
        response = HttpResponse(PAGE)
        if change is not None:
            change(request, response)
        return response

    return runs, through_the_middleware(view)


def test_a_page_that_shows_nothing_of_the_visitor_is_rendered_once():
    runs, view = counted()
    for _ in range(3):
        response = view(RequestFactory().get("/een-pagina/"))
        assert response.content.decode() == PAGE
    assert len(runs) == 1


def set_header(header: str, value: str):  # type: ignore[no-untyped-def]
    return lambda request, response: response.__setitem__(header, value)


def log_in(request, response):  # type: ignore[no-untyped-def]
    from rugcoach.accounts.models import User

    request.user = User(email="someone@example.com", is_active=True)


@pytest.mark.parametrize(
    "change",
    [
        lambda request, response: response.write(get_token(request)),
        lambda request, response: response.write('name="csrfmiddlewaretoken"'),
        lambda request, response: messages.info(request, "Alleen voor jou"),
        lambda request, response: request.session.__setitem__("seen", True),
        lambda request, response: response.set_cookie("seen", "1"),
        set_header("Cache-Control", "private, no-store"),
        set_header("Content-Disposition", "attachment"),
        lambda request, response: setattr(response, "status_code", 404),
        log_in,
    ],
    ids=[
        "csrf-token",
        "token-field",
        "message",
        "session-write",
        "cookie",
        "own-caching",
        "other-header",
        "not-200",
        "logged-in",
    ],
)
def test_a_page_with_anything_of_the_visitor_is_never_kept(change):
    runs, view = counted(change)
    for _ in range(3):
        view(RequestFactory().get("/een-pagina/"))
    assert len(runs) == 3


@pytest.mark.parametrize(
    ("cookies", "shared"),
    [
        ({}, True),
        ({"csrftoken": "x" * 32, "rugcoach_language": "en"}, True),
        ({"sessionid": "abc"}, False),
        ({"messages": "abc"}, False),
        ({TRIAGE_ANSWERS_COOKIE: "abc"}, False),
        ({"something-else": "1"}, False),
    ],
)
def test_only_a_visitor_without_cookies_of_their_own_gets_a_shared_page(cookies, shared):
    request = RequestFactory().get("/oefeningen/")
    request.COOKIES.update(cookies)
    assert brings_nothing_of_their_own(request) is shared


def test_posts_htmx_and_credentials_never_get_a_shared_page():
    factory = RequestFactory()
    assert brings_nothing_of_their_own(factory.head("/oefeningen/"))
    assert not brings_nothing_of_their_own(factory.post("/oefeningen/"))
    assert not brings_nothing_of_their_own(factory.get("/oefeningen/", HTTP_HX_REQUEST="true"))
    bearer = factory.get("/oefeningen/", HTTP_AUTHORIZATION="Bearer rc_abc")
    assert not brings_nothing_of_their_own(bearer)
