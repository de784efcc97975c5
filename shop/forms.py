from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from shop import rules as shop_rules
from shop.gateway import TestCard
from shop.models import Carrier, ProductType, ProductVariant, ReturnReason, Review
from shop.services import cart as cart_services
from shop.services.campaigns import CAMPAIGN_MAX_DAYS

RATING_CHOICES = [(n, _("%(n)s of 5 stars") % {"n": n}) for n in range(5, 0, -1)]


class ReviewForm(forms.ModelForm):
    rating = forms.TypedChoiceField(
        label=_("Rating"), choices=RATING_CHOICES, coerce=int, widget=forms.RadioSelect, required=True
    )
    photo = forms.FileField(label=_("Photo (optional)"), required=False, help_text=_("JPEG, PNG or WebP."))
    remove_photo = forms.BooleanField(label=_("Remove the photo"), required=False)

    class Meta:
        model = Review
        fields = ["rating", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6, "maxlength": 5000})}


class ProductCreateForm(forms.Form):
    title = forms.CharField(label=_("Product title"), max_length=140)
    product_type = forms.ChoiceField(label=_("Product type"), choices=ProductType.choices)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    title_de = forms.CharField(label=_("German title"), max_length=140, required=False)
    description_de = forms.CharField(
        label=_("German description"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Shown on the German pages; leave empty to show the English text."),
    )
    price = forms.DecimalField(
        label=_("Price in EUR, VAT included"), max_digits=8, decimal_places=2, min_value=0.5, max_value=100000
    )
    royalty_percent = forms.DecimalField(
        label=_("Maker's royalty share (%)"), max_digits=5, decimal_places=1, min_value=0, max_value=100
    )
    made_to_order = forms.BooleanField(label=_("Made to order (no stock)"), required=False)
    variants = forms.CharField(
        label=_("Variants"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One per line: size, colour, SKU, stock. Example: M, black, TEE-M-BLK, 25"),
    )
    manufacturer = forms.CharField(
        label=_("Manufacturer (product safety)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Name, postal address and email or website. Shown on the product page (EU GPSR)."),
    )
    responsible_person = forms.CharField(
        label=_("Responsible person in the EU"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Only if the manufacturer is outside the EU."),
    )
    safety_information = forms.CharField(
        label=_("Safety information"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Warnings, care and safe-use instructions."),
    )
    publish = forms.BooleanField(label=_("Publish now (put on sale)"), required=False)
    campaign_goal = forms.IntegerField(
        label=_("Pre-order campaign goal (units)"),
        required=False,
        min_value=1,
        help_text=_("Leave empty for a normal product."),
    )
    campaign_days = forms.IntegerField(
        label=_("Campaign length (days)"), required=False, min_value=1, max_value=CAMPAIGN_MAX_DAYS
    )

    def clean_variants(self):
        rows = []
        for number, raw in enumerate(self.cleaned_data["variants"].splitlines(), start=1):
            if not raw.strip():
                continue
            parts = [part.strip() for part in raw.split(",")]
            if len(parts) != 4 or not parts[2]:
                raise forms.ValidationError(
                    _("Line %(n)s: write size, colour, SKU, stock separated by commas.") % {"n": number}
                )
            try:
                stock = int(parts[3] or 0)
            except ValueError:
                stock = -1
            if stock < 0:
                raise forms.ValidationError(_("Line %(n)s: stock is a whole number, 0 or more.") % {"n": number})
            rows.append({"size": parts[0], "colour": parts[1], "sku": parts[2], "stock": stock})
        if not rows:
            raise forms.ValidationError(_("Add at least one variant."))
        return rows

    def clean(self):
        data = super().clean()
        if data.get("campaign_goal") and not data.get("campaign_days"):
            self.add_error("campaign_days", _("A campaign needs a length."))
        return data


class AddressForm(forms.Form):
    """A delivery address; the country rules are the service's (shop/services/addresses.py address_clean)."""

    name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    company = forms.CharField(label=_("Company (optional)"), max_length=200, required=False)
    line1 = forms.CharField(label=_("Street and number"), max_length=200, required=False)
    line2 = forms.CharField(label=_("Address line 2 (optional)"), max_length=200, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=20, required=False)
    city = forms.CharField(label=_("City"), max_length=120, required=False)
    region = forms.CharField(
        label=_("State / province"),
        max_length=120,
        required=False,
        help_text=_("Required for the United States and Canada, e.g. NY or New York."),
        widget=forms.TextInput(attrs={"list": "regions", "autocomplete": "address-level1"}),
    )
    country = forms.ChoiceField(label=_("Country"), choices=())
    phone = forms.CharField(
        label=_("Phone (optional)"), max_length=40, required=False, help_text=_("Only for the carrier, if needed.")
    )

    autocomplete = {
        "name": "name",
        "company": "organization",
        "line1": "address-line1",
        "line2": "address-line2",
        "postcode": "postal-code",
        "city": "address-level2",
        "country": "country",
        "phone": "tel",
    }

    def __init__(self, *args, countries=None, **kwargs):
        from shop.selectors.shipping import shipping_countries

        super().__init__(*args, **kwargs)
        self.countries = countries if countries is not None else shipping_countries()
        self.fields["country"].choices = [(c.code, c.name) for c in self.countries]
        for name, token in self.autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = token

    def address_required(self) -> bool:
        return True

    def clean(self):
        from shop.services.addresses import address_clean

        data = super().clean()
        if not self.address_required():
            return data
        try:
            data["address"] = address_clean(data, allowed_countries={c.code for c in self.countries})
        except forms.ValidationError as exc:
            for field, errors in exc.message_dict.items():
                self.add_error(field if field in self.fields else None, errors)
        return data


class SavedAddressForm(AddressForm):
    make_default = forms.BooleanField(label=_("Use as my default address"), required=False)


class CheckoutForm(AddressForm):
    NEW = "new"

    email = forms.EmailField(
        label=_("Email"),
        required=False,
        help_text=_("For the order confirmation and the link to your order. No account needed."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    saved_address = forms.ChoiceField(label=_("Deliver to"), required=False, widget=forms.RadioSelect)
    save_address = forms.BooleanField(label=_("Save this address in my account"), required=False, initial=True)
    shipping_method = forms.ChoiceField(label=_("Shipping method"), required=False, widget=forms.RadioSelect)
    accept_terms = forms.BooleanField(label=_("I accept the terms and conditions."), required=True)
    checkout_token = forms.CharField(widget=forms.HiddenInput, required=False)
    quoted_total = forms.DecimalField(widget=forms.HiddenInput, required=False, max_digits=10, decimal_places=2)

    def __init__(self, *args, user=None, addresses=(), shipping_options=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user if user is not None and user.is_authenticated else None
        self.addresses = {str(address.pk): address for address in addresses}
        if self.user is None:
            self.fields["email"].required = True
            del self.fields["saved_address"]
            del self.fields["save_address"]
        else:
            del self.fields["email"]
            choices = [(pk, str(address)) for pk, address in self.addresses.items()]
            self.fields["saved_address"].choices = choices + [(self.NEW, _("A new address"))]
        self.fields["shipping_method"].choices = [(str(option.pk), option.name) for option in shipping_options]
        self.fields["country"].required = not self.addresses
        self.fields["country"].widget.attrs["data-autoupdate"] = ""
        if "saved_address" in self.fields:
            self.fields["saved_address"].widget.attrs["data-autoupdate"] = ""

    def chosen_saved_address(self):
        if self.user is None:
            return None
        key = self.data.get(self.add_prefix("saved_address")) if self.is_bound else self.initial.get("saved_address")
        return self.addresses.get(str(key or ""))

    def address_required(self) -> bool:
        return self.chosen_saved_address() is None

    def clean(self):
        from shop.services.addresses import AddressData

        data = super().clean()
        saved = self.chosen_saved_address()
        if saved is not None:
            data["address"] = AddressData.from_address(saved)
        return data


def _whole_number(value) -> int | None:
    """A whole number as the cart has always read it (surrounding spaces allowed), or None."""
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


class CartRequestForm(forms.Form):
    """Reads a cart change from a request: whole numbers and a variant, never strings, reach the service.

    Fields are cleaned in the order a refusal is reported: the quantity first, then the variant.
    """

    allow_zero = False

    quantity = forms.CharField(required=False, strip=False)
    variant = forms.CharField(required=False, strip=False)

    def clean_quantity(self) -> int:
        number = _whole_number(self.data.get("quantity"))
        if number is None:
            raise forms.ValidationError(cart_services.quantity_message(allow_zero=self.allow_zero))
        try:
            cart_services.check_quantity(number, allow_zero=self.allow_zero)
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages) from None
        return number

    def first_error(self) -> str:
        """The one message the person sees: the first refused field in reading order."""
        for name in self.fields:
            if name in self.errors:
                return " ".join(self.errors[name])
        return " ".join(self.non_field_errors())


class CartAddForm(CartRequestForm):
    """Adding to the cart: a quantity (1 when the form sends none), a variant that exists, an optional price."""

    price = forms.CharField(required=False, strip=False)

    def clean_quantity(self) -> int:
        if "quantity" not in self.data:
            return 1
        return super().clean_quantity()

    def clean_variant(self) -> ProductVariant:
        try:
            return cart_services.variant_by_id(_whole_number(self.data.get("variant")))
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages) from None

    def clean_price(self) -> Decimal | None:
        raw = self.data.get("price")
        if raw in (None, ""):
            return None
        try:
            price = Decimal(str(raw).replace(",", "."))
        except InvalidOperation:
            price = None
        if price is None or not price.is_finite():
            raise forms.ValidationError(cart_services.price_mismatch_message())
        return price


class CartUpdateForm(CartRequestForm):
    """Changing a line: a quantity from 0 (which removes the line) and the id of a variant in the cart."""

    allow_zero = True

    def clean_variant(self) -> int:
        number = _whole_number(self.data.get("variant"))
        if number is None or not 0 < number <= 2**31 - 1:
            raise forms.ValidationError(_("This item is not in your cart."))
        return number


class ReturnRequestForm(forms.Form):
    """The buyer's return form: a whole number per order line (empty is 0), a ReturnReason and a comment."""

    reason = forms.TypedChoiceField(
        choices=ReturnReason.choices,
        coerce=ReturnReason,
        error_messages={
            "required": _("Please tell us why you send it back."),
            "invalid_choice": _("Please tell us why you send it back."),
        },
    )
    comment = forms.CharField(required=False)

    def __init__(self, data, *, lines):
        super().__init__(data)
        self.line_ids = [line.pk for line in lines]
        for pk in self.line_ids:
            self.fields[f"qty-{pk}"] = forms.IntegerField(
                min_value=0,
                max_value=shop_rules.MAX_QUANTITY,
                required=False,
                error_messages={
                    "invalid": _("Quantities are whole numbers."),
                    "min_value": _("Quantities are whole numbers."),
                    "max_value": _("You can only send back items from this order that you kept."),
                },
            )

    @property
    def quantities(self) -> dict[int, int]:
        return {pk: self.cleaned_data.get(f"qty-{pk}") or 0 for pk in self.line_ids}

    def first_error(self) -> str:
        for name in self.fields:
            if name in self.errors:
                return " ".join(self.errors[name])
        return " ".join(self.non_field_errors())


class ShipForm(forms.Form):
    """Staff's "Mark shipped": a Carrier and the tracking number (checked against the carrier by the service)."""

    carrier = forms.TypedChoiceField(
        choices=Carrier.choices,
        coerce=Carrier,
        error_messages={"required": _("Choose a carrier."), "invalid_choice": _("Choose a carrier.")},
    )
    tracking = forms.CharField(required=False)

    def first_error(self) -> str:
        return " ".join(next(iter(self.errors.values()), []))


class TestPayForm(forms.Form):
    """Which of Stripe's test cards the payment page's buttons sent (none: the card that pays)."""

    card = forms.TypedChoiceField(
        choices=TestCard.choices,
        coerce=TestCard,
        required=False,
        empty_value=TestCard.VISA,
        error_messages={"invalid_choice": _("Please pay with one of the test cards on this page.")},
    )
