"""Peewee classes over the schema that migrations.py creates. Nouns, one per table."""

from __future__ import annotations

from peewee import (
    AutoField,
    BlobField,
    BooleanField,
    CompositeKey,
    DatabaseProxy,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from networker.storage.timestamps import UtcDateTimeField

# The tables' Meta.database, never initialised: every query names its database
# (storage functions take ``db`` and execute on it), so a worker thread, a damaged file
# being salvaged and the window's own file never meet through a global. A query that
# forgets its database fails at once ("Cannot use uninitialized Proxy").
database_proxy = DatabaseProxy()


class BaseModel(Model):
    class Meta:
        database = database_proxy
        legacy_table_names = False


class Contact(BaseModel):
    id = AutoField()
    uid = TextField(unique=True)
    given_name = TextField(default="")
    family_name = TextField(default="")
    display_name = TextField()
    organization = TextField(default="")
    title = TextField(default="")
    birthday = TextField(null=True)  # "YYYY-MM-DD", or "--MM-DD" without a year
    notes = TextField(default="")
    how_we_met = TextField(default="")
    source = TextField(default="other")
    school = TextField(default="")
    strength = IntegerField(null=True)
    cadence_days = IntegerField(null=True)
    created_at = UtcDateTimeField()
    updated_at = UtcDateTimeField()
    # When the user met them (new-contact goals): NULL for a contact an import brought
    # in without saying when (schema step 18).
    met_at = UtcDateTimeField(null=True)
    archived = BooleanField(default=False)
    sort_name = TextField()  # casefolded display name, indexed for the list
    search_text = TextField(default="")  # what the search field looks in
    # Kept by the schema's triggers (step 7), never written by the code.
    last_interaction_at = UtcDateTimeField(null=True)
    next_touch_at = UtcDateTimeField(null=True)  # when keeping in touch comes due
    touch_reset_at = UtcDateTimeField(null=True)  # keeping in touch marked done/dismissed
    name_prefix = TextField(default="")
    middle_name = TextField(default="")
    name_suffix = TextField(default="")
    gender = TextField(default="")


class ContactPhoto(BaseModel):
    # Apart from the contact row, so scanning contacts never walks photo pages.
    contact = ForeignKeyField(Contact, primary_key=True, on_delete="CASCADE", backref="photo")
    thumbnail = BlobField()


class Email(BaseModel):
    id = AutoField()
    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="emails")
    label = TextField(default="")
    address = TextField()
    position = IntegerField(default=0)
    types = TextField(default="")  # vCard TYPE values as written, comma-joined
    params = TextField(default="")  # other vCard parameters as written, one a line


class Phone(BaseModel):
    id = AutoField()
    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="phones")
    label = TextField(default="")
    number = TextField()
    position = IntegerField(default=0)
    digits = TextField(default="")  # the last ten digits, for matching imports
    types = TextField(default="")  # vCard TYPE values as written, comma-joined
    params = TextField(default="")  # other vCard parameters as written, one a line


class Url(BaseModel):
    id = AutoField()
    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="urls")
    label = TextField(default="")
    url = TextField()
    position = IntegerField(default=0)
    types = TextField(default="")  # vCard TYPE values as written, comma-joined
    params = TextField(default="")  # other vCard parameters as written, one a line


class Tag(BaseModel):
    id = AutoField()
    name = TextField(unique=True)


class ContactTag(BaseModel):
    contact = ForeignKeyField(Contact, on_delete="CASCADE")
    tag = ForeignKeyField(Tag, on_delete="CASCADE")

    class Meta:
        primary_key = CompositeKey("contact", "tag")


class ContactExtra(BaseModel):
    id = AutoField()
    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="extras")
    line = TextField()
    position = IntegerField(default=0)


class ContactDetail(BaseModel):
    """The card's lists: nicknames, organization units, titles, roles, addresses,
    handles, dates and related people (storage/card_details.py)."""

    id = AutoField()
    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="details")
    kind = TextField()
    label = TextField(default="")
    types = TextField(default="")
    value = TextField()
    position = IntegerField(default=0)
    written_as = TextField(default="")  # a related person's vCard property (step 15)
    params = TextField(default="")  # its other parameters, one a line (step 15)


class ContactSource(BaseModel):
    id = AutoField()
    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="sources")
    file_name = TextField()
    format = TextField()
    imported_at = UtcDateTimeField()


class ContactChange(BaseModel):
    id = AutoField()
    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="changes")
    field = TextField()
    old_value = TextField()
    new_value = TextField()
    changed_at = UtcDateTimeField()
    source = TextField()


class ImportRun(BaseModel):
    """An import, announced in a commit of its own before it writes and marked finished
    in the same transaction as its data: one left "started" was killed."""

    id = AutoField()
    started_at = UtcDateTimeField()
    files = TextField()
    status = TextField(default="started")  # started, finished, cancelled, failed, interrupted


class Interaction(BaseModel):
    id = AutoField()
    kind = TextField()
    occurred_at = UtcDateTimeField()
    summary = TextField(default="")
    notes = TextField(default="")
    follow_up_on = TextField(null=True)  # "YYYY-MM-DD": a day the user means, local
    value = TextField(default="")  # "", "given", "received"
    value_kind = TextField(default="")
    created_at = UtcDateTimeField()
    event_id = IntegerField(null=True)  # the event it happened at (REFERENCES event)


class InteractionContact(BaseModel):
    interaction = ForeignKeyField(Interaction, on_delete="CASCADE")
    contact = ForeignKeyField(Contact, on_delete="CASCADE")

    class Meta:
        primary_key = CompositeKey("interaction", "contact")


class Milestone(BaseModel):
    id = AutoField()
    contact = ForeignKeyField(Contact, on_delete="CASCADE")
    kind = TextField()  # domain.milestones.MilestoneKind values
    happened_on = TextField()  # "YYYY-MM-DD": a day, local
    text = TextField(default="")
    created_at = UtcDateTimeField()


class JobRole(BaseModel):
    id = AutoField()
    contact = ForeignKeyField(Contact, on_delete="CASCADE")
    organization = TextField(default="")
    title = TextField(default="")
    started_on = TextField()  # "YYYY-MM-DD" days, as the sources dated them
    seen_on = TextField()
    ended_on = TextField(null=True)  # NULL: the current role


class Reminder(BaseModel):
    id = AutoField()
    kind = TextField()  # domain.reminders.ReminderKind values
    contact = ForeignKeyField(Contact, null=True, on_delete="CASCADE")
    interaction = ForeignKeyField(Interaction, null=True, on_delete="CASCADE")
    occurrence = TextField(default="")
    title = TextField()
    due_at = UtcDateTimeField()
    state = TextField(default="open")  # open, done, dismissed
    snoozed_until = UtcDateTimeField(null=True)
    notified_at = UtcDateTimeField(null=True)
    created_at = UtcDateTimeField()
    milestone = ForeignKeyField(Milestone, null=True, on_delete="CASCADE")
    event_id = IntegerField(null=True)  # an event's reminder (REFERENCES event)


class Event(BaseModel):
    id = AutoField()
    uid = TextField()
    recurrence_id = TextField(default="")
    series = ForeignKeyField("self", null=True, on_delete="CASCADE")
    title = TextField()
    kind = TextField(default="other")  # domain.events.EventKind values
    starts = TextField()  # see migrations._V11 for the three forms
    ends = TextField()
    zone = TextField(default="")
    span_start = TextField()
    span_end = TextField()
    location = TextField(default="")
    url = TextField(default="")
    notes = TextField(default="")
    organizer_group = TextField(default="")
    reminder_minutes = IntegerField(null=True)
    rrule = TextField(default="")
    exdates = TextField(default="")  # a JSON array of starts, in the form of starts
    stage = TextField(default="")
    extra = TextField(default="")
    created_at = UtcDateTimeField()
    updated_at = UtcDateTimeField()


class EventAttendee(BaseModel):
    id = AutoField()
    event = ForeignKeyField(Event, on_delete="CASCADE")
    contact = ForeignKeyField(Contact, null=True, on_delete="SET NULL")
    email = TextField(default="")
    name = TextField(default="")
    params = TextField(default="")
    position = IntegerField(default=0)


class TagCadence(BaseModel):
    tag = ForeignKeyField(Tag, primary_key=True, on_delete="CASCADE")
    cadence_days = IntegerField()


class NotDuplicate(BaseModel):
    """A pair the user said are two people; first < second."""

    first = ForeignKeyField(Contact, on_delete="CASCADE", column_name="first_id")
    second = ForeignKeyField(Contact, on_delete="CASCADE", column_name="second_id")
    marked_at = UtcDateTimeField()

    class Meta:
        primary_key = CompositeKey("first", "second")


class Goal(BaseModel):
    id = AutoField()
    title = TextField()
    purpose = TextField(default="other")  # domain.goals.Purpose values
    description = TextField(default="")
    repeat = TextField(default="")  # "", weekly, monthly, quarterly
    starts_on = TextField()  # "YYYY-MM-DD", local
    ends_on = TextField(null=True)  # the last day included; NULL for a repeating goal
    status = TextField(default="active")
    position = IntegerField(default=0)
    created_at = UtcDateTimeField()
    updated_at = UtcDateTimeField()


class GoalTarget(BaseModel):
    id = AutoField()
    goal = ForeignKeyField(Goal, on_delete="CASCADE")
    kind = TextField()  # domain.goals.TargetKind values
    amount = IntegerField()
    filters = TextField(default="")  # JSON: kinds, tag, source, organization
    only_linked = BooleanField(default=False)
    manual_count = IntegerField(default=0)
    position = IntegerField(default=0)


class GoalLink(BaseModel):
    id = AutoField()
    goal = ForeignKeyField(Goal, on_delete="CASCADE")
    contact = ForeignKeyField(Contact, null=True, on_delete="CASCADE")
    event = ForeignKeyField(Event, null=True, on_delete="CASCADE")
    interaction = ForeignKeyField(Interaction, null=True, on_delete="CASCADE")


class GoalPeriod(BaseModel):
    goal = ForeignKeyField(Goal, on_delete="CASCADE")
    starts_on = TextField()
    ends_on = TextField()
    achieved = BooleanField()
    counts = TextField(default="")  # JSON: [[target id, count, amount], ...]
    closed_at = UtcDateTimeField()

    class Meta:
        primary_key = CompositeKey("goal", "starts_on")


ALL_TABLES = [
    Contact, ContactPhoto, Email, Phone, Url, Tag, ContactTag, ContactExtra, ContactDetail,
    ContactSource, ContactChange, ImportRun, Interaction, InteractionContact, Milestone,
    JobRole, Reminder, TagCadence, Event, EventAttendee, NotDuplicate, Goal, GoalTarget,
    GoalLink, GoalPeriod,
]  # fmt: skip
