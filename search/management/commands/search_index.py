from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from search import indexing


class Command(BaseCommand):
    help = (
        "Rebuild the search index from every source: the database index always, and with "
        "ELASTICSEARCH_URL set a new Elasticsearch index swapped in behind its alias."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="Fill the index again from scratch.")
        parser.add_argument(
            "--backend", choices=["all", "database", "elasticsearch"], default="all", help="Which index to rebuild."
        )
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar.")

    def handle(self, *args, **options):
        if not options["rebuild"]:
            raise CommandError("Say what to do: --rebuild.")
        backend = options["backend"]
        if backend == "elasticsearch" and not settings.ELASTICSEARCH_URL:
            raise CommandError("ELASTICSEARCH_URL is not set.")
        total = indexing.count_indexable()
        if backend in ("all", "database"):
            with tqdm(total=total, desc="Database index", unit="item", disable=options["no_progress"]) as bar:
                count = indexing.rebuild_database(progress=bar.update)
            self.stdout.write(self.style.SUCCESS(f"Database index: {count} items."))
        if backend in ("all", "elasticsearch") and settings.ELASTICSEARCH_URL:
            from search import elastic

            with tqdm(total=total, desc="Elasticsearch index", unit="item", disable=options["no_progress"]) as bar:
                try:
                    name = elastic.rebuild(progress=bar.update)
                except elastic.UNAVAILABLE as exc:
                    raise CommandError(f"Elasticsearch did not answer: {exc}") from exc
            self.stdout.write(self.style.SUCCESS(f"Elasticsearch index {name} is now behind {elastic.alias_name()}."))
