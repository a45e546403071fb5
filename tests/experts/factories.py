"""Factories of the experts app (composed with tests/factories.py)."""

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from experts.models import ExpertiseRequest, ExpertProfile, ExpertStatus, Format, Visibility
from tests.factories import UserFactory


class ExpertFactory(DjangoModelFactory):
    class Meta:
        model = ExpertProfile

    user = factory.SubFactory(UserFactory)
    email = factory.LazyAttribute(lambda o: o.user.email if o.user else "")
    name = factory.Sequence(lambda n: f"Expert {n}")
    headline = "Cluster development adviser"
    bio = "Advises biotech clusters on incubators and seed funding."
    country = "DE"
    countries = factory.List(["DE"])
    languages = factory.List(["en"])
    language_levels = factory.Dict({"en": "C2"})
    growth_forces = factory.List(["financial"])
    tool_types = factory.List(["funding"])
    stages = factory.List(["emerging"])
    beneficiaries = factory.List(["startups"])
    formats = factory.List([Format.ADVICE])
    capacity = 2
    visibility = Visibility.PUBLIC
    status = ExpertStatus.VALIDATED
    consent_text = "I agree."
    consent_at = factory.LazyFunction(timezone.now)


class RequestFactory(DjangoModelFactory):
    class Meta:
        model = ExpertiseRequest

    title = factory.Sequence(lambda n: f"Setting up a seed fund {n}")
    description = "We want to set up a seed fund for biotech start-ups in our region."
    requester = factory.SubFactory(UserFactory)
    growth_forces = factory.List(["financial"])
    tool_types = factory.List(["funding"])
    beneficiaries = factory.List(["startups"])
    stage = "emerging"
    languages = factory.List(["en"])
    format = Format.ADVICE
    experts_wanted = 1
