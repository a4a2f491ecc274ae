"""Issue 10 §1: a plan's rows keep stable keys through a swap; the swapped item gets a new
prescription version (the latest is next time's dose) and the plan a revision saying
what changed, who changed it and why; nothing else changes."""

import pytest

from rugcoach.content import get_catalog
from rugcoach.core.planner import Profile, Weekday, alternatives
from rugcoach.core.triage.engine import Verdict
from rugcoach.plans import selectors, services
from rugcoach.plans.models import Plan, PlanItem, PlanRevision, PrescriptionVersion

pytestmark = pytest.mark.django_db


def test_a_swap_adds_a_version_and_a_revision_and_keeps_every_other_row(member_with_plan):
    stored = Plan.objects.get(is_current=True)
    assert list(stored.revisions.values_list("number", "changed_by")) == [(1, "planner")]
    before = {i.key: i for s in selectors.stored_schedule(stored).sessions for i in s.items}
    ids = dict(PlanItem.objects.filter(session__plan=stored).values_list("key", "pk"))
    monday = selectors.stored_schedule(stored).session("w1-mon")
    main = next(i for i in monday.items if i.role == "main")
    catalog = get_catalog()
    args = (Profile.model_validate(stored.profile), Verdict.model_validate(stored.verdict))
    option = alternatives(
        selectors.parsed_plan(stored), 1, Weekday.MON, main.slug, *args, catalog, catalog.planner
    )[0]
    services.swap_exercise(
        stored, 1, Weekday.MON, main.slug, option, scope="session", by=member_with_plan
    )

    stored.refresh_from_db()
    after = {i.key: i for s in selectors.stored_schedule(stored).sessions for i in s.items}
    assert set(after) == set(before)  # stable keys
    assert dict(PlanItem.objects.filter(session__plan=stored).values_list("key", "pk")) == ids
    changed = [key for key in after if after[key] != before[key]]
    assert len(changed) == 1 and changed[0].startswith("w1-mon.")
    item = after[changed[0]]
    assert item.slug == option and [v.number for v in item.versions] == [1, 2]
    assert item.versions[-1].source == "swap"
    assert item.prescription == item.versions[-1].prescription  # next time: the latest
    revision = PlanRevision.objects.get(plan=stored, number=2)
    assert revision.changed_by == "member"
    assert revision.what == {
        "kind": "swap",
        "from": main.slug,
        "to": option,
        "scope": "session",
        "items": changed,
    }
    assert revision.why
    assert PrescriptionVersion.objects.filter(item__session__plan=stored, number=2).count() == 1
