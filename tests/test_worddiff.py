"""Word diffs show what a negotiator changed, not what a PDF did to spacing, hyphens or quotes."""

from __future__ import annotations

import pytest

from indexer.worddiff import diff_html, same_wording


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("promote long-term recovery", "promote long -term recovery"),
        ("promote long- term recovery", "promote long-term recovery"),
        ("promote long‐term recovery", "promote long-term recovery"),  # U+2010 hyphen
        ("entitled “Transforming our world”,", 'entitled "Transforming our world",'),
        ("the country’s prosperity", "the country's prosperity"),
        ("Recalling  its resolution", "Recalling its resolution"),
    ],
)
def test_spacing_hyphen_and_quote_forms_are_not_changes(old: str, new: str) -> None:
    html = diff_html(old, new)
    assert "<del>" not in html and "<ins>" not in html
    assert same_wording(old, new)


def test_the_new_text_is_shown_with_its_own_characters() -> None:
    assert diff_html("promote long-term recovery", "promote long -term recovery") == (
        "promote long -term recovery"
    )


def test_a_deletion_after_the_last_word_keeps_its_space() -> None:
    html = diff_html(
        "and State institutions, regardless of religious background,",
        "and State institutions,",
    )
    assert html == "and State institutions, <del>regardless of religious background,</del>"


def test_real_changes_are_still_marked() -> None:
    html = diff_html(
        "encouraging steps to lift all remaining", "encouraging steps to lift remaining"
    )
    assert html == "encouraging steps to lift <del>all</del> remaining"
    assert not same_wording("lift all remaining", "lift remaining")
