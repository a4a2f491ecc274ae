"""A member's intake pages (mounted at /intake/, /en/intake/). The intakes helper fills these."""

app_name = "intakes"

urlpatterns: list = []
