"""The life of a best-practice record: creation, edits, moderation, revisions, documents.

HTML views, the API, the admin and the demo seed all call these functions; the workflow
exists once. Each write runs in ``transaction.atomic()`` with the practice row locked,
checks the state against ``TRANSITIONS``, records an ``Activity`` and queues e-mails
after commit.

The rules:

- **Who.** Editors and admins of the owner organisation create practices, edit them and
  submit them. Coordinators request changes, publish, reject, archive and decide on
  revisions; they may also edit any practice (to correct it) but do not submit on the
  owner's behalf. Reviewers and plain members change nothing here.
- **Editing by state.** Draft and changes requested: the row is edited in place and its
  ``version`` increases. Submitted: locked while under review, for everyone; the
  coordinator hands it back with "request changes". Published: an edit creates or updates
  the one pending ``PracticeRevision``; the public keeps the published text until a
  coordinator approves it. Rejected and archived: final, no edits.
- **No lost work.** Every edit carries the version the person started from
  (``expected_version``); if someone saved in between, ``StaleEdit`` is raised and
  nothing is written. The version of a practice with a pending revision is the
  revision's version. Revision versions continue the practice's sequence (a new revision
  starts above every version seen before, approval moves the practice above its
  revision), so a number a form was opened with never comes back.
- **Documents.** Attachments are not part of revisions, so they change only while the
  practice is editable in place (draft, changes requested) by those who may edit it;
  coordinators may also correct the documents of submitted and published practices.
- Changes to the published catalogue (publish, archive, approved revision) call
  ``search_index.catalogue_changed()``.
"""

from __future__ import annotations

import copy
import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import filetype
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max, Model
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from clusters.models import Cluster
from netbioclue import idempotency
from netbioclue.registry import Audit, Kind
from organisations import permissions
from organisations.activity import activities_for, log_action
from organisations.models import Activity, Organisation, User
from practices import policy
from practices.fields import CONTENT_FIELDS, PRACTICE_FIELDS
from practices.models import (
    EDITABLE_STATES,
    RESERVED_SLUGS,
    TRANSITIONS,
    Practice,
    PracticeAttachment,
    PracticeRevision,
    RevisionStatus,
    Status,
)
from practices.services import search_index
from practices.tasks import notify_transition

# Fields whose before/after values the audit trail keeps; for the others (long texts and
# lists of sentences) it records only that they changed.
SHORT_FIELDS = frozenset(spec.name for spec in PRACTICE_FIELDS if spec.audit == Audit.VALUE)
LIST_FIELDS = frozenset(spec.name for spec in PRACTICE_FIELDS if spec.is_list)

# Actions that save content: the latest of them says who saved last (StaleEdit).
SAVE_ACTIONS = (
    "practice.created",
    "practice.edited",
    "practice.revision_proposed",
    "practice.revision_approved",
)

MAX_COMMENT_LENGTH = 5000
MAX_ATTACHMENTS = 20

# Sniffed content type -> the file name extensions that may carry it.
ATTACHMENT_EXTENSIONS = {
    "application/pdf": ("pdf",),
    "image/png": ("png",),
    "image/jpeg": ("jpg", "jpeg"),
}
_TYPE_NAMES = {"application/pdf": "PDF", "image/png": "PNG", "image/jpeg": "JPEG"}


class StaleEdit(ValidationError):
    """Someone saved the practice after the person opened it; nothing was written.

    ``current_version`` is the version to reload; ``saved_at``/``saved_by`` say who
    saved last (for the message). The API maps this to 409/412.
    """

    def __init__(self, *, current_version: int, saved_at, saved_by: str) -> None:
        self.current_version = current_version
        self.saved_at = saved_at
        self.saved_by = saved_by
        super().__init__(
            _(
                "Someone else saved this practice since you opened it (at %(time)s by "
                "%(person)s). Your text is kept below; copy what you need, then reload."
            )
            % {"time": _format_time(saved_at), "person": saved_by},
            code="stale",
        )


def _format_time(moment) -> str:
    if moment is None:
        return "?"
    local = timezone.localtime(moment)
    if local.date() == timezone.localdate():
        return local.strftime("%H:%M")
    return local.strftime("%Y-%m-%d %H:%M")


# ---- Who may do what: practices.policy -------------------------------------------------

# The policy's answers, under the names the services have always used.
allowed_actions = policy.allowed_actions
attachments_open = policy.attachments_open
can_edit = policy.can_edit
can_moderate = policy.can_moderate


def edit_version(practice: Practice, revision: PracticeRevision | None) -> int:
    """The version an edit form starts from: the pending revision's, else the practice's."""
    return revision.version if revision is not None else practice.version


# ---- Content -----------------------------------------------------------------------------


def _json_value(name: str, value: Any) -> Any:
    kind = PRACTICE_FIELDS[name].kind
    if kind == Kind.FOREIGN_KEY:
        return value.pk if isinstance(value, Model) else value
    if kind == Kind.COUNTRY:
        return getattr(value, "code", value) or ""
    if name in LIST_FIELDS:
        return [str(item) for item in value or []]
    if value is None or isinstance(value, int | bool):
        return value
    return str(value)


def content_of(practice: Practice) -> dict[str, Any]:
    """The practice's ``CONTENT_FIELDS`` as JSON-ready values (a foreign key as its id)."""
    # attname: the id of a foreign key, read without loading the related row.
    return {
        name: _json_value(name, getattr(practice, Practice._meta.get_field(name).attname))
        for name in CONTENT_FIELDS
    }


def _content_from(data: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(data) - set(CONTENT_FIELDS)
    if unknown:
        raise ValidationError(
            _("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))},
            code="unknown_fields",
        )
    return {name: _json_value(name, value) for name, value in data.items()}


def apply_content(practice: Practice, content: Mapping[str, Any]) -> None:
    """Set content values (as ``content_of`` gives them) on an in-memory practice."""
    for name, value in content.items():
        setattr(practice, Practice._meta.get_field(name).attname, value)


_NOT_CONTENT = [
    field.name
    for field in Practice._meta.concrete_fields
    if field.name not in CONTENT_FIELDS and not field.generated
]


def _validate(practice: Practice) -> None:
    """The model's own validation of the content fields (lengths, choices, years)."""
    practice.full_clean(exclude=_NOT_CONTENT, validate_unique=False)


def _diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[dict[str, Any]]:
    changes = []
    for name in CONTENT_FIELDS:
        if before.get(name) != after.get(name):
            entry: dict[str, Any] = {"field": name}
            if name in SHORT_FIELDS:
                entry["before"] = before.get(name)
                entry["after"] = after.get(name)
            changes.append(entry)
    return changes


def _slug_for(title: str) -> str:
    base = slugify(title)[:120].strip("-") or "practice"
    taken = set(
        Practice.objects.filter(slug__regex=rf"^{re.escape(base)}(-[0-9]+)?$").values_list(
            "slug", flat=True
        )
    )
    candidate, number = base, 1
    while candidate in taken or candidate in RESERVED_SLUGS:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _lock(practice: Practice | int) -> Practice:
    pk = practice if isinstance(practice, int) else practice.pk
    return Practice.objects.select_for_update(of=("self",)).select_related("owner").get(pk=pk)


def _pending_revision(practice: Practice, *, lock: bool) -> PracticeRevision | None:
    revisions = PracticeRevision.objects.filter(practice=practice, status=RevisionStatus.PENDING)
    if lock:
        revisions = revisions.select_for_update()
    return revisions.first()


def _stale(practice: Practice, current_version: int) -> StaleEdit:
    last = activities_for(practice).filter(action__in=SAVE_ACTIONS).first()
    if last is not None:
        saved_at, saved_by = last.created_at, str(last.actor) if last.actor else _("someone")
    else:
        saved_at, saved_by = practice.updated_at, _("someone")
    return StaleEdit(current_version=current_version, saved_at=saved_at, saved_by=saved_by)


def _notify(activity: Activity) -> None:
    notify_transition.delay_on_commit(activity.pk)


# ---- Create and edit ---------------------------------------------------------------------


def practice_create(
    *,
    organisation: Organisation,
    data: Mapping[str, Any],
    by: User,
    is_illustrative: bool = False,
    idempotency_key: str | None = None,
) -> Practice:
    """A new draft owned by ``organisation``; ``data`` holds ``CONTENT_FIELDS`` values.

    The slug comes from the title, is unique, never a reserved word, and never changes
    afterwards (even when the title does). With ``idempotency_key`` (the form's token) a
    repeated or parallel submit of the same form returns the draft the first one created.
    """
    permissions.require(by, organisation, permissions.EDIT_CONTENT)
    practice, _created = idempotency.create_once(
        key=idempotency_key,
        by=by,
        action="practices.practice_create",
        model=Practice,
        create=lambda: _create_draft(
            organisation=organisation, data=data, by=by, is_illustrative=is_illustrative
        ),
    )
    return practice


def _create_draft(
    *, organisation: Organisation, data: Mapping[str, Any], by: User, is_illustrative: bool
) -> Practice:
    practice = Practice(
        owner=organisation, created_by=by, status=Status.DRAFT, is_illustrative=is_illustrative
    )
    apply_content(practice, _content_from(data))
    _validate(practice)
    with transaction.atomic():
        for _attempt in range(5):
            practice.slug = _slug_for(practice.title)
            try:
                with transaction.atomic():
                    practice.save(force_insert=True)
                break
            except IntegrityError:
                # Two people created practices with the same title at once: next number.
                if not Practice.objects.filter(slug=practice.slug).exists():
                    raise
                practice.pk = None
        else:  # pragma: no cover - five collisions in a row
            raise ValidationError(_("Please try again."), code="slug_collision")
        log_action(
            action="practice.created",
            actor=by,
            target=practice,
            organisation=organisation,
            data={"title": practice.title, "slug": practice.slug},
        )
    return practice


def practice_update(
    *, practice: Practice, data: Mapping[str, Any], expected_version: int, by: User
) -> Practice | PracticeRevision:
    """Save an edit made from ``expected_version``; only the fields in ``data`` change.

    Draft / changes requested: edits the row (version + 1) and returns the practice.
    Published: creates or updates the pending revision and returns it. Other states:
    ``ValidationError`` (code ``locked``). A stale ``expected_version``: ``StaleEdit``.
    Saving without changes writes nothing.
    """
    if not can_edit(by, practice):
        raise PermissionDenied(_("You may not edit this practice."))
    new = _content_from(data)
    with transaction.atomic():
        practice = _lock(practice)
        if practice.status in EDITABLE_STATES:
            return _update_in_place(practice, new, expected_version, by)
        if practice.status == Status.PUBLISHED:
            return _propose_revision(practice, new, expected_version, by)
        raise ValidationError(locked_message(practice), code="locked")


def locked_message(practice: Practice) -> str:
    if practice.status == Status.SUBMITTED:
        return _(
            "This practice is under review and cannot be edited until the coordinator "
            "publishes it or hands it back with requested changes."
        )
    if practice.status == Status.REJECTED:
        return _("This practice was rejected; it can no longer be edited.")
    return _("This practice is archived; it can no longer be edited.")


def _update_in_place(
    practice: Practice, new: dict[str, Any], expected_version: int, by: User
) -> Practice:
    if expected_version != practice.version:
        raise _stale(practice, practice.version)
    before = content_of(practice)
    changes = _diff(before, {**before, **new})
    if not changes:
        return practice
    apply_content(practice, new)
    _validate(practice)
    practice.version += 1
    practice.save()
    log_action(
        action="practice.edited",
        actor=by,
        target=practice,
        organisation=practice.owner,
        data={"changes": changes, "version": practice.version},
    )
    return practice


def _propose_revision(
    practice: Practice, new: dict[str, Any], expected_version: int, by: User
) -> Practice | PracticeRevision:
    revision = _pending_revision(practice, lock=True)
    if expected_version != edit_version(practice, revision):
        raise _stale(practice, edit_version(practice, revision))
    base = revision.content if revision is not None else content_of(practice)
    proposed = {**base, **new}
    changes = _diff(base, proposed)
    if not changes:
        return revision if revision is not None else practice
    candidate = copy.copy(practice)
    apply_content(candidate, proposed)
    _validate(candidate)
    if revision is None:
        highest = practice.revisions.aggregate(highest=Max("version"))["highest"] or 0
        revision = PracticeRevision.objects.create(
            practice=practice,
            content=proposed,
            base_version=practice.version,
            version=max(highest, practice.version) + 1,
            created_by=by,
        )
        activity = log_action(
            action="practice.revision_proposed",
            actor=by,
            target=practice,
            organisation=practice.owner,
            data={"revision": revision.pk, "changes": changes, "version": revision.version},
        )
        _notify(activity)
    else:
        revision.content = proposed
        revision.version += 1
        revision.save(update_fields=["content", "version", "updated_at"])
        log_action(
            action="practice.edited",
            actor=by,
            target=practice,
            organisation=practice.owner,
            data={"revision": revision.pk, "changes": changes, "version": revision.version},
        )
    return revision


# ---- Transitions -------------------------------------------------------------------------


def _wrong_state_message(action: str, practice: Practice) -> str:
    status = str(Status(practice.status).label).lower()
    messages = {
        "submit": _(
            "Only drafts and practices with changes requested can be submitted for review; "
            "this practice is %(status)s."
        ),
        "request_changes": _(
            "Changes can be requested only on a submitted practice; this practice is %(status)s."
        ),
        "publish": _("Only a submitted practice can be published; this practice is %(status)s."),
        "reject": _("Only a submitted practice can be rejected; this practice is %(status)s."),
        "archive": _("Only a published practice can be archived; this practice is %(status)s."),
        "withdraw": _(
            "Only a practice waiting for review can be withdrawn; this practice is %(status)s."
        ),
    }
    return messages[action] % {"status": status}


def _required_text(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: ValidationError(message, code="required")})
    if len(value) > MAX_COMMENT_LENGTH:
        raise ValidationError(
            {
                field: ValidationError(
                    _("At most %(limit)d characters, please.") % {"limit": MAX_COMMENT_LENGTH},
                    code="max_length",
                )
            }
        )
    return value


def _transition(
    *,
    practice: Practice,
    action: str,
    by: User,
    data: dict[str, Any] | None = None,
) -> Practice:
    if not policy.can_perform(by, practice, action):
        if action == "submit":
            raise PermissionDenied(
                _("Only editors of the owner organisation can submit this practice.")
            )
        if action == "withdraw":
            raise PermissionDenied(
                _("Only editors of the owner organisation can withdraw this practice.")
            )
        raise PermissionDenied(_("Only the coordinator can do this."))
    sources, target = TRANSITIONS[action]
    now = timezone.now()
    with transaction.atomic():
        practice = _lock(practice)
        if practice.status not in sources:
            raise ValidationError(_wrong_state_message(action, practice), code="invalid_transition")
        previous = practice.status
        practice.status = target
        if action == "submit":
            practice.submitted_at = now
        elif action == "publish":
            practice.published_at = now
        elif action == "archive":
            PracticeRevision.objects.filter(
                practice=practice, status=RevisionStatus.PENDING
            ).update(status=RevisionStatus.WITHDRAWN, decided_by=by, decided_at=now)
        practice.save(update_fields=["status", "submitted_at", "published_at", "updated_at"])
        activity = log_action(
            action=f"practice.{_ACTION_CODES[action]}",
            actor=by,
            target=practice,
            organisation=practice.owner,
            data={"from": previous, "to": target, **(data or {})},
        )
        _notify(activity)
        if Status.PUBLISHED in (previous, target):
            search_index.catalogue_changed()
    return practice


_ACTION_CODES = {
    "submit": "submitted",
    "request_changes": "changes_requested",
    "publish": "published",
    "reject": "rejected",
    "archive": "archived",
    "withdraw": "withdrawn",
}


def practice_submit(*, practice: Practice, by: User) -> Practice:
    """Draft or changes requested -> submitted (editors of the owner organisation)."""
    return _transition(practice=practice, action="submit", by=by)


def practice_request_changes(*, practice: Practice, comment: str, by: User) -> Practice:
    """Submitted -> changes requested, saying what to change (coordinators)."""
    comment = _required_text(comment, "comment", _("Say what needs to change."))
    return _transition(
        practice=practice, action="request_changes", by=by, data={"comment": comment}
    )


def practice_publish(*, practice: Practice, by: User) -> Practice:
    """Submitted -> published (coordinators)."""
    return _transition(practice=practice, action="publish", by=by)


def practice_reject(*, practice: Practice, reason: str, by: User) -> Practice:
    """Submitted -> rejected, with the reason (coordinators). Final."""
    reason = _required_text(reason, "reason", _("Give the reason for rejecting the practice."))
    return _transition(practice=practice, action="reject", by=by, data={"reason": reason})


def practice_withdraw(*, practice: Practice, by: User) -> Practice:
    """Submitted -> draft (editors of the owner organisation): the submission is taken
    back before the coordinator decided, to be edited and submitted again."""
    return _transition(practice=practice, action="withdraw", by=by)


def practice_archive(*, practice: Practice, by: User) -> Practice:
    """Published -> archived (coordinators); a pending revision is withdrawn."""
    return _transition(practice=practice, action="archive", by=by)


# ---- Revisions of published practices ---------------------------------------------------


def _lock_revision(revision: PracticeRevision, by: User, expected_version: int | None):
    if not can_moderate(by):
        raise PermissionDenied(_("Only the coordinator decides on revisions."))
    practice = _lock(revision.practice_id)
    revision = PracticeRevision.objects.select_for_update().get(pk=revision.pk)
    if revision.status != RevisionStatus.PENDING:
        raise ValidationError(
            _("This revision was already %(status)s.")
            % {"status": str(revision.get_status_display()).lower()},
            code="invalid_transition",
        )
    if expected_version is not None and expected_version != revision.version:
        raise _stale(practice, revision.version)
    return practice, revision


def revision_approve(
    *, revision: PracticeRevision, by: User, expected_version: int | None = None
) -> Practice:
    """Publish the pending revision's text (coordinators); the practice's version moves
    above the revision's. ``expected_version``: the revision version the coordinator
    reviewed (a newer save by the editor raises ``StaleEdit``)."""
    with transaction.atomic():
        practice, revision = _lock_revision(revision, by, expected_version)
        before = content_of(practice)
        proposed = {
            name: value for name, value in revision.content.items() if name in CONTENT_FIELDS
        }
        cluster_id = proposed.get("origin_cluster")
        if cluster_id is not None and not Cluster.objects.filter(pk=cluster_id).exists():
            proposed["origin_cluster"] = None  # deleted since the revision was written
        apply_content(practice, proposed)
        _validate(practice)
        practice.version = max(practice.version, revision.version) + 1
        practice.save()
        revision.status = RevisionStatus.APPROVED
        revision.decided_by = by
        revision.decided_at = timezone.now()
        revision.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
        activity = log_action(
            action="practice.revision_approved",
            actor=by,
            target=practice,
            organisation=practice.owner,
            data={
                "revision": revision.pk,
                "changes": _diff(before, content_of(practice)),
                "version": practice.version,
            },
        )
        _notify(activity)
        search_index.catalogue_changed()
    return practice


def revision_reject(
    *,
    revision: PracticeRevision,
    comment: str,
    by: User,
    expected_version: int | None = None,
) -> PracticeRevision:
    """Turn down the pending revision with a comment (coordinators); the published text
    stays as it is."""
    comment = _required_text(comment, "comment", _("Say why the revision is not accepted."))
    with transaction.atomic():
        practice, revision = _lock_revision(revision, by, expected_version)
        revision.status = RevisionStatus.REJECTED
        revision.decided_by = by
        revision.decided_at = timezone.now()
        revision.comment = comment
        revision.save(update_fields=["status", "decided_by", "decided_at", "comment", "updated_at"])
        activity = log_action(
            action="practice.revision_rejected",
            actor=by,
            target=practice,
            organisation=practice.owner,
            data={"revision": revision.pk, "comment": comment},
        )
        _notify(activity)
    return revision


# ---- One mapping from action to service ----------------------------------------------------


@dataclass(frozen=True)
class WorkflowAction:
    """The service behind a workflow action; ``comment`` names the service's keyword for
    the coordinator's text, when it takes one."""

    service: Callable[..., Any]
    comment: str | None = None


# Every transition of TRANSITIONS, and the two decisions on a pending revision. The HTML
# views, the API's actions and the admin's actions all go through these.
ACTIONS: dict[str, WorkflowAction] = {
    "submit": WorkflowAction(practice_submit),
    "request_changes": WorkflowAction(practice_request_changes, comment="comment"),
    "publish": WorkflowAction(practice_publish),
    "reject": WorkflowAction(practice_reject, comment="reason"),
    "archive": WorkflowAction(practice_archive),
    "withdraw": WorkflowAction(practice_withdraw),
}
REVISION_DECISIONS: dict[str, WorkflowAction] = {
    "approve": WorkflowAction(revision_approve),
    "reject": WorkflowAction(revision_reject, comment="comment"),
}


def _arguments(step: WorkflowAction, comment: str) -> dict[str, str]:
    return {step.comment: comment} if step.comment else {}


def practice_transition(
    *, action: str, practice: Practice, by: User, comment: str = ""
) -> Practice:
    """Take the workflow ``action`` (a key of ``ACTIONS``) through its service;
    ``comment`` reaches the services that take one (and is ignored by the others)."""
    step = ACTIONS[action]
    return step.service(practice=practice, by=by, **_arguments(step, comment))


def revision_decide(
    *,
    decision: str,
    revision: PracticeRevision,
    by: User,
    comment: str = "",
    expected_version: int | None = None,
) -> Practice | PracticeRevision:
    """``approve`` or ``reject`` the pending revision through its service."""
    step = REVISION_DECISIONS[decision]
    return step.service(
        revision=revision, by=by, expected_version=expected_version, **_arguments(step, comment)
    )


# ---- Attachments -------------------------------------------------------------------------


def _original_name(name: str | None) -> str:
    # Browsers may send a path ("C:\\Users\\me\\report.pdf"); keep the last part only.
    base = re.split(r"[\\/]", name or "")[-1].strip()
    base = "".join(char for char in base if char.isprintable())
    return base[-255:] or "document"


def check_upload(uploaded_file: UploadedFile, name: str) -> str:
    """The sniffed content type of an acceptable upload, or a ValidationError naming it.

    The bytes decide: a text file named ``.pdf`` is refused, and so is a PNG named
    ``.pdf`` (the name must match the content).
    """
    size = uploaded_file.size or 0
    if size == 0:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": name}, code="empty")
    if size > PracticeAttachment.MAX_SIZE:
        raise ValidationError(
            _("“%(name)s” is %(size).1f MB; a document may be at most %(max)d MB.")
            % {
                "name": name,
                "size": size / (1024 * 1024),
                "max": PracticeAttachment.MAX_SIZE // (1024 * 1024),
            },
            code="too_large",
        )
    uploaded_file.seek(0)
    head = uploaded_file.read(2048)
    uploaded_file.seek(0)
    kind = filetype.guess(head)
    if kind is None:
        raise ValidationError(
            _(
                "“%(name)s” is not a PDF, PNG or JPEG file: its content is not one of these "
                "types, whatever its name says."
            )
            % {"name": name},
            code="unrecognised_type",
        )
    if kind.mime not in ATTACHMENT_EXTENSIONS:
        raise ValidationError(
            _(
                "“%(name)s” is not accepted: its content is of type %(type)s; only PDF, PNG "
                "and JPEG files are."
            )
            % {"name": name, "type": kind.extension.upper()},
            code="type_not_allowed",
        )
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ATTACHMENT_EXTENSIONS[kind.mime]:
        raise ValidationError(
            _(
                "“%(name)s” contains a %(type)s file but its name does not end in "
                ".%(extension)s. Rename it and upload it again."
            )
            % {
                "name": name,
                "type": _TYPE_NAMES[kind.mime],
                "extension": ATTACHMENT_EXTENSIONS[kind.mime][0],
            },
            code="extension_mismatch",
        )
    return kind.mime


def attachment_add(
    *,
    practice: Practice,
    uploaded_file: UploadedFile,
    title: str = "",
    by: User,
    idempotency_key: str | None = None,
) -> PracticeAttachment:
    """Attach a PDF, PNG or JPEG document (≤ 10 MB, type sniffed from its bytes).

    The file is stored under a generated name; the person's file name is kept only as
    ``original_name`` for the download. With ``idempotency_key`` (the form's token) a
    repeated upload of the same form returns the document the first one added.
    """
    if not can_edit(by, practice):
        raise PermissionDenied(_("You may not change the documents of this practice."))
    attachment, _created = idempotency.create_once(
        key=idempotency_key,
        by=by,
        action=f"practices.attachment_add:{practice.pk}",
        model=PracticeAttachment,
        create=lambda: _add_attachment(
            practice=practice, uploaded_file=uploaded_file, title=title, by=by
        ),
    )
    return attachment


def _add_attachment(
    *, practice: Practice, uploaded_file: UploadedFile, title: str, by: User
) -> PracticeAttachment:
    name = _original_name(uploaded_file.name)
    title = (title or "").strip()
    if len(title) > 200:
        raise ValidationError({"title": _("At most 200 characters, please.")})
    content_type = check_upload(uploaded_file, name)
    with transaction.atomic():
        practice = _lock(practice)
        if not attachments_open(by, practice):
            raise ValidationError(
                _(
                    "Documents can be added only while the practice is a draft or has "
                    "changes requested; ask the coordinator otherwise."
                ),
                code="locked",
            )
        if practice.attachments.count() >= MAX_ATTACHMENTS:
            raise ValidationError(
                _("A practice may have at most %(max)d documents.") % {"max": MAX_ATTACHMENTS},
                code="too_many",
            )
        attachment = PracticeAttachment(
            practice=practice,
            title=title,
            original_name=name,
            content_type=content_type,
            size=uploaded_file.size,
            uploaded_by=by,
        )
        stored = f"{uuid.uuid4().hex}.{ATTACHMENT_EXTENSIONS[content_type][0]}"
        attachment.file.save(stored, uploaded_file, save=False)
        try:
            attachment.save()
            log_action(
                action="practice.attachment_added",
                actor=by,
                target=practice,
                organisation=practice.owner,
                data={"attachment": attachment.pk, "name": name, "size": attachment.size},
            )
        except Exception:
            attachment.file.storage.delete(attachment.file.name)
            raise
    return attachment


def attachment_remove(*, attachment: PracticeAttachment, by: User) -> None:
    """Delete a document; the file goes once the deletion is committed."""
    if not can_edit(by, attachment.practice):
        raise PermissionDenied(_("You may not change the documents of this practice."))
    with transaction.atomic():
        practice = _lock(attachment.practice_id)
        if not attachments_open(by, practice):
            raise ValidationError(
                _(
                    "Documents can be removed only while the practice is a draft or has "
                    "changes requested; ask the coordinator otherwise."
                ),
                code="locked",
            )
        deleted, _rows = PracticeAttachment.objects.filter(
            pk=attachment.pk, practice=practice
        ).delete()
        if not deleted:
            return
        storage, file_name = attachment.file.storage, attachment.file.name
        transaction.on_commit(lambda: storage.delete(file_name))
        log_action(
            action="practice.attachment_removed",
            actor=by,
            target=practice,
            organisation=practice.owner,
            data={"attachment": attachment.pk, "name": attachment.original_name},
        )
