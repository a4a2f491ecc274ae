from django.conf import settings
from django.http import HttpRequest


def brand(request: HttpRequest) -> dict[str, str]:
    return {"gym_name": settings.RUGCOACH_GYM_NAME}
