"""The trainers' dashboard, member detail and plan adjustments (mounted at /trainer/)."""

app_name = "trainers"

urlpatterns: list = []
