"""Serializers of the practices API: lean output for lists, full output for one practice,
and input serializers that only check shapes before the workflow service decides.

The list is the hot path (100 items a page): it reads plain rows (``.values()`` of
``LIST_VALUES``, one query with the owner and cluster joined) and builds each item by
hand; the declared fields are there for the OpenAPI schema and say what comes out.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.validators import URLValidator
from django.urls import reverse
from django_countries import countries
from rest_framework import serializers

from clusters.models import Cluster
from netbioclue.rest.serializers import ApiUrlField, PageUrlField, StrictSerializer
from netbioclue.vocabulary import (
    Beneficiary,
    BusinessModel,
    ContentLanguage,
    EvidenceLevel,
    GrowthForce,
    Stage,
    ToolType,
    Transferability,
)
from practices.models import BudgetRange, Practice, Status

# The columns a list item is made of (``.values()`` names; ``id`` is the cursor's tie-breaker).
LIST_VALUES = (
    "id",
    "slug",
    "title",
    "summary",
    "owner__slug",
    "owner__name",
    "country",
    "region",
    "origin_cluster__slug",
    "origin_cluster__name",
    "stages",
    "growth_forces",
    "tool_types",
    "beneficiaries",
    "business_models",
    "evidence_level",
    "transferability",
    "interview_count",
    "start_year",
    "end_year",
    "language",
    "published_at",
    "updated_at",
    "is_illustrative",
)
# Plain columns copied as they are.
_COPIED = (
    "slug",
    "title",
    "summary",
    "country",
    "region",
    "stages",
    "growth_forces",
    "tool_types",
    "beneficiaries",
    "business_models",
    "evidence_level",
    "transferability",
    "interview_count",
    "start_year",
    "end_year",
    "language",
    "is_illustrative",
)
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
    row = {name: getattr(practice, name) for name in _COPIED}
    row["country"] = practice.country.code or ""
    row["owner__slug"] = practice.owner.slug
    row["owner__name"] = practice.owner.name
    cluster = practice.origin_cluster
    row["origin_cluster__slug"] = cluster.slug if cluster else None
    row["origin_cluster__name"] = cluster.name if cluster else None
    row["published_at"] = practice.published_at
    row["updated_at"] = practice.updated_at
    return row


class OwnerSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)


class ClusterRefSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)


def _facet_list(choices, help_text: str) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.ChoiceField(choices=choices.choices), read_only=True, help_text=help_text
    )


class PracticeListSerializer(serializers.Serializer):
    """A practice as lists show it (built from a ``LIST_VALUES`` row)."""

    slug = serializers.SlugField(read_only=True, help_text="Stable identifier; never changes.")
    url = ApiUrlField("practice-detail")
    html_url = PageUrlField("practices:detail")
    title = serializers.CharField(read_only=True)
    summary = serializers.CharField(read_only=True)
    owner = OwnerSerializer(read_only=True, help_text="The partner organisation that wrote it.")
    country = serializers.CharField(
        read_only=True, help_text="ISO 3166 country code, or empty when not given."
    )
    region = serializers.CharField(read_only=True)
    origin_cluster = ClusterRefSerializer(
        read_only=True, allow_null=True, help_text="The cluster it comes from, if any."
    )
    stages = _facet_list(Stage, "Life-cycle stages it suits (`/api/v1/taxonomy/stage/`).")
    growth_forces = _facet_list(GrowthForce, "Growth forces it acts on.")
    tool_types = _facet_list(ToolType, "Kinds of tool.")
    beneficiaries = _facet_list(Beneficiary, "Who benefits.")
    business_models = _facet_list(BusinessModel, "Business models of the companies served.")
    evidence_level = serializers.ChoiceField(
        choices=[*EvidenceLevel.choices, ("", "")],
        read_only=True,
        help_text="How its results are known; empty when not stated.",
    )
    transferability = serializers.ChoiceField(
        choices=[*Transferability.choices, ("", "")],
        read_only=True,
        help_text="From stakeholder interviews; empty until assessed.",
    )
    interview_count = serializers.IntegerField(read_only=True)
    start_year = serializers.IntegerField(read_only=True, allow_null=True)
    end_year = serializers.IntegerField(read_only=True, allow_null=True)
    language = serializers.ChoiceField(choices=ContentLanguage.choices, read_only=True)
    published_at = serializers.DateTimeField(read_only=True, allow_null=True)
    updated_at = serializers.DateTimeField(read_only=True)
    is_illustrative = serializers.BooleanField(
        read_only=True,
        help_text="Demo content written for illustration, not a documented NETBIOCLUE case.",
    )

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
        cluster_slug = row["origin_cluster__slug"]
        return {
            "slug": slug,
            "url": api.replace(_PLACEHOLDER, slug),
            "html_url": page.replace(_PLACEHOLDER, slug),
            "title": row["title"],
            "summary": row["summary"],
            "owner": {"slug": row["owner__slug"], "name": row["owner__name"]},
            "country": row["country"] or "",
            "region": row["region"],
            "origin_cluster": (
                {"slug": cluster_slug, "name": row["origin_cluster__name"]}
                if cluster_slug
                else None
            ),
            "stages": row["stages"],
            "growth_forces": row["growth_forces"],
            "tool_types": row["tool_types"],
            "beneficiaries": row["beneficiaries"],
            "business_models": row["business_models"],
            "evidence_level": row["evidence_level"],
            "transferability": row["transferability"],
            "interview_count": row["interview_count"],
            "start_year": row["start_year"],
            "end_year": row["end_year"],
            "language": row["language"],
            "published_at": utc(row["published_at"]),
            "updated_at": utc(row["updated_at"]),
            "is_illustrative": row["is_illustrative"],
        }


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
        choices=[*Transferability.choices, ("", "")], read_only=True
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


class ContactSerializer(serializers.Serializer):
    name = serializers.CharField(read_only=True)
    email = serializers.CharField(read_only=True)
    phone = serializers.CharField(read_only=True)


class PendingRevisionSerializer(serializers.Serializer):
    """An edit of the published text waiting for the coordinator (insiders only)."""

    version = serializers.IntegerField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    content = serializers.DictField(
        read_only=True,
        help_text="The proposed values of the editable fields (`origin_cluster` as a slug).",
    )


# Body fields of the detail, copied from the practice.
DETAIL_TEXT_FIELDS = (
    "description",
    "problem",
    "how_it_works",
    "results",
    "budget_range",
    "staff",
    "resources_notes",
    "dos",
    "donts",
    "lessons",
    "links",
)


class PracticeDetailSerializer(PracticeListSerializer):
    """One practice with its body, documents, reproducibility and (signed in) contact.

    The view passes in the context what costs a query: ``reproducibility`` (the summary),
    ``contact_visible``, ``pending_revision`` (insiders), ``actions``.
    """

    status = serializers.ChoiceField(
        choices=Status.choices,
        read_only=True,
        help_text="Always `published` for the public; the owner also sees its drafts.",
    )
    description = serializers.CharField(read_only=True)
    problem = serializers.CharField(read_only=True)
    how_it_works = serializers.CharField(read_only=True)
    results = serializers.CharField(read_only=True)
    budget_range = serializers.ChoiceField(choices=[*BudgetRange.choices, ("", "")], read_only=True)
    staff = serializers.CharField(read_only=True)
    resources_notes = serializers.CharField(read_only=True)
    dos = serializers.ListField(child=serializers.CharField(), read_only=True)
    donts = serializers.ListField(child=serializers.CharField(), read_only=True)
    lessons = serializers.CharField(read_only=True)
    links = serializers.ListField(child=serializers.URLField(), read_only=True)
    attachments = AttachmentSerializer(many=True, read_only=True)
    reproducibility = ReproducibilitySerializer(read_only=True)
    contact = ContactSerializer(
        read_only=True,
        allow_null=True,
        help_text="For signed-in people and API keys only (null otherwise), as on the portal.",
    )
    pending_revision = PendingRevisionSerializer(
        read_only=True,
        allow_null=True,
        help_text="For the owner organisation and the coordinator: the edit of the "
        "published text awaiting approval, if any.",
    )
    actions = serializers.ListField(
        child=serializers.ChoiceField(
            choices=["submit", "request_changes", "publish", "reject", "archive"]
        ),
        read_only=True,
        help_text="The workflow actions you may take on this practice now; each is a POST "
        "to the practice's address plus the action, with `-` for `_` (`request-changes/`).",
    )

    def to_representation(self, practice: Practice) -> dict[str, Any]:
        data = super().to_representation(row_of(practice))
        data["status"] = practice.status
        for name in DETAIL_TEXT_FIELDS:
            data[name] = getattr(practice, name)
        data["attachments"] = AttachmentSerializer(
            practice.attachments.all(), many=True, context=self.context
        ).data
        data["reproducibility"] = ReproducibilitySerializer(self.context["reproducibility"]).data
        data["contact"] = (
            {
                "name": practice.contact_name,
                "email": practice.contact_email,
                "phone": practice.contact_phone,
            }
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


class PracticeInputSerializer(StrictSerializer):
    """The editable content of a practice (the portal's form, as JSON).

    Shapes only: the workflow service validates the record as a whole (e.g. the end year
    not before the start year) and decides what the caller may do.
    """

    # Unknown keys are refused (a typo must not be silently dropped).
    strict = True

    title = serializers.CharField(max_length=120, help_text="At most 120 characters.")
    summary = serializers.CharField(
        max_length=500, help_text="At most 500 characters; shown in lists and search results."
    )
    description = _text("description", help_text="What the practice is, who runs it and for whom.")
    problem = _text("problem", help_text="The problem it addresses.")
    how_it_works = _text("how_it_works")
    results = _text("results", help_text="What it achieved, with figures where you have them.")
    evidence_level = serializers.ChoiceField(
        choices=EvidenceLevel.choices, required=False, allow_blank=True
    )
    budget_range = serializers.ChoiceField(
        choices=BudgetRange.choices, required=False, allow_blank=True
    )
    staff = _text(max_length=200)
    resources_notes = _text("resources_notes")
    dos = serializers.ListField(
        child=serializers.CharField(max_length=300),
        required=False,
        max_length=30,
        help_text="Advice, in order; at most 30 items of 300 characters.",
    )
    donts = serializers.ListField(
        child=serializers.CharField(max_length=300),
        required=False,
        max_length=30,
        help_text="Pitfalls, in order; at most 30 items of 300 characters.",
    )
    lessons = _text("lessons")
    origin_cluster = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Cluster.objects.all(),
        required=False,
        allow_null=True,
        help_text="Slug of the cluster it comes from (see `/api/v1/clusters/`), or null.",
    )
    country = serializers.ChoiceField(
        choices=list(countries), required=False, allow_blank=True, help_text="ISO 3166 code."
    )
    region = _text(max_length=150)
    contact_name = _text(max_length=150, help_text="Shown to signed-in users only.")
    contact_email = serializers.EmailField(
        required=False, allow_blank=True, help_text="Shown to signed-in users only."
    )
    contact_phone = _text(max_length=40, help_text="Shown to signed-in users only.")
    start_year = serializers.IntegerField(
        min_value=1950, max_value=2100, required=False, allow_null=True
    )
    end_year = serializers.IntegerField(
        min_value=1950,
        max_value=2100,
        required=False,
        allow_null=True,
        help_text="Not before `start_year`.",
    )
    links = serializers.ListField(
        child=HttpUrlField(max_length=500),
        required=False,
        max_length=30,
        help_text="Web addresses (https://…): reports, websites, evaluations.",
    )
    language = serializers.ChoiceField(
        choices=ContentLanguage.choices, required=False, help_text="The language it is written in."
    )
    stages = _choices_list(Stage)
    growth_forces = _choices_list(GrowthForce)
    tool_types = _choices_list(ToolType)
    beneficiaries = _choices_list(Beneficiary)
    business_models = _choices_list(BusinessModel)

    def to_internal_value(self, data):
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError(
                    {name: ["Unknown field."] for name in unknown}, code="unknown_field"
                )
        values = super().to_internal_value(data)
        for name in ("stages", "growth_forces", "tool_types", "beneficiaries", "business_models"):
            if name in values:
                values[name] = list(dict.fromkeys(values[name]))  # no duplicates, order kept
        return values


# Values a PUT gives to the fields it leaves out: a PUT replaces the whole content.
def _empty(name: str, field: serializers.Field) -> Any:
    if isinstance(field, serializers.ListField):
        return []
    if isinstance(field, serializers.IntegerField | serializers.RelatedField):
        return None
    return ContentLanguage.ENGLISH if name == "language" else ""


PUT_DEFAULTS: dict[str, Any] = {
    name: _empty(name, field) for name, field in PracticeInputSerializer().fields.items()
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
