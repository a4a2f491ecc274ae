"""What the API accepts, said precisely enough for its OpenAPI schema to be the contract.

Three pieces, each generated from the model or content it guards, never written twice:

- :func:`json_strict`: a domain model as the API takes it. JSON has real numbers and
  booleans, so ``"7"`` or ``false`` for a number, and ``"yes"`` or ``1`` for a yes/no, are
  refused instead of coerced; a list that is a set may not repeat a value.
- :func:`answers_model`: the safety check's answers as a documented object, one optional
  property per question id with its type, generated from the triage content so it follows
  every content change.
- :class:`BoundedJSONParser`: a number too long to be a real answer (thousands of digits)
  becomes a plain field error rather than Python's int-limit message.
"""

import json
import types
from collections.abc import Iterable, Sequence
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin

from annotated_types import Interval
from django.http import HttpRequest
from ninja.parser import Parser
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, create_model
from pydantic_core import PydanticCustomError

from rugcoach.core.triage.schema import AnswerType, Question

# Longer than any number an answer or setting can hold, short enough to stay cheap.
MAX_NUMBER_DIGITS = 20


class TooLongNumber:
    """A JSON number with more digits than :data:`MAX_NUMBER_DIGITS`: never valid."""

    def __init__(self, text: str) -> None:
        self.digits = len(text.lstrip("-"))

    def __repr__(self) -> str:
        return f"<number with {self.digits} digits>"


def _number(text: str) -> int | TooLongNumber:
    if len(text.lstrip("-")) > MAX_NUMBER_DIGITS:
        return TooLongNumber(text)
    return int(text)


class BoundedJSONParser(Parser):
    """ninja's JSON parser, except that over-long numbers are left for validation to
    refuse with the field's name (``json.loads`` would raise for the whole body)."""

    def parse_body(self, request: HttpRequest) -> Any:
        return json.loads(request.body, parse_int=_number)


# --- strict JSON types --------------------------------------------------------------------


def _strip_optional(annotation: Any) -> Any:
    if get_origin(annotation) in (Union, types.UnionType):
        rest = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(rest) == 1:
            return rest[0]
    return annotation


def _is_whole_number(annotation: Any) -> bool:
    if annotation is int:
        return True
    if get_origin(annotation) is Literal:
        return all(isinstance(v, int) and not isinstance(v, bool) for v in get_args(annotation))
    return False


def _reject(kind: str, message: str) -> PydanticCustomError:
    return PydanticCustomError(kind, message)


def _whole_number_only(value: object) -> object:
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise _reject("int_type", "give a whole number (not text, not true/false)")


def _boolean_only(value: object) -> object:
    if value is None or isinstance(value, bool):
        return value
    raise _reject("bool_type", "answer true or false")


def _distinct_items(value: object) -> object:
    if isinstance(value, list | tuple):
        try:
            distinct = len(set(value)) == len(value)
        except TypeError:  # unhashable items: the item type will refuse them
            return value
        if not distinct:
            raise _reject("unique_items", "each value may be given once")
    return value


M = TypeVar("M", bound=BaseModel)


def json_strict(model: type[M], *, unique_items: Iterable[str] = ()) -> type[M]:
    """``model`` with JSON's types enforced, as a subclass (so it still *is* a ``model``).

    Every whole-number field refuses strings, floats and booleans; every boolean field
    refuses anything but true/false; set fields, and the list fields named in
    ``unique_items``, refuse repeated values and say ``uniqueItems`` in the schema. The
    model's own bounds, enums and validators stay as they are.
    """
    unique = set(unique_items)
    overrides: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        inner = _strip_optional(field.annotation)
        guards: list[Any] = []
        if _is_whole_number(inner):
            guards.append(BeforeValidator(_whole_number_only))
        elif inner is bool:
            guards.append(BeforeValidator(_boolean_only))
        elif get_origin(inner) in (set, frozenset) or name in unique:
            guards.append(BeforeValidator(_distinct_items))
            field = _with_unique_items(field)
        if guards:
            overrides[name] = (Annotated[field.annotation, *guards], field)
    return create_model(  # type: ignore[call-overload, no-any-return]
        f"{model.__name__}In", __base__=model, __doc__=model.__doc__, **overrides
    )


def _with_unique_items(field: Any) -> Any:
    copy = field._copy() if hasattr(field, "_copy") else field
    extra = dict(copy.json_schema_extra or {})
    extra["uniqueItems"] = True
    copy.json_schema_extra = extra
    return copy


# --- triage answers -----------------------------------------------------------------------


def _answer_type(question: Question) -> Any:
    """The JSON type of one question's answer, with the question's own check as the
    validator so the message is the one the pages and the engine give."""

    def check(value: object) -> object:
        problem = question.problem_with(value)
        if problem is not None:
            raise _reject("answer", problem)
        return value

    if question.type is AnswerType.YES_NO:
        schema_type: Any = bool
    elif question.type is AnswerType.CHOICE:
        schema_type = Literal[question.option_values]  # type: ignore[valid-type]
    else:
        schema_type = Annotated[int, Interval(ge=question.min, le=question.max)]
    # The check runs first and refuses anything the type would coerce.
    return Annotated[schema_type, BeforeValidator(check)]


def _no_default(schema: dict[str, Any]) -> None:
    schema.pop("default", None)


def answers_model(name: str, questions: Sequence[Question], description: str) -> type[BaseModel]:
    """An object with one optional property per question; unknown ids are refused.

    Which questions must be answered depends on earlier answers (``ask_if``), so "required"
    is checked by the triage engine, which names each missing question.
    """
    fields: dict[str, Any] = {
        question.id: (
            _answer_type(question),
            # Optional, but never null: an unanswered question is left out.
            Field(default=None, description=question.text.en, json_schema_extra=_no_default),
        )
        for question in questions
    }
    return create_model(
        name,
        __config__=ConfigDict(extra="forbid", json_schema_extra={"description": description}),
        **fields,
    )
