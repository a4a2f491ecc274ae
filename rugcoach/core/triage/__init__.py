"""The safety check "Mag ik trainen?": its content schema, loader and engine, and the
warning signs shown on every page.

Imports from the kernel only, so deciding a verdict never loads the figure renderer.
"""
