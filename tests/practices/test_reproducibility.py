"""Stakeholder interviews, the transferability rule and the reproducibility block."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from organisations.models import Activity
from practices.models import Status
from practices.services.reproducibility import (
    interview_delete,
    interview_record,
    summary,
    transferability_from,
)
from tests.factories import PracticeFactory, StakeholderInterviewFactory, UserFactory

pytestmark = pytest.mark.django_db


def _data(**overrides):
    data = {
        "stakeholder_type": "policy-maker",
        "country": "HU",
        "region": "Southern Great Plain",
        "interviewed_on": datetime.date(2008, 4, 2),
        "relevance": 5,
        "feasibility": 4,
        "preconditions": 4,
        "impact": 5,
        "adaptations": "A regional co-funder for the first three years.",
    }
    data.update(overrides)
    return data


def _post_data(**overrides):
    data = _data(**overrides)
    data["interviewed_on"] = str(data["interviewed_on"])
    return data


@pytest.fixture
def published(org):
    return PracticeFactory(owner=org, published=True, slug="proof-of-concept-fund")


class TestTheRule:
    @pytest.mark.parametrize(
        ("scores", "expected"),
        [
            pytest.param([], "", id="no interview: not yet assessed"),
            pytest.param([(5, 5, 5, 5)], "medium", id="one interview gives at most medium"),
            pytest.param([(4, 4, 4, 4)] * 2, "high", id="mean exactly 4.0 from 2 is high"),
            pytest.param([(4, 4, 4, 4), (4, 4, 4, 3)], "medium", id="mean 3.875 is medium"),
            pytest.param([(5, 5, 5, 3)] * 2, "high", id="a criterion at exactly 3.0 is high"),
            pytest.param(
                [(5, 5, 5, 3), (5, 5, 5, 2)], "medium", id="a criterion at 2.5 caps at medium"
            ),
            pytest.param([(3, 3, 3, 3)], "medium", id="mean exactly 3.0 is medium"),
            pytest.param([(3, 3, 3, 3), (3, 3, 3, 2)], "low", id="mean 2.875 is low"),
            pytest.param([(3, 3, 3, 2)], "low", id="mean 2.75 is low"),
            pytest.param([(5, 5, 2, 5)] * 2, "medium", id="a criterion at exactly 2.0 is not low"),
            pytest.param(
                [(5, 5, 1, 5), (5, 5, 2, 5)], "low", id="a criterion below 2.0 is low however high"
            ),
            pytest.param([(1, 1, 1, 1)] * 5, "low", id="all ones"),
            pytest.param([(5, 4, 4, 4), (4, 4, 4, 4), (3, 5, 5, 4)], "high", id="three agree"),
        ],
    )
    def test_boundaries(self, scores, expected):
        assert transferability_from(scores) == expected

    def test_it_refuses_a_row_without_four_scores(self):
        with pytest.raises(ValueError, match="four scores"):
            transferability_from([(5, 5, 5)])


class TestSummary:
    def test_a_practice_without_interviews_is_not_yet_assessed(self, published):
        result = summary(published)
        assert result.interview_count == 0
        assert not result.is_assessed
        assert result.transferability == ""
        assert result.transferability_label == "Not yet assessed"
        assert result.criteria == []

    def test_it_aggregates_the_interviews(self, published, reviewer):
        common = {"practice": published, "reviewer": reviewer}
        StakeholderInterviewFactory(
            **common, stakeholder_type="investor", interviewed_on=datetime.date(2008, 2, 1),
            relevance=5, feasibility=4, preconditions=3, impact=5, adaptations="A co-investor.",
        )  # fmt: skip
        StakeholderInterviewFactory(
            **common, stakeholder_type="policy-maker", interviewed_on=datetime.date(2007, 11, 5),
            relevance=4, feasibility=4, preconditions=4, impact=4, adaptations="",
        )  # fmt: skip
        StakeholderInterviewFactory(
            **common, stakeholder_type="investor", interviewed_on=datetime.date(2008, 6, 9),
            relevance=4, feasibility=5, preconditions=4, impact=4, adaptations="  A local TTO. ",
        )  # fmt: skip
        other = PracticeFactory(owner=published.owner, published=True)
        StakeholderInterviewFactory(practice=other, reviewer=reviewer, stakeholder_type="company")

        result = summary(published)

        assert result.interview_count == 3
        assert result.means == {
            "relevance": Decimal("4.3"),  # 13 / 3
            "feasibility": Decimal("4.3"),
            "preconditions": Decimal("3.7"),  # 11 / 3
            "impact": Decimal("4.3"),
        }
        assert result.overall_mean == Decimal("4.2")  # 50 / 12
        assert result.transferability == "high"
        assert result.transferability_label == "High"
        assert result.adaptations == ["A co-investor.", "A local TTO."]  # by date, blanks out
        # In the vocabulary's order, each once.
        assert result.stakeholder_types == ["policy-maker", "investor"]
        assert result.stakeholder_type_labels == ["Policy maker", "Investor"]
        assert [(c.key, c.percent) for c in result.criteria] == [
            ("relevance", 86),
            ("feasibility", 86),
            ("preconditions", 74),
            ("impact", 86),
        ]

    @pytest.mark.parametrize("count", [1, 25])
    def test_it_reads_with_one_query(self, published, reviewer, count, django_assert_num_queries):
        StakeholderInterviewFactory.create_batch(count, practice=published, reviewer=reviewer)
        # 1. one aggregate over the interviews: count, sums, adaptations, stakeholder types
        with django_assert_num_queries(1):
            result = summary(published)
        assert result.interview_count == count

    def test_it_reads_with_one_query_without_interviews(self, published, django_assert_num_queries):
        with django_assert_num_queries(1):
            summary(published)


class TestRecording:
    def test_a_reviewer_records_and_the_practice_is_updated(
        self, published, reviewer, catalogue_changes
    ):
        interview = interview_record(practice=published, data=_data(), by=reviewer)

        published.refresh_from_db()
        assert interview.reviewer == reviewer
        assert interview.country == "HU"
        assert published.interview_count == 1
        assert published.transferability == "medium"  # one interview: at most medium
        activity = Activity.objects.get(action="practice.interview_recorded")
        assert activity.actor == reviewer
        assert activity.organisation == published.owner
        assert activity.data["transferability"] == "medium"
        assert catalogue_changes == [True]

        interview_record(
            practice=published,
            data=_data(stakeholder_type="investor"),
            by=reviewer,
            another=True,
        )
        published.refresh_from_db()
        assert published.interview_count == 2
        assert published.transferability == "high"

    def test_the_version_of_the_content_does_not_change(self, published, reviewer):
        interview_record(practice=published, data=_data(), by=reviewer)
        version = published.version
        published.refresh_from_db()
        assert published.version == version

    def test_a_coordinator_may_record(self, published, coordinator):
        interview_record(practice=published, data=_data(), by=coordinator)
        published.refresh_from_db()
        assert published.interview_count == 1

    def test_a_submitted_practice_takes_interviews_without_touching_search(
        self, org, reviewer, catalogue_changes
    ):
        practice = PracticeFactory(owner=org, status=Status.SUBMITTED, submitted_at=timezone.now())
        interview_record(practice=practice, data=_data(), by=reviewer)
        practice.refresh_from_db()
        assert practice.interview_count == 1
        assert catalogue_changes == []

    @pytest.mark.parametrize(
        "status", [Status.DRAFT, Status.CHANGES_REQUESTED, Status.REJECTED, Status.ARCHIVED]
    )
    def test_other_states_take_no_interview(self, org, reviewer, status):
        practice = PracticeFactory(owner=org, status=status, published_at=timezone.now())
        with pytest.raises(ValidationError) as error:
            interview_record(practice=practice, data=_data(), by=reviewer)
        assert error.value.code == "invalid_state"
        assert practice.interviews.count() == 0

    @pytest.mark.parametrize("actor", ["alice", "editor", "charlie"])
    def test_partners_cannot_record(self, request, published, actor):
        with pytest.raises(PermissionDenied):
            interview_record(practice=published, data=_data(), by=request.getfixturevalue(actor))
        assert published.interviews.count() == 0

    @pytest.mark.parametrize("score", [0, 6])
    def test_the_service_refuses_scores_out_of_range(self, published, reviewer, score):
        with pytest.raises(ValidationError) as error:
            interview_record(practice=published, data=_data(impact=score), by=reviewer)
        assert "impact" in error.value.message_dict
        published.refresh_from_db()
        assert published.interview_count == 0

    def test_the_service_refuses_a_future_date(self, published, reviewer):
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        with pytest.raises(ValidationError) as error:
            interview_record(practice=published, data=_data(interviewed_on=tomorrow), by=reviewer)
        assert "interviewed_on" in error.value.message_dict


class TestDeleting:
    def test_the_reviewer_who_recorded_it_deletes_it(self, published, reviewer, catalogue_changes):
        first = interview_record(practice=published, data=_data(), by=reviewer)
        interview_record(practice=published, data=_data(), by=reviewer, another=True)
        published.refresh_from_db()
        assert published.transferability == "high"

        interview_delete(interview=first, by=reviewer)

        published.refresh_from_db()
        assert published.interview_count == 1
        assert published.transferability == "medium"
        assert Activity.objects.filter(action="practice.interview_deleted").count() == 1
        assert len(catalogue_changes) == 3

    def test_the_last_deletion_leaves_it_not_yet_assessed(self, published, reviewer, coordinator):
        interview = interview_record(practice=published, data=_data(), by=reviewer)
        interview_delete(interview=interview, by=coordinator)
        published.refresh_from_db()
        assert published.interview_count == 0
        assert published.transferability == ""

    def test_another_reviewer_cannot_delete_it(self, published, reviewer):
        interview = interview_record(practice=published, data=_data(), by=reviewer)
        other = UserFactory(is_reviewer=True)
        with pytest.raises(PermissionDenied):
            interview_delete(interview=interview, by=other)
        assert published.interviews.count() == 1


class TestInterviewPage:
    def _url(self, practice):
        return reverse("practices:interview_create", kwargs={"slug": practice.slug})

    def test_a_reviewer_sees_the_form(self, client, published, reviewer):
        client.force_login(reviewer)
        response = client.get(self._url(published))
        assert response.status_code == 200
        html = response.content.decode()
        assert published.title in html
        assert 'type="radio"' in html
        assert 'name="relevance" value="5"' in html
        assert 'type="date"' in html

    def test_a_reviewer_records_and_returns_to_the_practice(self, client, published, reviewer):
        client.force_login(reviewer)
        response = client.post(self._url(published), _post_data())
        assert response.status_code == 302
        assert response["Location"] == published.get_absolute_url()
        published.refresh_from_db()
        assert published.interview_count == 1
        interview = published.interviews.get()
        assert interview.reviewer == reviewer
        assert interview.adaptations == "A regional co-funder for the first three years."
        assert [str(m) for m in get_messages(response.wsgi_request)] == [
            "The interview was recorded. Transferability is up to date."
        ]

    @pytest.mark.parametrize(
        ("method", "actor", "status", "expected"),
        [
            ("get", "reviewer", Status.PUBLISHED, 200),
            ("get", "coordinator", Status.PUBLISHED, 200),
            ("get", "reviewer", Status.SUBMITTED, 200),
            ("get", "editor", Status.PUBLISHED, 403),
            ("post", "editor", Status.PUBLISHED, 403),
            ("get", "alice", Status.DRAFT, 403),  # sees her own draft, may not interview
            ("get", "charlie", Status.PUBLISHED, 403),
            ("get", "charlie", Status.DRAFT, 404),  # an outsider learns nothing of a draft
            ("post", "charlie", Status.DRAFT, 404),
            ("get", "reviewer", Status.DRAFT, 404),  # drafts are not reviewers' business
            ("get", "coordinator", Status.DRAFT, 302),  # visible, but takes no interview
        ],
    )
    def test_permission_matrix(self, client, request, org, method, actor, status, expected):
        practice = PracticeFactory(
            owner=org, status=status, published_at=timezone.now(), slug="a-practice"
        )
        client.force_login(request.getfixturevalue(actor))
        response = getattr(client, method)(self._url(practice), _post_data())
        assert response.status_code == expected
        assert practice.interviews.count() == 0

    def test_anonymous_visitors_are_sent_to_sign_in(self, client, published):
        url = self._url(published)
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
        assert "next=" in response["Location"]

    def test_an_unknown_practice_is_not_found(self, client, reviewer):
        client.force_login(reviewer)
        response = client.get(reverse("practices:interview_create", kwargs={"slug": "nope"}))
        assert response.status_code == 404

    @pytest.mark.parametrize("score", ["0", "6"])
    def test_a_score_out_of_range_is_refused_and_the_typed_values_kept(
        self, client, published, reviewer, score
    ):
        client.force_login(reviewer)
        response = client.post(
            self._url(published), _post_data(feasibility=score, region="Csongrád County")
        )
        assert response.status_code == 400
        form = response.context["form"]
        assert list(form.errors) == ["feasibility"]
        assert "is not one of the available choices" in form.errors["feasibility"][0]
        html = response.content.decode()
        assert 'value="Csongrád County"' in html
        assert "A regional co-funder for the first three years." in html
        assert 'name="relevance" value="5" required id="id_relevance_4" checked' in html
        assert published.interviews.count() == 0

    def test_a_future_date_is_refused(self, client, published, reviewer):
        client.force_login(reviewer)
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        response = client.post(self._url(published), _post_data(interviewed_on=tomorrow))
        assert response.status_code == 400
        assert response.context["form"].errors["interviewed_on"] == [
            "The date of the interview cannot be in the future."
        ]
        assert published.interviews.count() == 0

    def test_a_missing_score_is_required(self, client, published, reviewer):
        client.force_login(reviewer)
        data = _post_data()
        del data["impact"]
        response = client.post(self._url(published), data)
        assert response.status_code == 400
        assert list(response.context["form"].errors) == ["impact"]


class TestReproducibilityBlock:
    def _render(self, practice, user):
        request = RequestFactory().get("/")
        request.user = user
        return render_to_string(
            "practices/_reproducibility.html",
            {"practice": practice, "reproducibility": summary(practice), "user": user},
            request=request,
        )

    def test_without_interviews_it_says_not_yet_assessed(self, published, editor):
        html = self._render(published, editor)
        assert "Not yet assessed" in html
        assert "Record an interview" not in html
        assert 'id="transferability-rule"' in html
        assert "at least two interviews" in html

    def test_with_interviews_it_shows_the_badge_means_and_adaptations(self, published, reviewer):
        for stakeholder_type in ("company", "investor"):
            interview_record(
                practice=published,
                data=_data(stakeholder_type=stakeholder_type),
                by=reviewer,
                another=True,
            )
        html = self._render(published, reviewer)
        assert "Not yet assessed" not in html
        assert '<span class="badge badge-success">High</span>' in html
        assert "from 2 stakeholder interviews" in html
        assert "overall mean 4.5 out of 5" in html
        assert "Feasibility with local resources" in html
        assert '<rect width="80" height="1">' in html  # feasibility 4.0 (no style="": CSP)
        assert "Company, Investor" in html
        assert "A regional co-funder for the first three years." in html
        assert reverse("practices:interview_create", kwargs={"slug": published.slug}) in html

    def test_a_draft_offers_no_interview_even_to_a_reviewer(self, org, reviewer):
        draft = PracticeFactory(owner=org)
        assert "Record an interview" not in self._render(draft, reviewer)
