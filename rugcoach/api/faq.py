"""GET /api/faq?q=&lang=: the FAQ search as JSON, the same search and presenter as the page."""

from typing import Any

from django.http import HttpRequest
from django.utils import translation
from ninja import Field, Query, Router, Schema

from rugcoach.api.schemas import INVALID, LanguageParam
from rugcoach.content import get_catalog
from rugcoach.knowledge.help_presenters import question_view

router = Router(tags=["knowledge"])


class FaqQuery(Schema):
    q: str = Field("", max_length=100, description="Words to find, in Dutch or English")
    lang: LanguageParam = "nl"


class FaqLinkOut(Schema):
    kind: str = Field(description="exercise, program, page, check, heat or library")
    label: str
    url: str | None = Field(description="the page's path in the chosen language")


class FaqQuestionOut(Schema):
    id: str
    question: str
    answer: list[str]
    links: list[FaqLinkOut]
    warning_signs: bool
    source: str


@router.get(
    "",
    response={200: list[FaqQuestionOut], **INVALID},
    summary="Search the FAQ (every word must match; an empty q lists every question)",
)
def search_faq(request: HttpRequest, params: Query[FaqQuery]) -> list[dict[str, Any]]:
    catalog = get_catalog()
    # Links point at the pages in the language asked for.
    with translation.override(params.lang):
        found = catalog.knowledge.faq.search(params.q, params.lang)
        return [question_view(question, catalog, params.lang) for question in found]
