"""The next day of each program the member is in, for the phone's offline list
(``training.offline``): only when the program's gate lets the member start it now."""

from django.urls import reverse
from django.utils import translation

from rugcoach.accounts.models import User
from rugcoach.core.programs.build import NotForYou
from rugcoach.programs import selectors
from rugcoach.programs.models import Enrollment
from rugcoach.training.offline import OfflinePages


def next_days(member: User, language: str) -> OfflinePages:
    pages: list[str] = []
    slugs: list[str] = []
    catalog = selectors.programs()
    with translation.override(language):
        for enrollment in selectors.enrollments(member).filter(status=Enrollment.Status.ACTIVE):
            program = catalog.get(enrollment.program)
            if program is None:
                continue
            gate = selectors.gate(member, program)
            if gate.step != "train" or gate.fit is None or isinstance(gate.fit.result, NotForYou):
                continue
            to_play = selectors.next_to_play(member, program, gate.fit)
            if to_play is None:
                continue
            pages.append(reverse("programs:play", args=[program.slug]))
            slugs.extend(item.slug for item in to_play.session.items)
    return OfflinePages(pages=pages, slugs=slugs)
