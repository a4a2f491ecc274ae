"""Prints the JSON body the HTTP benchmark posts to /api/triage: the calm member's answer
to every question of the full triage (rugcoach.triage.calm, which the demo data and the
tests use too), so the body follows the content.

    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.triage_body
"""

import json

import django


def calm_triage_body() -> dict[str, dict[str, object]]:
    from rugcoach.content import get_catalog
    from rugcoach.triage.calm import calm_answers

    content = get_catalog().triage
    answers = calm_answers(content)
    # POST /api/triage takes the full triage's questions; the check-in has its own endpoint.
    return {
        "answers": {key: value for key, value in answers.items() if content.questions[key].triage}
    }


if __name__ == "__main__":
    django.setup()
    print(json.dumps(calm_triage_body()))
