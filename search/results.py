"""The shape every backend answers with; views and other apps see only these."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.safestring import SafeString

SORTS = ("relevance", "newest", "top_rated", "best_selling")
FACETS = ("kind", "category", "tags", "product_type", "state", "price", "rating")


@dataclass(frozen=True)
class SearchQuery:
    """What to search for, already read and checked (search.forms builds it from a request's parameters).

    `text` is the query as typed (cut to the longest allowed), `terms` its words, `filters` known facets
    with allowed values only, `sort` one of SORTS, `page` a page number from 1. Backends take it as it is.
    """

    text: str = ""
    terms: list[str] = field(default_factory=list)
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    page_size: int = 24

    def __post_init__(self):
        if self.sort not in SORTS:
            raise ValueError(f"Unknown sort: {self.sort!r}")
        if isinstance(self.page, bool) or not isinstance(self.page, int) or self.page < 1:
            raise ValueError(f"A page number from 1, not {self.page!r}")
        if not set(self.filters) <= set(FACETS):
            raise ValueError(f"Unknown filters: {sorted(set(self.filters) - set(FACETS))}")

    @property
    def is_empty(self) -> bool:
        return not self.terms and not any(self.filters.values())


@dataclass
class Hit:
    kind: str
    kind_label: str
    object_id: int
    title: str
    title_html: SafeString
    url: str
    snippet: SafeString
    image_url: str = ""
    subtitle: str = ""
    state: str = ""
    price: str = ""
    rating: float | None = None
    rating_count: int = 0


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue]

    @property
    def has_selection(self) -> bool:
        return any(v.selected for v in self.values)


@dataclass
class SearchResult:
    query: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    # False: `total` and the facet counts are estimates (a common word on PostgreSQL, see the database backend).
    total_exact: bool = True
    page: int = 1
    num_pages: int = 1
    page_size: int = 24
    sort: str = "relevance"
    filters: dict[str, list[str]] = field(default_factory=dict)
    facets: list[Facet] = field(default_factory=list)
    suggestion: str = ""
    corrected: bool = False  # the hits are for `suggestion`, the query itself found nothing
    popular: list[Hit] = field(default_factory=list)
    backend: str = "database"
    # True when Elasticsearch did not answer and the database answered instead (the page says so).
    degraded: bool = False

    def facet(self, name: str) -> Facet | None:
        return next((f for f in self.facets if f.name == name), None)

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages


@dataclass
class Suggestion:
    kind: str
    kind_label: str
    title: str
    url: str
    image_url: str = ""

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "kind_label": str(self.kind_label),
            "title": self.title,
            "url": self.url,
            "image_url": self.image_url,
        }
