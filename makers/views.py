from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community import seo
from community.services import profile_for
from makers import selectors, services
from makers.charts import line_chart
from makers.forms import MakerSettingsForm
from makers.seo import storefront_page_meta
from makers.services import connect_onboarding_link


def maker_list(request):
    page = Paginator(selectors.makers_directory(), 48).get_page(request.GET.get("page"))
    meta = seo.page_meta(
        request,
        title=_("Makers"),
        description=_("The makers behind the designs on Commonmade."),
        trail=((_("Makers"), None),),
    )
    return render(request, "makers/maker_list.html", {"page_obj": page, "makers": page.object_list, "seo": meta})


def storefront(request, handle):
    maker = selectors.maker_by_handle(handle=handle)
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
            form.add_error("avatar_upload", exc)
        else:
            messages.success(request, _("Your storefront was updated."))
            return redirect("makers:storefront", handle=request.user.handle)
    status = 400 if form.errors else 200
    return render(request, "makers/settings.html", {"form": form}, status=status)


@login_required
def dashboard(request):
    data = selectors.maker_dashboard(maker=request.user)
    chart = line_chart(days=data.days, series=data.series, title=_("Activity over the last 30 days"))
    context = {
        "dashboard": data,
        "chart": chart,
        "royalties": selectors.royalty_summary(maker=request.user),
        "royalty_entries": selectors.royalty_entries(maker=request.user, limit=20),
        "payouts": selectors.payouts_for_maker(maker=request.user)[:12],
    }
    return render(request, "makers/dashboard.html", context)


@login_required
@require_POST
def connect_onboarding(request):
    """Send the maker to Stripe Connect Express onboarding; Stripe sends them back to connect_return."""
    if not request.user.designs.exists():
        messages.error(request, _("Payouts are for makers with at least one design."))
        return redirect("community:account")
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
    return redirect("community:account")
