"""Migration tests move the test database back and forth; this is how, and how it is put
back: migrating one app backwards also unapplies the migrations of apps that depend on it
(training's tables refer to plans), and migrating that app forward again does not bring
them back. Every later test needs the full schema, so each migration test ends at the
latest migration of every app."""

from collections.abc import Iterator

import pytest
from django.apps.registry import Apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(target: list[tuple[str, str]]) -> Apps:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


def migrate_to_latest() -> None:
    """Every app at its latest migration: what today's pages and services need."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.fixture(autouse=True)
def back_to_the_latest_schema() -> Iterator[None]:
    yield
    migrate_to_latest()
