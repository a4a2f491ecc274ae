"""gunicorn's access log without calendar tokens, reset links or e-mail addresses.

``gunicorn.conf.py`` (read by gunicorn from the working directory) selects this logger, so
an access log switched on with ``--access-logfile`` prints ``/agenda/***.ics``.
"""

from typing import Any

from gunicorn.glogging import Logger

from rugcoach.log_filters import redact


class RedactingLogger(Logger):
    def atoms(self, resp: Any, req: Any, environ: dict, request_time: Any) -> dict[str, Any]:
        atoms = super().atoms(resp, req, environ, request_time)
        return {
            key: redact(value) if isinstance(value, str) else value for key, value in atoms.items()
        }
