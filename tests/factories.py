"""factory_boy factories for the whole portal; fixtures in conftest.py compose them."""

import datetime
from decimal import Decimal

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone
from factory.django import DjangoModelFactory

from clusters.models import Cluster
from netbioclue.vocabulary import Genesis, Stage, WorldRegion
from organisations.models import Membership, Organisation, OrganisationKind, User
from organisations.permissions import Role
from practices.models import Practice, StakeholderInterview, StakeholderType, Status

PASSWORD = "correct-horse-battery-staple"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        """Accounts are created with a verified primary address unless verified=False."""
        self.save()
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class ClusterFactory(DjangoModelFactory):
    class Meta:
        model = Cluster

    name = factory.Sequence(lambda n: f"Test Cluster {n}")
    slug = factory.Sequence(lambda n: f"test-cluster-{n}")
    countries = factory.List(["DE"])
    region = "Bavaria"
    city = "Munich"
    latitude = Decimal("48.13743")
    longitude = Decimal("11.57549")
    genesis = Genesis.HYBRID
    stage = Stage.DEVELOPING
    world_region = WorldRegion.EUROPE


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    short_name = factory.Sequence(lambda n: f"ORG{n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = OrganisationKind.CLUSTER_ORGANISATION
    country = "GB"
    city = "Cambridge"
    is_network_partner = True


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.MEMBER


class PracticeFactory(DjangoModelFactory):
    class Meta:
        model = Practice

    owner = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Practice number {n}")
    slug = factory.Sequence(lambda n: f"practice-number-{n}")
    summary = "A short summary of how the practice helps a biocluster grow."
    description = "A longer description of the practice."
    status = Status.DRAFT
    country = "GB"
    stages = factory.List([Stage.EMERGING])
    growth_forces = factory.List(["cooperation"])
    tool_types = factory.List(["incubator"])
    beneficiaries = factory.List(["startups"])
    business_models = factory.List(["platform"])
    evidence_level = "monitored"

    class Params:
        published = factory.Trait(
            status=Status.PUBLISHED,
            submitted_at=factory.LazyFunction(timezone.now),
            published_at=factory.LazyFunction(timezone.now),
        )


class StakeholderInterviewFactory(DjangoModelFactory):
    class Meta:
        model = StakeholderInterview

    practice = factory.SubFactory(PracticeFactory, published=True)
    reviewer = factory.SubFactory(UserFactory, is_reviewer=True)
    stakeholder_type = StakeholderType.CLUSTER_MANAGER
    country = "CZ"
    region = "South Moravian Region"
    interviewed_on = datetime.date(2008, 3, 14)
    relevance = 4
    feasibility = 4
    preconditions = 3
    impact = 4
