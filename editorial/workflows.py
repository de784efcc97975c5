"""What happens when a workflow is approved (settings.WAGTAIL_FINISH_WORKFLOW_ACTION)."""

from __future__ import annotations


def publish_approved(workflow_state, user=None):
    """Publish the approved revision. The approval is the permission: stories have no Publish button
    (see editorial.models), so the approver's own publish right is not asked for."""
    workflow_state.content_object.get_latest_revision().publish(user=user, skip_permission_checks=True)
