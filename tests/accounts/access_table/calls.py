"""Calling a row as someone, and what its answer and Sanne's data are compared by."""

import json
import re

from django.test import Client

from rugcoach.accounts.models import User
from rugcoach.privacy.services import export_member_data
from rugcoach.triage.models import TriageResult
from tests.accounts.access_table.row import Row
from tests.accounts.access_table.world import World


def snapshot(member: User) -> str:
    """Everything of Sanne's that a write could change: her export and her account row.
    Her access log is left out: a linked trainer's view adds to it (checked apart)."""
    member = User.objects.get(pk=member.pk)
    export = export_member_data(member)
    export.pop("exported_at")
    export["accounts"].pop("access_log")
    account = {
        "password": member.password,
        "language": member.preferred_language,
        "active": member.is_active,
        "checks": TriageResult.objects.filter(member=member).count(),
    }
    return json.dumps([export, account], sort_keys=True, default=str)


def call(client: Client, row: Row, world: World):  # type: ignore[no-untyped-def]
    url = row.url(world)
    data = row.data(world) if row.data is not None else None
    if row.json:
        return getattr(client, row.method)(
            url, json.dumps(data or {}), content_type="application/json"
        )
    return getattr(client, row.method)(url, data or {})


CSRF_TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=|data-csrf=|content=)"[A-Za-z0-9]{64}"')


def comparable(response) -> bool:  # type: ignore[no-untyped-def]
    content_type = response.get("Content-Type", "")
    return content_type.startswith(("text/html", "application/json")) or not response.content


EXPORT_TIME = re.compile(r'"exported_at": "[^"]+"')


def normalised(response) -> str:  # type: ignore[no-untyped-def]
    """The answer without what differs between any two requests (token, export time)."""
    text = CSRF_TOKEN.sub(r"\1<csrf>", response.content.decode("utf-8"))
    return EXPORT_TIME.sub('"exported_at": "<now>"', text)
