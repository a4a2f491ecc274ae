"""The exercise library: the exercise schema, search and filters, the poster content.

Imports from the kernel and the figures only; never from the triage, planner or catalog.
"""
