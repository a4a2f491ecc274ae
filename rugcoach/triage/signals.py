"""Signals other apps listen to without the triage importing them (it sits below them).

``check_recorded`` is sent inside the transaction that stores a check or a check-in, so a
listener's writes (the training app adapts the plan to it) commit or fail with it.
"""

from django.dispatch import Signal

check_recorded = Signal()  # sender: TriageResult, kwargs: result
