from ninja import NinjaAPI

from rugcoach.api.errors import install_error_handlers
from rugcoach.api.exercises import router as exercises_router

api = NinjaAPI(
    title="RugCoach API",
    version="1.0",
    description="Exercises, safety check and plans for YellowGym's lower back programme.",
    urls_namespace="api",
)
api.add_router("/exercises", exercises_router)
install_error_handlers(api)
