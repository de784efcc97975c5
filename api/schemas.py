"""The shapes the API answers with and accepts (pydantic, through django-ninja: they make the OpenAPI document)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from ninja import Schema
from pydantic import AfterValidator, Field

from api.pagination import Page


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("NUL characters are not allowed")
    return value


# Text from clients: never a NUL (PostgreSQL refuses it in text; nothing needs it).
Text = Annotated[str, AfterValidator(_no_nul)]


# --- shared ------------------------------------------------------------------------------


class MemberRef(Schema):
    handle: str
    name: str
    url: str


class CategoryRef(Schema):
    slug: str
    name: str


class VoteSummaryOut(Schema):
    votes: int
    mean_score: float | None
    bayesian_score: float
    would_buy: int
    would_buy_share: float
    crowd_score: float


# --- designs -----------------------------------------------------------------------------


class DesignCard(Schema):
    slug: str
    title: str
    url: str
    state: str
    maker: MemberRef
    category: CategoryRef
    image: str | None
    approved_at: datetime | None
    voting_ends_at: datetime | None
    votes: VoteSummaryOut


class DesignPage(Page):
    items: list[DesignCard]


class MyVote(Schema):
    score: int
    would_buy: bool


class DesignDetail(DesignCard):
    description: str
    description_html: str
    tags: list[str]
    images: list[str]
    mature: bool
    comment_count: int
    my_vote: MyVote | None
    can_vote: bool
    vote_refusal: str | None
    is_favourite: bool


class VoteIn(Schema):
    score: int = Field(ge=0, le=5, description="0 (“don't make it”) to 5")
    would_buy: bool = False


class VoteOut(Schema):
    message: str
    my_vote: MyVote | None
    votes: VoteSummaryOut


# --- challenges --------------------------------------------------------------------------


class ChallengeCard(Schema):
    slug: str
    title: str
    url: str
    state: str
    submission_starts_at: datetime
    submission_ends_at: datetime
    voting_starts_at: datetime
    voting_ends_at: datetime
    entry_count: int


class ChallengeList(Schema):
    current: list[ChallengeCard]
    upcoming: list[ChallengeCard]
    past: list[ChallengeCard]


class LeaderboardEntry(Schema):
    position: int
    rank: int | None
    design: DesignCard


class ChallengeDetail(ChallengeCard):
    brief: str
    brief_html: str
    prize_terms: str
    closed: bool
    leaderboard: list[LeaderboardEntry]


class TrendingList(Schema):
    items: list[DesignCard]


# --- makers ------------------------------------------------------------------------------


class MakerCard(Schema):
    handle: str
    name: str
    url: str
    avatar: str | None
    location: str


class MakerPage(Page):
    items: list[MakerCard]


class MakerDetail(MakerCard):
    bio: str
    bio_html: str
    website: str
    follower_count: int
    is_following: bool
    designs: list[DesignCard]


class FollowOut(Schema):
    following: bool
    follower_count: int


# --- comments and flags ------------------------------------------------------------------


class CommentOut(Schema):
    id: int
    parent: int | None
    level: int
    author: MemberRef | None
    text: str
    text_html: str
    submitted_at: datetime
    like_count: int
    is_maker: bool
    removed: bool


class CommentPage(Page):
    items: list[CommentOut]


class CommentIn(Schema):
    text: Text = Field(min_length=1, max_length=3000)
    parent: int | None = Field(default=None, ge=1, le=2**31 - 1)
    followup: bool = False


class FlagIn(Schema):
    reason: Text = Field(max_length=40, description="spam, rude, off_topic, rights, illegal or other")
    note: Text = Field(default="", max_length=500)


class MessageOut(Schema):
    message: str


class FavouriteOut(Schema):
    favourite: bool


# --- shop --------------------------------------------------------------------------------


class DeliveryEstimate(Schema):
    min_days: int
    max_days: int
    text: str


class VariantOut(Schema):
    sku: str
    label: str
    size: str
    colour: str
    in_stock: bool
    stock: int | None = Field(description="units in stock; null when made to order")


class ProductCard(Schema):
    slug: str
    title: str
    url: str
    product_type: str
    price: Decimal
    price_display: str
    currency: str
    design: str
    maker: MemberRef
    image: str | None
    rating_average: float | None
    rating_count: int


class ProductPage(Page):
    items: list[ProductCard]


class CampaignOut(Schema):
    ends_at: datetime
    goal_units: int
    units: int
    percent: int


class ProductDetail(ProductCard):
    description: str
    made_to_order: bool
    variants: list[VariantOut]
    delivery: DeliveryEstimate
    buy_refusal: str | None
    campaign: CampaignOut | None
    is_favourite: bool


class ReviewOut(Schema):
    id: int
    author: MemberRef
    rating: int
    text: str
    answer: str
    created_at: datetime


class ReviewPage(Page):
    items: list[ReviewOut]
    average: float | None
    count: int


class OrderLineOut(Schema):
    title: str
    sku: str
    quantity: int
    unit_price: Decimal
    line_total: Decimal


class OrderCard(Schema):
    number: str
    status: str
    status_display: str
    total: Decimal
    total_display: str
    currency: str
    created_at: datetime
    paid_at: datetime | None
    item_count: int


class OrderPage(Page):
    items: list[OrderCard]


class OrderDetail(OrderCard):
    subtotal: Decimal
    shipping_cost: Decimal
    vat_total: Decimal
    refunded_amount: Decimal
    shipping_method: str
    lines: list[OrderLineOut]


# --- search ------------------------------------------------------------------------------


class SearchHitOut(Schema):
    kind: str
    title: str
    url: str
    image: str | None
    subtitle: str
    price: str
    rating: float | None


class SearchOut(Schema):
    query: str
    total: int
    page: int
    num_pages: int
    suggestion: str
    corrected: bool
    backend: str
    items: list[SearchHitOut]


class SuggestionOut(Schema):
    kind: str
    title: str
    url: str
    image: str | None


class SuggestOut(Schema):
    items: list[SuggestionOut]


# --- the member --------------------------------------------------------------------------


class MeOut(Schema):
    handle: str
    name: str
    email: str
    url: str
    trust_level: int
