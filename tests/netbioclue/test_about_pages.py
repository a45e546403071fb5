"""The pages a public EU portal must have (issue 11, point 10): contact, privacy notice,
legal notice, accessibility statement, the funding acknowledgement in the footer,
robots.txt and sitemap.xml listing the public pages and records, and nothing else."""

import datetime
import re
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import Status as EventStatus
from experts.models import ExpertStatus, Visibility
from practices.models import Status
from tests.events.conftest import EventFactory
from tests.experts.factories import ExpertFactory
from tests.factories import ClusterFactory, OrganisationFactory, PracticeFactory

pytestmark = pytest.mark.django_db

PAGES = {
    "about:contact": "Contact",
    "about:privacy": "Privacy notice",
    "about:legal_notice": "Legal notice",
    "about:accessibility": "Accessibility statement",
}
OPERATOR = {
    "PORTAL_OPERATOR": "Example Cluster Association",
    "PORTAL_OPERATOR_ADDRESS": "Example Street 1, 20121 Milan, Italy",
    "CONTACT_EMAIL": "hello@portal.example",
}
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.mark.parametrize("name", list(PAGES))
@override_settings(**OPERATOR)
def test_each_page_is_public_and_names_the_operator_and_how_to_write(client, name):
    response = client.get(reverse(name))

    assert response.status_code == 200
    assert f"<h1>{PAGES[name]}</h1>" in response.text
    assert "Example Cluster Association" in response.text
    assert 'href="mailto:hello@portal.example"' in response.text


@override_settings(PORTAL_OPERATOR="", PORTAL_OPERATOR_ADDRESS="")
def test_an_undeclared_operator_is_said_not_invented(client):
    text = client.get(reverse("about:legal_notice")).text
    assert "has not declared its name (PORTAL_OPERATOR)" in text


def test_the_privacy_notice_covers_each_group_with_retention_from_the_settings(client, settings):
    settings.EVENTS_ERASE_REGISTRATIONS_AFTER = datetime.timedelta(days=45)

    text = client.get(reverse("about:privacy")).text

    for heading in ("People of partner organisations", "Experts", "People who request expertise",
                    "Event participants", "How long it is kept", "Your rights"):  # fmt: skip
        assert heading in text
    assert "erased 45 days after the event ends" in text
    assert "data protection authority" in text
    assert "No analytics" in text


def test_the_accessibility_statement_has_the_directives_sections(client):
    text = client.get(reverse("about:accessibility")).text

    assert "Directive (EU) 2016/2102" in text
    for section in ("Compliance status", "Non-accessible content",
                    "Preparation of this statement", "Feedback and contact",
                    "Enforcement procedure"):  # fmt: skip
        assert f">{section}</h2>" in text
    assert "partially compliant" in text
    assert re.search(r"prepared on \d{1,2} \w+ \d{4}", text)


def test_the_footer_acknowledges_the_eu_funding_and_links_the_pages(client):
    text = client.get(reverse("home")).text
    footer = text[text.index('<footer class="site-footer">') :]

    assert "European Commission" in footer
    assert "Europe INNOVA" in footer
    assert "2006–2008" in footer
    for name in PAGES:
        assert f'href="{reverse(name)}"' in footer


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_private_pages(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.text.splitlines()
    assert lines[0] == "User-agent: *"
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    for private in ("/admin/", "/accounts/", "/dashboard/", "/practices/moderation/"):
        assert f"Disallow: {private}" in lines
    assert "Disallow: /practices/" not in lines


def _sitemap_paths(client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ElementTree.fromstring(response.content)  # noqa: S314 (the portal's own answer)
    return [
        loc.text.removeprefix("http://testserver")
        for loc in root.findall("s:url/s:loc", SITEMAP_NS)
    ]


def test_the_sitemap_lists_public_pages_and_records_only(client):
    published = PracticeFactory(published=True, slug="open-practice")
    draft = PracticeFactory(status=Status.DRAFT, slug="draft-practice")
    cluster = ClusterFactory(slug="biocat")
    partner = OrganisationFactory(slug="erbi", is_network_partner=True)
    OrganisationFactory(slug="not-a-network-partner", is_network_partner=False)
    public_expert = ExpertFactory()
    partners_only = ExpertFactory(visibility=Visibility.PARTNERS)
    pending = ExpertFactory(status=ExpertStatus.APPLIED)
    event = EventFactory(slug="open-workshop")
    draft_event = EventFactory(slug="draft-workshop", draft=True)
    cancelled = EventFactory(slug="cancelled-workshop", status=EventStatus.CANCELLED)

    paths = _sitemap_paths(client)

    for name in ("home", "practices:list", "clusters:list", "experts:index", "events:index",
                 "organisations:partner_list", *PAGES):  # fmt: skip
        assert reverse(name) in paths, name
    assert published.get_absolute_url() in paths
    assert cluster.get_absolute_url() in paths
    assert reverse("organisations:partner_detail", kwargs={"slug": partner.slug}) in paths
    assert public_expert.get_absolute_url() in paths
    assert event.get_absolute_url() in paths
    for hidden in (draft, partners_only, pending, draft_event, cancelled):
        assert hidden.get_absolute_url() not in paths
    assert "/partners/not-a-network-partner/" not in paths
    assert len(paths) == len(set(paths))


def _one_of_each_section():
    PracticeFactory(published=True)  # also a partner organisation (its owner)
    ClusterFactory()
    ExpertFactory()
    EventFactory()


def test_the_sitemap_costs_the_same_queries_for_one_and_many_records(client):
    # Per section (practices, clusters, partners, experts, events): a count, then the rows.
    _one_of_each_section()
    with CaptureQueriesContext(connection) as one:
        _sitemap_paths(client)
    for _ in range(25):
        _one_of_each_section()
    with CaptureQueriesContext(connection) as many:
        paths = _sitemap_paths(client)

    assert len(one) == len(many) == 10
    assert len(paths) > 100
