"""Benchmarks (not part of `make test`). A package so that the HTTP benchmark's settings
(``bench.settings``) can be named in DJANGO_SETTINGS_MODULE."""
