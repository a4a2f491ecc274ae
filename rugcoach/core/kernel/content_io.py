"""Reading and validating content files, with problems reported as 'file: field: message'."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

ModelT = TypeVar("ModelT", bound=BaseModel)


class ContentError(Exception):
    """Content that does not match its schema; ``problems`` lists 'file: field: message'."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("invalid content:\n  " + "\n  ".join(problems))


def read_yaml(path: Path, root: Path, problems: list[str]) -> Any:
    """Parse one YAML file; on failure note the problem and return None."""
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except OSError as error:
        problems.append(f"{path.relative_to(root)}: cannot read: {error.strerror}")
    except yaml.YAMLError as error:
        problems.append(f"{path.relative_to(root)}: not valid YAML: {error}")
    return None


def validate_model(
    model: type[ModelT], data: Any, where: str, problems: list[str]
) -> ModelT | None:
    """Validate data against a model; on failure note each field's problem and return None."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        for detail in error.errors():
            location = ".".join(str(part) for part in detail["loc"]) or "(top level)"
            problems.append(f"{where}: {location}: {detail['msg']}")
    return None


def load_file(model: type[ModelT], content_dir: Path, name: str) -> ModelT:
    """One whole content file (``content_dir/name``) as ``model``; ContentError lists every
    problem. For the files that are one model each (progression, outcomes, coaching)."""
    path = content_dir / name
    root = content_dir.parent
    problems: list[str] = []
    content = validate_model(
        model, read_yaml(path, root, problems), str(path.relative_to(root)), problems
    )
    if content is None or problems:
        raise ContentError(problems)
    return content
