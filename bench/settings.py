"""The project's settings, plus the ceiling view: for the HTTP benchmark only
(bench/bench_http.py starts gunicorn with DJANGO_SETTINGS_MODULE=bench.settings).

Everything else, the middleware above all, is the project's, so the ceiling pays what every
real endpoint pays and the share of the ceiling is fair.
"""

import os
from pathlib import Path

from rugcoach.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

# collectstatic into a directory of the benchmark's own, leaving the project's alone.
if os.environ.get("RUGCOACH_BENCH_STATIC_ROOT"):
    STATIC_ROOT = Path(os.environ["RUGCOACH_BENCH_STATIC_ROOT"])
