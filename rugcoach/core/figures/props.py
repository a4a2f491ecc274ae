"""Equipment, drawn to scale where the solved body touches or holds it."""

from __future__ import annotations

from rugcoach.core.figures import sizes as size
from rugcoach.core.figures.geometry import Vec, add, scale, sub
from rugcoach.core.figures.pose import Figure, Prop
from rugcoach.core.figures.reach import spot
from rugcoach.core.figures.shapes import Shape
from rugcoach.core.figures.solver import Placement
from rugcoach.core.figures.supports import Placed

BACK_PROPS = ("mat", "wall", "bench", "bed", "leg-press", "back-extension")  # drawn first


def floor_level(figure: Figure) -> float:
    """Where the floor line is drawn: under the mat when there is one."""
    return -size.MAT_THICKNESS if figure.prop("mat") else 0.0


def _box(key: str, style: str, lo: Vec, hi: Vec, group: str | None = None) -> Shape:
    lo2 = (min(lo[0], hi[0]), min(lo[1], hi[1]), min(lo[2], hi[2]))
    hi2 = (max(lo[0], hi[0]), max(lo[1], hi[1]), max(lo[2], hi[2]))
    return Shape(key, group or key, style, "box", (lo2, hi2))


def _line(key: str, style: str, points: tuple[Vec, ...], width: float, group: str) -> Shape:
    return Shape(key, group, style, "line", points, width=width)


def _pad(key: str, placed: Placed, length: float, radius: float, group: str) -> Shape:
    """A cushion touching the body at ``placed.point``, lying across its normal."""
    n = placed.normal
    tangent = (n[1], -n[0], 0.0)
    centre = sub(placed.point, scale(n, radius))
    a, b = sub(centre, scale(tangent, length / 2)), add(centre, scale(tangent, length / 2))
    return Shape(key, group, "pad", "capsule", (a, b), (radius, radius))


def prop_shapes(
    figure: Figure, placement: Placement, mat_span: tuple[float, float, float]
) -> list[Shape]:
    """Every prop of the figure for one solved pose."""
    shapes: list[Shape] = []
    for prop in figure.props:
        shapes.extend(_shapes(prop, figure, placement, mat_span))
    return shapes


def _wall_plane(figure: Figure, placement: Placement) -> tuple[float, float] | None:
    """The wall's x and which way it faces (+1: the body is to its right)."""
    supports = placement.supports
    if "wall" in supports:
        wall_placed = supports["wall"]
        return wall_placed.point[0], 1.0 if wall_placed.normal[0] >= 0 else -1.0
    for support in ("massage-ball", "ball"):
        placed = supports.get(support)
        prop = figure.prop(support)
        if (
            placed
            and placed.centre
            and prop
            and (support == "massage-ball" or prop.rests == "wall")
        ):
            radius = figure.radius(support)
            facing = 1.0 if placed.normal[0] >= 0 else -1.0
            return placed.centre[0] - facing * radius, facing
    wall = figure.prop("wall")
    if wall is not None and wall.x is not None:
        return wall.x, 1.0 if wall.x < 0 else -1.0
    return None


def _shapes(prop: Prop, figure: Figure, placement: Placement, mat_span: tuple[float, float, float]):  # type: ignore[no-untyped-def]
    kind, body, supports = prop.kind, placement.body, placement.supports
    key = f"prop.{kind}"
    if kind == "mat":
        z = prop.z or 0.0  # a mat may lie off the body's middle, e.g. under bent knees
        lo = (mat_span[0], -size.MAT_THICKNESS, z - size.MAT_HALF_WIDTH)
        yield _box(key, "mat", lo, (mat_span[1], 0.0, z + size.MAT_HALF_WIDTH))
    elif kind in ("ball", "roller", "massage-ball", "pillow"):
        placed = supports.get(kind)
        if placed is None or placed.centre is None:
            return
        radius = figure.radius(kind)
        if kind == "roller":
            a = add(placed.centre, (0.0, 0.0, -size.ROLLER_HALF_LENGTH))
            b = add(placed.centre, (0.0, 0.0, size.ROLLER_HALF_LENGTH))
            yield Shape(key, key, kind, "capsule", (a, b), (radius, radius))
        else:
            yield Shape(key, key, kind, "ball", (placed.centre,), (radius,))
    elif kind == "wall":
        plane = _wall_plane(figure, placement)
        if plane is not None:
            x, facing = plane
            lo = (x - facing * 0.035, floor_level(figure), -0.5)
            yield _box(key, "wall", lo, (x, mat_span[2], 0.5))
    elif kind in ("bench", "bed"):
        yield from _bench(kind, prop, placement)
    elif kind in ("leg-press", "back-extension"):
        yield from _machine(kind, placement)
    elif kind in ("cable", "band"):
        yield from _cable(kind, prop, placement)
    elif kind == "dumbbells":
        for side in ("r", "l"):
            grip = body.joints[f"{side}_grip"]
            frame = body.frames[f"{side}_hand"]
            axis = (frame[0][2], frame[1][2], frame[2][2])
            half = scale(axis, size.DUMBBELL_HALF_LENGTH)
            group = f"{side}_arm:prop"
            ends = (sub(grip, half), add(grip, half))
            yield _line(f"{key}.{side}.bar", "bar", ends, 0.014, group)
            for i, end in enumerate(ends):
                yield Shape(
                    f"{key}.{side}.{i}",
                    group,
                    "plate",
                    "disc",
                    (end,),
                    (size.DUMBBELL_PLATE_RADIUS,),
                    normal=axis,
                )
    elif kind in ("barbell", "trap-bar"):
        yield from _bar(kind, prop, placement)


def _bench(kind: str, prop: Prop, placement: Placement):  # type: ignore[no-untyped-def]
    placed = placement.supports.get(kind)
    if placed is None:
        return
    height = size.BENCH_HEIGHT if kind == "bench" else size.BED_HEIGHT
    length = size.BENCH_LENGTH if kind == "bench" else size.BED_LENGTH
    half = size.BENCH_HALF_WIDTH if kind == "bench" else size.BED_HALF_WIDTH
    if prop.extends is not None:
        way = 1.0 if prop.extends == "right" else -1.0
    else:
        way = 1.0 if placed.point[0] >= placement.body.joints["root"][0] else -1.0
    on_top = abs(placed.normal[0]) < 1e-6  # lying on it, not against its edge
    edge = placed.point[0] - way * (0.03 if on_top else 0.0)
    far = edge + way * length
    top = 0.05 if kind == "bench" else 0.1
    key = f"prop.{kind}"
    yield _box(f"{key}.top", kind, (edge, height - top, -half), (far, height, half), key)
    for i, x in enumerate((edge + way * 0.06, far - way * 0.06)):
        lo = (x - 0.012, 0.0, -half * 0.8)
        yield _box(f"{key}.leg{i}", "frame", lo, (x + 0.012, height - top, half * 0.8), key)


def _machine(kind: str, placement: Placement):  # type: ignore[no-untyped-def]
    supports, key = placement.supports, f"prop.{kind}"
    seat = supports.get("seat")
    if seat is None:
        return
    x, y = seat.point[0], seat.point[1]
    yield _line(f"{key}.post", "frame", ((x, 0.0, 0.0), (x, y - 0.04, 0.0)), 0.03, key)
    yield _line(f"{key}.base", "frame", ((x - 0.3, 0.01, 0.0), (x + 0.3, 0.01, 0.0)), 0.02, key)
    yield _box(f"{key}.seat", "pad", (x - 0.16, y - 0.045, -0.13), (x + 0.05, y, 0.13), key)
    pad = supports.get("pad")
    if pad is not None and kind == "back-extension":  # a roller pad across the upper back
        centre = sub(pad.point, scale(pad.normal, 0.03))
        ends = ((centre[0], centre[1], -0.08), (centre[0], centre[1], 0.08))
        pivot = (x - 0.13, y + 0.02, 0.0)
        yield _line(f"{key}.arm", "frame", (pivot, centre), 0.022, key)
        yield Shape(f"{key}.pad", key, "pad", "capsule", ends, (0.03, 0.03))
    elif pad is not None:
        yield _pad(f"{key}.pad", pad, 0.3, 0.028, key)
        end = sub(pad.point, scale(pad.normal, 0.056))
        yield _line(f"{key}.arm", "frame", ((x, y - 0.04, 0.0), end), 0.022, key)
    platform = supports.get("platform")
    if platform is not None:
        yield _pad(f"{key}.platform", platform, 0.2, 0.018, key)
        foot = sub(platform.point, scale(platform.normal, 0.036))
        yield _line(f"{key}.rail", "frame", ((x, y - 0.04, 0.0), foot), 0.02, key)


def _cable(kind: str, prop: Prop, placement: Placement):  # type: ignore[no-untyped-def]
    body, key = placement.body, f"prop.{kind}"
    targets = [spot(body, name) for name in prop.to]
    holder = placement.supports.get("machine")
    z = prop.z or 0.0
    if holder is not None:
        x = holder.point[0] - holder.normal[0] * 0.05
    else:
        x = prop.x if prop.x is not None else 0.0
    height = prop.height if prop.height is not None else 1.0 * size.METRE
    anchor = (x, height, z)
    if kind == "cable":
        lo, hi = (x - 0.035, 0.0, z - 0.06), (x + 0.035, size.CABLE_COLUMN_HEIGHT, z + 0.06)
        yield _box(f"{key}.column", "frame", lo, hi, key)
        yield Shape(f"{key}.pulley", key, "plate", "ball", (anchor,), (0.022,))
    elif prop.x is not None:  # a band tied to a post (a rack, a door frame)
        lo, hi = (x - 0.02, 0.0, z - 0.02), (x + 0.02, height + 0.35, z + 0.02)
        yield _box(f"{key}.post", "frame", lo, hi, key)
        yield Shape(f"{key}.anchor", key, "plate", "ball", (anchor,), (0.015,))
    if not targets:
        return
    if prop.x is None and holder is None and kind == "band":
        yield _line(f"{key}.loop", "band", tuple(targets), 0.012, f"{key}:front")
        return
    end = tuple(sum(p[i] for p in targets) / len(targets) for i in range(3))
    style = "band" if kind == "band" else "cable"
    width = 0.012 if kind == "band" else 0.006
    yield _line(f"{key}.line", style, (anchor, end), width, f"{key}:front")  # type: ignore[arg-type]
    if kind == "cable":
        yield Shape(f"{key}.handle", f"{key}:front", "plate", "ball", (end,), (0.014,))  # type: ignore[arg-type]


def _bar(kind: str, prop: Prop, placement: Placement):  # type: ignore[no-untyped-def]
    body, key = placement.body, f"prop.{kind}"
    names = prop.to or ("r_grip", "l_grip")
    points = [spot(body, name) for name in names]
    centre = tuple(sum(p[i] for p in points) / len(points) for i in range(3))
    cx, cy = centre[0], centre[1]
    if kind == "trap-bar":
        cy -= size.TRAP_BAR_HANDLE_RISE
        offset, half = size.TRAP_PLATE_OFFSET, size.TRAP_PLATE_OFFSET + 0.06
        frame = (
            (cx - 0.19, cy, -0.2),
            (cx - 0.08, cy, -0.3),
            (cx + 0.08, cy, -0.3),
            (cx + 0.19, cy, -0.2),
            (cx + 0.19, cy, 0.2),
            (cx + 0.08, cy, 0.3),
            (cx - 0.08, cy, 0.3),
            (cx - 0.19, cy, 0.2),
            (cx - 0.19, cy, -0.2),
        )
        yield _line(f"{key}.frame", "bar", frame, 0.016, key)
    else:
        offset, half = size.PLATE_OFFSET, size.BARBELL_HALF_LENGTH
    yield _line(f"{key}.bar", "bar", ((cx, cy, -half), (cx, cy, half)), 0.016, key)
    for sign in (-1, 1):
        yield Shape(
            f"{key}.plate{sign}",
            f"{key}.{sign}",
            "plate",
            "disc",
            ((cx, cy, sign * offset),),
            (size.PLATE_RADIUS,),
            normal=(0.0, 0.0, 1.0),
        )
