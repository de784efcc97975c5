from __future__ import annotations

from search.text import best_correction, edit_distance, fold, index_text, query_terms, snippet, term_groups


def test_fold_removes_accents_and_case():
    assert fold("Grüße aus KÖLN") == "grusse aus koln"


def test_index_text_joins_compounds_and_single_letters():
    assert index_text("T-Shirt") == "t shirt tshirt"
    assert index_text("Mountain t shirts") == "mountain t shirts tshirts"
    assert "acat" not in index_text("a cat")


def test_query_terms_are_words_only_and_capped():
    assert query_terms("'; DROP TABLE x; --") == ["drop", "table", "x"]
    assert query_terms("!!! ???") == []
    assert len(query_terms("word " * 100)) == 10
    assert query_terms("a" * 100) == ["a" * 40]


def test_short_words_also_match_joined():
    assert term_groups(["t", "shirts"]) == [["t", "tshirts"], ["shirts", "tshirts"]]
    assert term_groups(["cat", "poster"]) == [["cat"], ["poster"]]


def test_edit_distance_counts_a_swap_as_one():
    assert edit_distance("tshrit", "tshirt") == 1
    assert edit_distance("kitten", "sitting") == 3
    assert edit_distance("a", "abcdefgh", limit=2) == 3


def test_best_correction_prefers_close_then_frequent():
    assert best_correction("tshrit", [("tshirt", 3), ("thrift", 9)]) == "tshirt"
    assert best_correction("mountian", [("mountain", 1), ("fountain", 5)]) == "mountain"
    assert best_correction("cat", [("cut", 10)]) is None  # too short to correct
    assert best_correction("poster", [("poster", 1), ("postel", 1)]) is None  # already a known word


def test_snippet_escapes_and_marks():
    html = snippet("A <b>sleepy</b> cat & a T-Shirt", ["sleeping", "tshirt"])
    assert html == "A &lt;b&gt;<mark>sleepy</mark>&lt;/b&gt; cat &amp; a <mark>T-Shirt</mark>"


def test_snippet_centres_on_the_first_match():
    text = "filler " * 100 + "the lighthouse stands" + " filler" * 100
    html = snippet(text, ["lighthouse"], length=80)
    assert html.startswith("… ") and html.endswith(" …")
    assert "<mark>lighthouse</mark>" in html
