"""Exercise figures: one body model, posed from keyframes, drawn as SVG.

The pieces, in the order data flows through them:

- ``pose``: the ``figure:`` block of an exercise (view, props, keyframes) — the schema;
- ``poses``: named base poses keyframes start from (standing, hook-lying, quadruped …);
- ``body``/``joints``: segment lengths and joint angles, forward kinematics;
- ``solver`` (with ``supports``, ``settle``, ``reach``): puts the body on its supports;
- ``scene``/``props``/``shapes``: frames of 3D shapes, highlighting and timing;
- ``render`` (with ``layout``, ``svg``): static, animated and thumbnail SVG documents;
- ``checks``: the physical checks the tests run over every figure.

This package imports nothing outside ``rugcoach.core.kernel``; the library draws an
exercise through ``rugcoach.core.library.figure``. The package itself re-exports nothing,
so importing the schema (``pose``) never loads the renderer.
"""
