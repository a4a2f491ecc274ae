"""The language switch a visitor sees: a link to this page in each other language.

A visitor's language lives in the URL (``/oefeningen/``, ``/en/exercises/``), so a plain
link is all the switch needs: no form, no CSRF token, no cookie, and a page that holds
nothing of the visitor can be shared (``rugcoach.shared_pages``). A logged-in member's
switch stays the form that posts to ``set_language`` (base.html), because it also saves
their choice, and a change of state needs a POST.
"""

from dataclasses import dataclass
from typing import Any

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation

register = template.Library()

# Each language in its own words, as a visitor who reads only that one looks for it.
ENDONYMS = {"nl": "Nederlands", "en": "English"}


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    current: bool


def home_in(language: str) -> str:
    with translation.override(language):
        return reverse("home")


def in_language(path: str, language: str) -> str:
    """``path`` (without the script prefix, with its query) in ``language``; the home
    page in that language when the path has no translation (a page that does not exist,
    a URL outside the translated ones)."""
    translated = translate_url(path, language)
    return translated if translated != path else home_in(language)


@register.inclusion_tag("_language_links.html", takes_context=True)
def language_links(context: template.Context, *, to_home: bool = False) -> dict[str, Any]:
    """The languages as links to this page in each (``to_home``: to the home page, for a
    page that must not repeat its own address, like the 404)."""
    current = translation.get_language()
    path = "" if to_home else context["request"].get_full_path_info()
    links = []
    for code, _label in settings.LANGUAGES:
        if code == current:
            url = ""  # the page's own language is marked, not linked
        elif to_home:
            url = home_in(code)
        else:
            url = in_language(path, code)
        links.append(LanguageLink(code, ENDONYMS.get(code, code), url, code == current))
    return {"links": links}
