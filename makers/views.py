from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.services import profile_for
from core import params, seo
from makers import selectors, services
from makers.charts import line_chart
from makers.forms import BrandForm, CollectionForm, MakerSettingsForm
from makers.panels import panels_for
from makers.seo import storefront_page_meta
from makers.services import connect_onboarding_link
from shop import rules as shop_rules
from shop.selectors import orders as orders_selectors


def maker_list(request):
    page = Paginator(selectors.makers_directory(), 48).get_page(params.page_number(request))
    meta = seo.page_meta(
        request,
        title=_("Makers"),
        description=_("The makers behind the designs on Commonmade."),
        trail=((_("Makers"), None),),
    )
    return render(request, "makers/maker_list.html", {"page_obj": page, "makers": page.object_list, "seo": meta})


def storefront(request, handle):
    maker = selectors.storefront_maker(handle=handle)
    if maker is None:
        raise Http404
    products = list(selectors.storefront_products(maker=maker))
    sections = selectors.storefront_sections(maker=maker, viewer=request.user, products_shown=bool(products))
    if not sections and not products and request.user.pk != maker.pk and not maker.profile.is_maker:
        raise Http404
    context = {
        "maker": maker,
        "profile": maker.profile,
        "sections": sections,
        "products": products,
        "is_owner": request.user.pk == maker.pk,
        "panels": panels_for("storefront", request=request, maker=maker),
        "brand": selectors.brand_for(maker=maker),
        "collections": [c for c in selectors.collections_for(maker=maker) if c.shown_products],
        "seo": storefront_page_meta(request, maker, maker.profile),
    }
    return render(request, "makers/storefront.html", context)


@login_required
def maker_settings(request):
    profile = profile_for(user=request.user)
    form = MakerSettingsForm(
        request.POST or None,
        request.FILES or None,
        instance=profile,
        initial={"display_name": request.user.display_name},
    )
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in ("bio", "location", "website", "instagram")}
        try:
            services.maker_settings_update(
                user=request.user,
                display_name=form.cleaned_data["display_name"],
                profile_data=data,
                avatar_upload=form.cleaned_data.get("avatar_upload"),
                banner_upload=form.cleaned_data.get("banner_upload"),
            )
        except ValidationError as exc:
            _add_errors(form, exc, default="avatar_upload")
        else:
            messages.success(request, _("Your storefront was updated."))
            return redirect("makers:storefront", handle=request.user.handle)
    status = 400 if form.errors else 200
    context = {"form": form, "brand": selectors.brand_for(maker=request.user)}
    return render(request, "makers/settings.html", context, status=status)


@login_required
def dashboard(request):
    data = selectors.maker_dashboard(maker=request.user)
    totals = selectors.maker_money_totals(maker=request.user)
    chart = line_chart(days=data.days, series=data.series, title=_("Activity over the last 30 days"))
    context = {
        "dashboard": data,
        "chart": chart,
        "royalties": selectors.royalty_summary(maker=request.user, totals=totals),
        "royalty_entries": selectors.royalty_entries(maker=request.user, limit=20),
        "payouts": selectors.payouts_for_maker(maker=request.user)[:12],
        "panels": panels_for("dashboard", request=request, maker=request.user),
        "referrals": selectors.referral_summary(maker=request.user, totals=totals),
        "referral_share": selectors.referral_share_percent(),
        "days": shop_rules.REFERRAL_DAYS,
        "referral_link": request.build_absolute_uri(
            reverse("makers:storefront", kwargs={"handle": request.user.handle}) + f"?ref={request.user.handle}"
        ),
        "sales_status": orders_selectors.maker_sales_status(maker=request.user),
        "sales_status_labels": orders_selectors.maker_status_labels(),
    }
    return render(request, "makers/dashboard.html", context)


@login_required
@require_POST
def connect_onboarding(request):
    """Send the maker to Stripe Connect Express onboarding; Stripe sends them back to connect_return."""
    if not request.user.designs.exists():
        messages.error(request, _("Payouts are for makers with at least one design."))
        return redirect("accounts:account")
    try:
        url = connect_onboarding_link(
            maker=request.user,
            return_url=request.build_absolute_uri(reverse("makers:connect_return")),
            refresh_url=request.build_absolute_uri(reverse("makers:connect_return")),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("makers:dashboard")
    return redirect(url)


@login_required
def connect_return(request):
    messages.success(request, _("Thank you. Royalties are paid out monthly to your connected account."))
    return redirect("accounts:account")


def brand_css(request, handle):
    """The maker's accent colour as a stylesheet (the site's CSP allows styles from itself only)."""
    from core.colour import darker

    maker = selectors.maker_by_handle(handle=handle)
    brand = selectors.brand_for(maker=maker) if maker else None
    if brand is None or not brand.accent_colour:
        raise Http404
    css = f".storefront-branded {{ --accent: {brand.accent_colour}; --accent-dark: {darker(brand.accent_colour)}; }}\n"
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response


@login_required
def brand_settings(request):
    brand = selectors.brand_for(maker=request.user)
    initial = {"accent_colour": brand.accent_colour if brand else "", "banner_alt": brand.banner_alt if brand else ""}
    for n, block in enumerate(brand.blocks.all() if brand else [], start=1):
        initial[f"block_{n}_heading"], initial[f"block_{n}_text"] = block.heading, block.text
    form = BrandForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.brand_update(
                maker=request.user,
                accent_colour=form.cleaned_data["accent_colour"],
                banner_upload=form.cleaned_data.get("banner_upload"),
                banner_alt=form.cleaned_data["banner_alt"],
                remove_banner=form.cleaned_data["remove_banner"],
                blocks=form.blocks(),
            )
        except ValidationError as exc:
            _add_errors(form, exc, default="banner_upload")
        else:
            messages.success(request, _("Your brand was saved."))
            return redirect("makers:storefront", handle=request.user.handle)
    return render(
        request,
        "makers/brand_settings.html",
        {
            "form": form,
            "brand": brand,
            "collections": selectors.collections_for(maker=request.user, on_sale_only=False),
        },
        status=400 if form.errors else 200,
    )


def _add_errors(form, exc: ValidationError, *, default: str | None = None) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(default if default in form.fields else None, exc)


@login_required
def collection_edit(request, pk=None):
    from makers.models import MakerCollection

    collection = get_object_or_404(MakerCollection, pk=pk, maker=request.user) if pk else None
    initial = {}
    if collection is not None:
        initial = {
            "title": collection.title,
            "description": collection.description,
            "products": [item.product_id for item in collection.items.all()],
        }
    form = CollectionForm(request.POST or None, maker=request.user, initial=initial)
    if request.method == "POST" and request.POST.get("action") == "delete" and collection is not None:
        services.collection_delete(maker=request.user, collection=collection)
        messages.success(request, _("The collection was deleted."))
        return redirect("makers:brand_settings")
    if request.method == "POST" and form.is_valid():
        try:
            services.collection_save(
                maker=request.user,
                collection=collection,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                product_ids=[p.pk for p in form.cleaned_data["products"]],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The collection was saved."))
            return redirect("makers:brand_settings")
    return render(
        request,
        "makers/collection_form.html",
        {"form": form, "collection": collection},
        status=400 if form.errors else 200,
    )
