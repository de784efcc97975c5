"""The Celery app. Without REDIS_URL tasks run inline (CELERY_TASK_ALWAYS_EAGER).

With a broker that does not answer, enqueuing a task does not fail the page that asked for
it: the task runs inline in that process instead, and the fallback is logged
(docs/operations.md, "Broker down").
"""

import logging
import os

from celery import Celery, Task
from kombu.exceptions import OperationalError
from redis.exceptions import ConnectionError as RedisConnectionError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

logger = logging.getLogger(__name__)
BROKER_UNAVAILABLE = (OperationalError, RedisConnectionError, ConnectionError, OSError)


class InlineWhenBrokerDownTask(Task):
    def apply_async(self, args=None, kwargs=None, task_id=None, producer=None, link=None, link_error=None, **options):
        try:
            return super().apply_async(args, kwargs, task_id, producer, link, link_error, **options)
        except BROKER_UNAVAILABLE as exc:
            if self.app.conf.task_always_eager:
                raise
            logger.warning("broker unavailable (%s): running task %s inline", exc, self.name)
            # throw=False: a failing task is logged by Celery and never turns into the caller's error.
            return self.apply(args, kwargs, task_id=task_id, link=link, link_error=link_error, throw=False)


app = Celery("commonmade", task_cls=InlineWhenBrokerDownTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="commonmade.ping", ignore_result=False)
def ping() -> str:
    """Answers "pong": lets operators and tests check that a worker takes tasks."""
    return "pong"
