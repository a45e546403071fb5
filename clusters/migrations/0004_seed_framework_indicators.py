"""The framework indicators of DOMAIN.md, as data (partners may add more later).

Rows are (slug, name, unit, growth force, description, largest plausible value); all of
them are "higher is better". Re-running updates names and units, never deletes.
"""

from decimal import Decimal

from django.db import migrations

INDICATORS = [
    ("research-institutions", "Research institutions", "institutions", "scientific",
     "Universities, research institutes and research hospitals active in life sciences.", 5000),
    ("researchers", "Researchers", "people", "scientific",
     "Researchers (full-time equivalent) in life sciences.", 1_000_000),
    ("publications", "Publications", "papers per year", "scientific",
     "Peer-reviewed life-science publications with an author in the cluster.", 1_000_000),
    ("patents", "Patents", "applications per year", "scientific",
     "Biotechnology patent applications (EPO, USPTO or national) from the cluster.", 100_000),
    ("venture-capital", "Venture capital invested", "EUR million", "financial",
     "Venture capital invested in the cluster's biotech companies in the year.", 100_000),
    ("public-funding", "Public funding", "EUR million", "financial",
     "Public R&D and support funding for life sciences in the year.", 100_000),
    ("seed-funds", "Seed funds", "funds", "financial",
     "Seed or proof-of-concept funds active in the cluster.", 10_000),
    ("biotech-companies", "Biotech companies", "companies", "industrial",
     "Dedicated biotechnology companies located in the cluster.", 100_000),
    ("employees", "Employees", "people", "industrial",
     "People employed by the cluster's biotech companies.", 10_000_000),
    ("new-companies", "New companies", "companies per year", "industrial",
     "Biotech companies founded in the year.", 10_000),
    ("large-pharma", "Large pharma present", "companies", "industrial",
     "Large pharmaceutical companies with R&D or production in the cluster.", 1_000),
    ("incubator-space", "Incubator space", "m²", "support",
     "Incubator and laboratory space for start-ups.", 10_000_000),
    ("tech-transfer-offices", "Technology-transfer offices", "offices", "support",
     "Technology-transfer offices serving the cluster.", 10_000),
    ("support-programmes", "Support programmes", "programmes", "support",
     "Public or private support programmes open to biotech companies.", 10_000),
    ("members", "Cluster-organisation members", "members", "cooperation",
     "Members of the cluster organisation.", 100_000),
    ("international-partnerships", "International partnerships", "agreements", "cooperation",
     "Partnership agreements with clusters or organisations abroad.", 10_000),
    ("joint-projects", "Joint projects", "projects per year", "cooperation",
     "Joint research or business projects between cluster members in the year.", 100_000),
]  # fmt: skip


def seed(apps, schema_editor):
    IndicatorDefinition = apps.get_model("clusters", "IndicatorDefinition")
    for position, (slug, name, unit, force, description, largest) in enumerate(INDICATORS):
        IndicatorDefinition.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "unit": unit,
                "growth_force": force,
                "higher_is_better": True,
                "description": description,
                "max_value": Decimal(largest),
                "position": position,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("clusters", "0003_profiles_indicators_self_assessments")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
