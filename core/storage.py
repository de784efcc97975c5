"""Object storage for uploaded media: a private bucket, reached through the site's /media/ view.

Every file stays private in the bucket. The site links `/media/<name>`; core.media checks who
asks and answers with a short-lived signed URL (docs/operations.md, "Object storage").
"""

from __future__ import annotations

from urllib.parse import urljoin

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage


class PrivateMediaStorage(S3Storage):
    default_acl = "private"
    querystring_auth = True
    file_overwrite = False

    def url(self, name, parameters=None, expire=None, http_method=None):
        return urljoin(settings.MEDIA_URL, filepath_to_uri(name))

    def signed_url(self, name: str, *, expire: int | None = None) -> str:
        return super().url(name, expire=expire)
