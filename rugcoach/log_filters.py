"""Logging filters: what RugCoach must never write to a log, and what is not an error."""

import logging
import re

# A calendar feed's token is its only key: whoever reads it can subscribe.
_FEED_TOKEN = re.compile(r"(/agenda/)[^/\s?\"]+(\.ics)")
# A password-reset link works like a password until it is used.
_RESET_LINK = re.compile(r"(/(?:wachtwoord-herstellen|reset-password)/)[^/\s]+/[^/\s]+/")
# A personal API token works like a password (rugcoach/accounts/tokens.py): "rc_" and 43
# URL-safe characters; its first five after "rc_" (the prefix the owner sees) may stay.
_API_TOKEN = re.compile(r"(rc_[A-Za-z0-9_-]{5})[A-Za-z0-9_-]{10,}")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
MASK = "***"


def redact(text: str) -> str:
    """The text with feed tokens, reset links, API tokens and e-mail addresses replaced
    by ***."""
    text = _FEED_TOKEN.sub(rf"\1{MASK}\2", text)
    text = _API_TOKEN.sub(rf"\1{MASK}", text)
    text = _RESET_LINK.sub(rf"\1{MASK}/{MASK}/", text)
    return _EMAIL.sub(MASK, text)


class RedactPersonalData(logging.Filter):
    """Masks feed tokens, API tokens and e-mail addresses in a record's message and traceback.

    Runs on the handlers, so it covers every logger: runserver's request lines, a
    database error's details ("Key (email)=(…) already exists"), django-axes' lockout
    notes. Health answers never reach a log: they travel in request bodies and cookies,
    which nothing logs.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


class QuietDisallowedHost(logging.Filter):
    """A request for a host we do not serve is the client's mistake (or a scanner), not
    ours: one warning line, no traceback, no error alert."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info, record.exc_text = None, None
        return True
