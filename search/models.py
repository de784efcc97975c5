"""The database search index: one row per searchable thing, whatever its kind.

PostgreSQL searches `search_vector` (weighted, English and German stemming, a GIN
index) and `title_vector` (autocomplete); SQLite searches the FTS5 table
`search_fts` (columns doc_a, doc_b, doc_c: title, tags, text), whose rowid is the
entry's id. Both are kept up to date by
search.indexing, never by hand.
"""

from __future__ import annotations

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Func, Q, Value
from django.utils.translation import gettext_lazy as _

# One entry in SAMPLE_EVERY is in the sample (object_id % SAMPLE_EVERY == 0): PostgreSQL estimates the
# totals and facet counts of a common word from the sample's own small GIN index (search.backends.database).
SAMPLE_EVERY = 8
# tag_text split into its tags (PostgreSQL): a tag filter is `TAG_ARRAY @> ARRAY[...]`, served by a GIN index.
TAG_ARRAY_SQL = "string_to_array(search_searchentry.tag_text, '|')"
TAG_ARRAY = Func(F("tag_text"), Value("|"), function="string_to_array")


class SearchEntry(models.Model):
    kind = models.CharField(_("kind"), max_length=20)
    object_id = models.BigIntegerField(_("object id"))
    title = models.CharField(_("title"), max_length=200)
    subtitle = models.CharField(_("subtitle"), max_length=200, blank=True)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=300)
    image_url = models.CharField(_("image link"), max_length=500, blank=True)
    category = models.CharField(_("category"), max_length=60, blank=True)
    category_label = models.CharField(_("category name"), max_length=60, blank=True)
    product_type = models.CharField(_("product type"), max_length=60, blank=True)
    state = models.CharField(_("state"), max_length=20, blank=True)
    price = models.DecimalField(_("price"), max_digits=10, decimal_places=2, null=True, blank=True)
    price_band = models.CharField(_("price range"), max_length=20, blank=True)
    rating = models.FloatField(_("rating"), null=True, blank=True)
    rating_band = models.CharField(_("rating range"), max_length=10, blank=True)
    rating_count = models.PositiveIntegerField(_("number of ratings"), default=0)
    crowd_score = models.FloatField(_("crowd score"), default=0)
    sales = models.PositiveIntegerField(_("sales"), default=0)
    boost = models.FloatField(
        _("boost"), default=1, help_text=_("From crowd score and sales; recency is added when searching.")
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # The entry's tags joined by "|" (as in SearchEntryTag, search.indexing.stored_tag): PostgreSQL counts
    # the tag facet from it in the same pass and filters by tag through its GIN index.
    tag_text = models.TextField(_("tags"), blank=True)
    # Written together with the row: title (A), tags/category/subtitle (B), text (C).
    search_vector = SearchVectorField(_("search vector"), null=True, blank=True)
    title_vector = SearchVectorField(_("title vector"), null=True, blank=True)
    indexed_at = models.DateTimeField(_("indexed"), auto_now=True)
    in_sample = models.BooleanField(_("in the counting sample"), default=False)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_kind_object_unique")]
        indexes = [
            GinIndex(fields=["search_vector"], name="search_entry_vector_gin"),
            GinIndex(fields=["title_vector"], name="search_entry_title_gin"),
            models.Index(fields=["-boost", "-id"], name="search_entry_boost"),
            models.Index(fields=["kind", "-published_at"], name="search_entry_kind_published"),
            GinIndex(fields=["search_vector"], name="search_entry_sample_gin", condition=Q(in_sample=True)),
            # The sorts of a large result, read in order with the words checked row by row.
            models.Index(F("published_at").desc(nulls_last=True), F("id").desc(), name="search_entry_newest"),
            models.Index(
                F("rating").desc(nulls_last=True),
                F("rating_count").desc(),
                F("crowd_score").desc(),
                F("id").desc(),
                name="search_entry_top_rated",
            ),
            models.Index(F("sales").desc(), F("boost").desc(), F("id").desc(), name="search_entry_best_selling"),
            # A category filter narrows the word's bitmap before the heap is read (a BitmapAnd).
            models.Index(fields=["category"], name="search_entry_category"),
            # Likewise a tag filter: the tags as an array, intersected with the word's bitmap.
            GinIndex(TAG_ARRAY, name="search_entry_tags_gin"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"


class SearchEntryTag(models.Model):
    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="tag_rows", verbose_name=_("entry"))
    tag = models.CharField(_("tag"), max_length=100, db_index=True)

    class Meta:
        verbose_name = _("search entry tag")
        verbose_name_plural = _("search entry tags")
        constraints = [models.UniqueConstraint(fields=["entry", "tag"], name="search_entry_tag_unique")]

    def __str__(self) -> str:
        return self.tag


class SearchTerm(models.Model):
    """The vocabulary: every indexed word, for "did you mean" on typos."""

    term = models.CharField(_("word"), max_length=40, unique=True)
    frequency = models.PositiveIntegerField(_("frequency"), default=1)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")
        indexes = [GinIndex(OpClass("term", name="gin_trgm_ops"), name="search_term_trgm")]

    def __str__(self) -> str:
        return self.term
