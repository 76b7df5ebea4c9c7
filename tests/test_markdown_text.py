"""Markdown read as the article it formats."""

from __future__ import annotations

import pytest
import storydiff
from storydiff.markdown_text import markdown_article


@pytest.mark.parametrize(
    ("markdown", "article"),
    [
        ("See [the plan](https://x.org/a_b \"title\").", "See the plan."),
        ("See [the plan][1].\n[1]: https://x.org", "See the plan.\n"),
        ("A ![map of Kherson](map.png).", "A map of Kherson."),
        ("It was **unacceptable** and __final__.", "It was unacceptable and final."),
        ("It was *very* _clear_.", "It was very clear."),
        ("Run `storydiff report` now.", "Run storydiff report now."),
        ("> \"We will see,\" he said.", "\"We will see,\" he said."),
        ("snake_case, 5 * 3, a * b * c, 2**10", "snake_case, 5 * 3, a * b * c, 2**10"),
        ("Title\n=====\nText.", "# Title\n\nText."),
        ("Section\n-------\nText.", "## Section\n\nText."),
        ("One.\n\n---\n\nTwo.", "One.\n\n\n\nTwo."),
        ("# Already a heading\n===", "# Already a heading\n==="),
        ("12 died.[^1]\n\n[^1]: Figures from the ministry.", "12 died.\n\nFigures from the ministry."),
        ("12 died.\n\n[Update]: The toll was raised to 40.", "12 died.\n\n[Update]: The toll was raised to 40."),
        ("See [x][1].\n[1]: https://x.org \"Title\"", "See x.\n"),
        ("The [plan](https://x.org/Plan_(x)) <https://x.org>.", "The plan https://x.org."),
        ("Officials said <em>wounded</em>, 5 \\* 3.", "Officials said wounded, 5 * 3."),
        ("report__2024__final and __done__", "report__2024__final and done"),
        ("| A | B |\n|---|:---:|\n| 1 | 2 |", "| A | B |\n\n| 1 | 2 |"),
        ("- item\n---", "- item\n"),
    ],
    ids=[
        "link", "reference-link", "image", "strong", "emphasis", "code", "blockquote",
        "not-markup", "setext-1", "setext-2", "rule", "atx-heading-kept", "footnote",
        "label-line-is-text", "reference-with-title", "link-with-parentheses", "tag-and-escape",
        "underscores-in-a-word", "table-rule", "list-item-over-a-rule",
    ],
)  # fmt: skip
def test_markdown_article(markdown, article):
    assert markdown_article(markdown) == article


def test_a_version_that_only_dropped_its_markup_is_unchanged(tmp_path):
    """Compared as written, the link's address was among the "words typical of a", and the
    sentence read as edited (0.59)."""
    story = tmp_path / "s"
    story.mkdir()
    (story / "a.md").write_text(
        "Talks\n=====\n\nThe minister said the [plan](https://example.com/x-y) was "
        "**unacceptable**.\n"
    )
    (story / "b.md").write_text("# Talks\n\nThe minister said the plan was unacceptable.\n")
    comparison = storydiff.compare(*storydiff.load_story(story).versions)
    assert set(comparison.alignment["label"]) == {"unchanged"}
    assert comparison.a.headings == ["Talks"] and comparison.lexical.typical_terms("a").empty
