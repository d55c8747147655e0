"""At 320 px a long entry of "On this page" wraps under its own text, its number on the
first line, and each line of the link stays at least 24 px high to touch."""

import pytest

from tests.factories import make_relation, make_section

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG = "Cooperarea în domeniul reformei sectorului de securitate și apărare"

# The list number sits on the li's first line box; a zero-width probe put first in the li
# lands on that same line, so its top is where the number is drawn.
MEASURE = """(li) => {
  const link = li.querySelector('a');
  const probe = document.createElement('span');
  probe.textContent = '\\u200b';
  li.insertBefore(probe, li.firstChild);
  const first = document.createRange();
  first.setStart(link.firstChild, 0);
  first.setEnd(link.firstChild, 1);
  const result = {
    probe: probe.getBoundingClientRect().top,
    text: first.getClientRects()[0].top,
    linkTop: link.getClientRects()[0].top,
    liTop: li.getBoundingClientRect().top,
    lines: Math.round(
      link.getBoundingClientRect().height / parseFloat(getComputedStyle(link).lineHeight)
    ),
    height: Math.min(...Array.from(link.getClientRects(), r => r.height)),
  };
  probe.remove();
  return result;
}"""


def test_a_long_toc_label_wraps_under_itself_at_320px(live_server, browser):
    relation = make_relation()
    make_section(relation)
    make_section(relation, heading=LONG, anchor="security")
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    page.goto(live_server.url + relation.get_absolute_url())
    item = page.locator(".toc li").nth(1)
    found = item.evaluate(MEASURE)
    context.close()
    assert found["lines"] >= 2, found  # the label does wrap at this width
    assert abs(found["probe"] - found["text"]) < 2, found  # the number is on the first line
    assert found["linkTop"] <= found["liTop"] + 1, found  # the link starts at the item's top
    assert found["height"] >= 24, found
