"""A trainer's agenda and availability (mounted at /trainer/agenda/)."""

app_name = "agenda"

urlpatterns: list = []
