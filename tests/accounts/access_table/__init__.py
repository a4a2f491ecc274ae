"""Who gets what: every page and API endpoint over member data, for every kind of viewer.

One table, in the spirit of wger's API test bases: each row names a URL (or API
operation), how to call it for Sanne's data, and the answer each actor expects. The test
runs every row as every actor against a fresh Sanne, who has a safety check, an intake, a
plan and two calendar feeds, and checks:

- the status (a visitor on a page is sent to the login page, on the API gets 401);
- for anyone but Sanne: nothing of Sanne's data changed (her whole export, her account
  row) and the answer shows none of her markers (e-mail, name, feed token, check link).

The actors are a visitor, Sanne, another member, a trainer with no link to her
(``User.Role.TRAINER``), a trainer she booked an intake with, a trainer she gave consent
to, and an admin (role admin, ``is_staff``). Member pages and the API are scoped to
``request.user``, so every actor but Sanne gets what another member gets there: their
own, empty data, never Sanne's. The rule they meet lives in ``rugcoach/accounts/access.py``
(and the rules the intakes and trainers apps register); ``test_the_rule_for_every_actor``
checks it directly, scope by scope.

The world is built once per test module, inside a transaction that is rolled back at the
end; each case runs in its own rolled-back savepoint (pytest-django's ``db``), with the
people re-read from the database, so a case that deletes Sanne leaves the next one whole.

``test_every_url_is_in_the_table_or_listed_as_public`` walks Django's URL resolver and
the ninja API's operations: a URL that is neither in ``TABLE`` nor in ``NOT_MEMBER_DATA``
fails, and so does a table entry for a URL that no longer exists.

Where things live:

- ``actors.py``: the actors, Sanne's markers and what a booking or consent shares, and
  ``everyone`` / ``members_only`` (the usual expectations);
- ``world.py``: ``World`` (Sanne, her data and the other people) and how it is built;
  ``conftest.py`` holds the fixtures (``world``: once per module, per case a savepoint);
- ``row.py``: ``Row``, one call of one URL and the status each actor gets;
- ``rows_<domain>.py``: the rows, one module per app (a page's row and its API
  operation's row sit together); ``table.py`` joins them into ``TABLE``. A new URL's row
  goes into its app's module (a new app: a new module, added to ``table.py``);
- ``public.py``: ``NOT_MEMBER_DATA``, the URLs that show or change no member's data;
- ``calls.py``: calling a row and what its answer is compared by;
- ``test_table.py`` runs every row as every actor, ``test_coverage.py`` checks that the
  table covers every URL, ``test_policy.py`` checks the access rule itself.
"""
