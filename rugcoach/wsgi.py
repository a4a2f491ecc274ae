import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rugcoach.settings")
application = get_wsgi_application()

# Gunicorn runs no system checks: refuse to serve invalid content (one line per problem).
from rugcoach.library.checks import refuse_invalid_content  # noqa: E402

refuse_invalid_content()
