"""The knowledge pages and the FAQ say what the safety check does: the same urgency for
the same sign (R6: less strength in a leg, R9: signs of inflammation -> the GP today;
cauda equina signs -> 112 now), and the pregnancy limits the app applies."""

import pytest

from rugcoach.content import get_catalog

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "phrases"),
    [
        (
            "/weten/golden-rules/",
            [
                "Minder kracht in een been, of koorts, roodheid of zwelling bij je rug: "
                "bel vandaag nog je huisarts",
                "bel nu 112 of de huisartsenpost",
            ],
        ),
        (
            "/en/knowledge/golden-rules/",
            [
                "Less strength in a leg, or fever, redness or swelling at your back: "
                "call your GP today",
                "call 112 or the out-of-hours GP service now",
            ],
        ),
    ],
)
def test_the_golden_rules_send_red_flags_where_the_check_does(client, path, phrases):
    html = client.get(path).content.decode()
    for phrase in phrases:
        assert phrase in html


def test_the_faq_names_the_pregnancy_limits_the_app_applies_from_the_start():
    catalog = get_catalog()
    rule = next(r for r in catalog.triage.rules if r.id == "P-PREGNANT")
    # The check leaves out lying on your front from the start of a pregnancy …
    assert "pregnancy-prone" in rule.conditions
    answer = next(q for q in catalog.knowledge.faq.questions if q.id == "pregnancy").answer
    # … so the FAQ must not say "from the second trimester" for it.
    english = " ".join(answer.en)
    assert "Throughout your pregnancy RugCoach leaves out lying on your stomach" in english
    assert "weakness that affects your balance" in english  # clinical reference §5
