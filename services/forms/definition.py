"""A form's definition as plain data, read from the EForm's StreamField (of any
revision). Views, the JSON API and validation all work from this."""

from __future__ import annotations

import json
import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field
from decimal import Decimal

QUESTION_TYPES = (
    "short_text",
    "long_text",
    "email",
    "phone",
    "number",
    "date",
    "radios",
    "checkboxes",
    "select",
    "yes_no",
    "address",
    "location",
    "file_upload",
    "declaration",
)
CHOICE_TYPES = ("radios", "checkboxes", "select", "yes_no")


class ConditionError(ValueError):
    pass


@dataclass(frozen=True)
class Condition:
    question_id: str
    values: tuple[str, ...]


@dataclass
class Question:
    id: str
    type: str
    label: str = ""
    hint: str = ""
    required: bool = False
    options: list[str] = field(default_factory=list)
    max_length: int | None = None
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    whole_number: bool = False
    allowed_dates: str = "any"
    allowed_types: list[str] = field(default_factory=list)
    max_size_mb: int = 10
    max_files: int = 1
    text: str = ""  # rich text (HTML) of a declaration or information block
    condition: Condition | None = None

    @property
    def asks(self) -> bool:
        """Information text asks nothing and has no answer."""
        return self.type != "information"

    def to_json(self) -> dict:
        data = {"id": self.id, "type": self.type, "label": self.label, "hint": self.hint, "required": self.required}
        if self.type in ("radios", "checkboxes", "select"):
            data["options"] = self.options
        if self.type in ("short_text", "long_text"):
            data["max_length"] = self.max_length
        if self.type == "number":
            data.update(
                min_value=str(self.min_value) if self.min_value is not None else None,
                max_value=str(self.max_value) if self.max_value is not None else None,
                whole_number=self.whole_number,
            )
        if self.type == "date":
            data["allowed_dates"] = self.allowed_dates
        if self.type == "file_upload":
            data.update(allowed_types=self.allowed_types, max_size_mb=self.max_size_mb, max_files=self.max_files)
        if self.type in ("declaration", "information"):
            data["text"] = self.text
        if self.condition:
            data["condition"] = {"question_id": self.condition.question_id, "values": list(self.condition.values)}
        return data


@dataclass
class Step:
    id: str
    number: int
    title: str
    questions: list[Question]


@dataclass
class FormDefinition:
    steps: list[Step]

    @property
    def questions(self) -> list[Question]:
        return [question for step in self.steps for question in step.questions]

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def step(self, number: int) -> Step | None:
        return next((step for step in self.steps if step.number == number), None)

    def to_json(self) -> list[dict]:
        return [
            {
                "id": step.id,
                "number": step.number,
                "title": step.title,
                "questions": [q.to_json() for q in step.questions],
            }
            for step in self.steps
        ]


def _lines(text: str) -> list[str]:
    seen = []
    for line in (text or "").splitlines():
        line = line.strip()
        if line and line not in seen:
            seen.append(line)
    return seen


def _decimal(value) -> Decimal | None:
    if value in (None, ""):
        return None
    number = Decimal(str(value))
    if len(number.as_tuple().digits) > 15:  # made from a float: 2.4, not 2.39999999999999991...
        number = Decimal(str(float(number)))
    return number


def _question(child) -> Question:
    value = child.value
    kind = child.block_type
    question = Question(id=str(child.id), type=kind)
    if kind == "information":
        question.text = str(value["text"].source if hasattr(value["text"], "source") else value["text"])
    else:
        question.label = value["label"]
        question.hint = value.get("hint") or ""
        question.required = bool(value.get("required"))
    if kind in ("radios", "checkboxes", "select"):
        question.options = _lines(value["options"])
    elif kind == "yes_no":
        question.options = ["Yes", "No"]
    elif kind in ("short_text", "long_text"):
        question.max_length = value.get("max_length") or (200 if kind == "short_text" else 2000)
    elif kind == "number":
        question.min_value = _decimal(value.get("min_value"))
        question.max_value = _decimal(value.get("max_value"))
        question.whole_number = bool(value.get("whole_number"))
    elif kind == "date":
        question.allowed_dates = value.get("allowed") or "any"
    elif kind == "file_upload":
        question.allowed_types = list(value.get("allowed_types") or ["image"])
        question.max_size_mb = value.get("max_size_mb") or 10
        question.max_files = value.get("max_files") or 1
    elif kind == "declaration":
        question.text = str(value["text"].source if hasattr(value["text"], "source") else value["text"])
    return question, value.get("condition") or {}


def _resolve(reference: str, earlier: list[Question]) -> Question | None:
    reference = (reference or "").strip()
    for question in earlier:
        if question.id == reference:
            return question
    folded = reference.casefold()
    matches = [q for q in earlier if q.asks and q.label.strip().casefold() == folded]
    return matches[-1] if matches else None


def _walk(stream_value, *, strict: bool, rewrite: bool) -> FormDefinition:
    steps: list[Step] = []
    earlier: list[Question] = []
    for number, step_child in enumerate(stream_value, start=1):
        step_value = step_child.value
        questions = []
        for child in step_value["questions"]:
            if rewrite and not child.id:
                child.id = str(uuid.uuid4())
            question, condition = _question(child)
            reference = (condition.get("question") or "").strip()
            if reference:
                target = _resolve(reference, earlier)
                label = question.label or "Information text"
                if target is None:
                    if strict:
                        raise ConditionError(
                            f"“{label}” is shown only when “{reference}” has an answer, but no earlier "
                            "question has that label. Conditions can only refer to questions asked before."
                        )
                elif target.type not in CHOICE_TYPES:
                    if strict:
                        raise ConditionError(
                            f"“{label}” depends on “{target.label}”, which is not a radios, checkboxes, "
                            "select or yes/no question."
                        )
                else:
                    values = tuple(_lines(condition.get("values") or ""))
                    unknown = [v for v in values if v not in target.options]
                    if strict and (unknown or not values):
                        raise ConditionError(
                            f"“{label}” depends on “{target.label}”: give answers from its list "
                            f"({', '.join(target.options)}), one per line."
                        )
                    question.condition = Condition(question_id=target.id, values=values)
                    if rewrite:
                        condition["question"] = target.id
            questions.append(question)
            earlier.append(question)
        steps.append(Step(id=str(step_child.id), number=number, title=step_value["title"], questions=questions))
    return FormDefinition(steps=steps)


def definition_from_stream(stream_value) -> FormDefinition:
    """The definition of a saved form; a broken condition shows the question always."""
    return _walk(stream_value, strict=False, rewrite=False)


_DEFINITIONS: OrderedDict[str, FormDefinition] = OrderedDict()
_DEFINITIONS_LOCK = threading.Lock()
_DEFINITIONS_KEPT = 200


def definition_shared(stream_value) -> FormDefinition:
    """``definition_from_stream``, kept in memory per process by the stream's content, so
    a busy form is read from its blocks once rather than on every request. The same
    content always gives the same definition, so a newly published form (or any
    revision) is simply another entry. The definition returned is shared: read it,
    never change it."""
    key = json.dumps(stream_value.get_prep_value(), sort_keys=True, default=str)
    with _DEFINITIONS_LOCK:
        definition = _DEFINITIONS.get(key)
        if definition is not None:
            _DEFINITIONS.move_to_end(key)
            return definition
    definition = definition_from_stream(stream_value)
    with _DEFINITIONS_LOCK:
        _DEFINITIONS[key] = definition
        while len(_DEFINITIONS) > _DEFINITIONS_KEPT:
            _DEFINITIONS.popitem(last=False)
    return definition


def resolve_conditions(stream_value) -> FormDefinition:
    """Check every condition refers to an earlier choice question, and store its id."""
    return _walk(stream_value, strict=True, rewrite=True)
