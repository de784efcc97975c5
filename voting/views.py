from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import floatformat
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from community import rules as community_rules
from core import seo
from core.http import safe_next_url, wants_json
from core.site_settings import load as load_site_settings
from designs.models import Design
from voting import abuse, selectors, services
from voting import rules as voting_rules
from voting.forms import ChallengeEntryForm, VoteForm
from voting.models import Challenge, VotingRules
from voting.seo import challenge_page_meta
from voting.templatetags.voting_tags import vote_panel_context


@require_GET
def challenge_list(request):
    meta = seo.page_meta(
        request,
        title=_("Challenges"),
        description=_(
            "Design challenges on Commonmade: enter your designs, vote on others, and help decide what becomes "
            "a product."
        ),
        trail=((_("Challenges"), None),),
    )
    return render(request, "voting/challenge_list.html", {"groups": selectors.challenge_overview(), "seo": meta})


@require_GET
def challenge_detail(request, slug):
    challenge = get_object_or_404(Challenge.objects.prefetch_related("categories"), slug=slug)
    entries = selectors.challenge_leaderboard(challenge=challenge)
    taking_entries = challenge.is_open_for_submission
    context = {
        "challenge": challenge,
        "entries": entries,
        "seo": challenge_page_meta(request, challenge, entries),
        "state": challenge.state,
        "now": timezone.now(),
        "taking_entries": taking_entries,
        "my_designs": selectors.enterable_designs(maker=request.user, challenge=challenge) if taking_entries else [],
        "entries_left": selectors.entries_left(maker=request.user, challenge=challenge),
    }
    return render(request, "voting/challenge_detail.html", context)


@require_GET
def how_it_works(request):
    """Crowd score, would-buy bound, milestones and trust levels in plain words (docs/ranking.md for the maths)."""
    meta = seo.page_meta(
        request,
        title=_("How voting works"),
        description=_("What the crowd score, “I'd buy it” and the supporter milestones mean, in plain words."),
        trail=((_("How voting works"), None),),
    )
    shortlist_rules = load_site_settings(VotingRules)
    context = {
        "seo": meta,
        "prior_mean": voting_rules.PRIOR_MEAN,
        "prior_weight": voting_rules.PRIOR_WEIGHT,
        "score_share": round(voting_rules.SCORE_WEIGHT * 100),
        "buy_share": round((1 - voting_rules.SCORE_WEIGHT) * 100),
        "milestones": sorted(voting_rules.MILESTONES),
        "min_votes": shortlist_rules.shortlist_min_votes,
        "top_k": shortlist_rules.shortlist_top_k,
        "account_hours": voting_rules.MIN_ACCOUNT_AGE_HOURS,
        "trust": {
            "l1_days": community_rules.TRUST_L1_DAYS,
            "l2_days": community_rules.TRUST_L2_DAYS,
            "l2_votes": community_rules.TRUST_L2_VOTES,
            "l2_comments": community_rules.TRUST_L2_COMMENTS,
            "l3_days": community_rules.TRUST_L3_DAYS,
            "l3_votes": community_rules.TRUST_L3_VOTES,
            "l3_comments": community_rules.TRUST_L3_COMMENTS,
        },
    }
    return render(request, "voting/how_it_works.html", context)


@require_POST
def challenge_enter(request):
    """A maker enters one of their designs into a challenge (from the challenge page or the design page)."""
    challenge = get_object_or_404(Challenge, slug=request.POST.get("challenge", ""))
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={challenge.get_absolute_url()}")
    back = safe_next_url(request, request.POST.get("next"), fallback=challenge.get_absolute_url())
    form = ChallengeEntryForm(request.POST, maker=request.user)
    if not form.is_valid():
        messages.error(request, _("Please choose one of your designs."))
        return redirect(back)
    design = form.cleaned_data["design"]
    try:
        services.challenge_enter(challenge=challenge, design=design, actor=request.user)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return redirect(back)
    messages.success(
        request,
        _("“%(design)s” is entered in “%(challenge)s”.") % {"design": design.title, "challenge": challenge.title},
    )
    return redirect(back)


@require_GET
def trending(request):
    meta = seo.page_meta(
        request,
        title=_("Trending this week"),
        description=_("The designs the community voted on most this week."),
        trail=((_("Trending this week"), None),),
    )
    return render(request, "voting/trending.html", {"designs": selectors.trending_designs(limit=24), "seo": meta})


def _back(request, design) -> str:
    return safe_next_url(request, request.POST.get("next"), fallback=design.get_absolute_url())


def _answer(request, design, *, status: int, message: str, level=messages.SUCCESS):
    """JSON with the fresh panel for fetch; a redirect (or an error page with the status) without JavaScript."""
    if wants_json(request):
        panel = render_to_string(
            "voting/includes/vote_widget.html", vote_panel_context(request, design), request=request
        )
        return JsonResponse({"ok": status < 400, "message": message, "html": panel}, status=status)
    if status < 400:
        messages.add_message(request, level, message)
        return redirect(_back(request, design))
    context = {"design": design, "message": message, "back": _back(request, design)}
    return render(request, "voting/vote_refused.html", context, status=status)


def _counted_answer(request, cast: services.VoteCast, *, message: str):
    """The fetch answer to a vote: the new numbers for the panel to show in place (no panel rendered).

    Only when the vote reached a supporter milestone (the panel's structure changes), and without
    JavaScript, is the design read (a first vote on PostgreSQL did not) and the panel rendered again.
    """
    if cast.milestone_reached or not wants_json(request):
        return _answer(request, cast.vote.design, status=200, message=message)
    summary = selectors.summary_from_stats(cast.stats)
    vote = cast.vote
    return JsonResponse(
        {
            "ok": True,
            "message": message,
            "counters": {
                "votes": summary.votes,
                "would_buy": summary.would_buy,
                "crowd_score": (f"{floatformat(summary.crowd_score, 1)} / 100" if summary.votes else _("no votes yet")),
                "mean_score": f"{floatformat(summary.mean_score, 2)} / 5" if summary.mean_score is not None else "–",
            },
            "my_vote": {"score": vote.score, "would_buy": vote.would_buy, "counted": vote.counted},
        }
    )


@require_POST
def vote(request, slug):
    if not request.user.is_authenticated:
        design = get_object_or_404(Design, slug=slug)
        if wants_json(request):
            return JsonResponse({"ok": False, "message": _("Log in to vote.")}, status=401)
        return redirect(f"{reverse('account_login')}?next={design.get_absolute_url()}")
    try:
        if request.POST.get("action") == "remove":
            design = get_object_or_404(Design, slug=slug)
            services.vote_remove(voter=request.user, design=design)
            return _answer(request, design, status=200, message=_("Your vote was removed."))
        form = VoteForm(request.POST)
        if not form.is_valid():
            raise ValidationError(form.errors.as_data())
        try:
            # By the address: a first vote reads no design before it is cast.
            cast = services.vote_cast_at(
                voter=request.user,
                slug=slug,
                score=form.cleaned_data["score"],
                would_buy=form.cleaned_data["would_buy"],
                network=abuse.network_of(request.META.get("REMOTE_ADDR")),
            )
        except Design.DoesNotExist:
            raise Http404 from None
    except services.VoteRateLimited as exc:
        return _answer(request, get_object_or_404(Design, slug=slug), status=429, message=exc.message)
    except services.VoteRefused as exc:
        return _answer(request, get_object_or_404(Design, slug=slug), status=403, message=exc.message)
    except ValidationError as exc:
        message = " ".join(m for messages_ in exc.message_dict.values() for m in messages_)
        return _answer(request, get_object_or_404(Design, slug=slug), status=400, message=message)
    return _counted_answer(request, cast, message=_("Thank you: your vote counts."))
