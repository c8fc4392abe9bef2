"""The CRM core: what a case is, who it is for, what happened to it, and what it must send."""

import uuid

from django.db import models


class CaseType(models.Model):
    name = models.CharField(max_length=120, unique=True)
    sla_working_days = models.PositiveSmallIntegerField(
        default=10, help_text="Working days (weekends and bank holidays excluded) to resolve a case."
    )
    team_name = models.CharField(max_length=120, blank=True, help_text="The team that owns these cases.")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class BankHoliday(models.Model):
    """Days that are not working days, kept as data so the SLA clock can be corrected."""

    date = models.DateField(unique=True)
    title = models.CharField(max_length=120)

    class Meta:
        ordering = ["date"]

    def __str__(self):
        return f"{self.title} ({self.date:%d %B %Y})"


class Customer(models.Model):
    name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True, db_index=True)
    phone = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.name or self.email or f"Customer {self.pk}"


class ReferenceCounter(models.Model):
    """The last reference number given out in a year; rows are locked while a case is made."""

    year = models.PositiveSmallIntegerField(unique=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last_number}"


class Case(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Received"
        IN_PROGRESS = "in_progress", "In progress"
        CLOSED = "closed", "Closed"

    class Channel(models.TextChoices):
        WEB = "web", "Web"
        PHONE = "phone", "Phone"
        FACE_TO_FACE = "face_to_face", "Face to face"
        EMAIL = "email", "Email"
        API = "api", "API"
        OPEN311 = "open311", "Open311"

    reference = models.CharField(max_length=32, unique=True)
    case_type = models.ForeignKey(CaseType, on_delete=models.PROTECT, related_name="cases")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True)
    channel = models.CharField(max_length=20, choices=Channel.choices, default=Channel.WEB)
    customer = models.ForeignKey(Customer, null=True, blank=True, on_delete=models.SET_NULL, related_name="cases")
    # What the resident said, keyed by the question's stable id, and the form revision it was said against.
    answers = models.JSONField(default=dict, blank=True)
    # The same answers as the resident saw them: [{"question_id", "label", "answer"}], in order.
    answer_summary = models.JSONField(default=list, blank=True)
    form_key = models.CharField(max_length=100, blank=True, help_text="Which form (or API client) made the case.")
    form_revision_id = models.PositiveIntegerField(null=True, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    location_description = models.CharField(max_length=500, blank=True)
    uprn = models.CharField(max_length=20, blank=True, db_index=True)
    address = models.CharField(max_length=500, blank=True)
    ward = models.CharField(max_length=120, blank=True, db_index=True)
    sla_due = models.DateField(db_index=True)
    tracking_token = models.CharField(max_length=64, unique=True, editable=False)
    submission_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.reference


class CaseEvent(models.Model):
    """One line of a case's timeline."""

    class Kind(models.TextChoices):
        CREATED = "created", "Case created"
        STATUS = "status", "Status changed"
        NOTE = "note", "Note"
        UPDATE = "update", "Update"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.TextField()
    public = models.BooleanField(default=False, help_text="Shown to the resident.")
    actor = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.case}: {self.get_kind_display()}"


class CaseFile(models.Model):
    """A resident's upload, kept under PRIVATE_UPLOAD_ROOT and never under a public URL.

    It belongs to no case while the resident is still filling the form in.
    """

    class Scan(models.TextChoices):
        CLEAN = "clean", "Clean"
        NOT_SCANNED = "not_scanned", "Not scanned (no scanner configured)"
        HELD = "held", "Held: could not be scanned"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.CASCADE, related_name="files")
    question_id = models.CharField(max_length=64, blank=True)
    original_name = models.CharField(max_length=255)
    stored_name = models.CharField(max_length=255, unique=True, editable=False)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    scan_status = models.CharField(max_length=20, choices=Scan.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.original_name


class Outbox(models.Model):
    """A message the case must send, written in the same transaction as the case.

    Workers deliver rows at least once; ``event_id`` lets receivers de-duplicate.
    """

    class Kind(models.TextChoices):
        EMAIL = "email", "Email"
        INTEGRATION = "integration", "Line-of-business integration"

    class State(models.TextChoices):
        PENDING = "pending", "Waiting"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed, will retry"
        DEAD = "dead", "Dead letter"

    event_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.CASCADE, related_name="outbox")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    topic = models.CharField(max_length=100)
    payload = models.JSONField(default=dict)
    state = models.CharField(max_length=20, choices=State.choices, default=State.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    available_at = models.DateTimeField(db_index=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "outbox"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.topic} ({self.get_state_display()})"
