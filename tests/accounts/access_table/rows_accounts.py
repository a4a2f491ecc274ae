"""The account and the member's rights (privacy), two-factor login and API tokens."""

from django.urls import reverse

from tests.accounts.access_table.actors import everyone, members_only
from tests.accounts.access_table.row import Row
from tests.plan_helpers import PASSWORD

ACCOUNT_ROWS: tuple[Row, ...] = (
    Row("accounts:profile", members_only(200, 200)),
    Row(
        "accounts:profile",
        members_only(302, 302),
        method="post",
        data=lambda w: {"preferred_language": "en"},
        id="post-language",
    ),
    Row(
        "set_language",
        everyone(302),
        method="post",
        data=lambda w: {"language": "en"},
        note="a visitor's choice goes to a cookie; a member's to their own row",
    ),
    Row("accounts:password_change", members_only(200, 200)),
    Row(
        "accounts:password_change",
        members_only(302, 200),
        method="post",
        data=lambda w: {
            "old_password": PASSWORD,
            "new_password1": "another-Strong-back-43",
            "new_password2": "another-Strong-back-43",
        },
        id="post-password",
        note="Sanne's old password is not another person's: their form refuses it",
    ),
    Row("accounts:password_change_done", members_only(200, 200)),
    # --- the member's rights -----------------------------------------------------------------
    Row("privacy:my_data", members_only(200, 200)),
    Row("privacy:export_json", members_only(200, 200), note="others download their own data"),
    Row("privacy:export_pdf", members_only(200, 200)),
    Row("privacy:delete", members_only(200, 200)),
    Row(
        "privacy:delete",
        members_only(302, 400),
        method="post",
        data=lambda w: {"password": PASSWORD},
        id="post-delete",
        note="Sanne's password does not delete another account, nor hers",
    ),
)

# Security (tests/security covers the owner's own actions): each page shows the viewer's
# own two-factor state and tokens; another person's token id is "not found".
SECURITY_ROWS: tuple[Row, ...] = (
    Row("accounts:two_factor", members_only(200, 200), note="the viewer's own setup"),
    Row("accounts:tokens", members_only(200, 200), note="the viewer's own tokens"),
    Row(
        "accounts:tokens_revoke",
        members_only(404, 404),
        method="post",
        path=lambda w: reverse("accounts:tokens_revoke", args=[999_999]),
        note="only the owner's own token ids exist for them",
    ),
)
