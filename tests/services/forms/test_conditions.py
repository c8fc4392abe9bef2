"""Conditions are data evaluated on the server: they decide which questions are asked."""

import pytest
from wagtail.blocks.stream_block import StreamBlockValidationError

from services.forms.blocks import FormStepsBlock
from services.forms.conditions import is_visible, prune_hidden, visible_steps
from services.forms.submission import answers_validate
from tests.services.forms.conftest import question, step


def test_conditional_question_is_asked_only_for_the_chosen_answer(fly_tip_form):
    definition = fly_tip_form.definition
    other = definition.question("what-other")
    assert not is_visible(other, {"what": "Garden waste"}, definition)
    assert is_visible(other, {"what": "Other"}, definition)


def test_a_hidden_question_is_not_required_and_its_answer_is_dropped(fly_tip_form):
    definition = fly_tip_form.definition
    raw = {
        "what": "Garden waste",
        "what-other": "<script>forged</script>",
        "bags": "2",
        "where": {"description": "By the bus stop"},
        "seen": "2025-01-01",
    }
    answers, problems = answers_validate(definition=definition, raw=raw)
    assert not problems
    assert "what-other" not in answers
    raw["what"] = "Other"
    raw.pop("what-other")
    answers, problems = answers_validate(definition=definition, raw=raw)
    assert list(problems.errors) == ["what-other"]


def test_a_chain_of_conditions_collapses_when_the_first_is_unmet():
    stream = FormStepsBlock().to_python(
        [
            step(
                "s1",
                "One",
                question("yes_no", "a", "Is it blocking the road?", options=""),
                question("radios", "b", "Which lane?", when=("a", ["Yes"]), options="Left\nRight"),
                question("short_text", "c", "How far along?", when=("b", ["Left"])),
            ),
            step("s2", "Two", question("short_text", "d", "Anything else?", when=("b", ["Right"]))),
        ]
    )
    from services.forms.definition import definition_from_stream

    definition = definition_from_stream(stream)
    answers = {"a": "No", "b": "Left", "c": "100m"}
    assert prune_hidden(definition, answers) == {"a": "No"}
    assert [s.number for s in visible_steps(definition, {"a": "Yes", "b": "Left"})] == [1]
    assert [s.number for s in visible_steps(definition, {"a": "Yes", "b": "Right"})] == [1, 2]


def test_editor_conditions_by_label_are_saved_as_the_question_id():
    block = FormStepsBlock()
    value = block.to_python(
        [
            step(
                "s1",
                "One",
                question("radios", "q-problem", "What is the problem?", options="Pothole\nGraffiti"),
                question("short_text", "q-depth", "How deep is it?", when=("what is the problem?", ["Pothole"])),
            )
        ]
    )
    cleaned = block.clean(value)
    saved = block.get_prep_value(cleaned)
    assert saved[0]["value"]["questions"][1]["value"]["condition"]["question"] == "q-problem"


@pytest.mark.parametrize(
    "condition, message",
    [
        (("No such question", ["Pothole"]), "no earlier question"),
        (("What is the problem?", ["Flood"]), "give answers from its list"),
        (("Your name", ["Sam"]), "not a radios"),
    ],
)
def test_editors_cannot_save_a_broken_condition(condition, message):
    block = FormStepsBlock()
    value = block.to_python(
        [
            step(
                "s1",
                "One",
                question("short_text", "q-name", "Your name"),
                question("radios", "q-problem", "What is the problem?", options="Pothole\nGraffiti"),
                question("short_text", "q-depth", "How deep is it?", when=condition),
            )
        ]
    )
    with pytest.raises(StreamBlockValidationError) as caught:
        block.clean(value)
    assert message in str(caught.value.non_block_errors.as_data()[0].messages[0])
