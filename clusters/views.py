"""Cluster pages: profiles, indicators, moderation, comparison and "Where is my cluster?".

Permission questions go to ``clusters.policy``; writes to ``clusters.services``. Pages a
person may not use answer 404 (no leak that a draft exists).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusters import business_models, charts, diagnosis, maps, policy, selectors, services
from clusters.completeness import PROVISIONAL_BELOW, completeness
from clusters.exports import csv_text
from clusters.fields import PROFILE
from clusters.forms import (
    AttachAssessmentForm,
    DecisionForm,
    IndicatorValueForm,
    ProfileForm,
    RecommendationFilterForm,
    RecommendationForm,
    SelfAssessmentForm,
)
from clusters.models import (
    ClusterRevision,
    IndicatorDefinition,
    IndicatorStatus,
    IndicatorValue,
    PolicyRecommendation,
    SelfAssessment,
)
from events.maps import event_layer
from netbioclue import confirm
from netbioclue.pagination import paginate
from netbioclue.vocabulary import GrowthForce

MIN_COMPARED, MAX_COMPARED = 2, 5


def cluster_list_view(request):
    filterset = selectors.cluster_list(params=request.GET)
    clusters = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    page = paginate(request, clusters, per_page=50)
    return render(
        request,
        "clusters/cluster_list.html",
        {
            "filter": filterset,
            "page": page,
            "clusters": page.object_list,
            "invalid_filters": not filterset.is_valid(),
            "title": _("Clusters"),
            "perms_moderate": policy.can_moderate_clusters(request.user),
        },
        status=200 if filterset.is_valid() else 400,
    )


def _profile_context(request, cluster) -> dict:
    definitions = selectors.indicator_definitions()
    latest = selectors.latest_values([cluster.pk])
    assessments = list(cluster.assessments.all())
    can_edit = policy.can_edit_cluster(request.user, cluster)
    meter = completeness(
        cluster,
        has_assessment=bool(assessments),
        indicators_reported=len(latest),
        indicators_total=len(definitions),
    )
    return {
        "cluster": cluster,
        "assessments": assessments,
        "organisations": cluster.organisations.all(),
        "self_assessments": cluster.self_assessments.all(),
        "practices": selectors.cluster_practices(cluster),
        "completeness": meter,
        "provisional_below": PROVISIONAL_BELOW,
        "latest": [
            (definition, latest[(cluster.pk, definition.pk)])
            for definition in definitions
            if (cluster.pk, definition.pk) in latest
        ],
        "forces": [
            (str(PROFILE[f"force_{force.value}"].label), getattr(cluster, f"force_{force.value}"))
            for force in GrowthForce
        ],
        "can_edit": can_edit,
        "recommendations": selectors.recommendations(stage=cluster.stage) if cluster.stage else [],
        "history": selectors.profile_history(cluster, everything=can_edit),
        "locator": (
            maps.locator_map(
                latitude=float(cluster.latitude),
                longitude=float(cluster.longitude),
                label=cluster.city or cluster.name,
                title=_("Where %(name)s is") % {"name": cluster.name},
            )
            if cluster.latitude is not None and cluster.longitude is not None
            else None
        ),
    }


def cluster_detail_view(request, slug: str):
    cluster = get_object_or_404(selectors.cluster_profile_queryset(), slug=slug)
    return render(request, "clusters/cluster_detail.html", _profile_context(request, cluster))


def cluster_indicators_view(request, slug: str):
    cluster = get_object_or_404(selectors.cluster_detail_queryset(), slug=slug)
    if request.GET.get("format") == "csv":
        series = selectors.cluster_series(cluster)
        rows = (
            (cluster.slug, s.indicator.slug, v.year, v.value, s.indicator.unit, v.source,
             v.recorded_on.isoformat(), v.is_illustrative)
            for s in series
            for v in s.values
        )  # fmt: skip
        response = HttpResponse(
            csv_text(
                ["cluster", "indicator", "year", "value", "unit", "source", "recorded_on",
                 "illustrative"],
                rows,
            ),
            content_type="text/csv; charset=utf-8",
        )  # fmt: skip
        response["Content-Disposition"] = f'attachment; filename="{cluster.slug}-indicators.csv"'
        return response
    charts_html, illustrative = _indicator_charts(cluster)
    return render(
        request,
        "clusters/cluster_indicators.html",
        {
            "cluster": cluster,
            "charts": charts_html,
            "illustrative": illustrative,
            "can_edit": policy.can_edit_cluster(request.user, cluster),
        },
    )


def _indicator_charts(cluster) -> tuple[SafeString, bool]:
    """The charts and data tables of every indicator of ``cluster`` (and whether any
    value is illustrative). Drawing 20 charts and 400 table rows costs several times
    the page's SQL and changes only when values are approved or the cluster renamed:
    cached per ``data_version``, cluster version and language."""
    version = selectors.data_version()
    key = (
        f"clusters:indicator-charts:{version}:{cluster.pk}:"
        f"{cluster.updated_at.timestamp()}:{get_language()}"
    )
    cached = cache.get(key) if version is not None else None
    if cached is not None:
        return SafeString(cached[0]), cached[1]
    series = selectors.cluster_series(cluster)
    charted = [
        (
            s,
            charts.line_chart(
                s.points,
                title=_("%(indicator)s, %(cluster)s")
                % {"indicator": s.indicator.name, "cluster": cluster.name},
                unit=s.indicator.unit,
                chart_id=f"chart-{s.indicator.slug}",
            ),
        )
        for s in series
    ]
    html = render_to_string("clusters/_indicator_charts.html", {"charted": charted})
    illustrative = any(v.is_illustrative for s in series for v in s.values)
    if version is not None:
        cache.set(key, (str(html), illustrative), timeout=24 * 3600)
    return SafeString(html), illustrative


def _editable_or_404(request, slug: str):
    cluster = get_object_or_404(selectors.cluster_detail_queryset(), slug=slug)
    if not policy.can_edit_cluster(request.user, cluster):
        raise Http404
    return cluster


@login_required
def cluster_edit_view(request, slug: str):
    cluster = _editable_or_404(request, slug)
    pending = selectors.pending_revision(cluster)
    initial = pending.content if pending else services.profile_content(cluster)
    version = services.profile_version(cluster, pending)
    form = ProfileForm(request.POST or None, initial={**initial, "base": version})
    status = 200
    conflict = None
    if request.method == "POST":
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "base"}
            try:
                revision = services.cluster_profile_propose(
                    cluster=cluster, data=data, by=request.user,
                    base=form.cleaned_data["base"] or None,
                )  # fmt: skip
            except services.EditConflict as error:
                # Their text stays in the form; the next save is made knowingly over
                # the version shown beside it.
                form.add_error(None, error.messages)
                form.data = form.data.copy()
                form.data["base"] = version
                conflict = pending.content if pending else services.profile_content(cluster)
                status = 409
            except ValidationError as error:
                for field, messages_ in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, messages_)
            else:
                if revision is None:
                    messages.info(request, _("Nothing changed."))
                else:
                    messages.success(
                        request,
                        _("Your changes wait for the coordinator's approval."),
                    )
                return redirect(cluster)
        status = status if conflict is not None else 400
    return render(
        request,
        "clusters/cluster_form.html",
        {
            "cluster": cluster,
            "form": form,
            "pending": pending,
            "conflict": [
                (PROFILE[name].label, value)
                for name, value in (conflict or {}).items()
                if name in PROFILE and value != form.data.get(name)
            ],
        },
        status=status,
    )


@login_required
def indicator_value_add_view(request, slug: str):
    cluster = _editable_or_404(request, slug)
    form = IndicatorValueForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            clean = form.clean_value
            services.indicator_value_propose(
                cluster=cluster,
                indicator=clean.indicator,
                year=clean.year,
                value=clean.value,
                source=clean.source,
                recorded_on=clean.recorded_on,
                by=request.user,
            )
            messages.success(request, _("The value waits for the coordinator's approval."))
            return redirect("clusters:indicators", slug=cluster.slug)
        status = 400
    pending = list(
        policy.visible_indicator_values(request.user)
        .filter(cluster=cluster)
        .exclude(status__in=[IndicatorStatus.APPROVED, IndicatorStatus.SUPERSEDED])
        .select_related("indicator")
        .order_by("-created_at")[:50]
    )
    return render(
        request,
        "clusters/indicator_value_form.html",
        {"cluster": cluster, "form": form, "pending": pending},
        status=status,
    )


# ---- Moderation (coordinator) ------------------------------------------------------------


@login_required
def moderation_view(request):
    if not policy.can_moderate_clusters(request.user):
        raise Http404
    revisions, values = selectors.pending_for_moderation()
    current = {r.pk: services.profile_content(r.cluster) for r in revisions}
    rows = [
        (
            revision,
            [
                (PROFILE[name].label, current[revision.pk].get(name), value)
                for name, value in revision.content.items()
                if name in PROFILE and current[revision.pk].get(name) != value
            ],
        )
        for revision in revisions
    ]
    return render(request, "clusters/moderation.html", {"revisions": rows, "values": values})


def _decide(request, obj, approve, reject):
    form = DecisionForm(request.POST)
    decision = request.POST.get("decision")
    try:
        if not form.is_valid():
            raise ValidationError(form.errors.get("comment") or _("Invalid comment."))
        if decision in ("approve", "reject") and (
            page := confirm.ask(
                request,
                title=(
                    _("Approve “%(item)s”?") if decision == "approve" else _("Reject “%(item)s”?")
                )
                % {"item": obj},
                consequence=_("The public pages show it from now on.")
                if decision == "approve"
                else _("It is not published; its author sees your comment."),
                confirm_label=_("Yes, approve") if decision == "approve" else _("Yes, reject"),
                cancel_url=reverse("clusters:moderation"),
            )
        ):
            return page
        if decision == "approve":
            approve()
            messages.success(request, _("Approved."))
        elif decision == "reject":
            reject(form.cleaned_data["comment"])
            messages.success(request, _("Rejected."))
        else:
            return HttpResponse(_("Unknown decision."), status=400)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("clusters:moderation")


@login_required
@require_POST
def revision_decide_view(request, pk: int):
    if not policy.can_moderate_clusters(request.user):
        raise Http404
    revision = get_object_or_404(ClusterRevision, pk=pk)
    return _decide(
        request,
        revision,
        lambda: services.cluster_revision_approve(revision=revision, by=request.user),
        lambda comment: services.cluster_revision_reject(
            revision=revision, comment=comment, by=request.user
        ),
    )


@login_required
@require_POST
def value_decide_view(request, pk: int):
    if not policy.can_moderate_clusters(request.user):
        raise Http404
    entry = get_object_or_404(IndicatorValue, pk=pk)
    return _decide(
        request,
        entry,
        lambda: services.indicator_value_approve(entry=entry, by=request.user),
        lambda comment: services.indicator_value_reject(
            entry=entry, comment=comment, by=request.user
        ),
    )


# ---- "Where is my cluster?" --------------------------------------------------------------


def assess_view(request):
    return render(
        request,
        "clusters/assess_form.html",
        {"form": SelfAssessmentForm(), "title": _("Where is my cluster?")},
    )


def _result_context(request, answers: dict) -> dict:
    result = diagnosis.diagnose(answers)
    answers_json = diagnosis.answers_to_json(answers)
    force_labels = {force.value: force.label for force in GrowthForce}
    return {
        "result": result,
        "answers": [(question, answers[question.key]) for question in diagnosis.QUESTIONS],
        "weakest": [force_labels[force] for force in result.weakest],
        "practices": selectors.recommended_practices(stage=result.stage, forces=result.weakest),
        "radar": charts.radar_chart(
            [str(force_labels[f]).split(" (")[0] for f, _l, _s in result.force_rows()],
            [(_("This cluster"), [score for _f, _l, score in result.force_rows()])],
            title=_("Score per growth force, 0–100"),
        ),
        "query": urlencode(answers_json),
        "recommendations": selectors.recommendations(stage=result.stage),
        "needs": business_models.needs_for_stage(result.stage),
        "experts": selectors.proposed_experts(
            stage=result.stage, forces=result.weakest, user=request.user
        ),
    }


def assess_result_view(request, *, print_view: bool = False):
    form = SelfAssessmentForm(request.GET)
    if not form.is_valid():
        return render(
            request,
            "clusters/assess_form.html",
            {"form": form, "title": _("Where is my cluster?")},
            status=400,
        )
    context = _result_context(request, form.answers)
    attach_clusters = policy.editable_clusters(request.user)
    context["attach_form"] = (
        AttachAssessmentForm(clusters=attach_clusters) if request.user.is_authenticated else None
    )
    template = "clusters/assess_print.html" if print_view else "clusters/assess_result.html"
    return render(request, template, context)


def assess_print_view(request):
    return assess_result_view(request, print_view=True)


def assess_how_view(request):
    return render(
        request,
        "clusters/assess_how.html",
        {
            "questions": diagnosis.QUESTIONS,
            "forces": GrowthForce,
            "rules": diagnosis.__doc__,
            "constants": {
                "emerging_below": diagnosis.EMERGING_BELOW,
                "mature_from": diagnosis.MATURE_FROM,
                "critical_mass": diagnosis.CRITICAL_MASS_COMPANIES,
                "min_mature_age": diagnosis.MIN_MATURE_AGE,
                "renewal_age": diagnosis.RENEWAL_AGE,
            },
            "paths": [(stage, path, risks) for stage, (path, risks) in diagnosis.PATHS.items()],
        },
    )


@login_required
@require_POST
def assess_attach_view(request):
    assessment_form = SelfAssessmentForm(request.POST)
    attach_form = AttachAssessmentForm(
        request.POST, clusters=policy.editable_clusters(request.user)
    )
    if not (assessment_form.is_valid() and attach_form.is_valid()):
        messages.error(
            request,
            _("The assessment could not be saved: %(errors)s")
            % {"errors": "; ".join(
                str(m) for e in (assessment_form.errors, attach_form.errors)
                for ms in e.values() for m in ms
            )},
        )  # fmt: skip
        return redirect(
            f"{reverse('clusters:assess_result')}?"
            f"{urlencode({k: request.POST.get(k, '') for k in diagnosis.QUESTION_BY_KEY})}"
        )
    try:
        saved = services.self_assessment_attach(
            cluster=attach_form.cleaned_data["cluster"],
            answers=assessment_form.answers,
            assessed_on=attach_form.cleaned_data["assessed_on"],
            by=request.user,
        )
    except PermissionDenied:
        raise Http404 from None
    messages.success(request, _("The assessment is attached to the cluster's profile."))
    return redirect(saved)


def saved_assessment_view(request, token: str):
    saved = get_object_or_404(SelfAssessment.objects.select_related("cluster"), token=token)
    answers = diagnosis.clean_answers(saved.answers)
    context = _result_context(request, answers)
    context["saved"] = saved
    return render(request, "clusters/assess_result.html", context)


# ---- Comparison --------------------------------------------------------------------------


def compare_view(request):
    slugs = list(dict.fromkeys(s for s in request.GET.getlist("c") if s))[: MAX_COMPARED + 1]
    error = ""
    clusters = selectors.clusters_by_slugs(slugs) if slugs else []
    if slugs and len(clusters) < len(slugs):
        error = _("Unknown cluster: %(slugs)s.") % {
            "slugs": ", ".join(sorted(set(slugs) - {c.slug for c in clusters}))
        }
    elif slugs and not (MIN_COMPARED <= len(clusters) <= MAX_COMPARED):
        error = _("Choose between %(min)d and %(max)d clusters.") % {
            "min": MIN_COMPARED,
            "max": MAX_COMPARED,
        }
    all_clusters = _cluster_checkboxes(slugs)
    if error or not slugs:
        return render(
            request,
            "clusters/compare.html",
            {"all_clusters": all_clusters, "error": error, "chosen": slugs},
            status=400 if error else 200,
        )
    definitions = selectors.indicator_definitions()
    ids = [c.pk for c in clusters]
    latest = selectors.latest_values(ids)
    scores = selectors.force_scores(ids)
    table = [
        (definition, [latest.get((pk, definition.pk)) for pk in ids]) for definition in definitions
    ]
    if request.GET.get("format") == "csv":
        rows = (
            (d.slug, d.name, d.unit, c.slug, v.year if v else "", v.value if v else "",
             v.source if v else "")
            for d, values in table
            for c, v in zip(clusters, values, strict=True)
        )  # fmt: skip
        response = HttpResponse(
            csv_text(["indicator", "name", "unit", "cluster", "year", "value", "source"], rows),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="comparison.csv"'
        return response
    axes = [str(force.label).split(" (")[0] for force in GrowthForce]
    radar = charts.radar_chart(
        axes,
        [(c.name, [scores[c.pk][f] or 0 for f in GrowthForce.values]) for c in clusters],
        title=_("Growth-force scores, normalised across all clusters"),
    )
    return render(
        request,
        "clusters/compare.html",
        {
            "all_clusters": all_clusters,
            "chosen": slugs,
            "clusters": clusters,
            "table": table,
            "radar": radar,
            "scores": [
                (axis, [scores[c.pk][force] for c in clusters])
                for axis, force in zip(axes, GrowthForce.values, strict=True)
            ],
            "method": selectors.FORCE_SCORE_METHOD,
            "query": urlencode([("c", c.slug) for c in clusters]),
        },
    )


def _cluster_checkboxes(chosen: list[str]) -> SafeString:
    """The comparison's checkbox per cluster, built here (one query, ~1,000 rows): a
    template loop over as many rows costs more than the comparison itself."""
    chosen_set = set(chosen)
    return format_html_join(
        "",
        '<li><label><input type="checkbox" name="c" value="{}"{}> {}</label></li>',
        (
            (slug, mark_safe(" checked") if slug in chosen_set else "", name)
            for slug, name in selectors.Cluster.objects.order_by("name").values_list("slug", "name")
        ),
    )


def regions_view(request):
    figures = selectors.region_aggregates()
    definitions = selectors.indicator_definitions()
    regions = selectors.REGIONS
    table = [(d, [figures.get((d.pk, r.value)) for r in regions]) for d in definitions]
    if request.GET.get("format") == "csv":
        rows = (
            (d.slug, d.unit, r.value, f.clusters, f.total, f.median, f.latest_year)
            for d, figs in table
            for r, f in zip(regions, figs, strict=True)
            if f
        )
        response = HttpResponse(
            csv_text(
                ["indicator", "unit", "world_region", "clusters", "total", "median",
                 "latest_year"],
                rows,
            ),
            content_type="text/csv; charset=utf-8",
        )  # fmt: skip
        response["Content-Disposition"] = 'attachment; filename="world-regions.csv"'
        return response
    return render(
        request,
        "clusters/regions.html",
        {"regions": regions, "table": table, "method": selectors.REGION_METHOD},
    )


def indicator_view(request, slug: str):
    definition = get_object_or_404(IndicatorDefinition, slug=slug)
    rows = list(
        IndicatorValue.objects.filter(indicator=definition, is_latest=True)
        .order_by("cluster__name", "cluster_id")
        .select_related("cluster")
        .only("year", "value", "source", "is_illustrative", "cluster__name", "cluster__slug")
    )
    return render(
        request, "clusters/indicator_detail.html", {"indicator": definition, "rows": rows}
    )


def indicator_list_view(request):
    return render(
        request,
        "clusters/indicator_list.html",
        {"indicators": selectors.indicator_definitions()},
    )


def map_view(request):
    clusters = selectors.map_clusters()
    placed = [c for c in clusters if c.latitude is not None and c.longitude is not None]
    svg = maps.cluster_map(
        (
            (
                _("%(name)s: %(count)d published practices")
                % {"name": c.name, "count": c.practice_count},
                c.get_absolute_url(),
                float(c.latitude),
                float(c.longitude),
                c.is_comparator,
            )
            for c in placed
        ),
        title=_("Map of the clusters; each point links to its profile"),
        layers=[event_layer()],
    )
    return render(
        request,
        "clusters/map.html",
        {"map": svg, "clusters": clusters, "unplaced": len(clusters) - len(placed)},
    )


def recommendation_list_view(request):
    form = RecommendationFilterForm(request.GET)
    valid = form.is_valid()
    items = (
        selectors.recommendations(
            stage=form.cleaned_data["stage"], audience=form.cleaned_data["audience"]
        )
        if valid
        else []
    )
    return render(
        request,
        "clusters/recommendations.html",
        {
            "form": form,
            "recommendations": items,
            "can_propose": policy.can_propose_recommendation(request.user),
        },
        status=200 if valid else 400,
    )


@login_required
def recommendation_propose_view(request):
    if not policy.can_propose_recommendation(request.user):
        raise Http404
    form = RecommendationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            ids = list(
                selectors.Practice.objects.published()
                .filter(slug__in=data["practices"])
                .values_list("pk", flat=True)
            )
            try:
                services.recommendation_propose(
                    title=data["title"], stage=data["stage"], audience=data["audience"],
                    rationale=data["rationale"], practice_ids=ids, by=request.user,
                )  # fmt: skip
            except ValidationError as error:
                for field, messages_ in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, messages_)
            else:
                messages.success(
                    request, _("Your recommendation waits for the coordinator's approval.")
                )
                return redirect("clusters:recommendations")
        status = 400
    return render(request, "clusters/recommendation_form.html", {"form": form}, status=status)


@login_required
@require_POST
def recommendation_decide_view(request, pk: int):
    if not policy.can_moderate_clusters(request.user):
        raise Http404
    item = get_object_or_404(PolicyRecommendation, pk=pk)
    return _decide(
        request,
        item,
        lambda: services.recommendation_publish(recommendation=item, by=request.user),
        lambda comment: services.recommendation_reject(recommendation=item, by=request.user),
    )


def business_models_view(request):
    from netbioclue.vocabulary import BusinessModel, Stage

    rows = [
        (model, [(Stage(stage), business_models.NEEDS[model][stage]) for stage in Stage])
        for model in BusinessModel
    ]
    return render(request, "clusters/business_models.html", {"rows": rows, "stages": Stage})


def fit_view(request, practice_slug: str):
    """A published practice against a cluster profile (``?cluster=slug``) or a saved
    self-assessment (``?assessment=token``)."""
    from clusters import fit
    from practices.models import Practice, StakeholderInterview

    practice = get_object_or_404(
        Practice.objects.published().only(
            "title", "slug", "stages", "growth_forces", "budget_range", "summary"
        ),
        slug=practice_slug,
    )
    interviews = list(
        StakeholderInterview.objects.filter(practice=practice)
        .exclude(adaptations="")
        .only("adaptations", "preconditions", "country", "region")
        .order_by("-interviewed_on")[:10]
    )
    all_clusters = list(selectors.Cluster.objects.order_by("name").only("slug", "name"))
    chosen = request.GET.get("cluster", "")
    token = request.GET.get("assessment", "").strip().rstrip("/").rsplit("/", 1)[-1]
    subject = result = None
    if token:
        saved = SelfAssessment.objects.select_related("cluster").filter(token=token).first()
        if saved is None:
            raise Http404
        subject = _("Self-assessment of %(name)s, %(date)s") % {
            "name": saved.cluster.name,
            "date": saved.assessed_on,
        }
        result = fit.assess_fit(
            practice_stages=practice.stages, practice_forces=practice.growth_forces,
            budget_range=practice.budget_range, cluster_stage=saved.stage,
            force_scores=saved.scores,
            public_funding=float(saved.answers.get("public_funding", 0)),
        )  # fmt: skip
    elif chosen:
        cluster = next((c for c in all_clusters if c.slug == chosen), None)
        if cluster is None:
            raise Http404
        cluster = selectors.Cluster.objects.only("name", "slug", "stage").get(pk=cluster.pk)
        scores, funding = selectors.cluster_fit_facts(cluster)
        subject = cluster.name
        result = fit.assess_fit(
            practice_stages=practice.stages, practice_forces=practice.growth_forces,
            budget_range=practice.budget_range, cluster_stage=cluster.stage,
            force_scores=scores, public_funding=funding,
        )  # fmt: skip
    return render(
        request,
        "clusters/fit.html",
        {
            "practice": practice,
            "interviews": interviews,
            "all_clusters": all_clusters,
            "chosen": chosen,
            "subject": subject,
            "fit": result,
            "rules": fit.__doc__,
        },
    )
