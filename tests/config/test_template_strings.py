"""Every word a visitor reads in a template goes through the translation catalogue (issue 15)."""

from __future__ import annotations

import re

from django.conf import settings

TEMPLATES = settings.BASE_DIR / "site" / "templates"
# Names and codes that are the same in every language.
SAME_IN_EVERY_LANGUAGE = {"Commonmade", "Instagram", "Stripe", "PDF", "SKU", "EUR", "VAT"}
READ_ATTRIBUTES = re.compile(r'\b(alt|title|placeholder|aria-label)="([^"]*)"')


def untranslated_text(source: str) -> list[str]:
    """Words left in a template once comments, scripts, translation tags, tags and variables are removed."""
    source = re.sub(r"(?s){%\s*comment.*?{%\s*endcomment\s*%}", " ", source)
    source = re.sub(r"(?s){#.*?#}", " ", source)
    source = re.sub(r"(?s){%\s*blocktranslate\b.*?{%\s*endblocktranslate\s*%}", " ", source)
    source = re.sub(r"(?s){%\s*translate\b.*?%}", " ", source)
    source = re.sub(r"(?s){%\s*block body_class\s*%}.*?{%\s*endblock", " ", source)
    source = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", source)
    source = re.sub(r"(?s){%.*?%}", " ", source)
    source = re.sub(r"(?s){{.*?}}", " ", source)
    found = [value for _name, value in READ_ATTRIBUTES.findall(source) if re.search(r"[A-Za-z]{2,}", value)]
    text = re.sub(r"(?s)<[^>]*>", " ", source)
    found += [" ".join(w.split()) for w in re.findall(r"[A-Za-z][A-Za-z' ]*[A-Za-z]", text)]
    return [word for word in found if word not in SAME_IN_EVERY_LANGUAGE]


def test_the_scanner_finds_literal_text():
    assert untranslated_text('<p title="Hello there">Hi {{ name }} {% translate "Ok" %}<br>you</p>') == [
        "Hello there",
        "Hi you",
    ]


def test_every_template_string_is_translatable():
    problems = {}
    for path in sorted(TEMPLATES.rglob("*.html")) + sorted(TEMPLATES.rglob("*.txt")):
        words = untranslated_text(path.read_text())
        if words:
            problems[str(path.relative_to(TEMPLATES))] = words
    assert problems == {}
