"""The progression engine: doses that follow the member's pain (issue 13 §2).

Pure (no Django, no I/O). ``engine.evaluate`` reads the schedule, the session history,
follow-ups, check-ins and the verdict, and says what to do next time, each change with
its rule and reason. The thresholds live in ``content/progression.yaml``. See
docs/progression.md.
"""
