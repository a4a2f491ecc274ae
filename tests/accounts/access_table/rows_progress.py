"""Progress and outcomes (issue 13 §3): pages and API."""

from tests.accounts.access_table.actors import members_only
from tests.accounts.access_table.row import Row

_PSFS = [
    {"name": "Bukken", "score": 3},
    {"name": "Tillen", "score": 4},
    {"name": "Fietsen", "score": 6},
]

PROGRESS_ROWS: tuple[Row, ...] = (
    Row("progress:page", members_only(200, 200), note="others see their own, empty progress"),
    Row("progress:psfs", members_only(200, 200)),
    Row(
        "progress:psfs",
        members_only(302, 302),
        method="post",
        data=lambda w: {f"{k}_{n}": a[k] for n, a in enumerate(_PSFS, 1) for k in a},
        id="post-psfs",
        note="others save their own assessment, never Sanne's",
    ),
    Row("api:progress", members_only(200, 200, visitor=401), operation="GET /progress"),
    Row(
        "api:progress_psfs",
        members_only(201, 201, visitor=401),
        operation="POST /progress/psfs",
        method="post",
        data=lambda w: {"activities": _PSFS},
        json=True,
        id="post-psfs-api",
        note="others store their own assessment",
    ),
)
