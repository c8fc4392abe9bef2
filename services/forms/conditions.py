"""Conditions are data: "show when question X has one of these answers". This one
function decides, on the server, which questions are asked (and so required)."""

from __future__ import annotations

from services.forms.definition import FormDefinition, Question, Step


def is_visible(question: Question, answers: dict, definition: FormDefinition) -> bool:
    """Whether ``question`` is asked, given the answers so far. A question whose
    condition depends on a hidden question is hidden too."""
    seen: set[str] = set()
    while question.condition is not None:
        if question.id in seen:  # defensive: conditions only point backwards
            return False
        seen.add(question.id)
        answer = answers.get(question.condition.question_id)
        chosen = set(answer) if isinstance(answer, list) else ({answer} if answer else set())
        if not chosen & set(question.condition.values):
            return False
        target = definition.question(question.condition.question_id)
        if target is None:
            return False
        question = target
    return True


def visible_questions(step: Step, answers: dict, definition: FormDefinition) -> list[Question]:
    return [q for q in step.questions if is_visible(q, answers, definition)]


def visible_steps(definition: FormDefinition, answers: dict) -> list[Step]:
    """Steps with at least one question asked (information alone does not make a step)."""
    return [step for step in definition.steps if any(q.asks for q in visible_questions(step, answers, definition))]


def asked_question_ids(definition: FormDefinition, answers: dict) -> set[str]:
    """Every question asked, on any step, given these answers."""
    return {
        q.id
        for step in visible_steps(definition, answers)
        for q in visible_questions(step, answers, definition)
        if q.asks
    }


def prune_hidden(definition: FormDefinition, answers: dict) -> dict:
    """The answers to questions that are still asked, in form order (conditions point
    backwards, so one pass decides)."""
    kept: dict = {}
    for question in definition.questions:
        if question.asks and question.id in answers and is_visible(question, kept, definition):
            kept[question.id] = answers[question.id]
    return kept
