"""The app icons: one list for the manifest (views.py) and the drawing script (make_icons.py).

Each is (file under static/pwa/, size in pixels, purpose). Chromium wants a 192 and a 512
"any" icon to offer installing; "maskable" ones let Android cut its own shape.
"""

ICONS: tuple[tuple[str, int, str], ...] = (
    ("icon-192.png", 192, "any"),
    ("icon-512.png", 512, "any"),
    ("icon-maskable-192.png", 192, "maskable"),
    ("icon-maskable-512.png", 512, "maskable"),
)
