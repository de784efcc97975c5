from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def account_overview(request):
    return render(request, "community/account.html")
