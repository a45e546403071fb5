"""The public catalogue: search with facets, and its CSV/JSON exports.

Every state is a shareable URL (``/practices/?q=...&stage=...``) and the page works
without JavaScript. Bad parameters get a 400 page that shows what was wrong next to the
filters and keeps what was typed. The exports check the query and run it before the
first byte is sent, and drop the connection if they fail later (``netbioclue.streaming``).
"""

import itertools
from html import escape

from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from netbioclue.registry import Kind
from netbioclue.streaming import aborting, started
from netbioclue.vocabulary import FACETS
from practices import policy
from practices.exports import SPREADSHEET_BOM, csv_chunks, json_array_chunks
from practices.fields import PRACTICE_FIELDS
from practices.filters import FACET_PARAMETERS, MAX_QUERY_LENGTH, Sort
from practices.selectors.catalogue import (
    MAX_RESULTS,
    Facet,
    FacetValue,
    catalogue_filter,
    catalogue_search,
    export_rows,
)


@require_safe
def practice_list_view(request):
    filterset = catalogue_filter(request.GET)
    context = {
        "filter": filterset,
        "typed_query": request.GET.get("q", ""),
        "export_query": _without(request.GET, "page").urlencode(),
        "max_results": MAX_RESULTS,
        "max_query_length": MAX_QUERY_LENGTH,
        "sort_choices": Sort.CHOICES,
        # Editors look for "New practice" where the practices are (no query when anonymous).
        "can_create": request.user.is_authenticated
        and bool(policy.creatable_organisation_ids(request.user)),
    }
    if not filterset.is_valid():
        facets = _facets_without_counts(request.GET)
        fields = filterset.form.fields
        context.update(
            errors=[
                (fields[name].label if name in fields else name, error)
                for name, errors in filterset.errors.items()
                for error in errors
            ],
            facet_groups=_facet_groups(facets, filterset.errors, estimated=False),
            active_filters=_active_filters(request.GET, facets),
        )
        return render(request, "practices/catalogue.html", context, status=400)
    result = catalogue_search(filterset, page_number=request.GET.get("page"))
    entries = list(result.practices)
    illustrative = sum(1 for entry in entries if entry.is_illustrative)
    # Explained once above the list; marked on each result only where some are not.
    mark_each = 0 < illustrative < len(entries)
    context.update(
        result=result,
        page=result.page,
        results=[(entry, _meta_html(entry, mark_illustrative=mark_each)) for entry in entries],
        illustrative_on_page="all" if entries and illustrative == len(entries) else mark_each,
        facet_groups=_facet_groups(result.facets, {}, estimated=result.facets_are_estimates),
        sort=filterset.sort_order,
        active_filters=_active_filters(request.GET, result.facets),
        suggestion_query=_suggestion_query(request.GET, result.suggestion),
    )
    return render(request, "practices/catalogue.html", context)


# --- the page's fragments -------------------------------------------------------------------
# The facet lists (~80 checkboxes) and the result lines are put together here, every value
# escaped: rendered node by node in a template they would cost more than the search's SQL.


def _facet_groups(facets: list[Facet], errors, *, estimated: bool) -> list[dict]:
    """The facet panel's groups, each a collapsed disclosure on the page.

    Only values that would still match are offered: a value counted 0 is left out, unless
    it is selected (then it comes last, still ticked, so that it can be unticked). Estimated
    counts come from a sample, where 0 does not mean "none": those values stay, last.
    Values not counted (the search was refused) are all shown.
    """
    approx = "≈" if estimated else ""
    groups = []
    for facet in facets:
        shown = [v for v in facet.values if v.count != 0 or v.selected or estimated]
        # sorted() is stable: the values keep their order within "some" and "none".
        shown = sorted(shown, key=lambda v: v.count == 0)
        if not shown and not errors.get(facet.parameter):
            continue
        name = escape(facet.parameter)
        items = []
        for index, value in enumerate(shown, start=1):
            input_id = f"facet-{name}-{index}"
            count = ""
            if value.count is not None:
                count = f' <span class="muted">({approx}{_number(value.count)})</span>'
            css = ' class="facet-none"' if value.count == 0 else ""
            items.append(
                f'<li{css}><input type="checkbox" name="{name}" value="{escape(value.value)}" '
                f'id="{input_id}"{" checked" if value.selected else ""}>'
                f'<label for="{input_id}">{escape(value.label)}{count}</label></li>'
            )
        groups.append(
            {
                "parameter": facet.parameter,
                "label": facet.label,
                "errors": errors.get(facet.parameter, []),
                "selected": sum(1 for v in facet.values if v.selected),
                "items": mark_safe("".join(items)),  # noqa: S308 (every value escaped)
            }
        )
    return groups


def _number(value: int) -> str:
    return number_format(value, force_grouping=True)


def _meta_html(entry, *, mark_illustrative: bool) -> str:
    """The badges and the byline of one result."""
    badges = [("badge", label) for label in entry.stage_labels]
    if entry.transferability:
        badges.append(
            ("badge badge-success", _("Transferability: %s") % entry.transferability_label)
        )
    if entry.is_illustrative and mark_illustrative:
        badges.append(("badge badge-warning", _("Illustrative")))
    byline = " · ".join(part for part in (entry.owner, entry.country_name, entry.cluster) if part)
    spans = "".join(f'<span class="{css}">{escape(text)}</span> ' for css, text in badges)
    return mark_safe(f"{spans}<span>{escape(byline)}</span>")  # noqa: S308 (escaped)


@require_safe
def export_csv_view(request):
    """The search result as CSV, UTF-8 with a byte-order mark (for spreadsheet programs)."""
    filterset = catalogue_filter(request.GET)
    if not filterset.is_valid():
        return _invalid_export(filterset)
    rows = started(export_rows(filterset, base_url=_base_url(request)))  # SQL runs here
    response = StreamingHttpResponse(
        aborting(itertools.chain((SPREADSHEET_BOM,), csv_chunks(rows)), name="export.csv"),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = _attachment("csv")
    return response


@require_safe
def export_json_view(request):
    filterset = catalogue_filter(request.GET)
    if not filterset.is_valid():
        return _invalid_export(filterset)
    rows = started(export_rows(filterset, base_url=_base_url(request)))  # SQL runs here
    response = StreamingHttpResponse(
        aborting(json_array_chunks(rows), name="export.json"), content_type="application/json"
    )
    response["Content-Disposition"] = _attachment("json")
    return response


def _attachment(extension: str) -> str:
    return (
        f'attachment; filename="netbioclue-practices-{timezone.localdate():%Y-%m-%d}.{extension}"'
    )


def _base_url(request) -> str:
    return request.build_absolute_uri(reverse("practices:list"))


def _invalid_export(filterset) -> HttpResponse:
    lines = [_("The export could not be made:")]
    for name, errors in filterset.errors.items():
        lines += [f"{name}: {error}" for error in errors]
    return HttpResponse("\n".join(lines) + "\n", status=400, content_type="text/plain")


# --- the page's links -------------------------------------------------------------------------


def _without(params, name: str, value: str | None = None):
    """A copy of the query string without ``name`` (or only without its ``value``)."""
    params = params.copy()
    if value is None:
        params.pop(name, None)
    else:
        params.setlist(name, [v for v in params.getlist(name) if v != value])
    return params


def _active_filters(params, facets) -> list[dict]:
    """Each applied facet value, its label and the query string of the search without it."""
    labels = {
        (facet.parameter, value.value): (facet.label, value.label)
        for facet in facets
        for value in facet.values
    }
    active = []
    for parameter in FACET_PARAMETERS:
        for value in dict.fromkeys(params.getlist(parameter)):
            if value:
                facet_label, value_label = labels.get((parameter, value), (parameter, value))
                remaining = _without(_without(params, "page"), parameter, value)
                active.append(
                    {"facet": facet_label, "label": value_label, "query": remaining.urlencode()}
                )
    return active


def _suggestion_query(params, suggestion) -> str:
    if suggestion is None:
        return ""
    corrected = _without(params, "page")
    corrected["q"] = suggestion.query
    return corrected.urlencode()


def _facets_without_counts(params) -> list[Facet]:
    """The facet lists of a page whose parameters were refused (no search was run)."""
    facets = []
    for parameter, spec in PRACTICE_FIELDS.facets().items():
        label = spec.facet_title
        if spec.kind == Kind.MULTI_CHOICE:
            selected = set(params.getlist(parameter))
            values = [
                FacetValue(value, str(text), None, value in selected)
                for value, text in spec.vocabulary.choices
            ]
            facets.append(Facet(parameter, str(label), values))
            continue
        selected = [v for v in dict.fromkeys(params.getlist(parameter)) if v]
        # Short closed lists are shown whole; countries, languages and clusters as chosen.
        known = dict(FACETS[parameter][0].choices) if parameter in FACETS else {}
        values = [*known, *(v for v in selected if v not in known)]
        facets.append(
            Facet(
                parameter,
                str(label),
                [FacetValue(v, str(known.get(v, v)), None, v in selected) for v in values],
            )
        )
    return facets
