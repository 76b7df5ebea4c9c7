"""Markdown read as the article it formats: its inline markup taken out, its headings kept.

A story saved as Markdown carries markup that is not the article's words: the target of a link,
the stars of bold text, the backticks of code. Compared as written, a version that only
dropped its links reads as reworded, and the link's address turns up among its "distinctive
words". :func:`markdown_article` keeps what a reader sees:

* a link or an image becomes its text (``[plan](https://x.org)`` -> ``plan``), an autolink
  its address, a link reference definition (``[1]: https://x.org``) goes, a footnote's mark
  goes and its text stays (``[^1]: Figures from the ministry.``);
* inline HTML tags (``<em>``, ``<a href=...>``) and backslash escapes (``\\*``) go;
* emphasis and code marks go (``**unacceptable**``, ``_very_``, ```code```), not the
  stars or underscores inside words or between spaces (``snake_case``, ``5 * 3``);
* a heading underlined with ``===`` or ``---`` (Setext) becomes a ``#`` or ``##`` heading,
  which :func:`storydiff.structure.find_blocks` reads (not a list item or table row above a
  rule); a line of three or more ``-``, ``*`` or ``_`` alone (a rule), the rule under a
  table's header and the ``>`` of quoted lines go.

Lines stay lines, so paragraphs and headings are found as before. It is a reading of the common
syntax, not a full CommonMark parser: what it does not know stays as written.

Examples
--------
>>> markdown_article("The minister said the [plan](https://example.com/x-y) was **unacceptable**.")
'The minister said the plan was unacceptable.'
>>> markdown_article("Kremlin Talks\\n=============\\n\\nPutin spoke.")  # the underline: blank
'# Kremlin Talks\\n\\n\\nPutin spoke.'
"""

from __future__ import annotations

import re

_TARGET = r"\((?:[^()\s]|\([^()\s]*\))*(?:[ \t]+\"[^\"\n]*\")?\)"  # (url "title"), url (x) in it
_IMAGE = re.compile(r"!\[([^\]\n]*)\]" + _TARGET)
_LINK = re.compile(r"\[([^\]\n^][^\]\n]*)\](?:" + _TARGET + r"|\[[^\]\n]*\])")
_REFERENCE = re.compile(
    r"^ {0,3}\[[^\]\n^]+\]:[ \t]+<?[^\s<>]+>?(?:[ \t]+[\"'(][^\n]*[\"')])?[ \t]*$", re.MULTILINE
)  # "[id]: https://x.org "title"": a link's target, not text ("[Update]: The toll rose")
_FOOTNOTE_MARK = re.compile(r"\[\^[^\]\s]+\](?!:)")
_FOOTNOTE = re.compile(r"^ {0,3}\[\^[^\]\s]+\]:[ \t]*", re.MULTILINE)
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^\s<>]+)>")
_INLINE_TAG = re.compile(
    r"</?(?:em|strong|b|i|u|s|del|ins|mark|sub|sup|small|span|a|code|br)\b[^<>]*>"
)  # inline HTML a Markdown file may hold
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])")
_TABLE_RULE = re.compile(
    r"^ {0,3}\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+(?:[ \t]*:?-{3,}:?[ \t]*)?\|?[ \t]*$"
)  # the rule under a table's header row
_LIST_LINE = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]")
_STRONG = re.compile(r"(\*\*|(?<!\w)__)(?=\S)(.+?)(?<=\S)(?:\*\*(?!\*)|__(?!\w))")
_EMPHASIS_STAR = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])")
_EMPHASIS_UNDERSCORE = re.compile(r"(?<![\w_])_(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?![\w_])")
_CODE = re.compile(r"`+([^`\n]+?)`+")
_QUOTED_LINE = re.compile(r"^ {0,3}> ?", re.MULTILINE)
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")


def markdown_article(text: str) -> str:
    """The text of a Markdown document without its inline markup (see the module notes).

    Parameters
    ----------
    text : str
        A Markdown document.

    Returns
    -------
    str
        The same lines, with links, images, emphasis and code marks read as their text, and
        Setext headings written as ``#`` headings.

    Examples
    --------
    >>> markdown_article("A ![map](map.png) of *the* `front`, see [here][1].\\n\\n[1]: https://x.org")
    'A map of the front, see here.\\n\\n'
    >>> markdown_article("snake_case and 5 * 3 stay; so does a lone *.")
    'snake_case and 5 * 3 stay; so does a lone *.'
    """
    lines = _headings_and_rules(_QUOTED_LINE.sub("", text).split("\n"))
    text = _REFERENCE.sub("", "\n".join(lines))
    text = _FOOTNOTE.sub("", _FOOTNOTE_MARK.sub("", text))  # a footnote's text stays, as text
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _INLINE_TAG.sub("", text)
    text = _CODE.sub(r"\1", text)
    text = _STRONG.sub(r"\2", text)
    text = _EMPHASIS_STAR.sub(r"\1", text)
    text = _EMPHASIS_UNDERSCORE.sub(r"\1", text)
    return _ESCAPE.sub(r"\1", text)


def _headings_and_rules(lines: list[str]) -> list[str]:
    """Setext headings as ``#`` headings; rules (and the underlines read) as blank lines."""
    out: list[str] = []
    for line in lines:
        underline = _UNDERLINE.match(line)
        previous = out[-1] if out else ""
        if _TABLE_RULE.match(line):  # the rule under a table's header row
            out.append("")
        elif (
            underline
            and previous.strip()
            and not previous.lstrip().startswith(("#", "|", ">"))
            and not _LIST_LINE.match(previous)
        ):
            marks = "#" if underline.group(1)[0] == "=" else "##"
            out[-1] = f"{marks} {previous.strip()}"
            out.append("")
        elif _RULE.match(line):
            out.append("")
        else:
            out.append(line)
    return out
