"""Text handling shared by every backend: folding, terms, typo distance, highlighted snippets.

The database backends index and query the same folded text, so "T-Shirt", "Tshirt"
and "t shirts" meet: a hyphenated word is also indexed joined ("tshirt"), and a
query of a short word followed by another also tries them joined.
"""

from __future__ import annotations

import html
import re
import unicodedata

from django.utils.safestring import SafeString, mark_safe

from core.markup import clean_text, markdown_to_text

MAX_TERMS = 10
MAX_TERM_LENGTH = 40
_WORD = re.compile(r"[a-z0-9]+")
_TOKEN = re.compile(r"(\w+(?:[-‐‑]\w+)*)")
_COMPOUND = re.compile(r"[a-z0-9]+(?:[-‐‑/][a-z0-9]+)+")
_SPECIAL = str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d", "þ": "th"})
# Suffixes stripped when deciding which words of a snippet to highlight (English and German).
_SUFFIXES = ("ungen", "ung", "ing", "ies", "ern", "ed", "en", "er", "es", "e", "s", "n")


def fold(text: str) -> str:
    """Lower case, accents removed: "Grüße" -> "grusse"."""
    text = text or ""
    if text.isascii():  # most text: nothing to decompose
        return text.lower()
    text = unicodedata.normalize("NFKD", text.lower().translate(_SPECIAL))
    return _NON_ASCII.sub(_drop_combining, text)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _drop_combining(match: re.Match) -> str:
    return "" if unicodedata.combining(match.group()) else match.group()


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def index_text(*parts: str) -> str:
    """Folded words of the parts, plus compounds written joined.

    "T-Shirt" and "t shirt" also give "tshirt": a hyphenated compound, or a single
    letter followed by a word ("x ray", "e bike"), is indexed joined as well.
    """
    folded = fold(" ".join(p for p in parts if p))
    found = _WORD.findall(folded)
    joined = ["".join(_WORD.findall(match)) for match in _COMPOUND.findall(folded)]
    joined += [a + b for a, b in zip(found, found[1:], strict=False) if len(a) == 1 and a not in "ai" and len(b) > 1]
    return " ".join(found + list(dict.fromkeys(joined)))


def query_terms(query: str) -> list[str]:
    """The words of a query, at most MAX_TERMS, each cut to MAX_TERM_LENGTH characters."""
    return [w[:MAX_TERM_LENGTH] for w in words(query)][:MAX_TERMS]


def term_groups(terms: list[str]) -> list[list[str]]:
    """Each group is a set of alternatives; every group must match.

    "t shirts" -> [["t", "tshirts"], ["shirts", "tshirts"]]: a one- or two-letter
    word also matches joined with its neighbour.
    """
    groups: list[list[str]] = [[t] for t in terms]
    for i in range(len(terms) - 1):
        if len(terms[i]) <= 2 or len(terms[i + 1]) <= 2:
            joined = terms[i] + terms[i + 1]
            groups[i].append(joined)
            groups[i + 1].append(joined)
    return groups


def stem_prefix(term: str) -> str:
    for suffix in _SUFFIXES:
        if term.endswith(suffix) and len(term) - len(suffix) >= 3:
            return term[: -len(suffix)]
    return term


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Damerau-Levenshtein (optimal string alignment); stops early past limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def allowed_typos(term: str) -> int:
    return 0 if len(term) < 4 else 1 if len(term) < 6 else 2


def best_correction(term: str, candidates: list[tuple[str, int]]) -> str | None:
    """The closest vocabulary word (ties: the more frequent), or None if none is close enough."""
    limit = allowed_typos(term)
    best: tuple[int, int, str] | None = None
    for candidate, frequency in candidates:
        if candidate == term:
            return None
        distance = edit_distance(term, candidate, limit)
        if distance <= limit and (best is None or (distance, -frequency) < best[:2]):
            best = (distance, -frequency, candidate)
    return best[2] if best else None


# Anything markdown could turn into something else: without it, the text is already plain words.
_MARKDOWN_SYNTAX = re.compile(r"[\\`*_\[\]<>#!&|~]|(?:^|\n)[ \t]*(?:[-+=>]|\d+[.)])")


def _plain_words(text: str) -> str:
    if _MARKDOWN_SYNTAX.search(text):
        return markdown_to_text(text)
    return " ".join(clean_text(text).split())


def snippet(text: str, terms: list[str], *, length: int = 180) -> SafeString:
    """Escaped text around the first match, matched words wrapped in <mark>; markdown shows as plain words."""
    text = _plain_words(text or "")
    prefixes = [stem_prefix(t) for t in terms if t]
    if prefixes and not _may_match(text, prefixes):
        prefixes = []  # no word of the text can match: nothing to look for, nothing to mark
    if not prefixes:
        suffix = " …" if length < len(text) else ""
        return mark_safe(html.escape(text[:length]) + suffix)  # noqa: S308 (escaped)
    tokens = _TOKEN.split(text)
    start = 0
    if prefixes:
        position = 0
        for token in tokens:
            if _matches(token, prefixes):
                start = max(0, position - length // 3)
                break
            position += len(token)
    window = text[start : start + length]
    if start > 0:
        window = window[window.find(" ") + 1 :] if " " in window else window
    out = []
    for token in _TOKEN.split(window):
        if token and _matches(token, prefixes):
            out.append(f"<mark>{html.escape(token)}</mark>")
        else:
            out.append(html.escape(token))
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + length < len(text) else ""
    return mark_safe(prefix + "".join(out) + suffix)  # noqa: S308 (every piece is escaped above)


_NOT_WORD = re.compile(r"[^a-z0-9]+")


def _may_match(text: str, prefixes: list[str]) -> bool:
    """False when no word of `text` can match: every match (`_matches`) is a run of the folded text's
    letters and digits once everything else is taken out, so each prefix would be found in that run."""
    squeezed = _NOT_WORD.sub("", fold(text))
    return any(p in squeezed for p in prefixes)


def _matches(token: str, prefixes: list[str]) -> bool:
    """A word, or a hyphenated compound as a whole ("T-Shirt" for "tshirt") or by one of its parts."""
    if not token or not token[0].isalnum():
        return False
    parts = _WORD.findall(fold(token))
    candidates = ["".join(parts), *parts] if len(parts) > 1 else parts
    return any(c.startswith(p) for c in candidates for p in prefixes)
