"""Prop dimensions, as fractions of body height (1.0 = 1.75 m)."""

from __future__ import annotations

METRE = 1 / 1.75

BALL_RADIUS = 0.325 * METRE  # a 65 cm fitness ball
ROLLER_RADIUS = 0.075 * METRE  # a 15 cm foam roller
ROLLER_HALF_LENGTH = 0.45 * METRE
MASSAGE_BALL_RADIUS = 0.04 * METRE
PILLOW_RADIUS = 0.05 * METRE
BENCH_HEIGHT = 0.43 * METRE
BENCH_LENGTH = 1.2 * METRE
BENCH_HALF_WIDTH = 0.15 * METRE
BED_HEIGHT = 0.45 * METRE
BED_LENGTH = 2.0 * METRE
BED_HALF_WIDTH = 0.7 * METRE
MAT_THICKNESS = 0.012 * METRE
MAT_HALF_WIDTH = 0.3 * METRE
PLATE_RADIUS = 0.225 * METRE  # a 45 cm bumper plate
TRAP_BAR_HANDLE_RISE = 0.1 * METRE  # raised handles sit above the plates' centre
BARBELL_HALF_LENGTH = 1.1 * METRE
PLATE_OFFSET = 0.75 * METRE  # plates' centre from the bar's middle (barbell)
TRAP_PLATE_OFFSET = 0.6 * METRE
DUMBBELL_PLATE_RADIUS = 0.06 * METRE
DUMBBELL_HALF_LENGTH = 0.13 * METRE
SEAT_HEIGHT = {"leg-press": 0.45 * METRE, "back-extension": 0.5 * METRE}
CABLE_COLUMN_HEIGHT = 2.1 * METRE


def support_height(support: str, kind: str | None) -> float | None:
    """The fixed height of a flat support's top, or None (round and free supports)."""
    if support == "floor":
        return 0.0
    if support == "bench":
        return BENCH_HEIGHT
    if support == "bed":
        return BED_HEIGHT
    if support == "seat" and kind in SEAT_HEIGHT:
        return SEAT_HEIGHT[kind]
    if support == "plates":
        return PLATE_RADIUS + (TRAP_BAR_HANDLE_RISE if kind == "trap-bar" else 0.0)
    return None


ROUND_RADIUS = {
    "ball": BALL_RADIUS,
    "roller": ROLLER_RADIUS,
    "massage-ball": MASSAGE_BALL_RADIUS,
    "pillow": PILLOW_RADIUS,
}
