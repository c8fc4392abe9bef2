"""The CRM core: what a case is, who it is for, what happened to it, and what it must send."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models.functions import Upper
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from services.cases.forms import CaseTypeForm


class Team(models.Model):
    """A group of staff who own case types. Members work the cases; supervisors also
    see the team's queue as theirs and assign work. The contact centre sees every case."""

    name = models.CharField(max_length=120, unique=True)
    is_contact_centre = models.BooleanField(
        default=False, help_text="Contact-centre staff create cases of any type and can see every case's status."
    )
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="case_teams")
    supervisors = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="supervised_case_teams")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class CaseType(ClusterableModel):
    name = models.CharField(max_length=120, unique=True)
    sla_working_days = models.PositiveSmallIntegerField(
        default=10, help_text="Working days (weekends and bank holidays excluded) to resolve a case."
    )
    team_name = models.CharField(max_length=120, blank=True, help_text="The team that owns these cases.")
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="case_types", help_text="Owning team."
    )
    duplicate_distance_m = models.PositiveIntegerField(
        default=50, help_text="A new case this close (in metres) to an open one of this type may be a duplicate."
    )
    duplicate_days = models.PositiveSmallIntegerField(
        default=14, help_text="…if that open case was received within this many days."
    )

    base_form_class = CaseTypeForm

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def initial_status(self):
        return self.statuses.order_by("sort_order", "pk").first()


class WorkflowStatus(Orderable):
    """One step of a case type's workflow. The first status is where new cases start."""

    case_type = ParentalKey(CaseType, on_delete=models.CASCADE, related_name="statuses")
    slug = models.SlugField(max_length=50, help_text="A short name, unique within the case type, e.g. 'inspecting'.")
    name = models.CharField(max_length=100, help_text="What staff see.")
    public_label = models.CharField(
        max_length=100, blank=True, help_text="What the resident sees. Leave blank for an internal-only status."
    )
    is_closed = models.BooleanField(default=False, help_text="Cases in this status are closed.")
    allowed_next = models.CharField(
        max_length=500,
        blank=True,
        help_text="Slugs of the statuses a case may move to from here, separated by commas.",
    )
    email_text = models.TextField(
        blank=True, help_text="Email to the customer when a case reaches this (public) status."
    )

    class Meta(Orderable.Meta):
        verbose_name_plural = "workflow statuses"
        constraints = [models.UniqueConstraint(fields=["case_type", "slug"], name="unique_status_slug_per_type")]

    def __str__(self):
        return self.name

    @property
    def next_slugs(self) -> list[str]:
        return [part.strip() for part in self.allowed_next.split(",") if part.strip()]


class ResolutionCategory(Orderable):
    case_type = ParentalKey(CaseType, on_delete=models.CASCADE, related_name="resolution_categories")
    name = models.CharField(max_length=120)

    class Meta(Orderable.Meta):
        verbose_name_plural = "resolution categories"

    def __str__(self):
        return self.name


class Priority(models.TextChoices):
    LOW = "low", "Low"
    NORMAL = "normal", "Normal"
    HIGH = "high", "High"
    URGENT = "urgent", "Urgent"


class PriorityRule(Orderable):
    """When the answer to a question matches, the case gets this priority (first match wins)."""

    case_type = ParentalKey(CaseType, on_delete=models.CASCADE, related_name="priority_rules")
    question_id = models.CharField(max_length=64, help_text="The question's id in the form.")
    answer = models.CharField(max_length=200, help_text="The answer that sets the priority (case-insensitive).")
    priority = models.CharField(max_length=10, choices=Priority.choices, default=Priority.HIGH)

    def __str__(self):
        return f"{self.question_id} = {self.answer} → {self.get_priority_display()}"


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
    address = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # Customers are matched by email address whatever its case (email__iexact, which
        # compares UPPER(email)): without this index every submission reads them all.
        indexes = [models.Index(Upper("email"), name="cases_customer_email_upper")]

    def __str__(self):
        return self.name or self.email or f"Customer {self.pk}"


class CustomerChange(models.Model):
    """One change to a customer's contact details, for the single view of the customer."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="changes")
    field = models.CharField(max_length=40)
    old_value = models.CharField(max_length=500, blank=True)
    new_value = models.CharField(max_length=500, blank=True)
    changed_by = models.CharField(max_length=150, blank=True)
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.customer}: {self.field}"


class ReferenceCounter(models.Model):
    """The last reference number given out in a year; rows are locked while a case is made."""

    year = models.PositiveSmallIntegerField(unique=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last_number}"


# Cases still being worked. Written once so that the queue's filter and the partial
# indexes below have the same condition (PostgreSQL uses a partial index only then).
OPEN_CASES = ~models.Q(status="closed")
# Most pressing first: the queue's priority sort and its index use this one expression.
PRIORITY_RANK = models.Case(
    models.When(priority="urgent", then=models.Value(3)),
    models.When(priority="high", then=models.Value(2)),
    models.When(priority="normal", then=models.Value(1)),
    default=models.Value(0),
    output_field=models.IntegerField(),
)


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
        POST = "post", "Post"
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
    sla_due = models.DateField()  # indexed for open cases (Meta.indexes), the only ones with a clock
    tracking_token = models.CharField(max_length=64, unique=True, editable=False)
    submission_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    workflow_status = models.ForeignKey(
        WorkflowStatus, null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    priority = models.CharField(max_length=10, choices=Priority.choices, default=Priority.NORMAL, db_index=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="assigned_cases"
    )
    resolution_category = models.ForeignKey(ResolutionCategory, null=True, blank=True, on_delete=models.PROTECT)
    closed_at = models.DateTimeField(null=True, blank=True)
    # A case staff linked to an earlier report of the same problem: the main case's
    # public updates reach this case's customer too.
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )

    class Meta:
        ordering = ["-created_at"]
        # The queues list open cases in these orders; each index lets a page of 50 be
        # read in order instead of sorting every open case (200,000 at a large council).
        indexes = [
            models.Index(fields=["sla_due", "id"], condition=OPEN_CASES, name="case_open_due_idx"),
            models.Index(fields=["sla_due", "id"], name="case_due_idx"),  # open and closed together
            models.Index(fields=["created_at", "id"], condition=OPEN_CASES, name="case_open_created_idx"),
            # The filters staff use most, each read in due order.
            models.Index(fields=["case_type", "sla_due", "id"], condition=OPEN_CASES, name="case_open_type_due_idx"),
            models.Index(fields=["ward", "sla_due", "id"], condition=OPEN_CASES, name="case_open_ward_due_idx"),
            models.Index(
                fields=["assigned_to", "sla_due", "id"], condition=OPEN_CASES, name="case_open_assignee_due_idx"
            ),
            models.Index(
                PRIORITY_RANK.desc(),
                models.F("sla_due"),
                models.F("id"),
                condition=OPEN_CASES,
                name="case_open_priority_idx",
            ),
        ]

    def __str__(self):
        return self.reference

    @property
    def status_label(self) -> str:
        if self.workflow_status_id:
            return self.workflow_status.name
        return self.get_status_display()

    @property
    def public_status_label(self) -> str:
        """What the resident is told: the last public status the case reached."""
        if self.workflow_status_id and self.workflow_status.public_label:
            return self.workflow_status.public_label
        return self.get_status_display()


class Contact(models.Model):
    """A general enquiry handled by staff; most are resolved there and then."""

    class Channel(models.TextChoices):
        PHONE = "phone", "Phone"
        FACE_TO_FACE = "face_to_face", "Face to face"
        EMAIL = "email", "Email"
        POST = "post", "Post"

    channel = models.CharField(max_length=20, choices=Channel.choices)
    topic = models.CharField(max_length=120)
    outcome = models.TextField()
    resolved_at_first_contact = models.BooleanField(default=True)
    customer = models.ForeignKey(Customer, null=True, blank=True, on_delete=models.SET_NULL, related_name="contacts")
    case = models.ForeignKey("Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="contacts")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.topic} ({self.get_channel_display()})"


class CaseEvent(models.Model):
    """One line of a case's timeline."""

    class Kind(models.TextChoices):
        CREATED = "created", "Case created"
        STATUS = "status", "Status changed"
        NOTE = "note", "Note"
        UPDATE = "update", "Update"
        EMAIL = "email", "Email to the customer"
        DUPLICATE = "duplicate", "Duplicate"

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

    @property
    def private_path(self):
        """Where the upload pipeline keeps the file (``services.forms.uploads.private_path``)."""
        from pathlib import Path

        return Path(settings.PRIVATE_UPLOAD_ROOT) / "cases" / self.stored_name[:2] / self.stored_name


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


class AuditEntry(models.Model):
    """Who read a case's personal data or changed something, when, and what. Append-only:
    rows are never changed or deleted here. It names cases by reference and customers by
    number, never by their details, so the trail itself holds no personal data."""

    class Action(models.TextChoices):
        CASE_VIEWED = "case_viewed", "Viewed a case"
        FILE_DOWNLOADED = "file_downloaded", "Downloaded an upload"
        CUSTOMER_VIEWED = "customer_viewed", "Viewed a customer"
        CUSTOMER_CHANGED = "customer_changed", "Changed a customer's details"
        CASE_CREATED = "case_created", "Created a case for a caller"
        STATUS_CHANGED = "status_changed", "Changed a case's status"
        NOTE_ADDED = "note_added", "Added a note or update"
        ASSIGNED = "assigned", "Assigned a case"
        LINKED = "linked", "Linked a duplicate case"
        UNLINKED = "unlinked", "Unlinked a duplicate case"
        TRACKING_REVOKED = "tracking_revoked", "Revoked a tracking link"
        EXPORTED = "exported", "Exported cases"

    at = models.DateTimeField(db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    username = models.CharField(max_length=150, db_index=True)
    action = models.CharField(max_length=30, choices=Action.choices, db_index=True)
    case_reference = models.CharField(max_length=32, blank=True, db_index=True)
    customer_id = models.PositiveIntegerField(null=True, blank=True, db_index=True)
    detail = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name_plural = "audit entries"
        permissions = [("search_audit", "Can search the audit trail (data protection)")]

    def __str__(self):
        return f"{self.username} {self.get_action_display()} {self.case_reference}".strip()

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit entries are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit entries are never deleted.")
