"""The shapes the API answers with and accepts (pydantic, through django-ninja: they make the OpenAPI document)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from ninja import Schema
from pydantic import AfterValidator, Field

from api.pagination import Page
from community.models import FlagReason
from shop.gateway import TestCard


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
    reason: FlagReason = Field(description="spam, rude, off_topic, rights, illegal or other")
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
    id: int = Field(description="what the cart takes as `variant_id`")
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


class ShippingAddressOut(Schema):
    name: str
    company: str
    line1: str
    line2: str
    postcode: str
    city: str
    region: str
    country: str
    phone: str


class OrderDetail(OrderCard):
    subtotal: Decimal
    shipping_cost: Decimal
    vat_total: Decimal
    vat_rate: Decimal
    refunded_amount: Decimal
    shipping_method: str
    delivery_days_min: int | None
    delivery_days_max: int | None
    shipping_address: ShippingAddressOut
    payable: bool = Field(description="true while the order waits for (another try at) payment")
    carrier: str
    tracking_number: str
    shipped_at: datetime | None
    delivered_at: datetime | None
    lines: list[OrderLineOut]


# --- cart and checkout -------------------------------------------------------------------


class CartLineOut(Schema):
    variant_id: int
    sku: str
    label: str
    product: str = Field(description="the product's slug")
    title: str
    url: str
    image: str | None
    quantity: int
    unit_price: Decimal
    line_total: Decimal
    in_stock: bool


class CartOut(Schema):
    items: list[CartLineOut]
    count: int = Field(description="units in the cart")
    subtotal: Decimal
    subtotal_display: str
    currency: str
    max_quantity: int = Field(description="the most units of one item per order")


class CartAddIn(Schema):
    variant_id: int = Field(ge=1, le=2**31 - 1, description="a variant's `id` from the product")
    quantity: int = Field(default=1, ge=-(2**31), le=2**31 - 1, description="1 to `max_quantity`")
    price: Decimal | None = Field(
        default=None,
        ge=0,
        le=100000,
        max_digits=8,
        decimal_places=2,
        allow_inf_nan=False,
        description="the unit price the buyer saw; refused when it is not the shop's price",
    )


class CartQuantityIn(Schema):
    quantity: int = Field(ge=-(2**31), le=2**31 - 1, description="0 to `max_quantity`; 0 removes the line")


class AddressIn(Schema):
    """Checked as on the site: postcode format per country, house number, state for the US and Canada."""

    name: Text = Field(default="", max_length=500)
    company: Text = Field(default="", max_length=500)
    line1: Text = Field(default="", max_length=500, description="street and number")
    line2: Text = Field(default="", max_length=500)
    postcode: Text = Field(default="", max_length=100)
    city: Text = Field(default="", max_length=500)
    region: Text = Field(default="", max_length=500, description="state or province (US, CA)")
    country: Text = Field(default="", max_length=10, description="ISO 3166 code, e.g. DE")
    phone: Text = Field(default="", max_length=100)


class DestinationIn(Schema):
    address: AddressIn | None = Field(default=None, description="a new delivery address")
    saved_address: int | None = Field(default=None, ge=1, le=2**31 - 1, description="or one of your saved addresses")
    shipping_method: int | None = Field(
        default=None, ge=1, le=2**31 - 1, description="one of the quote's `shipping_options`; the first when left out"
    )


class QuoteIn(DestinationIn):
    country: Text | None = Field(
        default=None, max_length=10, description="or only a country, for an estimate before the address is known"
    )


class OrderIn(DestinationIn):
    accept_terms: bool = Field(description="the buyer accepted the terms and conditions (must be true)")
    expected_total: Decimal | None = Field(
        default=None,
        ge=0,
        le=10**7,
        max_digits=10,
        decimal_places=2,
        allow_inf_nan=False,
        description="the quote's total the buyer saw: 409 when the order would cost something else",
    )
    save_address: bool = Field(default=False, description="save a new address in your account")


class ShippingOptionOut(Schema):
    id: int
    name: str
    cost: Decimal
    cost_display: str
    free: bool
    days_min: int
    days_max: int


class VatLineOut(Schema):
    label: str
    rate: Decimal
    amount: Decimal


class QuoteLineOut(Schema):
    variant_id: int
    sku: str
    title: str
    quantity: int
    unit_price: Decimal
    line_total: Decimal


class QuoteOut(Schema):
    country: str
    country_name: str
    deliverable: bool
    lines: list[QuoteLineOut]
    shipping_options: list[ShippingOptionOut]
    shipping_method: int | None
    subtotal: Decimal
    shipping_cost: Decimal
    total: Decimal
    total_display: str
    net_total: Decimal
    vat_total: Decimal
    vat_lines: list[VatLineOut] = Field(description="the VAT contained in the total, per rate (none for export)")
    currency: str


class CountryOut(Schema):
    code: str
    name: str


class CountryList(Schema):
    items: list[CountryOut]


class PaymentOut(Schema):
    order: str
    status: str
    amount: Decimal
    currency: str
    client_secret: str = Field(description="the PaymentIntent's client secret, for Stripe.js or the mobile SDKs")
    publishable_key: str
    test_mode: bool = Field(description="true when POST …/test-payment/ can pay with a Stripe test card")


class TestPaymentIn(Schema):
    card: TestCard = TestCard.VISA


# --- live drops --------------------------------------------------------------------------


class LiveShowCard(Schema):
    slug: str
    title: str
    url: str
    status: str
    status_display: str
    host: MemberRef
    starts_at: datetime
    ends_at: datetime
    started_at: datetime | None
    ended_at: datetime | None


class LiveShowPage(Page):
    items: list[LiveShowCard]


class ShelfProductOut(ProductCard):
    variants: list[VariantOut]
    pinned: bool


class ShelfOut(Schema):
    items: list[ShelfProductOut]


class TipsOut(Schema):
    count: int
    amount: Decimal


class LiveShowDetail(LiveShowCard):
    description: str
    description_html: str
    stream_url: str
    chat_open: bool
    slow_mode_seconds: int
    pinned_product: str | None = Field(description="the slug of the product the host shows now")
    shelf: list[ShelfProductOut]
    tips: TipsOut
    tip_amounts: list[Decimal]


class ChatMessageOut(Schema):
    id: int
    kind: str
    author: MemberRef
    text: str = Field(description="empty when the message was removed or is hidden for review")
    removed: bool
    hidden: bool
    tip_amount: Decimal | None
    created_at: datetime


class ChatPage(Page):
    items: list[ChatMessageOut]


class ChatIn(Schema):
    text: Text = Field(max_length=5000, description="at most the site's chat length (500 characters by default)")


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
    # False when the total (and the facet counts) are estimated: a word matching many entries.
    total_exact: bool = True
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
