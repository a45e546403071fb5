from django.contrib import admin

from clusters.models import Cluster, StageAssessment
from clusters.services import cluster_refresh_stage


class StageAssessmentInline(admin.TabularInline):
    model = StageAssessment
    extra = 0
    readonly_fields = ["recorded_by", "created_at"]


@admin.register(Cluster)
class ClusterAdmin(admin.ModelAdmin):
    list_display = ["name", "countries", "region", "city", "stage", "genesis", "world_region"]
    list_filter = ["stage", "genesis", "world_region", "network_tier"]
    search_fields = ["name", "short_name", "region", "city"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["stage"]
    inlines = [StageAssessmentInline]

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        cluster_refresh_stage(cluster=form.instance)
