"""Accessibility checks with axe-core, vendored under ``tests/e2e/vendor/axe-core``.

``axe_findings(page)`` runs axe on the page as it is now and returns its violations;
``assert_accessible(page)`` fails on any serious or critical one, naming the rule, the
impact and the first offending elements. The script is evaluated through the DevTools
protocol, so the page's Content-Security-Policy neither blocks it nor has to allow it.
"""

from functools import cache
from pathlib import Path

AXE_SOURCE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
# WCAG 2.1 A and AA, the level the EU Web Accessibility Directive refers to (EN 301 549),
# plus axe's best practices (landmarks, headings, region).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


@cache
def _source():
    return AXE_SOURCE.read_text(encoding="utf-8")


def axe_findings(page, *, tags=TAGS):
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_source() + "\n;undefined")
    return page.evaluate(
        """async (tags) => {
            const result = await window.axe.run(document, {runOnly: {type: "tag", values: tags}});
            return result.violations.map((v) => ({
                id: v.id,
                impact: v.impact,
                help: v.help,
                targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
            }));
        }""",
        tags,
    )


def counts_by_impact(findings):
    counts = {"minor": 0, "moderate": 0, "serious": 0, "critical": 0}
    for finding in findings:
        counts[finding["impact"] or "minor"] += len(finding["targets"]) or 1
    return counts


def assert_accessible(page, *, label=None):
    blocking = [f for f in axe_findings(page) if f["impact"] in BLOCKING]
    where = label or page.url
    assert not blocking, f"axe on {where}:\n" + "\n".join(
        f"  {f['impact']} {f['id']}: {f['help']} at {', '.join(f['targets'])}" for f in blocking
    )
