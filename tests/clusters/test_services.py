import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from clusters.models import (
    ClusterRevision,
    IndicatorStatus,
    IndicatorValue,
    RevisionStatus,
    SelfAssessment,
)
from clusters.services import (
    cluster_profile_propose,
    cluster_revision_approve,
    cluster_revision_reject,
    indicator_value_approve,
    indicator_value_propose,
    indicator_value_reject,
    self_assessment_attach,
)
from organisations.models import Activity
from tests.clusters.answers import AARHUS

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 1, 10)


def propose(cluster, indicator, by, **changes):
    data = {"year": 2024, "value": "120", "source": "Annual report 2024", "recorded_on": TODAY}
    return indicator_value_propose(
        cluster=cluster, indicator=indicator, by=by, **{**data, **changes}
    )


def test_an_editor_proposes_a_value_that_waits_for_the_coordinator(
    home, editor, coordinator, companies, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        entry = propose(home, companies, editor)
    assert entry.status == IndicatorStatus.PENDING
    assert not IndicatorValue.objects.approved().exists()
    assert Activity.objects.filter(action="cluster.indicator_proposed").count() == 1
    assert [m.to for m in mail.outbox] == [[coordinator.email]]

    with django_capture_on_commit_callbacks(execute=True):
        indicator_value_approve(entry=entry, by=coordinator)
    entry.refresh_from_db()
    assert entry.status == IndicatorStatus.APPROVED and entry.decided_by == coordinator
    assert mail.outbox[-1].to == [editor.email]  # the proposer hears of the decision


def test_a_second_proposal_for_the_same_year_replaces_the_pending_one(home, editor, companies):
    propose(home, companies, editor, value="100")
    propose(home, companies, editor, value="110")
    assert list(IndicatorValue.objects.values_list("value", flat=True)) == [110]


def test_approving_a_new_value_supersedes_the_old_one(home, editor, coordinator, companies):
    indicator_value_approve(entry=propose(home, companies, editor, value="100"), by=coordinator)
    indicator_value_approve(entry=propose(home, companies, editor, value="130"), by=coordinator)
    statuses = dict(IndicatorValue.objects.values_list("value", "status"))
    assert statuses == {100: "superseded", 130: "approved"}


def test_a_decision_is_taken_once(home, editor, coordinator, companies):
    entry = propose(home, companies, editor)
    indicator_value_reject(entry=entry, comment="Source missing", by=coordinator)
    with pytest.raises(ValidationError, match="already rejected"):
        indicator_value_approve(entry=entry, by=coordinator)


def test_rejecting_needs_a_reason(home, editor, coordinator, companies):
    with pytest.raises(ValidationError, match="Say why"):
        indicator_value_reject(entry=propose(home, companies, editor), comment=" ", by=coordinator)


def test_partners_only_edit_their_own_home_cluster(
    home, elsewhere, editor, bob, charlie, companies
):
    with pytest.raises(PermissionDenied):
        propose(elsewhere, companies, editor)  # another partner's cluster
    with pytest.raises(PermissionDenied):
        propose(home, companies, bob)  # a plain member
    with pytest.raises(PermissionDenied):
        propose(home, companies, charlie)
    assert not IndicatorValue.objects.exists()


def test_only_the_coordinator_decides(home, editor, alice, companies):
    entry = propose(home, companies, editor)
    with pytest.raises(PermissionDenied):
        indicator_value_approve(entry=entry, by=alice)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"value": "-3"}, "value", "cannot be negative"),
        ({"value": "1000000000000"}, "value", "is not plausible"),
        ({"value": "lots"}, "value", "Enter a number"),
        ({"value": "NaN"}, "value", "Enter a number"),
        ({"year": "1800"}, "year", "between 1950"),
        ({"year": "2999"}, "year", "between 1950"),
        ({"year": "twenty"}, "year", "whole year"),
        ({"source": ""}, "source", "where the figure comes from"),
        ({"source": "a\x00b"}, "source", ""),
        ({"recorded_on": "2999-01-01"}, "recorded_on", "future"),
        ({"recorded_on": "yesterday"}, "recorded_on", "YYYY-MM-DD"),
    ],
)
def test_bad_values_are_refused_with_a_message_per_field(
    home, editor, companies, changes, field, message
):
    with pytest.raises(ValidationError) as caught:
        propose(home, companies, editor, **changes)
    assert field in caught.value.message_dict
    assert message in caught.value.message_dict[field][0]
    assert not IndicatorValue.objects.exists()


def test_a_profile_edit_is_a_pending_revision_until_approved(
    home, editor, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        revision = cluster_profile_propose(
            cluster=home,
            data={"description": "Europe's leading biocluster.", "force_financial": "VC."},
            by=editor,
        )
    home.refresh_from_db()
    assert home.description == ""  # nothing public yet
    assert revision.status == RevisionStatus.PENDING
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    # A second save updates the same revision.
    again = cluster_profile_propose(cluster=home, data={"key_actors": "University"}, by=editor)
    assert again.pk == revision.pk and ClusterRevision.objects.count() == 1
    cluster_revision_approve(revision=revision, by=coordinator)
    home.refresh_from_db()
    assert home.description == "Europe's leading biocluster."
    assert home.key_actors == "University" and home.force_financial == "VC."
    logged = Activity.objects.get(action="cluster.revision_approved")
    assert {"field": "description"} in logged.data["changes"]  # long text: changed only


def test_a_profile_edit_with_bad_values_is_refused(home, editor):
    with pytest.raises(ValidationError) as caught:
        cluster_profile_propose(
            cluster=home, data={"latitude": "123", "description": "x" * 6000}, by=editor
        )
    assert set(caught.value.message_dict) == {"description"}
    with pytest.raises(ValidationError) as caught:
        cluster_profile_propose(cluster=home, data={"latitude": "123"}, by=editor)
    assert "latitude" in caught.value.message_dict
    assert not ClusterRevision.objects.exists()


def test_a_rejected_revision_keeps_the_profile(home, editor, coordinator):
    revision = cluster_profile_propose(cluster=home, data={"description": "New"}, by=editor)
    cluster_revision_reject(revision=revision, comment="Too short", by=coordinator)
    home.refresh_from_db()
    assert home.description == ""
    assert ClusterRevision.objects.get().status == RevisionStatus.REJECTED


def test_outsiders_cannot_propose_profile_edits(home, charlie, bob):
    for person in (charlie, bob):
        with pytest.raises(PermissionDenied):
            cluster_profile_propose(cluster=home, data={"description": "Mine"}, by=person)


def test_an_editor_attaches_a_dated_self_assessment(home, editor, elsewhere):
    saved = self_assessment_attach(cluster=home, answers=AARHUS, assessed_on=TODAY, by=editor)
    assert saved.stage == "developing" and saved.scores["scientific"] == 69
    assert set(saved.answers) == set(AARHUS)  # the answers only
    assert len(saved.token) >= 20
    with pytest.raises(PermissionDenied):
        self_assessment_attach(cluster=elsewhere, answers=AARHUS, assessed_on=TODAY, by=editor)
    assert SelfAssessment.objects.count() == 1


def test_the_latest_year_is_flagged_whatever_the_order_of_approval(
    home, editor, coordinator, companies
):
    indicator_value_approve(entry=propose(home, companies, editor, year=2024), by=coordinator)
    indicator_value_approve(entry=propose(home, companies, editor, year=2020), by=coordinator)
    assert IndicatorValue.objects.get(is_latest=True).year == 2024
    indicator_value_approve(
        entry=propose(home, companies, editor, year=2024, value="140"), by=coordinator
    )
    latest = IndicatorValue.objects.get(is_latest=True)
    assert (latest.year, latest.value, latest.status) == (2024, 140, "approved")
