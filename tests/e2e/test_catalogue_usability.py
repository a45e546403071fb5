"""The catalogue on a phone and by keyboard (issue 11, points 1 and 2): results before the
filters at 390 px, filters that apply as they change, and a short way by Tab from the
search box to the first result."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# Bounds the issue asks for (66 Tab presses and ~3,250 px before the change).
MAX_TABS_TO_FIRST_RESULT = 10
# The first result's title is on the first screen of a 390 x 844 phone (3,837 px before).
MAX_FIRST_RESULT_OFFSET = PHONE["height"]


def first_result_offset(page) -> float:
    return page.evaluate(
        "() => document.querySelector('.result-list .result').getBoundingClientRect().top"
        " + window.scrollY"
    )


def first_result_title_bottom(page) -> float:
    return page.evaluate(
        "() => document.querySelector('.result-list .result h3').getBoundingClientRect().bottom"
        " + window.scrollY"
    )


def tabs_from_search_to_first_result(page, *, skip_link: bool, limit=200) -> int:
    """Tab presses from the search box to the first result's link; with ``skip_link``,
    Enter on "Skip to results" when it has focus (that Enter is not counted)."""
    first_href = page.locator(".result-list .result a").first.get_attribute("href")
    page.locator("#catalogue-q").focus()
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => [document.activeElement.textContent.trim(),"
            " document.activeElement.closest('.result-list') !== null,"
            " document.activeElement.getAttribute('href')]"
        )
        if focused[1] and focused[2] == first_href:
            return presses
        if skip_link and focused[0] == "Skip to results":
            page.keyboard.press("Enter")
    return limit + 1


def apply_a_filter(page):
    """By keyboard: open the filters, tick "Emerging", let it apply (or press Apply)."""
    disclosure = page.locator("details.filters-disclosure")
    if disclosure.count() and not disclosure.get_attribute("open"):
        page.locator("details.filters-disclosure > summary").click()
    group = page.locator("details.facet-group", has_text="Life-cycle stage")
    if group.count() and not group.first.get_attribute("open"):
        group.first.locator("summary").click()
    applies_on_change = page.locator("script[src*='catalogue-filters']").count() > 0
    page.get_by_role("checkbox", name=re.compile(r"^Emerging")).check()
    if not applies_on_change:
        page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"stage=emerging"))


def test_the_first_result_is_on_the_first_phone_screen(page, capsys):
    call_command("seed_demo", verbosity=0)
    page.set_viewport_size(PHONE)
    page.goto("/practices/")
    offset, title_bottom = first_result_offset(page), first_result_title_bottom(page)
    with capsys.disabled():
        print(f"\nfirst result at 390 px: starts {offset:.0f} px, title ends {title_bottom:.0f} px")
    assert title_bottom <= MAX_FIRST_RESULT_OFFSET


def test_by_keyboard_the_first_result_is_a_few_tabs_after_a_filter(page, capsys):
    call_command("seed_demo", verbosity=0)
    page.set_viewport_size(DESKTOP)
    page.goto("/practices/")
    apply_a_filter(page)
    # The script reopened the panel and the group where the box was ticked.
    expect(page.locator("details.filters-disclosure")).to_have_attribute("open", "")
    expect(page.get_by_role("checkbox", name=re.compile(r"^Emerging"))).to_be_focused()
    with_skip_link = tabs_from_search_to_first_result(page, skip_link=True)
    # The same filtered page opened from its link (the filters panel closed).
    page.goto(page.url.split("#")[0])
    expect(page.locator("details.filters-disclosure")).not_to_have_attribute("open", "")
    tabs_only = tabs_from_search_to_first_result(page, skip_link=False)
    with capsys.disabled():
        print(
            "\nTab presses from the search box to the first result after a filter: "
            f"{with_skip_link} (+1 Enter on Skip to results, panel open); "
            f"{tabs_only} (Tab only, panel closed)"
        )
    assert with_skip_link <= MAX_TABS_TO_FIRST_RESULT
    assert tabs_only <= MAX_TABS_TO_FIRST_RESULT


def a_few_practices():
    from tests.factories import PracticeFactory

    PracticeFactory(published=True, title="Seed fund for spin-offs", stages=["emerging"])
    PracticeFactory(published=True, title="Shared pilot plant", stages=["mature"])
    PracticeFactory(published=True, title="Regional biobank desk", stages=["emerging"])


def test_without_javascript_the_apply_and_sort_buttons_do_the_work(browser, live_server):
    a_few_practices()
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/practices/")
    page.get_by_text("Filters", exact=True).click()
    page.locator("details.facet-group", has_text="Life-cycle stage").locator("summary").click()
    page.get_by_role("checkbox", name=re.compile(r"^Emerging")).check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"stage=emerging"))
    expect(page.locator(".result-list .result")).to_have_count(2)
    page.get_by_label("Sort by").select_option("transferability")
    page.get_by_role("button", name="Sort", exact=True).click()
    expect(page).to_have_url(re.compile(r"sort=transferability"))
    # A chip removes its filter.
    page.get_by_role("link", name="Remove the filter Life-cycle stage: Emerging").click()
    expect(page.locator(".result-list .result")).to_have_count(3)
    context.close()


def test_with_javascript_filters_and_sort_apply_on_change(page):
    a_few_practices()
    page.goto("/practices/")
    expect(page.get_by_role("button", name="Apply filters")).to_be_hidden()
    expect(page.get_by_role("button", name="Sort", exact=True)).to_be_hidden()
    apply_a_filter(page)
    expect(page.locator(".result-list .result")).to_have_count(2)
    # Unticking applies too, and the box keeps the focus across the reload.
    box = page.get_by_role("checkbox", name=re.compile(r"^Emerging"))
    expect(box).to_be_focused()
    page.keyboard.press("Space")
    expect(page).not_to_have_url(re.compile(r"stage=emerging"))
    expect(page.locator(".result-list .result")).to_have_count(3)
    page.get_by_label("Sort by").select_option("transferability")
    expect(page).to_have_url(re.compile(r"sort=transferability"))
    assert "q=" not in page.url  # the empty search box is left out of the link


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_the_catalogue_is_accessible_with_the_filters_open(page, viewport):
    a_few_practices()
    page.set_viewport_size(viewport)
    page.goto("/practices/?stage=emerging")
    assert_accessible(page, label=f"catalogue at {viewport['width']} px, filters closed")
    page.locator("details.filters-disclosure > summary").click()
    page.locator("details.facet-group > summary").first.click()
    assert_accessible(page, label=f"catalogue at {viewport['width']} px, filters open")


def test_back_to_your_results_keeps_the_query_filters_and_page(page):
    from tests.factories import PracticeFactory

    for number in range(25):
        PracticeFactory(published=True, title=f"Incubator programme {number}", stages=["emerging"])
    page.goto("/practices/?q=incubator&stage=emerging&page=2")
    first = page.locator(".result-list .result a").first
    title = first.text_content()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    page.get_by_role("link", name="Back to your results").click()
    expect(page).to_have_url(re.compile(r"/practices/\?q=incubator&stage=emerging&page=2#result-"))
    expect(page.get_by_role("searchbox")).to_have_value("incubator")
    expect(page.locator(".chips")).to_contain_text("Emerging")
