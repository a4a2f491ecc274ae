"""A visitor who did the check and then signs up may keep that check (issue 11 §3).

Nothing is stored before they choose: the sign-up form offers a ticked box only when
their own signed cookie holds a completed check, and the check is stored, with the
account, only when the box stays ticked. Registered with accounts in ``apps.py``.
"""

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from rugcoach.accounts.models import User
from rugcoach.accounts.services import Keepable
from rugcoach.content import get_catalog
from rugcoach.triage import services, wizard

FIELD = "keep_check"


def _find(request: HttpRequest) -> wizard.VisitorCheck | None:
    return wizard.completed_check(request, get_catalog().triage)


def _keep(member: User, found: object) -> object:
    assert isinstance(found, wizard.VisitorCheck)
    return services.keep_visitor_check(member, found.answers, found.saved_at)


VISITOR_CHECK = Keepable(
    field=FIELD,
    label=_("Bewaar mijn check van zojuist"),
    find=_find,
    keep=_keep,
    forget=wizard.forget_answers,
    help_text=_(
        "Dan staat je uitslag meteen in je account en maken we er je plan mee. Haal het "
        "vinkje weg als je dat niet wilt: dan bewaren we niets van je check."
    ),
)
