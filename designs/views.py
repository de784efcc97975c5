from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import pagecache, params, seo
from core.storage import STORAGE_DOWN_MESSAGE, STORAGE_ERRORS
from designs import selectors, services
from designs.extensions import attach_card_facts
from designs.forms import DesignEditForm, DesignForm
from designs.models import DesignState
from designs.seo import design_page_meta

PAGE_SIZE = 24

logger = logging.getLogger(__name__)


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def design_list(request):
    category = params.text(request.GET, "category", max_length=100) or None
    tag = params.text(request.GET, "tag", max_length=100) or None
    state = params.choice(request.GET, "state", (s.value for s in DesignState)) or None
    sort = params.text(request.GET, "sort", "newest", max_length=20)
    designs = selectors.design_list(category=category, tag=tag, state=state, sort=sort)
    page = pagecache.CachedCountPaginator(designs, PAGE_SIZE).get_page(params.page_number(request))
    context = {
        "page_obj": page,
        "designs": attach_card_facts(page.object_list),
        "categories": selectors.categories(),
        "public_states": [s for s in DesignState if s.value in {p.value for p in selectors.PUBLIC_STATES}],
        "tags": selectors.popular_tags(),
        "current": {"category": category, "tag": tag, "state": state, "sort": sort},
        "seo": seo.page_meta(
            request,
            title=_("Designs"),
            description=_("Browse designs by makers and vote on the ones you want to see made."),
            trail=((_("Designs"), None),),
        ),
    }
    return render(request, "designs/design_list.html", context)


def design_detail(request, slug):
    design = selectors.design_detail(slug=slug)
    if design is None:
        moved = selectors.design_by_old_slug(slug=slug)
        if moved is not None:
            return redirect(moved, permanent=True)
        raise Http404
    if design.moderation_removed:
        return render(request, "designs/design_removed.html", {"design": design}, status=410)
    if not selectors.design_visible_to(design=design, user=request.user):
        raise Http404
    counted = design.is_public and request.user.pk != design.maker_id
    if counted:
        services.design_record_view(design=design)
    context = {
        "design": design,
        "is_owner": request.user.is_authenticated and request.user.pk == design.maker_id,
        "can_withdraw": design.state in services.WITHDRAWABLE,
        "transitions": design.transitions.exclude(to_state="draft").order_by("created_at", "id")
        if request.user.pk == design.maker_id
        else (),
        "seo": design_page_meta(request, design),
    }
    response = render(request, "designs/design_detail.html", context)
    if counted:  # a visit served from the page cache still counts
        pagecache.on_hit(response, "designs.services.design_record_view_id", design.pk)
    return response


@login_required
def design_submit(request):
    initial = {"challenge": request.GET["challenge"]} if request.GET.get("challenge") else {}
    form = DesignForm(request.POST or None, request.FILES or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            design = services.design_create(
                maker=request.user,
                title=data["title"],
                description=data["description"],
                category=data["category"],
                tags=data["tags"],
                images=data["images"],
                mature=data["mature"],
                rights_confirmed=data["rights_confirmed"],
                submit="save_draft" not in request.POST,
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        except STORAGE_ERRORS:
            logger.warning("Design upload failed: the file store did not answer", exc_info=True)
            form.add_error(None, STORAGE_DOWN_MESSAGE)
            return render(request, "designs/design_form.html", {"form": form, "is_new": True}, status=503)
        else:
            if design.state == DesignState.SUBMITTED:
                messages.success(request, _("Thank you! Your design was submitted and waits for review."))
            else:
                messages.success(request, _("Your draft was saved."))
            for level, text in form.after_save(design=design, actor=request.user):
                messages.add_message(request, level, text)
            return redirect(design)
    return render(
        request, "designs/design_form.html", {"form": form, "is_new": True}, status=400 if form.errors else 200
    )


def _own_design(request, slug):
    design = selectors.design_detail(slug=slug)
    if design is None:
        raise Http404
    if design.maker_id != request.user.pk:
        raise PermissionDenied(_("Only the maker can change this design."))
    return design


@login_required
def design_edit(request, slug):
    design = _own_design(request, slug)
    initial = {
        "title": design.title,
        "description": design.description,
        "category": design.category_id,
        "tags": ", ".join(t.name for t in design.tags.all()),
        "mature": design.mature,
    }
    form = DesignEditForm(request.POST or None, request.FILES or None, design=design, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        full = design.state in services.FULLY_EDITABLE
        try:
            design = services.design_update(
                design=design,
                actor=request.user,
                title=data["title"] if full else None,
                description=data["description"],
                category=data["category"] if full else None,
                tags=data["tags"],
                mature=data["mature"],
                new_images=data.get("images") or [],
                remove_image_ids=[int(pk) for pk in data.get("remove_images") or []],
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        except STORAGE_ERRORS:
            logger.warning("Design image upload failed: the file store did not answer", exc_info=True)
            form.add_error(None, STORAGE_DOWN_MESSAGE)
            return render(request, "designs/design_form.html", {"form": form, "design": design}, status=503)
        else:
            messages.success(request, _("Your changes were saved."))
            return redirect(design)
    status = 400 if form.errors else 200
    return render(request, "designs/design_form.html", {"form": form, "design": design}, status=status)


@login_required
@require_POST
def design_send_for_review(request, slug):
    design = _own_design(request, slug)
    try:
        services.design_submit(design=design, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Your design was submitted and waits for review."))
    return redirect(design)


@login_required
@require_POST
def design_withdraw(request, slug):
    design = _own_design(request, slug)
    try:
        services.design_withdraw(
            design=design, actor=request.user, reason=params.text(request.POST, "reason", max_length=500)
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Your design was withdrawn. Only you can still see it."))
    return redirect(design)
