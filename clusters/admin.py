"""The admin for clusters: registering a cluster, and a window on what the services write.

A new cluster is registered here (no portal page creates one). After that, its profile
fields (``clusters.fields.PROFILE``) change through revisions the coordinator approves on
the portal, so they are read-only here; stage assessments are recorded through
``clusters.services.cluster_assess_stage`` (which keeps ``stage`` and the audit log in
step), never edited or deleted raw. Clusters are not deleted: that would take their
revisions, indicator values and assessments with them.
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from clusters.fields import PROFILE
from clusters.models import Cluster, StageAssessment
from clusters.services import cluster_assess_stage

ASSESSMENT_FIELDS = ["year", "stage", "rationale", "source"]


class StageAssessmentInline(admin.TabularInline):
    """The recorded assessments, read-only."""

    model = StageAssessment
    extra = 0
    fields = [*ASSESSMENT_FIELDS, "recorded_by", "created_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class NewStageAssessmentForm(forms.ModelForm):
    """A row for a year already assessed corrects it: the service updates that year."""

    def validate_unique(self) -> None:
        pass

    def validate_constraints(self) -> None:
        pass


class NewStageAssessmentInline(admin.TabularInline):
    """Record (or correct) a year's assessment; saved through the service."""

    model = StageAssessment
    extra = 0
    fields = ASSESSMENT_FIELDS
    form = NewStageAssessmentForm
    can_delete = False
    verbose_name_plural = _("record a stage assessment")

    def get_queryset(self, request):
        return super().get_queryset(request).none()


@admin.register(Cluster)
class ClusterAdmin(admin.ModelAdmin):
    list_display = ["name", "countries", "region", "city", "stage", "genesis", "world_region"]
    list_filter = ["stage", "genesis", "world_region", "network_tier"]
    search_fields = ["name", "short_name", "region", "city"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [StageAssessmentInline, NewStageAssessmentInline]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ["stage"]
        return ["stage", *PROFILE.names(editable=True)]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_formset(self, request, form, formset, change) -> None:
        if not issubclass(formset.form, NewStageAssessmentForm):
            return super().save_formset(request, form, formset, change)
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for row in formset.forms:
            if not row.has_changed() or not row.cleaned_data:
                continue
            data = row.cleaned_data
            formset.new_objects.append(
                cluster_assess_stage(
                    cluster=form.instance,
                    year=data["year"],
                    stage=data["stage"],
                    rationale=data["rationale"],
                    source=data.get("source", ""),
                    by=request.user,
                )
            )
