"""The e-form builder's blocks: steps holding questions. Each question keeps its
StreamField block id, which answers, conditions and reports refer to."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError

from home.blocks import RICH_TEXT_FEATURES


class ConditionBlock(blocks.StructBlock):
    question = blocks.CharBlock(
        required=False,
        help_text=(
            "Show this only when an earlier radios, checkboxes, select or yes/no question has one of the "
            "answers below. Type that question as it is worded; if you reword it, this follows."
        ),
    )
    values = blocks.TextBlock(required=False, rows=3, help_text="The answers that show this, one per line.")

    class Meta:
        icon = "link"
        label = "Only show when (optional)"
        collapsed = True
        form_classname = "eform-condition"


class QuestionBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=250, help_text="The question, as residents will read it.")
    hint = blocks.TextBlock(required=False, rows=2, help_text="Help shown under the question.")
    required = blocks.BooleanBlock(required=False, default=True, help_text="Residents must answer it.")
    condition = ConditionBlock()

    class Meta:
        icon = "help"


class ShortTextBlock(QuestionBlock):
    max_length = blocks.IntegerBlock(default=200, min_value=1, max_value=500)

    class Meta:
        icon = "edit"
        label = "Short text"
        description = "A single line of text"
        preview_value = {"label": "What is the registration number?", "required": True}


class LongTextBlock(QuestionBlock):
    max_length = blocks.IntegerBlock(default=2000, min_value=1, max_value=10000)

    class Meta:
        icon = "doc-full"
        label = "Long text"
        description = "Several lines of text"
        preview_value = {"label": "Describe the problem", "required": True}


class EmailQuestionBlock(QuestionBlock):
    class Meta:
        icon = "mail"
        label = "Email address"
        description = "An email address"
        preview_value = {"label": "Email address", "required": True}


class PhoneBlock(QuestionBlock):
    class Meta:
        icon = "mobile-alt"
        label = "UK phone number"
        description = "A UK landline or mobile number"
        preview_value = {"label": "Phone number", "required": False}


class NumberBlock(QuestionBlock):
    min_value = blocks.DecimalBlock(required=False)
    max_value = blocks.DecimalBlock(required=False)
    whole_number = blocks.BooleanBlock(required=False, default=True, help_text="Only whole numbers.")

    class Meta:
        icon = "order"
        label = "Number"
        description = "A number, optionally within bounds"
        preview_value = {"label": "How many bags?", "required": True, "min_value": 1, "max_value": 20}


class DateBlock(QuestionBlock):
    allowed = blocks.ChoiceBlock(
        choices=[("any", "Any date"), ("past", "Today or earlier"), ("future", "Today or later")], default="any"
    )

    class Meta:
        icon = "date"
        label = "Date"
        description = "A date, as day, month and year"
        preview_value = {"label": "When did you notice it?", "required": True, "allowed": "past"}


class ChoiceQuestionBlock(QuestionBlock):
    options = blocks.TextBlock(rows=4, help_text="One answer per line.")

    def clean(self, value):
        value = super().clean(value)
        if not [line for line in value["options"].splitlines() if line.strip()]:
            raise blocks.StructBlockValidationError({"options": ValidationError("Give at least one answer.")})
        return value


class RadiosBlock(ChoiceQuestionBlock):
    class Meta:
        icon = "radio-full"
        label = "Radios (choose one)"
        description = "Choose one answer from a short list"
        preview_value = {"label": "What is the problem?", "options": "Pothole\nStreet light\nGraffiti"}


class CheckboxesBlock(ChoiceQuestionBlock):
    class Meta:
        icon = "tasks"
        label = "Checkboxes (choose any)"
        description = "Choose any answers from a short list"
        preview_value = {"label": "Which bins were missed?", "options": "Rubbish\nRecycling\nGarden waste"}


class SelectBlock(ChoiceQuestionBlock):
    class Meta:
        icon = "list-ul"
        label = "Select (choose one from a long list)"
        description = "Choose one answer from a longer list"
        preview_value = {"label": "Which car park?", "options": "Market Street\nStation Road"}


class YesNoBlock(QuestionBlock):
    class Meta:
        icon = "tick"
        label = "Yes or no"
        description = "A yes or no question"
        preview_value = {"label": "Is it blocking the road?", "required": True}


class AddressBlock(QuestionBlock):
    class Meta:
        icon = "home"
        label = "Address"
        description = "Find an address by postcode, or type it in"
        preview_value = {"label": "What is the address?", "required": True}


class LocationBlock(QuestionBlock):
    class Meta:
        icon = "site"
        label = "Location"
        description = "A place on a map, with a description"
        preview_value = {"label": "Where is it?", "required": True}


class FileUploadBlock(QuestionBlock):
    allowed_types = blocks.MultipleChoiceBlock(
        choices=[("image", "Photos (JPEG, PNG, GIF, WebP)"), ("pdf", "PDF documents")],
        default=["image"],
    )
    max_size_mb = blocks.IntegerBlock(default=10, min_value=1, max_value=20, help_text="Largest file, in MB.")
    max_files = blocks.IntegerBlock(default=1, min_value=1, max_value=10, help_text="How many files at most.")

    class Meta:
        icon = "image"
        label = "File or photo upload"
        description = "Upload photos or documents"
        preview_value = {"label": "Add a photo", "required": False, "allowed_types": ["image"]}


class DeclarationBlock(QuestionBlock):
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, help_text="What the resident confirms.")

    class Meta:
        icon = "success"
        label = "Declaration or consent"
        description = "A statement the resident must confirm"
        preview_value = {"label": "Declaration", "text": "<p>The information I have given is correct.</p>"}


class InformationBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)
    condition = ConditionBlock()

    class Meta:
        icon = "info-circle"
        label = "Information text"
        description = "Text between questions; asks nothing"
        preview_value = {"text": "<p>We collect fly-tipping within 5 working days.</p>"}


class QuestionsBlock(blocks.StreamBlock):
    short_text = ShortTextBlock()
    long_text = LongTextBlock()
    email = EmailQuestionBlock()
    phone = PhoneBlock()
    number = NumberBlock()
    date = DateBlock()
    radios = RadiosBlock()
    checkboxes = CheckboxesBlock()
    select = SelectBlock()
    yes_no = YesNoBlock()
    address = AddressBlock()
    location = LocationBlock()
    file_upload = FileUploadBlock()
    declaration = DeclarationBlock()
    information = InformationBlock()


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=150, help_text="The page heading when this step has several questions.")
    questions = QuestionsBlock(min_num=1)

    class Meta:
        icon = "form"
        label = "Step"
        description = "One page of the form"


class FormStepsBlock(blocks.StreamBlock):
    step = StepBlock()

    def get_form_state(self, value):
        """Conditions are stored with the id of the question they depend on; editors
        see and type that question's wording instead."""
        state = super().get_form_state(value)
        if not value:
            return state
        from services.forms.definition import definition_from_stream

        labels = {q.id: q.label for q in definition_from_stream(value).questions if q.asks}
        for step_state in state:
            for question_state in step_state["value"].get("questions") or []:
                condition = question_state["value"].get("condition") or {}
                reference = (condition.get("question") or "").strip()
                if reference in labels:
                    condition["question"] = labels[reference]
        return state

    def clean(self, value):
        value = super().clean(value)
        from services.forms.definition import ConditionError, resolve_conditions

        try:
            resolve_conditions(value)
        except ConditionError as error:
            raise StreamBlockValidationError(non_block_errors=[ValidationError(str(error))]) from error
        return value
