from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from rugcoach.accounts.views import set_language
from rugcoach.api.urls import api
from rugcoach.library import views as library_views
from rugcoach.plans import downloads as plan_downloads
from rugcoach.privacy import views as privacy_views
from rugcoach.views import favicon, home, train_hub

urlpatterns = [
    path("favicon.ico", favicon, name="favicon"),
    path("api/", api.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path(
        "figures/<slug:slug>/<str:mode>.<str:language>.svg",
        library_views.figure,
        name="figure",
    ),
    path("agenda/<str:token>.ics", plan_downloads.calendar_feed, name="calendar_feed"),
    # The service worker's scope is its folder: it is served from the root.
    path("", include("rugcoach.pwa.urls")),
    *i18n_patterns(
        path("", home, name="home"),
        path(_("trainen/"), train_hub, name="train_hub"),
        path(_("oefeningen/"), include("rugcoach.library.urls")),
        path(_("mag-ik-trainen/"), include("rugcoach.triage.urls")),
        path(_("plan/"), include("rugcoach.plans.urls")),
        path(_("oefenposter.pdf"), plan_downloads.generic_poster, name="generic_poster"),
        path(_("account/"), include("rugcoach.accounts.urls")),
        path("training/", include("rugcoach.training.urls")),
        path(_("voortgang/"), include("rugcoach.progress.urls")),
        path(_("programmas/"), include("rugcoach.programs.urls")),
        path(_("weten/"), include("rugcoach.knowledge.urls")),
        path(_("account/mijn-gegevens/"), include("rugcoach.privacy.urls")),
        path(_("account/delen/"), include("rugcoach.trainers.sharing_urls")),
        path("intake/", include("rugcoach.intakes.urls")),
        path("trainer/agenda/", include("rugcoach.intakes.agenda_urls")),
        path("trainer/", include("rugcoach.trainers.urls")),
        path(_("privacy/"), privacy_views.policy, name="privacy_policy"),
        prefix_default_language=False,
    ),
]
