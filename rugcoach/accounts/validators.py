"""Django's password checks with messages in our own voice: informal Dutch, plain English.

The checks themselves are Django's; only what a member reads changes. The Dutch text is
the msgid, so it never depends on Django's own (formal) Dutch translation.
"""

from django.contrib.auth import password_validation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return ngettext(
            "Dit wachtwoord is te kort. Gebruik minstens %(min_length)d teken.",
            "Dit wachtwoord is te kort. Gebruik minstens %(min_length)d tekens.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def get_help_text(self) -> str:
        return ngettext(
            "Je wachtwoord heeft minstens %(min_length)d teken.",
            "Je wachtwoord heeft minstens %(min_length)d tekens.",
            self.min_length,
        ) % {"min_length": self.min_length}


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    def get_error_message(self) -> str:
        # %(verbose_name)s is filled in by Django with the field's name ("e-mailadres").
        return _("Dit wachtwoord lijkt te veel op je %(verbose_name)s.")

    def get_help_text(self) -> str:
        return _("Je wachtwoord lijkt niet op je naam of e-mailadres.")


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    def get_error_message(self) -> str:
        return _("Dit wachtwoord wordt te vaak gebruikt. Kies iets dat alleen jij weet.")

    def get_help_text(self) -> str:
        return _("Je wachtwoord is geen veelgebruikt wachtwoord.")


class NumericPasswordValidator(password_validation.NumericPasswordValidator):
    def get_error_message(self) -> str:
        return _("Dit wachtwoord bestaat alleen uit cijfers. Zet er ook letters in.")

    def get_help_text(self) -> str:
        return _("Je wachtwoord bestaat niet alleen uit cijfers.")
