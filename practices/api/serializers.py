"""Serializers of the practices API: lean output for lists, full output for one practice,
and input serializers that only check shapes before the workflow service decides.

The list is the hot path (100 items a page): it reads plain rows (``.values()`` of
``LIST_VALUES``, one query with the owner and cluster joined) and builds each item by
hand; the declared fields are there for the OpenAPI schema and say what comes out.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.urls import reverse
from django_countries import countries
from rest_framework import serializers

from netbioclue.registry import FieldSpec, Kind
from netbioclue.rest.serializers import ApiUrlField, PageUrlField, StrictSerializer
from practices.fields import PRACTICE_FIELDS, max_length
from practices.forms import MAX_LINES
from practices.models import Practice

_LISTED = PRACTICE_FIELDS.listed()
# The columns a list item is made of (``.values()`` names; ``id`` is the cursor's
# tie-breaker); a foreign key is read as its slug and name.
LIST_VALUES = (
    "id",
    *(
        name
        for spec in _LISTED
        for name in (
            (f"{spec.name}__slug", f"{spec.name}__name")
            if spec.kind == Kind.FOREIGN_KEY
            else (spec.name,)
        )
    ),
)
# The detail adds the other fields; dotted API names (``contact.email``) are nested.
_DETAIL = tuple(spec for spec in PRACTICE_FIELDS if not spec.listed and "." not in spec.api)
_NESTED: dict[str, tuple[FieldSpec, ...]] = {}
for _spec in PRACTICE_FIELDS:
    if "." in _spec.api:
        _NESTED.setdefault(_spec.api.split(".")[0], ())
        _NESTED[_spec.api.split(".")[0]] += (_spec,)
_PLACEHOLDER = "__slug__"


def utc(value: datetime.datetime | None) -> str | None:
    """ISO 8601 in UTC with ``Z``, as DRF renders timestamps under ``ApiViewMixin``."""
    if value is None:
        return None
    text = value.isoformat()  # the database answers in UTC: no conversion needed then
    if not text.endswith("+00:00"):
        text = value.astimezone(datetime.UTC).isoformat()
    return text[:-6] + "Z"


def row_of(practice: Practice) -> dict[str, Any]:
    """A practice instance as the row ``LIST_VALUES`` would give (for the detail)."""
    row: dict[str, Any] = {}
    for spec in _LISTED:
        value = getattr(practice, spec.name)
        if spec.kind == Kind.FOREIGN_KEY:
            row[f"{spec.name}__slug"] = value.slug if value else None
            row[f"{spec.name}__name"] = value.name if value else None
        elif spec.kind == Kind.COUNTRY:
            row[spec.name] = value.code or ""
        else:
            row[spec.name] = value
    return row


class OwnerSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)


class ClusterRefSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)


# How the API shows a foreign key (slug and name), by related model.
_REFERENCES = {"Organisation": OwnerSerializer, "Cluster": ClusterRefSerializer}


def _blank_choices(spec: FieldSpec) -> list:
    choices = list(spec.vocabulary.choices)
    return [*choices, ("", "")] if Practice._meta.get_field(spec.name).blank else choices


def output_field(spec: FieldSpec) -> serializers.Field:
    """The read-only serializer field of a practice field, by its kind (for the schema)."""
    model_field = Practice._meta.get_field(spec.name)
    options: dict[str, Any] = {"read_only": True}
    help_text = str(spec.help_text)
    if spec.kind == Kind.MULTI_CHOICE:
        help_text = help_text or f"{spec.label}: values of `/api/v1/taxonomy/{spec.facet}/`."
        return serializers.ListField(
            child=serializers.ChoiceField(choices=spec.vocabulary.choices),
            help_text=help_text,
            **options,
        )
    if help_text:
        options["help_text"] = help_text
    if spec.kind == Kind.FOREIGN_KEY:
        serializer = _REFERENCES[model_field.related_model.__name__]
        return serializer(allow_null=model_field.null, **options)
    if spec.kind == Kind.CHOICE:
        return serializers.ChoiceField(choices=_blank_choices(spec), **options)
    if spec.kind == Kind.COUNTRY:
        options.setdefault("help_text", "ISO 3166 country code, or empty when not given.")
        return serializers.CharField(**options)
    if spec.kind == Kind.TEXT_LIST:
        return serializers.ListField(child=serializers.CharField(), **options)
    if spec.kind == Kind.URL_LIST:
        return serializers.ListField(child=serializers.URLField(), **options)
    if spec.kind == Kind.INTEGER:
        return serializers.IntegerField(allow_null=model_field.null, **options)
    if spec.kind == Kind.DATETIME:
        return serializers.DateTimeField(allow_null=model_field.null, **options)
    if spec.kind == Kind.BOOLEAN:
        return serializers.BooleanField(**options)
    if spec.name == "slug":
        return serializers.SlugField(**options)
    return serializers.CharField(**options)


def _item_value(spec: FieldSpec):
    """How a list item takes a field from its row (None: as it is)."""
    if spec.kind == Kind.FOREIGN_KEY:
        slug, name = f"{spec.name}__slug", f"{spec.name}__name"
        return lambda row: {"slug": row[slug], "name": row[name]} if row[slug] else None
    if spec.kind == Kind.DATETIME:
        return lambda row: utc(row[spec.name])
    if spec.kind == Kind.COUNTRY:
        return lambda row: row[spec.name] or ""
    return None


# (API name, row column, conversion or None) of each listed field after the slug.
_ITEM = tuple((spec.api, spec.name, _item_value(spec)) for spec in _LISTED if spec.name != "slug")


class _ListItemSerializer(serializers.Serializer):
    def _templates(self) -> tuple[str, str]:
        templates = getattr(self, "_url_templates", None)
        if templates is None:
            request = self.context.get("request")
            paths = (
                reverse("practice-detail", kwargs={"slug": _PLACEHOLDER}),
                reverse("practices:detail", kwargs={"slug": _PLACEHOLDER}),
            )
            if request is not None:
                paths = tuple(request.build_absolute_uri(path) for path in paths)
            templates = self._url_templates = paths
        return templates

    def to_representation(self, row: dict[str, Any]) -> dict[str, Any]:
        api, page = self._templates()
        slug = row["slug"]
        item = {
            "slug": slug,
            "url": api.replace(_PLACEHOLDER, slug),
            "html_url": page.replace(_PLACEHOLDER, slug),
        }
        for name, column, convert in _ITEM:
            item[name] = row[column] if convert is None else convert(row)
        return item


def _list_fields() -> dict[str, serializers.Field]:
    # Created in order: the schema lists fields in the order they were made.
    fields = {"slug": output_field(PRACTICE_FIELDS["slug"])}
    fields["url"] = ApiUrlField("practice-detail")
    fields["html_url"] = PageUrlField("practices:detail")
    fields.update({spec.api: output_field(spec) for spec in _LISTED if spec.name != "slug"})
    return fields


PracticeListSerializer = type(
    "PracticeListSerializer",
    (_ListItemSerializer,),
    {
        **_list_fields(),
        "__module__": __name__,
        "__doc__": "A practice as lists show it (built from a ``LIST_VALUES`` row).",
    },
)


class AttachmentSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True, help_text="May be empty; then show `name`.")
    name = serializers.CharField(read_only=True, help_text="The uploaded file's name.")
    url = serializers.URLField(
        read_only=True,
        help_text="Download address on the portal. Documents of a practice that is not "
        "published download only in a browser signed in as a member of its organisation.",
    )
    content_type = serializers.ChoiceField(
        choices=["application/pdf", "image/png", "image/jpeg"],
        read_only=True,
        help_text="Sniffed from the file's bytes on upload.",
    )
    size = serializers.IntegerField(read_only=True, help_text="In bytes.")

    def to_representation(self, attachment) -> dict[str, Any]:
        path = reverse(
            "practices:attachment",
            kwargs={"slug": attachment.practice.slug, "attachment_id": attachment.pk},
        )
        request = self.context.get("request")
        return {
            "id": attachment.pk,
            "title": attachment.title,
            "name": attachment.original_name,
            "url": request.build_absolute_uri(path) if request is not None else path,
            "content_type": attachment.content_type,
            "size": attachment.size,
        }


class CriterionMeansSerializer(serializers.Serializer):
    relevance = serializers.FloatField(read_only=True)
    feasibility = serializers.FloatField(read_only=True)
    preconditions = serializers.FloatField(read_only=True)
    impact = serializers.FloatField(read_only=True)


class ReproducibilitySerializer(serializers.Serializer):
    """What the reviewers' stakeholder interviews say (scores 1-5)."""

    interview_count = serializers.IntegerField(read_only=True)
    transferability = serializers.ChoiceField(
        choices=_blank_choices(PRACTICE_FIELDS["transferability"]), read_only=True
    )
    overall_mean = serializers.FloatField(read_only=True, allow_null=True)
    means = CriterionMeansSerializer(
        read_only=True, allow_null=True, help_text="Mean score per criterion; null if none."
    )
    stakeholder_types = serializers.ListField(child=serializers.CharField(), read_only=True)
    adaptations = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text="Preconditions or adaptations the stakeholders named.",
    )

    def to_representation(self, summary) -> dict[str, Any]:
        means = {name: float(value) for name, value in summary.means.items()} or None
        return {
            "interview_count": summary.interview_count,
            "transferability": summary.transferability,
            "overall_mean": float(summary.overall_mean) if summary.overall_mean else None,
            "means": means,
            "stakeholder_types": list(summary.stakeholder_types),
            "adaptations": list(summary.adaptations),
        }


ContactSerializer = type(
    "ContactSerializer",
    (serializers.Serializer,),
    {
        spec.api.split(".", 1)[1]: serializers.CharField(read_only=True)
        for spec in _NESTED["contact"]
    }
    | {"__module__": __name__},
)


class PendingRevisionSerializer(serializers.Serializer):
    """An edit of the published text waiting for the coordinator (insiders only)."""

    version = serializers.IntegerField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    content = serializers.DictField(
        read_only=True,
        help_text="The proposed values of the editable fields (`origin_cluster` as a slug).",
    )


# The detail's own fields (body, status), declared from the registry for the schema.
_DetailFields = type(
    "_DetailFields",
    (serializers.Serializer,),
    {spec.api: output_field(spec) for spec in _DETAIL} | {"__module__": __name__},
)


class PracticeDetailSerializer(PracticeListSerializer, _DetailFields):
    """One practice with its body, documents, reproducibility and (for partners) contact.

    The view passes in the context what costs a query: ``reproducibility`` (the summary),
    ``contact_visible``, ``pending_revision`` (insiders), ``actions``.
    """

    attachments = AttachmentSerializer(many=True, read_only=True)
    reproducibility = ReproducibilitySerializer(read_only=True)
    contact = ContactSerializer(
        read_only=True,
        allow_null=True,
        help_text="For members of partner organisations, their API keys and the coordinator "
        "only (null otherwise), as on the portal.",
    )
    pending_revision = PendingRevisionSerializer(
        read_only=True,
        allow_null=True,
        help_text="For the owner organisation and the coordinator: the edit of the "
        "published text awaiting approval, if any.",
    )
    actions = serializers.ListField(
        child=serializers.ChoiceField(
            choices=["submit", "request_changes", "publish", "reject", "archive", "withdraw"]
        ),
        read_only=True,
        help_text="The workflow actions you may take on this practice now; each is a POST "
        "to the practice's address plus the action, with `-` for `_` (`request-changes/`).",
    )

    def to_representation(self, practice: Practice) -> dict[str, Any]:
        data = super().to_representation(row_of(practice))
        for spec in _DETAIL:
            data[spec.api] = getattr(practice, spec.name)
        data["attachments"] = AttachmentSerializer(
            practice.attachments.all(), many=True, context=self.context
        ).data
        data["reproducibility"] = ReproducibilitySerializer(self.context["reproducibility"]).data
        data["contact"] = (
            {spec.api.split(".", 1)[1]: getattr(practice, spec.name) for spec in _NESTED["contact"]}
            if self.context.get("contact_visible")
            else None
        )
        revision = self.context.get("pending_revision")
        data["pending_revision"] = (
            {
                "version": revision.version,
                "created_at": utc(revision.created_at),
                "content": self.context.get("revision_content", revision.content),
            }
            if revision is not None
            else None
        )
        data["actions"] = list(self.context.get("actions", []))
        return data


# ---- Input --------------------------------------------------------------------------------


class HttpUrlField(serializers.URLField):
    """An http(s) address, as the portal's form accepts."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators = [v for v in self.validators if not isinstance(v, URLValidator)] + [
            URLValidator(schemes=["http", "https"])
        ]


def _choices_list(choices, help_text: str = "") -> serializers.ListField:
    return serializers.ListField(
        child=serializers.ChoiceField(choices=choices.choices),
        required=False,
        max_length=len(choices.choices),
        help_text=help_text,
    )


def _text(name: str | None = None, **kwargs) -> serializers.CharField:
    if name is not None:  # the model's maximum length (also the schema's maxLength)
        kwargs.setdefault("max_length", Practice._meta.get_field(name).max_length)
    return serializers.CharField(required=False, allow_blank=True, **kwargs)


def _limits(model_field) -> dict[str, int]:
    """The model's MinValueValidator/MaxValueValidator as min_value/max_value."""
    limits = {}
    for validator in model_field.validators:
        if isinstance(validator, MinValueValidator):
            limits["min_value"] = validator.limit_value
        elif isinstance(validator, MaxValueValidator):
            limits["max_value"] = validator.limit_value
    return limits


def input_field(spec: FieldSpec) -> serializers.Field:
    """The serializer field that takes an editable practice field, by its kind; lengths,
    ranges and blank-ness come from the model field."""
    model_field = Practice._meta.get_field(spec.name)
    limit = max_length(spec.name)
    options: dict[str, Any] = {}
    if spec.help_text:
        options["help_text"] = str(spec.help_text)
    if limit:
        options["max_length"] = limit
    if spec.kind in (Kind.SHORT_TEXT, Kind.TEXT):
        if spec.required:
            return serializers.CharField(**options)
        return _text(**options)
    if spec.kind == Kind.EMAIL:
        return serializers.EmailField(required=False, allow_blank=True, **options)
    list_options = {"required": False, "help_text": options.get("help_text", "")}
    if spec.kind == Kind.TEXT_LIST:
        return serializers.ListField(
            child=serializers.CharField(max_length=limit), max_length=MAX_LINES, **list_options
        )
    if spec.kind == Kind.URL_LIST:
        return serializers.ListField(
            child=HttpUrlField(max_length=limit), max_length=MAX_LINES, **list_options
        )
    if spec.kind == Kind.MULTI_CHOICE:
        return _choices_list(spec.vocabulary, list_options["help_text"])
    options.pop("max_length", None)
    if spec.kind == Kind.CHOICE:
        blank = {"allow_blank": True} if model_field.blank else {}
        return serializers.ChoiceField(
            choices=spec.vocabulary.choices, required=False, **blank, **options
        )
    if spec.kind == Kind.COUNTRY:
        options.setdefault("help_text", "ISO 3166 code.")
        return serializers.ChoiceField(
            choices=list(countries), required=False, allow_blank=True, **options
        )
    if spec.kind == Kind.INTEGER:
        return serializers.IntegerField(
            required=False, allow_null=True, **_limits(model_field), **options
        )
    if spec.kind == Kind.FOREIGN_KEY:
        related = model_field.related_model
        options.setdefault("help_text", f"Slug of the {related._meta.verbose_name}, or null.")
        return serializers.SlugRelatedField(
            slug_field="slug",
            queryset=related.objects.all(),
            required=False,
            allow_null=True,
            **options,
        )
    raise ValueError(f"{spec.name}: no input field for a {spec.kind} field")


class _StrictInput(StrictSerializer):
    """Refuses unknown keys (a typo must not be silently dropped)."""

    strict = True

    def to_internal_value(self, data):
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError(
                    {name: ["Unknown field."] for name in unknown}, code="unknown_field"
                )
        values = super().to_internal_value(data)
        for spec in PRACTICE_FIELDS.of_kind(Kind.MULTI_CHOICE):
            if spec.name in values:
                values[spec.name] = list(dict.fromkeys(values[spec.name]))  # order kept
        return values


PracticeInputSerializer = type(
    "PracticeInputSerializer",
    (_StrictInput,),
    {spec.name: input_field(spec) for spec in PRACTICE_FIELDS if spec.editable}
    | {
        "__module__": __name__,
        "__doc__": """The editable content of a practice (the portal's form, as JSON).

    Shapes only: the workflow service validates the record as a whole (e.g. the end year
    not before the start year) and decides what the caller may do. The fields derive from
    ``practices.fields``; unknown keys are refused.
    """,
    },
)


# Values a PUT gives to the fields it leaves out (a PUT replaces the whole content): the
# model field's default (empty text, empty list, null, the default language).
PUT_DEFAULTS: dict[str, Any] = {
    name: Practice._meta.get_field(name).get_default() for name in PracticeInputSerializer().fields
}


class PracticeCreateSerializer(PracticeInputSerializer):
    owner = serializers.SlugField(
        required=False,
        help_text="Slug of the organisation the draft belongs to. An API key always writes "
        "for its own organisation (leave it out); a person who edits for several "
        "organisations must name one.",
    )


class TransitionCommentSerializer(StrictSerializer):
    strict = True
    comment = serializers.CharField(
        max_length=5000, help_text="What needs to change, or why it is rejected."
    )

    def to_internal_value(self, data):
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError(
                    {name: ["Unknown field."] for name in unknown}, code="unknown_field"
                )
        return super().to_internal_value(data)


class AttachmentUploadSerializer(StrictSerializer):
    file = serializers.FileField(
        help_text="A PDF, PNG or JPEG file of at most 10 MB; its bytes decide its type."
    )
    title = serializers.CharField(required=False, allow_blank=True, max_length=200)
