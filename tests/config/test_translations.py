"""The German catalogue is complete, compiled, and what German pages show."""

from __future__ import annotations

import gettext
import html as html_lib
import io
import re

import polib
import pytest
from django.conf import settings

PO_PATH = settings.BASE_DIR / "locale" / "de" / "LC_MESSAGES" / "django.po"
MO_PATH = PO_PATH.with_suffix(".mo")

GERMAN_PAGES = ["/de/", "/de/designs/", "/de/shop/", "/de/challenges/", "/de/accounts/signup/", "/de/makers/"]
GERMAN_NAV = ["Entwürfe", "Challenges", "Shop", "Gestalter:innen", "Geschichten"]
ENGLISH_NAV = ["Designs", "Makers", "Stories"]
# Header chrome a visitor sees before logging in, in both languages.
GERMAN_CHROME = ["Zum Inhalt springen", "Anmelden", "Registrieren", "Suche"]
ENGLISH_CHROME = ["Skip to content", "Log in", "Sign up", "Search"]
HEADINGS = {
    "/de/designs/": "Entwürfe",
    "/de/shop/": "Shop",
    "/de/challenges/": "Challenges",
    "/de/makers/": "Gestalter:innen",
}
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]?\d*(?:\.\d+)?[sdif]|%[sd]")


@pytest.fixture(scope="module")
def po():
    return polib.pofile(str(PO_PATH))


def _catalogue(data: bytes) -> tuple[dict, dict]:
    """Messages and the header fields that change how they are used; msgfmt drops date-only fields."""
    translations = gettext.GNUTranslations(io.BytesIO(data))
    messages = {key: value for key, value in translations._catalog.items() if key != ""}
    header = {key: translations._info.get(key) for key in ("content-type", "plural-forms", "language")}
    return messages, header


def _text(page_html: str) -> str:
    """The words a visitor reads: tags, scripts and styles removed, entities decoded, spaces collapsed."""
    page_html = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", page_html)
    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", " ", page_html)))


def _between(page_html: str, pattern: str) -> str:
    match = re.search(pattern, page_html, re.S)
    assert match, pattern
    return _text(match.group(1))


def test_every_string_is_translated_and_none_is_fuzzy(po):
    assert len(po) > 900
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert not po.metadata_is_fuzzy
    assert po.metadata["Language"] == "de"


def test_translations_keep_placeholders_and_plural_forms(po):
    for entry in po:
        if entry.msgid_plural:
            assert set(entry.msgstr_plural) == {0, 1}, entry.msgid
            pairs = [(entry.msgid, entry.msgstr_plural[0]), (entry.msgid_plural, entry.msgstr_plural[1])]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        for source, german in pairs:
            assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(german)), source
            assert german.strip(), source


def test_compiled_catalogue_matches_the_po_file(po):
    committed = _catalogue(MO_PATH.read_bytes())
    fresh = _catalogue(po.to_binary())
    assert committed == fresh, "run manage.py compilemessages and commit the .mo"
    assert committed[0]["Designs"] == "Entwürfe"
    assert committed[1]["language"] == "de"


@pytest.mark.django_db
@pytest.mark.parametrize("path", GERMAN_PAGES)
def test_german_pages_speak_german(client, path):
    response = client.get(path)
    assert response.status_code == 200
    page_html = response.content.decode()
    assert '<html lang="de">' in page_html
    nav = _between(page_html, r'<nav class="main-nav"[^>]*>(.*?)</nav>').split()
    header = _between(page_html, r"<body[^>]*>(.*?)<nav class=\"main-nav\"")
    for label in GERMAN_NAV:
        assert label in nav, label
    for label in ENGLISH_NAV:
        assert label not in nav, label
    for label in GERMAN_CHROME:
        assert label in header, label
    for label in ENGLISH_CHROME:
        assert label not in header, label
    if path in HEADINGS:
        assert re.search(rf"<h1[^>]*>\s*{re.escape(HEADINGS[path])}\s*</h1>", page_html), path


@pytest.mark.django_db
@pytest.mark.parametrize("path", GERMAN_PAGES)
def test_german_pages_show_no_english_sentence_of_the_english_page(client, po, path):
    """Every translated phrase the English page shows appears in German on the German page."""
    english = _text(client.get(path.removeprefix("/de")).content.decode())
    german = _text(client.get(path).content.decode())
    phrases = [
        entry.msgid
        for entry in po
        if not entry.msgid_plural
        and " " in entry.msgid
        and entry.msgstr != entry.msgid
        and not PLACEHOLDER.search(entry.msgid)
        and entry.msgid in english
    ]
    assert phrases, "the English page shows translatable phrases"
    assert [phrase for phrase in phrases if phrase in german] == []


@pytest.mark.django_db
def test_german_pages_use_german_for_the_language_of_the_document(client):
    english = client.get("/designs/").content.decode()
    german = client.get("/de/designs/").content.decode()
    assert '<html lang="en">' in english
    assert "<h1>Designs</h1>" in english
    assert '<html lang="de">' in german
    assert "<h1>Entwürfe</h1>" in german


TEMPLATE_STRING = re.compile(r"""\{%\s*(?:translate|trans)\s+(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')""")
PYTHON_STRING = re.compile(r"""\b(?:_|gettext|gettext_lazy)\(\s*"((?:[^"\\]|\\.)*)"\s*[,)]""")
SKIP_DIRS = {".venv", "node_modules", "media", ".git", "tests", "migrations", "staticfiles"}


def test_every_literal_string_of_templates_and_code_is_in_the_catalogue(po):
    """A msgid dropped to "#~" (obsolete) by a merge leaves German pages and emails with English words."""
    known = {entry.msgid for entry in po if not entry.obsolete}
    missing = []
    for path in settings.BASE_DIR.rglob("*"):
        if SKIP_DIRS & set(path.relative_to(settings.BASE_DIR).parts) or path.suffix not in (".html", ".txt", ".py"):
            continue
        text = path.read_text(errors="ignore")
        if path.suffix == ".py":
            found = [m.group(1) for m in PYTHON_STRING.finditer(text) if "\\" not in m.group(1)]
        else:
            found = [m.group(1) if m.group(1) is not None else m.group(2) for m in TEMPLATE_STRING.finditer(text)]
        missing += [(str(path.relative_to(settings.BASE_DIR)), s) for s in found if s and s not in known]
    assert missing == []
