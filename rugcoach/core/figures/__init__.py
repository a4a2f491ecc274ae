"""Exercise figures: one body model, posed from keyframes, drawn as SVG.

The pieces, in the order data flows through them:

- ``pose``: the ``figure:`` block of an exercise (view, props, keyframes) — the schema;
- ``poses``: named base poses keyframes start from (standing, hook-lying, quadruped …);
- ``body``/``joints``: segment lengths and joint angles, forward kinematics;
- ``solver`` (with ``supports``, ``settle``, ``reach``): puts the body on its supports;
- ``scene``/``props``/``shapes``: frames of 3D shapes, highlighting and timing;
- ``render`` (with ``layout``, ``svg``): static, animated and thumbnail SVG documents;
- ``checks``: the physical checks the tests run over every figure.
"""

from rugcoach.core.figures.checks import figure_problems
from rugcoach.core.figures.pose import CameraSpec, Contact, Figure, Keyframe, Prop
from rugcoach.core.figures.render import MODES, Mode, render_figure, render_svg
from rugcoach.core.figures.scene import highlight_regions
from rugcoach.core.figures.solver import Placement, SolveError, solve_keyframe

__all__ = [
    "MODES",
    "CameraSpec",
    "Contact",
    "Figure",
    "Keyframe",
    "Mode",
    "Placement",
    "Prop",
    "SolveError",
    "figure_problems",
    "highlight_regions",
    "render_figure",
    "render_svg",
    "solve_keyframe",
]
