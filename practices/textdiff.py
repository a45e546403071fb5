"""Which words an edit changed: the published and the proposed text side by side, with the
removed words in ``<del>`` and the added ones in ``<ins>`` (both escaped first).

Words are compared with their punctuation and the whitespace after them, so a changed
comma shows and line breaks survive (as ``<br>``). ``difflib.SequenceMatcher`` without its
"junk" heuristic: common words such as "the" must still be matched in long texts.
"""

import re
from difflib import SequenceMatcher
from html import escape

from django.utils.safestring import SafeString, mark_safe

_TOKENS = re.compile(r"\S+\s*|\s+")


def word_diff(before: str, after: str) -> tuple[SafeString, SafeString]:
    """(before, after) as HTML, the words only one of them has marked."""
    old, new = _TOKENS.findall(before or ""), _TOKENS.findall(after or "")
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    left, right = [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            left.append(_html(old[i1:i2]))
            right.append(_html(new[j1:j2]))
            continue
        if i2 > i1:
            left.append(_wrapped("del", old[i1:i2]))
        if j2 > j1:
            right.append(_wrapped("ins", new[j1:j2]))
    return mark_safe("".join(left)), mark_safe("".join(right))  # noqa: S308 (escaped)


def _html(tokens: list[str]) -> str:
    return escape("".join(tokens)).replace("\r\n", "\n").replace("\n", "<br>")


def _wrapped(tag: str, tokens: list[str]) -> str:
    # The trailing whitespace stays outside the mark: only words are highlighted.
    text = "".join(tokens)
    words = text.rstrip()
    return f"<{tag}>{_html([words])}</{tag}>{_html([text[len(words) :]])}"
