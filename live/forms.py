from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from community.selectors import member_by_handle
from live import rules as live_rules
from live import services
from live.models import LiveShow
from shop.models import Product, ProductStatus

STREAM_HOSTS = (
    "youtube.com",
    "www.youtube.com",
    "youtu.be",
    "m.youtube.com",
    "twitch.tv",
    "www.twitch.tv",
    "vimeo.com",
    "www.vimeo.com",
)


class ShowForm(forms.ModelForm):
    products = forms.ModelMultipleChoiceField(
        label=_("Shelf"),
        queryset=Product.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The products viewers can buy during the drop."),
    )

    class Meta:
        model = LiveShow
        fields = ["title", "description", "stream_url", "starts_at", "ends_at", "slow_mode_seconds"]
        widgets = {
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "ends_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user=None, host=None, **kwargs):
        super().__init__(*args, **kwargs)
        products = Product.objects.filter(status=ProductStatus.ON_SALE).select_related("design")
        if not (user and user.is_staff):
            products = products.filter(design__maker=host or user)
        self.fields["products"].queryset = products.order_by("title")
        self.fields["starts_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
        self.fields["ends_at"].input_formats = self.fields["starts_at"].input_formats
        if self.instance.pk and not self.is_bound:
            self.initial["products"] = list(self.instance.shelf.values_list("product_id", flat=True))

    def clean_stream_url(self):
        from urllib.parse import urlsplit

        url = self.cleaned_data.get("stream_url", "")
        if url and urlsplit(url).hostname not in STREAM_HOSTS:
            raise forms.ValidationError(_("Please use a YouTube, Twitch or Vimeo address."))
        return url


class ChatForm(forms.Form):
    text = forms.CharField(label=_("Message"), max_length=live_rules.CHAT_MAX_LENGTH, strip=True)


class ChatRemoveForm(forms.Form):
    """Why the host removed a chat line (optional: the service says "removed by the host" without one)."""

    reason = forms.CharField(required=False)


class TimeoutForm(forms.Form):
    """A chat time-out: the member (by handle, "@" optional) as a User and the minutes as a whole number."""

    member = forms.CharField(max_length=150, error_messages={"required": _("No member with this handle.")})
    minutes = forms.IntegerField(min_value=1, max_value=24 * 60, initial=10)

    def clean_member(self):
        member = member_by_handle(handle=self.cleaned_data["member"].lstrip("@"))
        if member is None:
            raise forms.ValidationError(_("No member with this handle."))
        return member

    def first_error(self) -> str:
        return " ".join(next(iter(self.errors.values()), []))


class PinForm(forms.Form):
    """The product to pin as a Product, or None (no product sent) to unpin.

    Any existing product reads; whether it is on the drop's shelf is the service's rule.
    """

    product = forms.ModelChoiceField(queryset=Product.objects.all(), required=False)


class TipForm(forms.Form):
    """The amount of a tip as a Decimal, or None when the request did not send a number.

    Which amounts are allowed is the service's rule (it also decides what is refused first).
    """

    amount = forms.CharField(required=False, strip=False)

    def clean_amount(self) -> Decimal | None:
        try:
            return Decimal(str(self.data.get("amount", "")).strip())
        except (ArithmeticError, ValueError):
            return None


class ShelfOfferForm(forms.Form):
    """A drop offer from the host's form: a Decimal price and an int quantity, None when left empty."""

    drop_price = forms.CharField(required=False, strip=False)
    drop_quantity = forms.CharField(required=False, strip=False)

    def clean_drop_price(self) -> Decimal | None:
        raw = self.data.get("drop_price", "")
        if raw in (None, ""):
            return None
        try:
            value = Decimal(str(raw).strip().replace(",", "."))
        except ArithmeticError:
            value = None
        if value is None or not value.is_finite():
            raise forms.ValidationError(services.offer_price_format_message())
        return value

    def clean_drop_quantity(self) -> int | None:
        raw = self.data.get("drop_quantity", "")
        if raw in (None, ""):
            return None
        try:
            return int(str(raw).strip())
        except ValueError:
            raise forms.ValidationError(services.offer_quantity_message()) from None
