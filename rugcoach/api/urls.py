from ninja import NinjaAPI

from rugcoach.api.contract import BoundedJSONParser
from rugcoach.api.errors import install_error_handlers
from rugcoach.api.exercises import router as exercises_router
from rugcoach.api.faq import router as faq_router
from rugcoach.api.intakes import router as intakes_router
from rugcoach.api.plans import router as plans_router
from rugcoach.api.programs import router as programs_router
from rugcoach.api.progress import router as progress_router
from rugcoach.api.sessions import router as sessions_router
from rugcoach.api.trainers import router as trainers_router
from rugcoach.api.triage import checkins as checkins_router
from rugcoach.api.triage import router as triage_router

api = NinjaAPI(
    title="RugCoach API",
    version="1.0",
    description="Exercises, safety check and plans for YellowGym's lower back programme.",
    urls_namespace="api",
    parser=BoundedJSONParser(),
)
api.add_router("/exercises", exercises_router)
api.add_router("/triage", triage_router)
api.add_router("/checkins", checkins_router)
api.add_router("/plans", plans_router)
api.add_router("/sessions", sessions_router)
api.add_router("/progress", progress_router)
api.add_router("/faq", faq_router)
api.add_router("/programs", programs_router)
api.add_router("/intakes", intakes_router)
api.add_router("/trainer", trainers_router)
install_error_handlers(api)
