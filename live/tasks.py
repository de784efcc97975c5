from celery import shared_task


@shared_task(name="live.tasks.tell_followers")
def tell_followers(show_id: int, what: str) -> int:
    from live.services import followers_tell

    return followers_tell(show_id=show_id, what=what)


@shared_task(name="live.tasks.send_live_reminders")
def send_live_reminders() -> int:
    from live.services import shows_remind_due

    return shows_remind_due()
