from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from makers.services import connect_onboarding_link


@login_required
@require_POST
def connect_onboarding(request):
    """Send the maker to Stripe Connect Express onboarding; Stripe sends them back to connect_return."""
    if not request.user.designs.exists():
        messages.error(request, _("Payouts are for makers with at least one design."))
        return redirect("community:account")
    url = connect_onboarding_link(
        maker=request.user,
        return_url=request.build_absolute_uri(reverse("makers:connect_return")),
        refresh_url=request.build_absolute_uri(reverse("makers:connect_return")),
    )
    return redirect(url)


@login_required
def connect_return(request):
    messages.success(request, _("Thank you. Royalties are paid out monthly to your connected account."))
    return redirect("community:account")
