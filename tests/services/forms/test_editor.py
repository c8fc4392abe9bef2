"""What the e-form editor shows: a condition names the question it depends on by its
wording, though it is stored as that question's id."""

import pytest

from services.forms.blocks import FormStepsBlock

pytestmark = pytest.mark.django_db


def _condition_states(state):
    return {
        question["id"]: question["value"]["condition"]["question"]
        for step in state
        for question in step["value"]["questions"]
        if "condition" in question["value"]
    }


def test_the_editor_shows_the_wording_of_the_question_a_condition_names(fly_tip_form):
    assert fly_tip_form.questions.raw_data[0]["value"]["questions"][1]["value"]["condition"]["question"] == "what"
    state = FormStepsBlock().get_form_state(fly_tip_form.questions)
    assert _condition_states(state)["what-other"] == "What has been dumped?"
    assert not _condition_states(state)["bags"]  # no condition
