"""Changes editorial makes outside the page editor."""

from __future__ import annotations

from django.db import transaction
from wagtail.models import Page, Workflow, WorkflowPage

STORY_WORKFLOW = "Story approval"


@transaction.atomic
def story_index_attach_workflow(*, page: Page) -> WorkflowPage | None:
    """Put the story approval workflow on a story index, so its stories wait for a moderator.

    A workflow an editor already chose for the page is left alone.
    """
    workflow = Workflow.objects.filter(name=STORY_WORKFLOW, active=True).first()
    if workflow is None:
        return None
    link, _ = WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})
    return link
