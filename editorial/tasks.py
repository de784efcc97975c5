from __future__ import annotations

from celery import shared_task
from django.core.management import call_command


@shared_task(name="editorial.tasks.publish_scheduled_pages")
def publish_scheduled_pages() -> None:
    """Publish pages whose go-live time has come and unpublish expired ones (Wagtail's own command)."""
    call_command("publish_scheduled", verbosity=0)
