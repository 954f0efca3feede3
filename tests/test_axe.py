"""The axe-core check the browser tests make (`tests.axe`) still fails a page with a violation:
on its first check, on a check again of the same page (axe-core's script kept in it), and after
the page is loaded again (the script lost and sent anew)."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from playwright.sync_api import Browser

from tests.axe import assert_accessible

# an image without a text alternative and a button without a name: both critical for axe-core
BAD = '<!doctype html><html lang="fa"><title>بد</title><main><img src="x.png"><button></button>'
GOOD = '<!doctype html><html lang="fa"><title>خوب</title><main><h1>خوب</h1><p>متن</p></main>'


def test_a_violation_fails_each_check_of_a_page(browser: Browser) -> None:
    page = browser.new_page()
    page.set_content(GOOD)
    assert_accessible(page, "good")
    page.goto("data:text/html;charset=utf-8," + quote(BAD))  # a new document: sent again
    for _ in range(2):  # the second time with the script kept in the page
        with pytest.raises(AssertionError, match=r"bad: (?s:.*)image-alt \(critical\)"):
            assert_accessible(page, "bad")
    page.evaluate("document.querySelector('img').alt = 'نشان'")
    with pytest.raises(AssertionError, match="button-name") as failed:
        assert_accessible(page, "bad")
    assert "image-alt" not in str(failed.value)  # the kept script reads the page as it is now
    page.reload()  # a page loaded again has lost the script
    assert page.evaluate("typeof window.axe") == "undefined"
    with pytest.raises(AssertionError, match="image-alt"):
        assert_accessible(page, "bad")
