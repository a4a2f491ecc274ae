"""Sharing with a trainer and the member's access log (issue 15 §3)."""

from tests.accounts.access_table.actors import members_only
from tests.accounts.access_table.row import Row

SHARING_ROWS: tuple[Row, ...] = (
    Row("sharing:consents", members_only(200, 200), note="others: their own (empty) list"),
    Row(
        "sharing:give",
        members_only(302, 400),
        method="post",
        data=lambda w: {"trainer": w.booked_trainer_id, "understood": "on"},
        note="others have no booking with Sanne's trainer: the form refuses, nothing given",
    ),
    Row(
        "sharing:revoke",
        members_only(302, 302),
        method="post",
        data=lambda w: {"trainer": w.consented_trainer_id},
        note="others share nothing with that trainer: a message, nothing revoked",
    ),
    Row("accounts:access_log", members_only(200, 200), note="others: their own log"),
)
