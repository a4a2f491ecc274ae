"""A member's consents to trainers (mounted at /account/delen/)."""

app_name = "sharing"

urlpatterns: list = []
