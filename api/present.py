"""Models to the API's shapes. Everything a list needs is fetched per page, in a fixed number of queries."""

from __future__ import annotations

from django.http import HttpRequest

from core.markup import render_markdown
from core.money import format_money
from designs import selectors as design_selectors
from voting import selectors as voting_selectors

CARD_SPEC = "width-800|format-webp"
DETAIL_SPEC = "width-1200|format-webp"


def absolute(request: HttpRequest, url: str | None) -> str | None:
    return request.build_absolute_uri(url) if url else None


def member(request: HttpRequest, user) -> dict:
    return {"handle": user.handle, "name": user.public_name, "url": absolute(request, f"/members/{user.handle}/")}


def maker_ref(request: HttpRequest, user) -> dict:
    return {"handle": user.handle, "name": user.public_name, "url": absolute(request, f"/makers/{user.handle}/")}


def vote_summary(summary) -> dict:
    return {
        "votes": summary.votes,
        "mean_score": summary.mean_score,
        "bayesian_score": summary.bayesian_score,
        "would_buy": summary.would_buy,
        "would_buy_share": summary.would_buy_share,
        "crowd_score": summary.crowd_score,
    }


def design_cards(request: HttpRequest, designs: list) -> list[dict]:
    """Cards for a page of designs: two more queries (covers, vote counters) whatever the page size."""
    ids = [design.pk for design in designs]
    covers = design_selectors.cover_image_urls(design_ids=ids, spec=CARD_SPEC)
    summaries = voting_selectors.vote_summary_for_designs(design_ids=ids)
    return [
        design_card(request, design, cover=covers.get(design.pk), summary=summaries[design.pk]) for design in designs
    ]


def design_card(request: HttpRequest, design, *, cover: str | None, summary) -> dict:
    return {
        "slug": design.slug,
        "title": design.title,
        "url": absolute(request, design.get_absolute_url()),
        "state": design.state,
        "maker": maker_ref(request, design.maker),
        "category": {"slug": design.category.slug, "name": design.category.name},
        "image": absolute(request, cover),
        "approved_at": design.approved_at,
        "voting_ends_at": design.voting_ends_at,
        "votes": vote_summary(summary),
    }


def markdown_html(text: str) -> str:
    return str(render_markdown(text or ""))


def money(amount, currency: str = "eur") -> str:
    return format_money(amount, currency)
