"""The Celery app. Without REDIS_URL tasks run inline (CELERY_TASK_ALWAYS_EAGER)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("commonmade")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="commonmade.ping")
def ping() -> str:
    """Answers "pong": lets operators and tests check that a worker takes tasks."""
    return "pong"
