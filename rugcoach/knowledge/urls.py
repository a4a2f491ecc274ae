"""/weten/: the knowledge pages and habit cards (``pages_urls``), and the FAQ and the
heat-or-cold helper (``help_urls``), each module with its own views."""

from rugcoach.knowledge import help_urls, pages_urls

app_name = "knowledge"

urlpatterns = [*pages_urls.urlpatterns, *help_urls.urlpatterns]
