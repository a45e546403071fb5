"""Following things and the weekly digest: the pages and the services behind them.

A signed-in person follows a cluster, a partner, a vocabulary value (a topic) or a
saved catalogue search, chooses the digest's day and language on ``/events/following/``
and may unsubscribe from any digest with its link, without signing in (a GET shows a
button; a POST, also what RFC 8058 one-click mail clients send, unsubscribes).
The digest itself is built in ``events.digest``.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from clusters.models import Cluster
from events import digest
from events.models import DigestPreference, Follow, FollowKind
from netbioclue.text import parse_whole_number, validate_text
from netbioclue.vocabulary import FACETS
from organisations.activity import log_action
from organisations.models import Organisation, User

MAX_FOLLOWS = 100


def _topic_choices():
    return [
        (str(label), [(f"{facet}:{value}", str(name)) for value, name in choices.choices])
        for facet, (choices, label) in FACETS.items()
    ]


# ---- Services ------------------------------------------------------------------------------


@transaction.atomic
def follow_add(
    *,
    user: User,
    kind: str,
    cluster: Cluster | None = None,
    organisation: Organisation | None = None,
    topic: str = "",
    search: str = "",
) -> Follow:
    """Follow something (idempotent: following it again returns the same row)."""
    # Lock the person's row: the MAX_FOLLOWS count holds under parallel requests.
    User.objects.select_for_update().filter(pk=user.pk).first()
    follow = Follow(user=user, kind=kind)
    if kind == FollowKind.CLUSTER and cluster is not None:
        follow.cluster = cluster
    elif kind == FollowKind.ORGANISATION and organisation is not None:
        follow.organisation = organisation
    elif kind == FollowKind.TOPIC and ":" in topic:
        facet, value = topic.split(":", 1)
        if facet not in FACETS or value not in FACETS[facet][0].values:
            raise ValidationError(_("Unknown topic."), code="invalid")
        follow.facet, follow.value = facet, value
    elif kind == FollowKind.SEARCH and search:
        follow.search = _normalised_search(search)
    else:
        raise ValidationError(_("Choose what to follow."), code="invalid")
    existing = Follow.objects.filter(
        user=user,
        kind=follow.kind,
        cluster=follow.cluster,
        organisation=follow.organisation,
        facet=follow.facet,
        value=follow.value,
        search=follow.search,
    ).first()
    if existing is not None:
        return existing
    if Follow.objects.filter(user=user).count() >= MAX_FOLLOWS:
        raise ValidationError(
            _("You follow %(n)d things already; remove some first.") % {"n": MAX_FOLLOWS},
            code="too_many",
        )
    try:
        with transaction.atomic():
            follow.save()
    except IntegrityError:  # the same follow saved in parallel
        return Follow.objects.get(
            user=user,
            kind=follow.kind,
            cluster=follow.cluster,
            organisation=follow.organisation,
            facet=follow.facet,
            value=follow.value,
            search=follow.search,
        )
    DigestPreference.objects.get_or_create(user=user, defaults={"language": _language_of(user)})
    log_action(action="follow.added", actor=user, target=follow, data={"kind": kind})
    return follow


def _language_of(user: User) -> str:
    from django.utils import translation

    language = translation.get_language() or "en"
    codes = {code for code, _name in settings.LANGUAGES}
    return language if language in codes else "en"


def _normalised_search(search: str) -> str:
    """A catalogue query string (``?q=…&stage=…`` or a full URL), checked and sorted."""
    from practices.filters import PracticeFilter

    validate_text(search)
    query = search.split("?", 1)[1] if "?" in search else search
    params = QueryDict(query[:500], mutable=True)
    params.pop("page", None)
    params.pop("sort", None)
    filterset = PracticeFilter(params)
    if not params or not filterset.is_valid():
        raise ValidationError(
            _("This is not a search of the catalogue: copy the address of a search."),
            code="invalid",
        )
    items = sorted((k, v) for k in params for v in params.getlist(k) if v)
    if not items:
        raise ValidationError(_("This search has no criteria."), code="invalid")
    return urlencode(items)[:500]


def follow_remove(*, user: User, follow_id: int) -> None:
    Follow.objects.filter(user=user, pk=follow_id).delete()


def digest_unsubscribe(*, user_id: int) -> bool:
    updated = DigestPreference.objects.filter(user_id=user_id, unsubscribed_at__isnull=True).update(
        unsubscribed_at=timezone.now()
    )
    return bool(updated)


# ---- Forms and pages -----------------------------------------------------------------------


class FollowForm(forms.Form):
    kind = forms.ChoiceField(choices=FollowKind.choices, label=gettext_lazy("Follow"))
    cluster = forms.ModelChoiceField(
        Cluster.objects.order_by("name"),
        required=False,
        to_field_name="slug",
        label=gettext_lazy("Cluster"),
    )
    organisation = forms.ModelChoiceField(
        Organisation.objects.network_partners().order_by("name"),
        required=False,
        to_field_name="slug",
        label=gettext_lazy("Partner"),
    )
    topic = forms.ChoiceField(required=False, label=gettext_lazy("Topic"))
    search = forms.CharField(
        required=False,
        max_length=500,
        label=gettext_lazy("Catalogue search (its address)"),
        validators=[validate_text],
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", "—"), *_topic_choices()]


class PreferenceForm(forms.ModelForm):
    language = forms.ChoiceField(choices=settings.LANGUAGES, label=gettext_lazy("Language"))
    receive = forms.BooleanField(required=False, label=gettext_lazy("Send me the weekly digest"))

    class Meta:
        model = DigestPreference
        fields = ["weekday", "language"]


@login_required
@require_http_methods(["GET", "POST"])
def following(request):
    preference, _created = DigestPreference.objects.get_or_create(
        user=request.user, defaults={"language": _language_of(request.user)}
    )
    form = PreferenceForm(
        request.POST or None,
        instance=preference,
        initial={"receive": preference.unsubscribed_at is None},
    )
    if request.method == "POST" and form.is_valid():
        preference = form.save(commit=False)
        preference.unsubscribed_at = (
            None if form.cleaned_data["receive"] else preference.unsubscribed_at or timezone.now()
        )
        preference.save()
        messages.success(request, _("Your digest settings are saved."))
        return redirect("events:following")
    follows = list(
        Follow.objects.filter(user=request.user).select_related("cluster", "organisation")
    )
    labels = {key: label for _group, options in _topic_choices() for key, label in options}
    for follow in follows:
        follow.label = (
            follow.cluster.name
            if follow.cluster
            else follow.organisation.name
            if follow.organisation
            else labels.get(f"{follow.facet}:{follow.value}", follow.value)
            if follow.facet
            else follow.search
        )
    return render(
        request,
        "events/following.html",
        {"form": form, "follow_form": FollowForm(), "follows": follows},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def follow(request):
    """Add (``kind`` + target) or remove (``remove`` = id) a follow; back to ``next``."""
    target = request.POST.get("next", "")
    # A path on this site only ("0" or "x" would be taken for a view name by redirect()).
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
        target, {request.get_host()}, request.is_secure()
    ):
        target = ""
    back = HttpResponseRedirect(target) if target else redirect("events:following")
    if request.POST.get("remove"):
        follow_id = parse_whole_number(request.POST["remove"])
        if follow_id is not None:
            follow_remove(user=request.user, follow_id=follow_id)
        messages.success(request, _("You no longer follow it."))
        return back
    form = FollowForm(request.POST)
    if form.is_valid():
        try:
            follow_add(
                user=request.user,
                kind=form.cleaned_data["kind"],
                cluster=form.cleaned_data["cluster"],
                organisation=form.cleaned_data["organisation"],
                topic=form.cleaned_data["topic"],
                search=form.cleaned_data["search"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Followed. It will be in your weekly digest."))
    else:
        messages.error(request, _("Choose what to follow."))
    return back


@csrf_exempt  # RFC 8058: mail clients POST here without a CSRF token; the token is the key
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    user_id = digest.read_unsubscribe_token(token)
    if user_id is None:
        return render(
            request,
            "events/link_problem.html",
            {"message": _("This unsubscribe link is not valid.")},
            status=400,
        )
    if request.method == "POST":
        digest_unsubscribe(user_id=user_id)
        return render(request, "events/unsubscribed.html", {"done": True})
    return render(request, "events/unsubscribed.html", {"done": False})
