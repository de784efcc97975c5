"""Object storage for uploaded media: a private bucket, reached through the site's /media/ view.

Every file stays private in the bucket. The site links `/media/<name>`; core.media checks who
asks and answers with a short-lived signed URL (docs/operations.md, "Object storage").
"""

from __future__ import annotations

from urllib.parse import urljoin

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.utils.encoding import filepath_to_uri
from django.utils.translation import gettext_lazy as _
from storages.backends.s3 import S3Storage

# What saving or reading a file raises when the file store (disk or bucket) is down or refuses.
STORAGE_ERRORS: tuple[type[BaseException], ...] = (BotoCoreError, ClientError, OSError)
STORAGE_DOWN_MESSAGE = _(
    "Uploads are not possible right now: our file store does not answer. Nothing was saved; "
    "please try again in a few minutes."
)


class PrivateMediaStorage(S3Storage):
    default_acl = "private"
    querystring_auth = True
    file_overwrite = False

    def url(self, name, parameters=None, expire=None, http_method=None):
        return urljoin(settings.MEDIA_URL, filepath_to_uri(name))

    def signed_url(self, name: str, *, expire: int | None = None) -> str:
        return super().url(name, expire=expire)
