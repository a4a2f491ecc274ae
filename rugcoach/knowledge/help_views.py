"""The FAQ (/weten/vragen/) and the heat-or-cold helper (/weten/warmte-of-kou/).

Both read only the content catalog: no database query, logged in or not (the base
template's member tag aside)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_vary_headers

from rugcoach.content import get_catalog
from rugcoach.core.knowledge.heat import advise
from rugcoach.knowledge.help_forms import FaqSearchForm, HeatForm
from rugcoach.knowledge.help_presenters import advice_view, question_view


def faq(request: HttpRequest) -> HttpResponse:
    """Every question, or those matching ``?q=``; htmx asks for the results alone."""
    catalog = get_catalog()
    language = translation.get_language()
    form = FaqSearchForm(request.GET)
    valid = form.is_valid()
    query = form.cleaned_data["q"].strip() if valid else ""
    found = catalog.knowledge.faq.search(query, language)
    context = {
        "form": form,
        "query": query,
        "questions": [question_view(q, catalog, language) for q in found],
        "total": len(catalog.knowledge.faq.questions),
    }
    partial = "HX-Request" in request.headers and valid
    template = "knowledge/faq_results.html" if partial else "knowledge/faq.html"
    response = render(request, template, context, status=200 if valid else 400)
    patch_vary_headers(response, ["HX-Request"])
    return response


def heat(request: HttpRequest) -> HttpResponse:
    """The questions as a GET form; once answered, the advice and its reasons.

    A request with none of the questions' names shows the empty form. Any answer sent
    makes it a submission: then every answer must be there and valid, or the page answers
    400 and says which question to fix.
    """
    catalog = get_catalog()
    content = catalog.knowledge.heat
    language = translation.get_language()
    submitted = any(question.id in request.GET for question in content.questions)
    form = HeatForm(request.GET if submitted else None, content=content, language=language)
    advice = None
    status = 200
    if submitted:
        if form.is_valid():
            advice = advice_view(advise(content, form.answers()), language)
        else:
            status = 400
    context = {"form": form, "advice": advice, "intro": content.intro.get(language)}
    return render(request, "knowledge/heat.html", context, status=status)
