"""Facet labels and ordering, the same for every backend."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from designs import selectors as designs_selectors
from designs.models import DesignState
from search.indexing import price_band_choices
from search.results import FACETS, Facet, FacetValue
from search.sources import get_source
from shop.models import ProductType

FACET_LABELS = {
    "kind": gettext_lazy("Type"),
    "category": gettext_lazy("Category"),
    "tags": gettext_lazy("Tags"),
    "product_type": gettext_lazy("Product type"),
    "state": gettext_lazy("Status"),
    "price": gettext_lazy("Price"),
    "rating": gettext_lazy("Rating"),
}
TAG_FACET_SIZE = 15


def price_label(band: str) -> str:
    if band.endswith("+"):
        return _("€%(low)s and more") % {"low": band[:-1]}
    low, high = band.split("-")
    return _("€%(low)s to €%(high)s") % {"low": low, "high": high}


def rating_label(band: str) -> str:
    return _("%(low)s to %(high)s stars") % {"low": band, "high": int(band) + 1}


def value_label(name: str, value: str, categories: dict[str, str]) -> str:
    if name == "kind":
        source = get_source(value)
        return str(source.label) if source else value
    if name == "category":
        return categories.get(value, value)
    if name == "state":
        try:
            return str(DesignState(value).label)
        except ValueError:
            return value
    if name == "product_type":
        try:
            return str(ProductType(value).label)
        except ValueError:
            return value
    if name == "price":
        return price_label(value)
    if name == "rating":
        return rating_label(value)
    return value


def build_facets(counts: dict[str, dict[str, int]], selected: dict[str, list[str]]) -> list[Facet]:
    """counts: facet name -> value -> number of hits. Empty values are left out."""
    # The categories come from the cache the catalogue pages share (dropped when content changes).
    categories = {c.slug: c.label for c in designs_selectors.categories()} if counts.get("category") else {}
    facets = []
    for name in FACETS:
        values = {v: n for v, n in counts.get(name, {}).items() if v and n}
        chosen = set(selected.get(name, []))
        if not values and not chosen:
            continue
        if name == "price":
            order = [v for v in price_band_choices() if v in values]
        elif name == "rating":
            order = sorted(values, reverse=True)
        elif name == "tags":
            order = sorted(values, key=lambda v: (-values[v], v))[:TAG_FACET_SIZE]
        else:
            order = sorted(values, key=lambda v: (-values[v], value_label(name, v, categories)))
        items = [FacetValue(v, value_label(name, v, categories), values[v], v in chosen) for v in order]
        # A chosen value that no hit has any more stays visible, so it can be unticked.
        items += [FacetValue(v, value_label(name, v, categories), 0, True) for v in sorted(chosen - set(order))]
        facets.append(Facet(name, str(FACET_LABELS[name]), items))
    return facets
